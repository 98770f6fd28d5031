"""Oniguruma, the regex engine of VS Code's TextMate tokenizer, through ctypes.

`compile(source)` gives an object with the part of `re.Pattern`'s interface that
textmate.Tokenizer uses (`search(text, pos)`, and matches with `start`, `end`),
so the same tokenizer runs the grammar with either engine and the tests can
compare the two. Options as in vscode-oniguruma: UTF-8, the Oniguruma syntax,
ONIG_OPTION_CAPTURE_GROUP. `available()` is False when libonig is not installed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from bisect import bisect_left

_ONIG_OPTION_CAPTURE_GROUP = 1 << 8
_ONIG_MISMATCH = -1


class _Region(ctypes.Structure):
    _fields_ = [
        ("allocated", ctypes.c_int),
        ("num_regs", ctypes.c_int),
        ("beg", ctypes.POINTER(ctypes.c_int)),
        ("end", ctypes.POINTER(ctypes.c_int)),
        ("history_root", ctypes.c_void_p),
    ]


def _load():
    name = ctypes.util.find_library("onig")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
        encoding = ctypes.addressof(ctypes.c_char.in_dll(lib, "OnigEncodingUTF8"))
        syntax = ctypes.addressof(ctypes.c_char.in_dll(lib, "OnigSyntaxOniguruma"))
    except (OSError, ValueError):
        return None
    lib.onig_initialize.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int]
    lib.onig_new.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p, ctypes.c_void_p,
                             ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.onig_search.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                                ctypes.c_void_p, ctypes.POINTER(_Region), ctypes.c_uint]
    lib.onig_region_new.restype = ctypes.POINTER(_Region)
    lib.onig_region_free.argtypes = [ctypes.POINTER(_Region), ctypes.c_int]
    lib.onig_free.argtypes = [ctypes.c_void_p]
    encodings = (ctypes.c_void_p * 1)(encoding)
    lib.onig_initialize(encodings, 1)
    return lib, encoding, syntax


_LIB = _load()


def available() -> bool:
    return _LIB is not None


class OnigError(Exception):
    """Oniguruma refused a pattern."""


class _Match:
    """The groups of one Oniguruma match, in character offsets of the text."""

    def __init__(self, spans: list[tuple[int, int]]):
        self._spans = spans

    def start(self, group: int = 0) -> int:
        return self._spans[group][0]

    def end(self, group: int = 0) -> int:
        return self._spans[group][1]


class _Text:
    """A text as UTF-8 bytes, with the byte offset of each character."""

    def __init__(self, text: str):
        self.text = text
        self.data = text.encode("utf-8", errors="surrogatepass")
        self.buffer = ctypes.create_string_buffer(self.data, len(self.data) + 1)
        offsets, at = [], 0
        for char in text:
            offsets.append(at)
            at += len(char.encode("utf-8", errors="surrogatepass"))
        offsets.append(at)
        self.offsets = offsets

    def char_offset(self, byte_offset: int) -> int:
        return bisect_left(self.offsets, byte_offset)


class Pattern:
    """A compiled Oniguruma regex."""

    _last_text: _Text | None = None

    def __init__(self, source: str):
        if _LIB is None:
            raise OnigError("libonig is not installed")
        lib, encoding, syntax = _LIB
        self.source = source
        data = source.encode("utf-8")
        self._source_buffer = ctypes.create_string_buffer(data, len(data) + 1)
        start = ctypes.addressof(self._source_buffer)
        self._regex = ctypes.c_void_p()
        error_info = ctypes.create_string_buffer(64)
        status = lib.onig_new(ctypes.byref(self._regex), start, start + len(data), _ONIG_OPTION_CAPTURE_GROUP,
                              encoding, syntax, error_info)
        if status != 0:
            raise OnigError(f"Oniguruma refuses {source!r} (error {status})")

    def __del__(self):
        if _LIB is not None and getattr(self, "_regex", None):
            _LIB[0].onig_free(self._regex)

    @classmethod
    def _encoded(cls, text: str) -> _Text:
        if cls._last_text is None or cls._last_text.text != text:
            cls._last_text = _Text(text)
        return cls._last_text

    def search(self, text: str, pos: int = 0) -> _Match | None:
        lib = _LIB[0]
        encoded = self._encoded(text)
        base = ctypes.addressof(encoded.buffer)
        end = base + len(encoded.data)
        region = lib.onig_region_new()
        try:
            found = lib.onig_search(self._regex, base, end, base + encoded.offsets[pos], end, region, 0)
            if found == _ONIG_MISMATCH:
                return None
            if found < 0:
                raise OnigError(f"search with {self.source!r} failed (error {found})")
            spans = []
            for group in range(region.contents.num_regs):
                begin, finish = region.contents.beg[group], region.contents.end[group]
                spans.append((-1, -1) if begin < 0 else (encoded.char_offset(begin), encoded.char_offset(finish)))
            return _Match(spans)
        finally:
            lib.onig_region_free(region, 1)


def compile(source: str) -> Pattern:  # noqa: A001 - named after `re.compile`, which it stands in for
    """Compiles a regex with Oniguruma; raises OnigError when it refuses it."""
    return Pattern(source)
