"""Coinage from Python: price bundles with a rule set's C library, over ctypes.

    import coinage

    with coinage.Rules("rules") as rules:
        quote = rules.quote({"bundle": "coins_700", "region": "DE", "channel": "web",
                             "at": "2026-11-28T10:00:00Z"})
        print(quote["total"])   # {'amount': '5.19', 'currency': 'EUR'}

Standard library only; the C library is found as ``coinage._library`` describes.
"""

from .errors import ClosedError, CoinageError, LibraryError, QuoteError, RulesError
from .rules import Rules, version

__all__ = ["Rules", "version", "CoinageError", "LibraryError", "RulesError", "QuoteError", "ClosedError"]
