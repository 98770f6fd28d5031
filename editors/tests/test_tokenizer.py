"""Tests of the small TextMate tokenizer (textmate.py), and of the Coinage grammar's
scopes on hand-written lines.

The first tests run the tokenizer on a toy grammar, so a mistake in the tokenizer
cannot hide behind one in the grammar; the rest pin the scopes an editor theme
sees for each kind of Coinage token.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textmate import ROOT_SCOPE, GrammarError, Tokenizer

GRAMMAR_PATH = Path(__file__).resolve().parents[1] / "coinage.tmLanguage.json"


def tokens(tokenizer: Tokenizer, text: str) -> list[list[tuple[str, tuple[str, ...]]]]:
    """Each line's non-blank tokens as (text, scopes without the root)."""
    return [
        [(t.text, tuple(s for s in t.scopes if s != ROOT_SCOPE)) for t in line if t.text.strip()]
        for line in tokenizer.tokenize(text)
    ]


# MARK: - The tokenizer, on a toy grammar

TOY = {
    "scopeName": "source.coin",
    "patterns": [{"include": "#word"}, {"include": "#block"}],
    "repository": {
        "word": {"match": r"\b(key)(=)([a-z]+)", "name": "meta.pair.coin",
                 "captures": {"1": {"name": "keyword.coin"}, "2": {"name": "op.coin"}, "3": {"name": "value.coin"}}},
        "block": {"begin": r"\(", "end": r"\)", "name": "meta.block.coin",
                  "beginCaptures": {"0": {"name": "open.coin"}}, "endCaptures": {"0": {"name": "close.coin"}},
                  "patterns": [{"include": "$self"}, {"match": r"\)\)", "name": "never.coin"}]},
    },
}


def test_a_match_rule_gets_its_name_and_its_captures():
    assert tokens(Tokenizer(TOY), "key=abc") == [[
        ("key", ("meta.pair.coin", "keyword.coin")),
        ("=", ("meta.pair.coin", "op.coin")),
        ("abc", ("meta.pair.coin", "value.coin")),
    ]]


def test_text_no_rule_matches_keeps_only_the_root_scope():
    (line,) = Tokenizer(TOY).tokenize("zz key=a")
    assert (line[0].text, line[0].scopes) == ("zz ", (ROOT_SCOPE,))


def test_a_begin_end_rule_spans_lines_and_includes_self():
    assert tokens(Tokenizer(TOY), "(key=a\nkey=b)") == [
        [("(", ("meta.block.coin", "open.coin")),
         ("key", ("meta.block.coin", "meta.pair.coin", "keyword.coin")),
         ("=", ("meta.block.coin", "meta.pair.coin", "op.coin")),
         ("a", ("meta.block.coin", "meta.pair.coin", "value.coin"))],
        [("key", ("meta.block.coin", "meta.pair.coin", "keyword.coin")),
         ("=", ("meta.block.coin", "meta.pair.coin", "op.coin")),
         ("b", ("meta.block.coin", "meta.pair.coin", "value.coin")),
         (")", ("meta.block.coin", "close.coin"))],
    ]


def test_the_end_wins_a_tie_with_a_pattern():
    # `))` would match the inner pattern at the same place as the end: the end wins,
    # then the second `)` is outside the block.
    assert tokens(Tokenizer(TOY), "())") == [[
        ("(", ("meta.block.coin", "open.coin")),
        (")", ("meta.block.coin", "close.coin")),
        (")", ()),
    ]]


def test_nested_blocks_close_in_order():
    lines = tokens(Tokenizer(TOY), "((\n)\n)")
    assert lines[1] == [(")", ("meta.block.coin", "meta.block.coin", "close.coin"))]
    assert lines[2] == [(")", ("meta.block.coin", "close.coin"))]


def test_an_include_that_resolves_nowhere_is_an_error():
    broken = {"scopeName": "source.coin", "patterns": [{"include": "#missing"}], "repository": {}}
    with pytest.raises(GrammarError):
        Tokenizer(broken).tokenize("x")


def test_a_regex_that_does_not_compile_is_an_error():
    broken = {"scopeName": "source.coin", "patterns": [{"match": "(", "name": "x.coin"}], "repository": {}}
    with pytest.raises(GrammarError):
        Tokenizer(broken).tokenize("x")


# MARK: - The Coinage grammar, on hand-written lines


