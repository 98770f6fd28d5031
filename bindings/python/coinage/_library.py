"""Finding and loading libCoinageC, and the ctypes signatures of its functions.

The library is ``$COINAGE_LIBRARY`` when that is set (and only then), otherwise the
first of: the library beside this package, then ``.build/release`` and
``.build/debug`` of the Coinage checkout this package sits in
(``bindings/python/coinage`` is three folders below the checkout's root).
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from pathlib import Path
from typing import List, Mapping, Optional

from .errors import LibraryError

#: The statuses of coinage.h.
QUOTED = 0
REFUSED = 1
INVALID_ARGUMENT = -1
OUT_OF_MEMORY = -2

_loaded: Optional[ctypes.CDLL] = None
_loading = threading.Lock()


def library_file_name() -> str:
    """The library's file name on this platform."""
    if sys.platform == "darwin":
        return "libCoinageC.dylib"
    if sys.platform == "win32":
        return "CoinageC.dll"
    return "libCoinageC.so"


def candidates(environ: Mapping[str, str] = os.environ) -> List[Path]:
    """The paths tried, in order: the environment's alone when it names one."""
    named = environ.get("COINAGE_LIBRARY")
    if named:
        return [Path(named)]
    name = library_file_name()
    package = Path(__file__).resolve().parent
    root = package.parent.parent.parent
    return [package / name, root / ".build" / "release" / name, root / ".build" / "debug" / name]


def locate(environ: Mapping[str, str] = os.environ) -> Path:
    """The library to load, or ``LibraryError`` naming every place looked in."""
    tried = candidates(environ)
    for path in tried:
        if path.is_file():
            return path
    places = ", ".join(str(path) for path in tried)
    raise LibraryError(
        f"cannot find the Coinage C library; looked in {places}. "
        "Build it with `swift build -c release --product CoinageC` or set COINAGE_LIBRARY to its path"
    )


def load(environ: Mapping[str, str] = os.environ) -> ctypes.CDLL:
    """The loaded library, with its functions typed; loaded once per process."""
    global _loaded
    with _loading:
        if _loaded is None:
            path = locate(environ)
            try:
                library = ctypes.CDLL(str(path))
            except OSError as error:
                raise LibraryError(f"cannot load the Coinage C library `{path}`: {error}") from error
            _declare(library)
            _loaded = library
        return _loaded


def _declare(library: ctypes.CDLL) -> None:
    """Gives each function the types of coinage.h, so ctypes converts nothing by guess.

    Buffers the library allocates come back as ``c_void_p``, never ``c_char_p``:
    ctypes would copy a ``c_char_p`` result and lose the pointer ``coinage_free`` needs.
    """
    out = ctypes.POINTER(ctypes.c_void_p)
    size = ctypes.POINTER(ctypes.c_size_t)
    library.coinage_version.argtypes = []
    library.coinage_version.restype = ctypes.c_char_p
    library.coinage_open.argtypes = [ctypes.c_char_p, out]
    library.coinage_open.restype = ctypes.c_void_p
    library.coinage_quote.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, out, size]
    library.coinage_quote.restype = ctypes.c_int
    library.coinage_quote_lines.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, out, size, size]
    library.coinage_quote_lines.restype = ctypes.c_int
    library.coinage_rules_hash.argtypes = [ctypes.c_void_p]
    library.coinage_rules_hash.restype = ctypes.c_void_p
    library.coinage_free.argtypes = [ctypes.c_void_p]
    library.coinage_free.restype = None
    library.coinage_close.argtypes = [ctypes.c_void_p]
    library.coinage_close.restype = None


def take(library: ctypes.CDLL, buffer: Optional[int], length: Optional[int] = None) -> bytes:
    """The bytes of a buffer the library returned, which is then freed."""
    if not buffer:
        return b""
    try:
        return ctypes.string_at(buffer, length) if length is not None else ctypes.string_at(buffer)
    finally:
        library.coinage_free(buffer)
