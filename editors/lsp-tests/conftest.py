"""Fixtures for the tests of `coinage lsp`, driven by a real LSP client (pytest-lsp).

Each test gets a copy of the sample shop (`rules/`) in a temporary folder, and a
client connected to `coinage lsp` whose workspace folder is that copy's parent:
the server finds the `rules` folder in it, as it does in a repository.
`COINAGE` names the executable (default: `.build/debug/coinage`).
"""

import asyncio
import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

REPO = pathlib.Path(__file__).resolve().parents[2]
COINAGE = os.environ.get("COINAGE", str(REPO / ".build" / "debug" / "coinage"))
SERVER = ClientServerConfig(server_command=[COINAGE, "lsp"])


@pytest.fixture
def shop(tmp_path):
    """A copy of the sample shop: `tmp_path/rules`."""
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    return rules


@pytest.fixture
def broken_shop(shop):
    """The sample shop with a misspelt bundle, an unknown region in a test and a
    declaration that does not parse."""
    bundles = shop / "bundles.coin"
    text = bundles.read_text()
    text = text.replace("price coins_700   in JP on ios: 1_600 JPY", "price coins_7000x in JP on ios: 1_600 JPY")
    text += "\nbundle half_written: coins,\n\nbundle after_the_break: 10 coins, 0.19 USD\n"
    bundles.write_text(text)
    return shop


async def start(client: LanguageClient, root: pathlib.Path, encodings=None):
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=types.WorkspaceClientCapabilities(workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=False)),
    )
    return await client.initialize_session(types.InitializeParams(
        capabilities=capabilities,
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="shop")],
    ))


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, shop):
    await start(lsp_client, shop.parent)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def broken_client(lsp_client: LanguageClient, broken_shop):
    await start(lsp_client, broken_shop.parent)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def utf8_client(lsp_client: LanguageClient, shop):
    lsp_client.init_result = await start(lsp_client, shop.parent, encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, path: pathlib.Path, text: str = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="coin", version=version, text=path.read_text() if text is None else text)))
    return uri


def change_document(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def eventually(condition, timeout=15.0, what="the condition"):
    """Waits until `condition()` is true (diagnostics arrive as notifications)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        value = condition()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def position_of(text: str, needle: str, occurrence: int = 0, offset: int = 0) -> types.Position:
    """The UTF-16 position of the `occurrence`-th `needle` in `text`, plus `offset` characters."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    index += offset
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return types.Position(line=line, character=len(text[start:index].encode("utf-16-le")) // 2)


def apply_edits(text: str, edits) -> str:
    """`text` with LSP text edits (UTF-16 positions) applied, last first."""
    lines = text.split("\n")

    def offset(position):
        before = "\n".join(lines[:position.line]) + ("\n" if position.line > 0 else "")
        if position.line >= len(lines):
            return len(text)
        units = lines[position.line].encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return len(before) + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text
