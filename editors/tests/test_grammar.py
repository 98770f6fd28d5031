"""Tests of the TextMate grammar editors/coinage.tmLanguage.json.

- The grammar is well formed: the keys an editor needs, every rule of a known
  kind, every `include` resolves, every regex compiles in Python's `re` (and in
  Oniguruma, the engine of VS Code, when libonig is installed), and keeps to the
  syntax both engines read the same way.
- Every sample rules file of the repository is tokenized, and every character
  that is not white space gets a scope of its own: not just `source.coin`, and not
  just a `meta.*` scope that spans a whole declaration or block.
- In the files that `coinage check` accepts, no token is marked `invalid`.
- With Oniguruma, the tokenizer gives the same tokens as with Python's `re`.

test_tokenizer.py tests the tokenizer itself and the scopes of hand-written lines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import onig
from textmate import ROOT_SCOPE, Tokenizer

REPO = Path(__file__).resolve().parents[2]
GRAMMAR_PATH = REPO / "editors" / "coinage.tmLanguage.json"

# Files that are meant to be valid rules: no token of theirs may be `invalid`.
VALID_ROOTS = ["rules", "Examples", "Tests/CoinageCLITests/Fixtures", "Tests/CoinageFormatTests/Goldens"]
# Fixtures that hold mistakes on purpose (their tests expect diagnostics).
BROKEN_PARTS = {"broken"}
# Every file of these is tokenized for coverage, mistakes and all (the diagnostic
# goldens are small files with one mistake each; the fuzz seeds are odd corners).
ALL_ROOTS = VALID_ROOTS + ["Tests", "Fuzz/seeds"]


def load_grammar() -> dict:
    return json.loads(GRAMMAR_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def grammar() -> dict:
    return load_grammar()


@pytest.fixture(scope="module")
def tokenizer(grammar: dict) -> Tokenizer:
    return Tokenizer(grammar)


def sample_files(roots: list[str]) -> list[Path]:
    files: set[Path] = set()
    for root in roots:
        files.update((REPO / root).rglob("*.coin"))
    return sorted(files)


def valid_sample_files() -> list[Path]:
    return [
        path for path in sample_files(VALID_ROOTS)
        if not BROKEN_PARTS & set(path.relative_to(REPO).parts)
    ]


def read_source(path: Path) -> str:
    text = path.read_bytes().decode("utf-8", errors="replace")
    # Editors drop a byte-order mark before they tokenize, as the Coinage lexer does.
    return text[1:] if text.startswith("\ufeff") else text


def own_scopes(scopes: tuple[str, ...]) -> list[str]:
    """The scopes that say what a token is: not the root, not a region's `meta.*`."""
    return [scope for scope in scopes if scope != ROOT_SCOPE and not scope.startswith("meta.")]


def scope_at(tokenizer: Tokenizer, text: str, needle: str, line: int = 0) -> tuple[str, ...]:
    """The scopes of the first character of `needle` on a line of `text`."""
    tokens = tokenizer.tokenize(text)[line]
    column = text.splitlines()[line].index(needle)
    for token in tokens:
        if token.start <= column < token.end:
            return tuple(s for s in token.scopes if s != ROOT_SCOPE)
    raise AssertionError(f"no token at column {column}")


# MARK: - The grammar is well formed


def all_rules(grammar: dict):
    """Every rule of the grammar, with where it stands."""
    def walk(rule: dict, where: str):
        yield where, rule
        for i, child in enumerate(rule.get("patterns", [])):
            yield from walk(child, f"{where}/patterns[{i}]")
    for i, rule in enumerate(grammar["patterns"]):
        yield from walk(rule, f"patterns[{i}]")
    for name, rule in grammar["repository"].items():
        yield from walk(rule, f"repository/{name}")


def all_regexes(grammar: dict):
    for where, rule in all_rules(grammar):
        for key in ("match", "begin", "end"):
            if key in rule:
                yield f"{where}/{key}", rule[key]