@pytest.fixture(scope="module")
def coin() -> Tokenizer:
    return Tokenizer(json.loads(GRAMMAR_PATH.read_text(encoding="utf-8")))


def scopes_of(coin: Tokenizer, text: str, word: str, line: int = 0) -> tuple[str, ...]:
    """The scopes of the token that is exactly `word` on a line of `text`."""
    found = [scopes for token, scopes in tokens(coin, text)[line] if token == word]
    assert found, f"no token {word!r} in {tokens(coin, text)[line]}"
    return found[0]


def test_an_identifier_after_bundle_is_the_declared_name(coin: Tokenizer):
    line = "bundle coins_700: 700 coins, 9.99 USD, bonus 100 coins"
    assert scopes_of(coin, line, "bundle")[-1] == "storage.type.bundle.coin"
    assert scopes_of(coin, line, "coins_700")[-1] == "entity.name.type.bundle.coin"
    assert scopes_of(coin, line, ":")[-1] == "punctuation.separator.key-value.coin"
    assert scopes_of(coin, line, "700")[-1] == "constant.numeric.integer.coin"
    assert scopes_of(coin, line, "coins")[-1] == "keyword.other.unit.coin"
    assert scopes_of(coin, line, "bonus")[-1] == "keyword.other.coin"


def test_a_money_amount_is_a_number_and_a_currency(coin: Tokenizer):
    line = "price coins_70 in JP on ios: 1_600 JPY"
    assert scopes_of(coin, line, "1_600")[-1] == "constant.numeric.money.coin"
    assert scopes_of(coin, line, "JPY")[-1] == "support.constant.currency.coin"
    assert scopes_of(coin, line, "JP")[-1] == "support.constant.region.coin"
    assert scopes_of(coin, line, "coins_70")[-1] == "variable.other.bundle.coin"
    assert scopes_of(coin, "discount 4.99USD", "USD")[-1] == "support.constant.currency.coin"


def test_a_percentage_is_a_number_with_a_unit(coin: Tokenizer):
    line = "region DE: EUR, tax 19.5% included, zone Europe/Berlin"
    assert scopes_of(coin, line, "19.5")[-1] == "constant.numeric.percentage.coin"
    assert scopes_of(coin, line, "%")[-2:] == ("constant.numeric.percentage.coin", "keyword.other.unit.percent.coin")
    assert scopes_of(coin, line, "DE")[-1] == "entity.name.type.region.coin"
    assert scopes_of(coin, line, "EUR")[-1] == "support.constant.currency.coin"
    assert scopes_of(coin, line, "Europe/Berlin")[-1] == "support.constant.zone.coin"


def test_dates_times_and_date_times(coin: Tokenizer):
    text = "promotion p {\n  during 2026-11-27 to 2026-11-30T18:00:30 UTC\n  every sat from 18:00 to 22:00 local\n}"
    assert scopes_of(coin, text, "during", 1)[-1] == "keyword.control.schedule.coin"
    assert scopes_of(coin, text, "2026-11-27", 1)[-1] == "constant.numeric.date.coin"
    assert scopes_of(coin, text, "2026-11-30T18:00:30", 1)[-1] == "constant.numeric.datetime.coin"
    assert scopes_of(coin, text, "UTC", 1)[-1] == "support.constant.zone.coin"
    assert scopes_of(coin, text, "18:00", 2)[-1] == "constant.numeric.time.coin"
    assert scopes_of(coin, text, "sat", 2)[-1] == "constant.other.weekday.coin"


def test_a_comment_runs_to_the_end_of_the_line(coin: Tokenizer):
    line = 'rate EUR 0.86   # 1 USD = 0.86 EUR, "quoted"'
    assert tokens(coin, line)[0][-2:] == [
        ("#", ("meta.declaration.rate.coin", "comment.line.number-sign.coin", "punctuation.definition.comment.coin")),
        (' 1 USD = 0.86 EUR, "quoted"', ("meta.declaration.rate.coin", "comment.line.number-sign.coin")),
    ]
    assert scopes_of(coin, line, "rate")[-1] == "storage.type.rate.coin"
    assert scopes_of(coin, line, "0.86")[-1] == "constant.numeric.decimal.coin"


