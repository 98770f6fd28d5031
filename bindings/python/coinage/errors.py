"""The exceptions of the Coinage binding: every one is a ``CoinageError``."""

from __future__ import annotations

from typing import Any, Mapping, Optional


class CoinageError(Exception):
    """Anything the binding raises of its own."""


class LibraryError(CoinageError):
    """The C library (libCoinageC) could not be found or loaded."""


class RulesError(CoinageError):
    """The rules could not be read, or they have errors.

    ``diagnostics`` is the library's text: the reading error, or every error of the
    rules as ``coinage check`` prints them (code, file, line, caret and help).
    """

    def __init__(self, diagnostics: str) -> None:
        super().__init__(diagnostics)
        self.diagnostics = diagnostics


class QuoteError(CoinageError):
    """A request was refused: the error object of ``coinage quote --batch``.

    ``code`` is the stable error code (``unknown_region``, ``invalid_request``, ...,
    listed in Docs/Batch.md), ``message`` the reason and ``help`` the fix when there
    is one to suggest; ``error`` is the whole ``{"code", "message", "help"}`` object.
    """

    def __init__(self, error: Mapping[str, Any]) -> None:
        self.error = dict(error)
        self.code: str = str(self.error.get("code", ""))
        self.message: str = str(self.error.get("message", ""))
        self.help: Optional[str] = self.error.get("help")
        super().__init__(f"{self.code}: {self.message}")


class ClosedError(CoinageError):
    """The rules were used after ``close()``."""