def test_grammar_has_the_keys_editors_need(grammar: dict):
    assert grammar["scopeName"] == "source.coin"
    assert grammar["fileTypes"] == ["coin"]
    assert grammar["name"] == "Coinage"
    assert isinstance(grammar["patterns"], list) and grammar["patterns"]
    assert isinstance(grammar["repository"], dict) and grammar["repository"]


def test_every_rule_is_of_a_known_kind(grammar: dict):
    known = {"match", "begin", "end", "name", "contentName", "captures", "beginCaptures",
             "endCaptures", "patterns", "include", "comment"}
    for where, rule in all_rules(grammar):
        assert set(rule) <= known, f"{where}: unknown keys {set(rule) - known}"
        kinds = [k for k in ("match", "begin", "include") if k in rule]
        assert len(kinds) <= 1, f"{where}: more than one of match, begin, include"
        if "begin" in rule:
            assert "end" in rule, f"{where}: begin without end"
        if "end" in rule:
            assert "begin" in rule, f"{where}: end without begin"
        if not kinds:
            assert "patterns" in rule, f"{where}: neither a match, a begin, an include nor patterns"
        for key in ("captures", "beginCaptures", "endCaptures"):
            for group, capture in rule.get(key, {}).items():
                assert group.isdigit(), f"{where}/{key}: group {group!r} is not a number"
                assert set(capture) <= {"name", "patterns"}, f"{where}/{key}/{group}"


def test_every_include_resolves(grammar: dict):
    repository = grammar["repository"]
    for where, rule in all_rules(grammar):
        if "include" in rule:
            target = rule["include"]
            assert target == "$self" or (target.startswith("#") and target[1:] in repository), \
                f"{where}: include {target!r} does not resolve"


def test_every_repository_rule_is_used(grammar: dict):
    included = {rule["include"][1:] for _, rule in all_rules(grammar) if "include" in rule}
    assert set(grammar["repository"]) <= included


def test_every_scope_ends_in_the_language(grammar: dict):
    for where, rule in all_rules(grammar):
        names = [rule.get("name", "")] + [
            capture.get("name", "")
            for key in ("captures", "beginCaptures", "endCaptures")
            for capture in rule.get(key, {}).values()
        ]
        for scope in " ".join(names).split():
            assert scope.endswith(".coin"), f"{where}: scope {scope!r}"


def test_every_regex_compiles_in_python(grammar: dict):
    for where, source in all_regexes(grammar):
        try:
            re.compile(source)
        except re.error as error:
            pytest.fail(f"{where}: {source!r}: {error}")
        if where.endswith("/end"):
            # The tokenizer does not fill an `end` in from its `begin`'s groups.
            assert not re.search(r"\\[1-9]", source), f"{where}: back-reference in {source!r}"


# Constructs that Oniguruma and Python's `re` read differently, or only one reads.
NOT_PORTABLE = [
    (r"\(\?P?<[A-Za-z_]", "named group"),
    (r"\(\?>", "atomic group"),
    (r"(?<!\\)[*+?}]\+", "possessive quantifier"),
    (r"\\[hHGAzZRXKpPk]", "escape that only one engine knows"),
    (r"\\x\{", "braced hex escape"),
    (r"\(\?[imx]", "inline flag"),
    (r"\[\[:", "POSIX class"),
]


def test_every_regex_is_in_the_portable_subset(grammar: dict):
    for where, source in all_regexes(grammar):
        unescaped = re.sub(r"\\\\", "", source)
        for pattern, what in NOT_PORTABLE:
            assert not re.search(pattern, unescaped), f"{where}: {what} in {source!r}"


@pytest.mark.skipif(not onig.available(), reason="libonig is not installed")
def test_every_regex_compiles_in_oniguruma(grammar: dict):
    for where, source in all_regexes(grammar):
        try:
            onig.compile(source)
        except onig.OnigError as error:
            pytest.fail(f"{where}: {error}")


# MARK: - Every token of every sample gets a scope


def test_the_samples_are_found():
    assert len(sample_files(["rules"])) >= 5
    assert len(sample_files(["Examples"])) >= 5
    assert len(valid_sample_files()) >= 50