def test_a_string_with_escapes(coin: Tokenizer):
    line = r'test "a \"quoted\" # title \\" {'
    assert tokens(coin, line)[0] == [
        ("test", ("meta.block.test.coin", "storage.type.test.coin")),
        ('"', ("meta.block.test.coin", "string.quoted.double.coin", "punctuation.definition.string.begin.coin")),
        ("a ", ("meta.block.test.coin", "string.quoted.double.coin")),
        ('\\"', ("meta.block.test.coin", "string.quoted.double.coin", "constant.character.escape.coin")),
        ("quoted", ("meta.block.test.coin", "string.quoted.double.coin")),
        ('\\"', ("meta.block.test.coin", "string.quoted.double.coin", "constant.character.escape.coin")),
        (" # title ", ("meta.block.test.coin", "string.quoted.double.coin")),
        ("\\\\", ("meta.block.test.coin", "string.quoted.double.coin", "constant.character.escape.coin")),
        ('"', ("meta.block.test.coin", "string.quoted.double.coin", "punctuation.definition.string.end.coin")),
        ("{", ("meta.block.test.coin", "punctuation.section.block.begin.coin")),
    ]


def test_a_string_left_open_ends_with_its_line(coin: Tokenizer):
    lines = tokens(coin, 'allow W0202 "open\nrate EUR 1')
    assert lines[0][-1] == ("open", ("meta.declaration.allow.coin", "string.quoted.double.coin"))
    assert lines[1][0] == ("rate", ("meta.declaration.rate.coin", "storage.type.rate.coin"))


def test_a_condition_scopes_fields_operators_and_values(coin: Tokenizer):
    text = "promotion vip {\n  when user.segment != lapsed and not (bundle in [coins_70]) or list >= 10 USD\n}"
    assert scopes_of(coin, text, "vip", 0)[-1] == "entity.name.function.promotion.coin"
    assert scopes_of(coin, text, "when", 1)[-1] == "keyword.control.conditional.when.coin"
    assert scopes_of(coin, text, "user", 1)[-1] == "variable.language.user.coin"
    assert scopes_of(coin, text, "segment", 1)[-1] == "variable.other.property.coin"
    assert scopes_of(coin, text, "!=", 1)[-1] == "keyword.operator.comparison.coin"
    assert scopes_of(coin, text, "lapsed", 1)[-1] == "variable.other.coin"
    for word in ("and", "not", "in", "or"):
        assert scopes_of(coin, text, word, 1)[-1] == "keyword.operator.logical.coin"
    assert scopes_of(coin, text, "bundle", 1)[-1] == "variable.language.field.coin"
    assert scopes_of(coin, text, "list", 1)[-1] == "variable.language.field.coin"
    assert scopes_of(coin, text, "[", 1)[-1] == "punctuation.section.brackets.begin.coin"
    assert scopes_of(coin, text, "(", 1)[-1] == "punctuation.section.parens.begin.coin"
    assert scopes_of(coin, text, "}", 2)[-1] == "punctuation.section.block.end.coin"


def test_keywords_by_kind(coin: Tokenizer):
    assert scopes_of(coin, "base currency USD", "currency")[-1] == "storage.type.base.coin"
    assert scopes_of(coin, "stacking compound", "compound")[-1] == "keyword.other.coin"
    assert scopes_of(coin, "user vip: bool", "bool")[-1] == "support.type.coin"
    assert scopes_of(coin, "user vip: bool", "vip")[-1] == "entity.name.variable.user.coin"
    assert scopes_of(coin, "guard price per coin falls with size", "falls")[-1] == "keyword.other.guard.coin"
    assert scopes_of(coin, "round USD {\n  below 10.00: nearest 0.10\n}", "below", 1)[-1] == \
        "keyword.control.conditional.coin"
    assert scopes_of(coin, "allow W0202 for gems_500 \"why\"", "W0202")[-1] == "constant.other.diagnostic-code.coin"
    # The digits of a diagnostic code are no count: `for` is no coin unit.
    assert scopes_of(coin, "allow W0202 for gems_500 \"why\"", "for")[-1] == "keyword.other.for.coin"
    assert scopes_of(coin, "allow W0202 for gems_500 \"why\"", "gems_500")[-1] == "variable.other.coin"
    limit = "promotion p {\n  limit 10_000, 1 per user\n}"
    assert scopes_of(coin, limit, "1", 1)[-1] == "constant.numeric.integer.coin"
    assert scopes_of(coin, limit, "per", 1)[-1] == "keyword.other.coin"
    text = 'test "t" {\n  user segment = vip, new = true\n  expect not applied black_friday\n  expect error unknown_bundle\n}'
    assert scopes_of(coin, text, "segment", 1)[-1] == "variable.other.property.coin"
    assert scopes_of(coin, text, "=", 1)[-1] == "keyword.operator.assignment.coin"
    assert scopes_of(coin, text, "true", 1)[-1] == "constant.language.boolean.coin"
    assert scopes_of(coin, text, "black_friday", 2)[-1] == "entity.name.function.promotion.coin"
    assert scopes_of(coin, text, "unknown_bundle", 3)[-1] == "constant.other.error.coin"


