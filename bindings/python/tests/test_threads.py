"""Many Python threads on one Rules: the same answers, and close waits for them."""

from __future__ import annotations

import threading

import coinage
from conftest import BLACK_FRIDAY, CUSTOM_EXPLAINED, SAMPLE_SHOP, VIP

REQUESTS = [BLACK_FRIDAY, CUSTOM_EXPLAINED, VIP, {"bundle": "coins_700", "region": "XX"}]


def _answer(rules, request):
    try:
        return rules.quote(request)
    except coinage.QuoteError as error:
        return {"error": error.error}


def test_threads_quoting_on_one_rules_get_the_same_answers(rules):
    expected = [_answer(rules, request) for request in REQUESTS]
    wrong = []

    def work(offset):
        for round_number in range(40):
            index = (offset + round_number) % len(REQUESTS)
            if _answer(rules, REQUESTS[index]) != expected[index]:
                wrong.append(index)
            if round_number % 10 == offset and rules.quote_lines(REQUESTS) != expected:
                wrong.append("lines")

    threads = [threading.Thread(target=work, args=(offset,)) for offset in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_close_while_threads_quote_ends_them_with_closed_error():
    rules = coinage.Rules(SAMPLE_SHOP)
    expected = rules.quote(BLACK_FRIDAY)
    started = threading.Barrier(5)
    outcomes = []

    def work():
        started.wait()
        try:
            while True:
                assert rules.quote(BLACK_FRIDAY) == expected
        except coinage.ClosedError:
            outcomes.append("closed")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    started.wait()
    rules.close()
    for thread in threads:
        thread.join()
    assert outcomes == ["closed"] * 4
