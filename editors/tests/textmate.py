"""A small TextMate tokenizer, for testing editors/coinage.tmLanguage.json.

It implements the subset of the TextMate grammar format that the Coinage grammar
uses, with the rules vscode-textmate follows:

- `match` rules, `begin`/`end` rules, `patterns`, `name`, `captures`,
  `beginCaptures` and `endCaptures` (a name with spaces is several scopes);
- `include` of `#rule` (from the repository) and `$self`;
- lines are tokenized one at a time with a "\\n" appended, as editors do, so `$`
  matches at the end of the line and `^` only at its start;
- at each position, the match that starts first wins; on a tie, the open
  rule's `end` wins over its patterns, and among patterns the first listed wins.

Regexes are run with Python's `re`, or with Oniguruma (onig.py) when given that
engine; the grammar keeps to the syntax both accept, and the tests compare the
tokens the two engines give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

ROOT_SCOPE = "source.coin"


class GrammarError(Exception):
    """The grammar uses something this tokenizer does not support, or is broken."""


@dataclass
class Token:
    """A run of characters of one line with the same scopes."""

    start: int
    end: int
    text: str
    scopes: tuple[str, ...]


@dataclass
class _Frame:
    """An open `begin`/`end` rule (or the root) on the tokenizer's stack."""

    rule: dict
    scopes: list[str]
    end: re.Pattern | None = None


@dataclass
class Tokenizer:
    """Tokenizes text line by line with a TextMate grammar (a parsed JSON dict)."""

    grammar: dict
    # Compiles a regex: Python's `re` by default; onig.compile runs Oniguruma instead.
    engine: Callable[[str], Any] = re.compile
    _compiled: dict[str, re.Pattern] = field(default_factory=dict)
    _flattened: dict[int, list[dict]] = field(default_factory=dict)

    def regex(self, source: str) -> re.Pattern:
        """Compiles a grammar regex once."""
        if source not in self._compiled:
            try:
                self._compiled[source] = self.engine(source)
            except Exception as error:  # re.error, or onig.OnigError
                raise GrammarError(f"regex {source!r} does not compile: {error}") from error
        return self._compiled[source]

    def resolve(self, rule: dict, seen: frozenset = frozenset()) -> list[dict]:
        """The `match`/`begin` rules a rule stands for, with includes flattened in order."""
        if "include" in rule:
            target = rule["include"]
            if target == "$self":
                resolved = {"patterns": self.grammar["patterns"]}
            elif target.startswith("#"):
                name = target[1:]
                if name not in self.grammar.get("repository", {}):
                    raise GrammarError(f"include {target!r} names no repository rule")
                resolved = self.grammar["repository"][name]
            else:
                raise GrammarError(f"include {target!r} is not supported")
            if target in seen:
                return []  # A rule already being flattened adds nothing new.
            return self.resolve(resolved, seen | {target})
        if "match" in rule or "begin" in rule:
            return [rule]
        out: list[dict] = []
        for child in rule.get("patterns", []):
            out.extend(self.resolve(child, seen))
        return out

    def _patterns(self, rule: dict) -> list[dict]:
        """The flattened patterns of an open rule, computed once per rule."""
        key = id(rule)
        if key not in self._flattened:
            self._flattened[key] = self.resolve({"patterns": rule.get("patterns", [])})
        return self._flattened[key]

    def tokenize(self, text: str) -> list[list[Token]]:
        """Tokenizes a whole text; one list of tokens per line."""
        stack = [_Frame(rule=self.grammar, scopes=[ROOT_SCOPE])]
        lines = re.split(r"\r\n|\r|\n", text)
        return [self._line(line, stack) for line in lines]

    def _line(self, line: str, stack: list[_Frame]) -> list[Token]:
        text = line + "\n"
        scopes: list[list[str]] = [list(stack[-1].scopes) for _ in text]
        pos = 0
        guard = 0
        found: dict[str, re.Match | None] = {}
        while pos <= len(text):
            guard += 1
            if guard > 10 * len(text) + 100:
                raise GrammarError(f"endless loop at column {pos + 1} of {line!r}")
            frame = stack[-1]
            best = None  # (start, order, kind, rule, match)
            if frame.end is not None:
                m = frame.end.search(text, pos)
                if m:
                    best = (m.start(), -1, "end", frame.rule, m)
            for order, rule in enumerate(self._patterns(frame.rule)):
                m = self._search(rule.get("match", rule.get("begin")), text, pos, found)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), order, "match" if "match" in rule else "begin", rule, m)
            if best is None:
                self._paint(scopes, pos, len(text), frame.scopes)
                break
            start, _, kind, rule, m = best
            self._paint(scopes, pos, start, frame.scopes)
            if kind == "end":
                self._paint(scopes, start, m.end(), frame.scopes)
                self._captures(scopes, m, rule.get("endCaptures", {}))
                stack.pop()
            elif kind == "match":
                base = frame.scopes + self._names(rule)
                self._paint(scopes, start, m.end(), base)
                self._captures(scopes, m, rule.get("captures", {}))
                if m.end() == start:
                    # An empty match makes no progress: step over one character.
                    pos = start + 1
                    continue
            else:
                base = frame.scopes + self._names(rule)
                self._paint(scopes, start, m.end(), base)
                self._captures(scopes, m, rule.get("beginCaptures", rule.get("captures", {})))
                if m.end() == start:
                    raise GrammarError(f"begin {rule['begin']!r} matched nothing in {line!r}")
                stack.append(_Frame(rule=rule, scopes=base, end=self.regex(rule["end"])))
            pos = m.end()
            if pos >= len(text) and kind != "end":
                break
        return self._tokens(line, scopes[: len(line)])

    def _search(self, source: str, text: str, pos: int, found: dict) -> re.Match | None:
        """The first match at or after `pos`, reusing an earlier search of this line.

        A search from an earlier position that found nothing, or found a match at
        or after `pos`, gives the same answer as a new search: a match at a position
        does not depend on where the search started (the grammar uses no `\\G`).
        """
        if source in found:
            m = found[source]
            if m is None or m.start() >= pos:
                return m
        m = self.regex(source).search(text, pos)
        found[source] = m
        return m

    @staticmethod
    def _names(rule: dict) -> list[str]:
        return rule["name"].split() if "name" in rule else []

    @staticmethod
    def _paint(scopes: list[list[str]], start: int, end: int, base: list[str]) -> None:
        for i in range(start, min(end, len(scopes))):
            scopes[i] = list(base)

    def _captures(self, scopes: list[list[str]], m: re.Match, captures: dict) -> None:
        # Groups in number order: an outer group is numbered before the groups inside it.
        for key in sorted(captures, key=int):
            group = int(key)
            try:
                if m.start(group) < 0:
                    continue  # The group took no part in the match.
            except IndexError:
                continue  # The regex has fewer groups.
            for i in range(m.start(group), m.end(group)):
                scopes[i] = scopes[i] + self._names(captures[key])

    @staticmethod
    def _tokens(line: str, scopes: list[list[str]]) -> list[Token]:
        tokens: list[Token] = []
        for i, char in enumerate(line):
            current = tuple(scopes[i])
            if tokens and tokens[-1].scopes == current and tokens[-1].end == i:
                last = tokens[-1]
                tokens[-1] = Token(last.start, i + 1, last.text + char, current)
            else:
                tokens.append(Token(i, i + 1, char, current))
        return tokens