def test_a_declaration_in_the_first_column_ends_an_unclosed_block(coin: Tokenizer):
    lines = tokens(coin, "promotion p {\n  discount 10%\nbundle b: 1 coin, 1 USD")
    assert lines[2][0] == ("bundle", ("meta.declaration.bundle.coin", "storage.type.bundle.coin"))


def test_a_declaration_keyword_used_as_a_name(coin: Tokenizer):
    assert scopes_of(coin, "bundle region: 1 coin, 1 USD", "region")[-1] == "entity.name.type.bundle.coin"


# MARK: - Experiments

EXPERIMENT = """\
experiment web_coin_price {
  during 2026-12-10 to 2027-01-10 UTC
  audience region in [US, CA] and channel == web
  unit user.id
  salt "2026-12"
  arm control 50
  arm cheaper 50 {
    price coins_700 in US on web: 6.99 USD
    promotion cheaper_launch {
      when bundle == coins_1400
      discount 10%
    }
    region CA: CAD, tax 5% added
    round USD ending 0.99
  }
}
test "t" {
  arm web_coin_price cheaper
  quote coins_700 in US on web at 2026-12-20T10:00 UTC
  expect price 6.99 USD
}
"""


def test_an_experiment_scopes_its_name_and_clause_keywords(coin: Tokenizer):
    text = EXPERIMENT
    assert scopes_of(coin, text, "experiment", 0) == ("meta.block.experiment.coin", "storage.type.experiment.coin")
    assert scopes_of(coin, text, "web_coin_price", 0)[-1] == "entity.name.type.experiment.coin"
    assert scopes_of(coin, text, "during", 1)[-1] == "keyword.control.schedule.coin"
    assert scopes_of(coin, text, "2027-01-10", 1)[-1] == "constant.numeric.date.coin"
    assert scopes_of(coin, text, "UTC", 1)[-1] == "support.constant.zone.coin"
    assert scopes_of(coin, text, "unit", 3)[-1] == "keyword.other.experiment-unit.coin"
    # `unit user.id` is a clause, not a `unit` declaration naming `user`.
    assert scopes_of(coin, text, "user", 3)[-1] == "variable.language.user.coin"
    assert scopes_of(coin, text, "id", 3)[-1] == "variable.other.property.coin"
    assert scopes_of(coin, text, "salt", 4)[-1] == "keyword.other.salt.coin"
    assert scopes_of(coin, text, "2026-12", 4)[-1] == "string.quoted.double.coin"
    assert scopes_of(coin, text, "arm", 5)[-1] == "keyword.other.arm.coin"
    assert scopes_of(coin, text, "control", 5)[-1] == "entity.name.type.arm.coin"
    assert scopes_of(coin, text, "50", 5)[-1] == "constant.numeric.integer.weight.coin"
    assert scopes_of(coin, text, "}", 15) == ("meta.block.experiment.coin", "punctuation.section.block.end.coin")


def test_an_audience_is_a_condition_as_in_promotions(coin: Tokenizer):
    text = EXPERIMENT
    assert scopes_of(coin, text, "audience", 2)[-2:] == ("meta.condition.coin", "keyword.other.audience.coin")
    assert scopes_of(coin, text, "region", 2)[-1] == "variable.language.field.coin"
    assert scopes_of(coin, text, "in", 2)[-1] == "keyword.operator.logical.coin"
    assert scopes_of(coin, text, "CA", 2)[-1] == "support.constant.region.coin"
    assert scopes_of(coin, text, "and", 2)[-1] == "keyword.operator.logical.coin"
    assert scopes_of(coin, text, "channel", 2)[-1] == "variable.language.field.coin"
    assert scopes_of(coin, text, "==", 2)[-1] == "keyword.operator.comparison.coin"


