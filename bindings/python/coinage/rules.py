"""``Rules``: a checked rule set, opened once, quoted from any thread."""

from __future__ import annotations

import ctypes
import json
import os
import threading
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from . import _library
from .errors import ClosedError, CoinageError, QuoteError, RulesError

Request = Union[Mapping[str, Any], str, bytes]
Lines = Union[str, bytes, Iterable[Request]]


def version() -> str:
    """The C library's version, the version of ``coinage --version``."""
    return _library.load().coinage_version().decode("utf-8")


def _request_bytes(request: Request) -> bytes:
    """A request as the bytes of one JSON line: a mapping is dumped, text is taken as written."""
    if isinstance(request, bytes):
        return request
    if isinstance(request, str):
        return request.encode("utf-8", "surrogatepass")
    # Compact and in UTF-8, the plain form the library reads fastest; a lone
    # surrogate is passed on for the library to refuse, not raised here.
    return json.dumps(request, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")


def _parse(line: bytes) -> Dict[str, Any]:
    """One output line as a dict; a byte that is not UTF-8 (echoed from a bad request) becomes U+FFFD."""
    return json.loads(line.decode("utf-8", "replace"))


class Rules:
    """The rules of a directory (or one ``.coin`` file), read, checked and compiled.

    Raises ``RulesError`` when they cannot be read or have errors. Any number of
    threads may quote at once (the library call releases the GIL); ``close()`` waits
    for the calls in flight, and a call after it raises ``ClosedError``.
    """

    def __init__(self, path: Union[str, "os.PathLike[str]", bytes]) -> None:
        self._library = _library.load()
        self._handle: Optional[int] = None
        self._state = threading.Condition()
        self._calls = 0
        error = ctypes.c_void_p()
        handle = self._library.coinage_open(os.fsencode(path), ctypes.byref(error))
        if not handle:
            message = _library.take(self._library, error.value).decode("utf-8", "replace")
            raise RulesError(message or "the rules could not be opened")
        self._handle = handle

    # Lifetime

    @property
    def closed(self) -> bool:
        with self._state:
            return self._handle is None

    def close(self) -> None:
        """Closes the rules once the calls in flight return; closing again does nothing."""
        with self._state:
            handle, self._handle = self._handle, None
            while self._calls:
                self._state.wait()
        if handle:
            self._library.coinage_close(handle)

    def __enter__(self) -> "Rules":
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - nothing to report to at collection time
            pass

    def _enter(self) -> int:
        """The handle for one call, counted so that ``close`` waits for it."""
        with self._state:
            if self._handle is None:
                raise ClosedError("the rules are closed")
            self._calls += 1
            return self._handle

    def _leave(self) -> None:
        with self._state:
            self._calls -= 1
            if not self._calls:
                self._state.notify_all()

    # Quoting

    def quote_bytes(self, request: Request) -> bytes:
        """The JSON line ``coinage quote --batch`` writes for one request (no newline), refused or not."""
        return self._quote(request)[1]

    def quote(self, request: Request) -> Dict[str, Any]:
        """The quote of one request, as the dict of ``coinage quote --json``.

        ``request`` is a mapping with the keys of a batch request line (Docs/Batch.md),
        or the line itself as text. A refused or malformed request raises
        ``QuoteError`` with the error object's ``code``, ``message`` and ``help``.
        """
        status, line = self._quote(request)
        answer = _parse(line)
        if status == _library.REFUSED:
            raise QuoteError(answer.get("error", {}))
        return answer

    def _quote(self, request: Request) -> "tuple[int, bytes]":
        data = _request_bytes(request)
        output, length = ctypes.c_void_p(), ctypes.c_size_t()
        handle = self._enter()
        try:
            status = self._library.coinage_quote(handle, data, len(data), ctypes.byref(output), ctypes.byref(length))
        finally:
            self._leave()
        return self._checked(status), _library.take(self._library, output.value, length.value)

    def quote_lines(self, lines: Lines, *, raw: bool = False) -> Union[List[Dict[str, Any]], bytes]:
        """Quotes many requests at once, as ``coinage quote --batch`` quotes its input.

        ``lines`` is JSON lines (``str`` or ``bytes``) or an iterable of requests
        (mappings or lines of text). The answer has one dict per request, in order: a
        quote, or ``{"error": {...}}`` for a refused or malformed line; blank lines are
        skipped. With ``raw=True`` it is the batch's output bytes instead.
        """
        if isinstance(lines, (str, bytes)):
            data = _request_bytes(lines)
        else:
            data = b"".join(_request_bytes(request) + b"\n" for request in lines)
        output, length, refused = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_size_t()
        handle = self._enter()
        try:
            status = self._library.coinage_quote_lines(
                handle, data, len(data), ctypes.byref(output), ctypes.byref(length), ctypes.byref(refused))
        finally:
            self._leave()
        self._checked(status)
        written = _library.take(self._library, output.value, length.value)
        if raw:
            return written
        return [_parse(line) for line in written.split(b"\n") if line]

    def hash(self) -> str:
        """The SHA-256 content hash of the rules: the ``rules`` of every quote."""
        handle = self._enter()
        try:
            buffer = self._library.coinage_rules_hash(handle)
        finally:
            self._leave()
        if not buffer:
            raise MemoryError("the Coinage library could not allocate the hash")
        return _library.take(self._library, buffer).decode("ascii")

    @staticmethod
    def _checked(status: int) -> int:
        if status == _library.OUT_OF_MEMORY:
            raise MemoryError("the Coinage library could not allocate its output")
        if status not in (_library.QUOTED, _library.REFUSED):
            raise CoinageError(f"the Coinage library refused the call (status {status})")
        return status
