"""Quoting: dicts in, the batch's JSON out, QuoteError for what the batch refuses."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import coinage
from conftest import BLACK_FRIDAY, CUSTOM_EXPLAINED, ROOT, SAMPLE_SHOP, VIP


def test_a_request_gives_its_quote(rules):
    quote = rules.quote(BLACK_FRIDAY)
    assert quote["total"] == {"amount": "5.19", "currency": "EUR"}
    assert quote["applied"] == ["black_friday"]
    assert quote["at"] == "2026-11-28T10:00:00Z"


def test_explain_gives_the_trace(rules):
    quote = rules.quote(CUSTOM_EXPLAINED)
    assert quote["coinsRequested"] == 5000
    assert "trace" in quote and "promotions" in quote["trace"]


def test_a_refused_request_raises_quote_error_with_the_error_object(rules):
    with pytest.raises(coinage.QuoteError) as raised:
        rules.quote({**BLACK_FRIDAY, "channel": "tv"})
    error = raised.value
    assert error.code == "unknown_channel"
    assert error.message == "unknown channel `tv`"
    assert error.help and "web" in error.help
    assert error.error == {"code": error.code, "message": error.message, "help": error.help}


@pytest.mark.parametrize("request_line, message", [
    ('{"bundle":', "line 1: "),
    ("not json", "line 1: "),
    ('{"bundle":"coins_700","region":"DE","code":"x"}', "unknown key `code`"),
    (b'{"bundle":"\xff"}', "line 1: "),
    ("", "line 1: "),
])
def test_malformed_requests_raise_invalid_request(rules, request_line, message):
    with pytest.raises(coinage.QuoteError) as raised:
        rules.quote(request_line)
    assert raised.value.code == "invalid_request"
    assert message in raised.value.message


def test_values_json_cannot_hold_are_refused_not_crashed(rules):
    with pytest.raises(coinage.QuoteError) as raised:
        rules.quote({**CUSTOM_EXPLAINED, "coins": float("nan")})
    assert raised.value.code == "invalid_request"
    with pytest.raises(coinage.QuoteError):
        rules.quote({"bundle": "\ud800", "region": "DE"})


def test_a_huge_request_is_refused_unread(rules):
    with pytest.raises(coinage.QuoteError) as raised:
        rules.quote(" " * (1 << 20) + "{}")
    assert "longer than 1048576 bytes" in raised.value.message


def test_quote_lines_keeps_order_and_gives_an_error_object_per_bad_line(rules):
    answers = rules.quote_lines([BLACK_FRIDAY, {"bundle": "coins_700", "region": "XX"}, "not json", VIP])
    assert [("error" in answer) for answer in answers] == [False, True, True, False]
    assert answers[0] == rules.quote(BLACK_FRIDAY)
    assert answers[1]["error"]["code"] == "unknown_region"
    assert answers[2]["error"]["message"].startswith("line 3: ")
    assert answers[3] == rules.quote(VIP)


def test_quote_lines_of_text_skips_blank_lines_but_counts_them(rules):
    text = json.dumps(BLACK_FRIDAY) + "\n\n  \r\nnope\n"
    answers = rules.quote_lines(text)
    assert len(answers) == 2
    assert answers[1]["error"]["message"].startswith("line 4: ")


def test_quote_lines_raw_is_what_quote_batch_writes(rules):
    """The same bytes as the `coinage` executable's batch, built beside the library."""
    coinage_executable = ROOT / ".build" / "debug" / "coinage"
    if not coinage_executable.is_file():
        pytest.skip("the coinage executable is not built (run-tests.sh builds it)")
    lines = "\n".join(json.dumps(request) for request in [BLACK_FRIDAY, CUSTOM_EXPLAINED, VIP]) + "\n"
    lines += '{"bundle":"coins_700","region":"XX"}\n\n{"a\\"b":1}\n' + '{"größe":1}\r\n'
    batch = subprocess.run([str(coinage_executable), "quote", "--batch", "--rules", str(SAMPLE_SHOP)],
                           input=lines.encode("utf-8"), capture_output=True, env={**os.environ, "NO_COLOR": "1"})
    assert batch.returncode == 1
    assert rules.quote_lines(lines, raw=True) == batch.stdout
    assert rules.quote_bytes(BLACK_FRIDAY) + b"\n" == batch.stdout.split(b"\n", 1)[0] + b"\n"


def test_no_lines_give_no_answers(rules):
    assert rules.quote_lines("") == []
    assert rules.quote_lines([]) == []
    assert rules.quote_lines(b"\n\n", raw=True) == b""