def test_an_arm_block_holds_declarations_as_at_the_top_level(coin: Tokenizer):
    text = EXPERIMENT
    arm = ("meta.block.experiment.coin", "meta.block.arm.coin")
    assert scopes_of(coin, text, "cheaper", 6) == arm + ("entity.name.type.arm.coin",)
    assert scopes_of(coin, text, "{", 6) == arm + ("punctuation.section.block.begin.coin",)
    assert scopes_of(coin, text, "price", 7) == arm + ("meta.declaration.price.coin", "storage.type.price.coin")
    assert scopes_of(coin, text, "coins_700", 7)[-1] == "variable.other.bundle.coin"
    assert scopes_of(coin, text, "6.99", 7)[-1] == "constant.numeric.money.coin"
    assert scopes_of(coin, text, "region", 12) == arm + ("meta.declaration.region.coin", "storage.type.region.coin")
    assert scopes_of(coin, text, "CA", 12)[-1] == "entity.name.type.region.coin"
    assert scopes_of(coin, text, "round", 13) == arm + ("meta.declaration.round.coin", "storage.type.round.coin")
    assert scopes_of(coin, text, "}", 14) == arm + ("punctuation.section.block.end.coin",)


def test_an_arms_promotion_is_still_a_promotion_block(coin: Tokenizer):
    text = EXPERIMENT
    promotion = ("meta.block.experiment.coin", "meta.block.arm.coin", "meta.block.promotion.coin")
    assert scopes_of(coin, text, "promotion", 8) == promotion + ("storage.type.promotion.coin",)
    assert scopes_of(coin, text, "cheaper_launch", 8) == promotion + ("entity.name.function.promotion.coin",)
    assert scopes_of(coin, text, "when", 9) == promotion + ("meta.condition.coin", "keyword.control.conditional.when.coin")
    assert scopes_of(coin, text, "bundle", 9)[-1] == "variable.language.field.coin"
    assert scopes_of(coin, text, "discount", 10) == promotion + ("keyword.other.coin",)
    # The promotion's `}` closes the promotion, not the arm.
    assert scopes_of(coin, text, "}", 11) == promotion + ("punctuation.section.block.end.coin",)


def test_the_declaration_after_an_experiment_is_not_swallowed(coin: Tokenizer):
    lines = tokens(coin, EXPERIMENT)
    assert lines[16][0] == ("test", ("meta.block.test.coin", "storage.type.test.coin"))
    # An arm on one line, `{ }` and all, closes there.
    lines = tokens(coin, "experiment e {\n  arm idle 0 { }\n  arm control 1\n}\nbundle b: 1 coin, 1 USD")
    assert lines[2][0] == ("arm", ("meta.block.experiment.coin", "keyword.other.arm.coin"))
    assert lines[4][0] == ("bundle", ("meta.declaration.bundle.coin", "storage.type.bundle.coin"))


def test_a_declaration_in_the_first_column_ends_an_unclosed_experiment(coin: Tokenizer):
    lines = tokens(coin, "experiment e {\n  arm b 1 {\n    price p: 1 USD\nbundle b: 1 coin, 1 USD")
    assert lines[3][0] == ("bundle", ("meta.declaration.bundle.coin", "storage.type.bundle.coin"))
    lines = tokens(coin, "experiment e {\n  arm control 1\nexperiment f {")
    assert lines[2][0] == ("experiment", ("meta.block.experiment.coin", "storage.type.experiment.coin"))
    # Ahead of a promotion, a test or a points table too.
    lines = tokens(coin, "promotion p {\n  discount 10%\nexperiment f {")
    assert lines[2][0] == ("experiment", ("meta.block.experiment.coin", "storage.type.experiment.coin"))
    # But `unit user.NAME` in the first column is the experiment's clause, not a `unit` declaration.
    lines = tokens(coin, "experiment e {\nunit user.id\n}")
    assert lines[1][0] == ("unit", ("meta.block.experiment.coin", "keyword.other.experiment-unit.coin"))


def test_a_tests_arm_line_names_the_experiment_and_the_arm(coin: Tokenizer):
    text = EXPERIMENT
    assert scopes_of(coin, text, "arm", 17) == ("meta.block.test.coin", "keyword.other.arm.coin")
    assert scopes_of(coin, text, "web_coin_price", 17)[-1] == "entity.name.type.experiment.coin"
    assert scopes_of(coin, text, "cheaper", 17)[-1] == "entity.name.type.arm.coin"
    assert scopes_of(coin, text, "2026-12-20T10:00", 18)[-1] == "constant.numeric.datetime.coin"