def test_every_character_of_every_sample_has_a_scope(tokenizer: Tokenizer):
    unscoped = []
    characters = 0
    for path in sample_files(ALL_ROOTS):
        for number, tokens in enumerate(tokenizer.tokenize(read_source(path)), start=1):
            for token in tokens:
                if token.text.strip() == "":
                    continue
                characters += len(token.text.replace(" ", ""))
                if not own_scopes(token.scopes):
                    column = token.start + len(token.text) - len(token.text.lstrip()) + 1
                    unscoped.append(f"{path.relative_to(REPO)}:{number}:{column}: {token.text.strip()!r}")
    assert not unscoped, "characters without a scope:\n" + "\n".join(unscoped[:50])
    assert characters > 10_000


def test_no_token_of_a_valid_sample_is_invalid(tokenizer: Tokenizer):
    invalid = []
    for path in valid_sample_files():
        for number, tokens in enumerate(tokenizer.tokenize(read_source(path)), start=1):
            for token in tokens:
                if any(scope.startswith("invalid.") for scope in token.scopes):
                    invalid.append(f"{path.relative_to(REPO)}:{number}:{token.start + 1}: {token.text!r} {token.scopes}")
    assert not invalid, "tokens marked invalid in a valid sample:\n" + "\n".join(invalid[:50])


def test_every_block_of_a_valid_sample_closes(tokenizer: Tokenizer):
    # An indented declaration after the last line is at the top level only when
    # every block the file opens (experiments, their arms, promotions...) is closed:
    # a block that swallowed its neighbours would still be open here.
    still_open = []
    for path in valid_sample_files():
        lines = tokenizer.tokenize(read_source(path) + "\n  rate EUR 1\n")
        first = next(token for token in lines[-2] if token.text.strip())
        if first.scopes != (ROOT_SCOPE, "meta.declaration.rate.coin", "storage.type.rate.coin"):
            still_open.append(f"{path.relative_to(REPO)}: {first.scopes}")
    assert not still_open, "blocks left open at the end of a valid sample:\n" + "\n".join(still_open[:50])


def test_the_samples_with_experiments_highlight_them(tokenizer: Tokenizer):
    samples = [path for path in valid_sample_files() if re.search(r"^experiment\b", read_source(path), re.M)]
    assert REPO / "Examples" / "cheering" / "experiments.coin" in samples
    assert len(samples) >= 3
    for path in samples:
        scopes = {scope for line in tokenizer.tokenize(read_source(path)) for token in line for scope in token.scopes}
        assert {"storage.type.experiment.coin", "entity.name.type.experiment.coin", "keyword.other.arm.coin",
                "entity.name.type.arm.coin", "meta.block.arm.coin"} <= scopes, path.relative_to(REPO)


def test_mistakes_are_marked_invalid(tokenizer: Tokenizer):
    assert "invalid.illegal.character.coin" in scope_at(tokenizer, "rate EUR 0.86 & 1", "&")
    assert "invalid.illegal.number.coin" in scope_at(tokenizer, "rate EUR 1__0", "1__0")
    assert "invalid.illegal.escape.coin" in scope_at(tokenizer, 'test "a\\qb" {', "\\")


@pytest.mark.skipif(not onig.available(), reason="libonig is not installed")
def test_oniguruma_gives_the_same_tokens_as_python(grammar: dict, tokenizer: Tokenizer):
    # The tokenizer with VS Code's regex engine: any regex the two engines read
    # differently shows up as a different token in some sample.
    with_onig = Tokenizer(grammar, engine=onig.compile)
    differences = []
    for path in sample_files(ALL_ROOTS):
        text = read_source(path)
        for number, (ours, theirs) in enumerate(zip(tokenizer.tokenize(text), with_onig.tokenize(text)), start=1):
            if ours != theirs:
                differences.append(f"{path.relative_to(REPO)}:{number}: {ours} != {theirs}")
    assert not differences, "\n".join(differences[:10])
