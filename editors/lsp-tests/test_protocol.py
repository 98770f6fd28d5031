"""The protocol itself, with raw frames: errors for bad input (never an exit),
`initialize` first, and `shutdown` then `exit` with status 0 (1 otherwise)."""

import json
import subprocess

from conftest import COINAGE


class Raw:
    def __init__(self, root=None):
        self.process = subprocess.Popen([COINAGE, "lsp"] + (["--rules", str(root)] if root else []),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def send_bytes(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = message if isinstance(message, bytes) else json.dumps(message).encode()
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def receive(self):
        """The next answer; notifications (diagnostics, messages) are passed over."""
        while True:
            message = self.receive_any()
            if "id" in message:
                return message

    def receive_any(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self.process.stdout.read(1)
            assert byte, "the server closed its output"
            header += byte
        length = int(header.split(b":")[1])
        return json.loads(self.process.stdout.read(length))

    def request(self, id, method, params=None):
        self.send({"jsonrpc": "2.0", "id": id, "method": method, "params": params or {}})
        return self.receive()

    def initialize(self, root):
        answer = self.request(1, "initialize", {"rootUri": root.as_uri(), "capabilities": {}})
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        return answer

    def finish(self, *, shutdown=True):
        if shutdown:
            assert self.request(99, "shutdown")["result"] is None
        self.send({"jsonrpc": "2.0", "method": "exit"})
        return self.process.wait(timeout=30)


def error_code(answer):
    assert "error" in answer, answer
    return answer["error"]["code"]


def test_requests_before_initialize_are_refused(shop):
    raw = Raw()
    assert error_code(raw.request(1, "textDocument/hover")) == -32002
    assert raw.initialize(shop.parent)["result"]["capabilities"]["hoverProvider"] is True
    assert raw.finish() == 0


def test_bad_input_gets_errors_and_the_server_goes_on(shop):
    raw = Raw()
    raw.initialize(shop.parent)
    raw.send(b"{not json")
    assert error_code(raw.receive()) == -32700
    raw.send(b"[]")
    assert error_code(raw.receive()) == -32600
    raw.send({"jsonrpc": "2.0", "id": 5})
    assert error_code(raw.receive()) == -32600
    raw.send({"id": 6, "method": "shutdown"})
    assert error_code(raw.receive()) == -32600
    assert error_code(raw.request(7, "textDocument/noSuchThing")) == -32601
    assert error_code(raw.request(8, "textDocument/hover", {"textDocument": {"uri": 3}})) == -32602
    assert error_code(raw.request(9, "textDocument/definition", {"textDocument": {"uri": "file:///x.coin"},
                                                                 "position": {"line": -1, "character": 0}})) == -32602
    # A header without a length, then a body the header does not announce.
    raw.send_bytes(b"Content-Type: application/json\r\n\r\n")
    assert error_code(raw.receive()) == -32700
    # A second initialize is refused; an unknown notification is passed over.
    assert error_code(raw.request(10, "initialize", {"capabilities": {}})) == -32600
    raw.send({"jsonrpc": "2.0", "method": "$/unknownNotification", "params": {}})
    answer = raw.request(11, "workspace/symbol", {"query": "coins_70"})
    assert answer["id"] == 11 and any(symbol["name"] == "coins_70" for symbol in answer["result"])
    assert raw.finish() == 0


def test_after_shutdown_only_exit_is_accepted(shop):
    raw = Raw()
    raw.initialize(shop.parent)
    assert raw.request(2, "shutdown")["result"] is None
    assert error_code(raw.request(3, "textDocument/hover")) == -32600
    assert raw.finish(shutdown=False) == 0


def test_exit_without_shutdown_is_status_1(shop):
    raw = Raw()
    raw.initialize(shop.parent)
    assert raw.finish(shutdown=False) == 1


def test_end_of_input_without_shutdown_is_status_1(shop):
    raw = Raw(shop)
    raw.initialize(shop.parent)
    raw.process.stdin.close()
    assert raw.process.wait(timeout=30) == 1


def test_rules_option_names_the_directory(shop, tmp_path):
    raw = Raw(shop)
    raw.request(1, "initialize", {"rootUri": (tmp_path / "elsewhere").as_uri(), "capabilities": {}})
    answer = raw.request(2, "workspace/symbol", {"query": "black_friday"})
    # Nothing is open: the index is built on `initialized`.
    raw.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    answer = raw.request(3, "workspace/symbol", {"query": "black_friday"})
    assert [symbol["name"] for symbol in answer["result"]] == ["black_friday"]
    assert raw.finish() == 0
