"""Opening rules: a handle for rules that check, RulesError with the diagnostics otherwise."""

from __future__ import annotations

import re

import pytest

import coinage
from coinage import _library
from conftest import BLACK_FRIDAY, SAMPLE_SHOP


def test_sample_shop_opens_with_its_hash(rules):
    assert re.fullmatch(r"[0-9a-f]{64}", rules.hash())
    assert rules.quote(BLACK_FRIDAY)["rules"] == rules.hash()


def test_a_path_may_be_text_or_a_path_object():
    with coinage.Rules(str(SAMPLE_SHOP)) as from_text, coinage.Rules(SAMPLE_SHOP) as from_path:
        assert from_text.hash() == from_path.hash()


def test_missing_directory_raises_rules_error_naming_it(tmp_path):
    missing = tmp_path / "nothing-here"
    with pytest.raises(coinage.RulesError) as raised:
        coinage.Rules(missing)
    assert str(missing) in raised.value.diagnostics


def test_rules_with_errors_raise_their_diagnostics(tmp_path):
    (tmp_path / "shop.coin").write_text(
        "base currency USD\nregion US: USD\n"
        "bundle coins_70: 70 coins, 0.99 USD\nbundle coins_70: 80 coins, 1.99 USD\n")
    with pytest.raises(coinage.RulesError) as raised:
        coinage.Rules(tmp_path)
    diagnostics = raised.value.diagnostics
    assert re.search(r"error\[E\d{4}\]", diagnostics), diagnostics
    assert "shop.coin" in diagnostics
    assert str(raised.value) == diagnostics


def test_a_path_that_is_not_utf8_is_refused_with_a_message():
    with pytest.raises(coinage.RulesError) as raised:
        coinage.Rules(b"/tmp/\xff\xfe")
    assert raised.value.diagnostics == "error: the rules path is not valid UTF-8"


def test_closed_rules_raise_closed_error_and_close_twice_is_fine(rules):
    rules.close()
    rules.close()
    assert rules.closed
    for call in (lambda: rules.quote(BLACK_FRIDAY), lambda: rules.quote_lines("{}"), rules.hash):
        with pytest.raises(coinage.ClosedError):
            call()


def test_context_manager_closes():
    with coinage.Rules(SAMPLE_SHOP) as rules:
        assert not rules.closed
    assert rules.closed


def test_version_is_the_command_lines():
    assert coinage.version() == "0.1.0"


def test_library_is_the_environments_when_named(tmp_path):
    named = tmp_path / "libsomething.so"
    assert _library.candidates({"COINAGE_LIBRARY": str(named)}) == [named]
    with pytest.raises(coinage.LibraryError) as raised:
        _library.locate({"COINAGE_LIBRARY": str(named)})
    assert str(named) in str(raised.value)


def test_library_is_otherwise_found_beside_the_package_or_in_the_build():
    places = [str(path) for path in _library.candidates({})]
    assert places[0].endswith("bindings/python/coinage/" + _library.library_file_name())
    assert places[1].endswith(".build/release/" + _library.library_file_name())
    assert places[2].endswith(".build/debug/" + _library.library_file_name())
