"""Formatting (document and range), completion, and the code actions."""

import subprocess

from lsprotocol import types

from conftest import COINAGE, apply_edits, change_document, eventually, open_document, position_of

OPTIONS = types.FormattingOptions(tab_size=2, insert_spaces=True)


def doc(uri):
    return types.TextDocumentIdentifier(uri=uri)


async def test_formatting_gives_what_coinage_fmt_writes(client, shop, tmp_path):
    path = shop / "gifts.coin"
    untidy = path.read_text().replace("gift ", "gift   ").replace(": ", ":    ", 3) + "gift tulip:3 coins\n"
    uri = open_document(client, path, untidy)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(text_document=doc(uri), options=OPTIONS))
    assert edits
    formatted = apply_edits(untidy, edits)
    reference = tmp_path / "reference.coin"
    reference.write_text(untidy)
    subprocess.run([COINAGE, "fmt", str(reference)], check=True, capture_output=True)
    assert formatted == reference.read_text()
    # Formatted text needs no edits.
    change_document(client, uri, formatted, 2)
    again = await client.text_document_formatting_async(types.DocumentFormattingParams(text_document=doc(uri), options=OPTIONS))
    assert list(again) == []


async def test_range_formatting_touches_only_the_range(client, shop):
    path = shop / "promotions.coin"
    text = path.read_text()
    untidy = text.replace("  discount 5%", "  discount    5%").replace("  bonus 10%", "  bonus     10%")
    uri = open_document(client, path, untidy)
    first = position_of(untidy, "discount    5%")
    edits = await client.text_document_range_formatting_async(types.DocumentRangeFormattingParams(
        text_document=doc(uri), options=OPTIONS,
        range=types.Range(start=types.Position(line=first.line, character=0), end=types.Position(line=first.line + 1, character=0))))
    assert edits and all(edit.range.start.line == first.line for edit in edits)
    result = apply_edits(untidy, edits)
    assert "  discount 5%" in result and "  bonus     10%" in result


async def test_a_document_with_a_syntax_error_is_not_formatted(broken_client, broken_shop):
    uri = open_document(broken_client, broken_shop / "bundles.coin")
    edits = await broken_client.text_document_formatting_async(types.DocumentFormattingParams(text_document=doc(uri), options=OPTIONS))
    assert list(edits) == []


async def complete(client, uri, text, needle, offset):
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=doc(uri), position=position_of(text, needle, offset=offset)))
    return [item.label for item in result.items]


async def test_completion_of_clause_keywords_names_attributes_and_codes(client, shop):
    path = shop / "promotions.coin"
    text = path.read_text().replace("  discount 5%\n", "  discount 5%\n  di\n  when user.se\n  when bundle == coins_3\n  when region == D\n", 1)
    uri = open_document(client, path, text)
    assert "discount" in await complete(client, uri, text, "  di\n", 4)
    assert await complete(client, uri, text, "user.se\n", 7) == ["segment"]
    assert await complete(client, uri, text, "coins_3\n", 7) == ["coins_350", "coins_3500"]
    codes = await complete(client, uri, text, "region == D\n", 11)
    assert "DE" in codes and "DKK" in codes


async def test_completion_offers_the_names_a_field_takes(client, shop):
    path = shop / "tests" / "promotions.coin"
    text = path.read_text() + 'test "new" {\n  quote coins_700 in \n  expect applied \n}\n'
    uri = open_document(client, path, text)
    regions = await complete(client, uri, text, "coins_700 in \n", 13)
    assert "DE" in regions and "eurozone" in regions and "coins_70" not in regions
    promotions = await complete(client, uri, text, "expect applied \n", 15)
    assert "black_friday" in promotions and "coins_70" not in promotions and "web" not in promotions
    shop_text = (shop / "promotions.coin").read_text().replace("when channel == web and", "when channel ==  and", 1)
    puri = open_document(client, shop / "promotions.coin", shop_text)
    channels = await complete(client, puri, shop_text, "channel ==  and", 11)
    assert sorted(channels) == ["android", "ios", "web"]


async def test_completion_of_declaration_keywords_at_the_top(client, shop):
    path = shop / "gifts.coin"
    text = path.read_text() + "pro"
    uri = open_document(client, path, text)
    assert await complete(client, uri, text, "\npro", 4) == ["promotion"]


async def test_completion_in_an_experiment_its_arms_and_a_tests_arm_line(client, shop):
    path = shop / "gifts.coin"
    text = path.read_text() + (
        "experiment e {\n  au\n  arm control 1\n  arm b 1 {\n    pro\n  }\n}\n"
        'test "t" {\n  ar\n}\nexp')
    uri = open_document(client, path, text)
    assert await complete(client, uri, text, "  au\n", 4) == ["audience"]
    assert await complete(client, uri, text, "    pro\n", 7) == ["promotion"]
    assert await complete(client, uri, text, "  ar\n}", 4) == ["arm"]
    assert await complete(client, uri, text, "\nexp", 4) == ["experiment"]


async def actions_at(client, uri, text, needle, offset=0):
    position = position_of(text, needle, offset=offset)
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc(uri), range=types.Range(start=position, end=position),
        context=types.CodeActionContext(diagnostics=[])))


async def test_did_you_mean_fix(client, shop):
    path = shop / "promotions.coin"
    text = path.read_text().replace("bundle in [coins_700,", "bundle in [coins_700x,")
    uri = open_document(client, path, text)
    await eventually(lambda: client.diagnostics.get(uri), what="the error")
    actions = await actions_at(client, uri, text, "coins_700x", 2)
    fix = next(action for action in actions if action.title.startswith("replace"))
    assert fix.is_preferred
    fixed = apply_edits(text, fix.edit.changes[uri])
    assert "bundle in [coins_700," in fixed


async def test_write_percent_fix(client, shop):
    path = shop / "promotions.coin"
    text = path.read_text().replace("  discount 5%\n", "  discount 5\n", 1)
    uri = open_document(client, path, text)
    await eventually(lambda: client.diagnostics.get(uri), what="the error")
    actions = await actions_at(client, uri, text, "discount 5\n", 9)
    titles = [action.title for action in actions]
    assert "write `5%`" in titles, titles
    fix = next(action for action in actions if action.title == "write `5%`")
    assert "  discount 5%\n" in apply_edits(text, fix.edit.changes[uri])


async def test_failing_guard_gets_its_test_and_a_warning_its_allow(client, shop):
    shop_text = (shop / "shop.coin").read_text()
    broken = shop_text.replace("guard discount at most 50%", "guard discount at most 10%")
    uri = open_document(client, shop / "shop.coin", broken)
    guard = await eventually(lambda: [d for d in client.diagnostics.get(uri, []) if d.code.startswith("E06")],
                             timeout=30, what="the failing guard")
    actions = await actions_at(client, uri, broken, "guard discount at most 10%", 3)
    add_test = next(action for action in actions if action.title.startswith("add the test"))
    tests_uri = (shop / "tests" / "guards.coin").as_uri()
    inserted = add_test.edit.changes[tests_uri][0].new_text
    assert 'test "guard discount at most 10%" {' in inserted and inserted.rstrip().endswith("}")
    assert guard

    currencies = shop / "currencies.coin"
    text = currencies.read_text() + "rate ISK 140\n"
    curi = open_document(client, currencies, text)
    await eventually(lambda: [d for d in client.diagnostics.get(curi, []) if d.code == "W0204"], timeout=30, what="the lint")
    actions = await actions_at(client, curi, text, "rate ISK", 6)
    allow = next(action for action in actions if "allow" in action.title)
    allowed = apply_edits(text, allow.edit.changes[curi])
    assert 'allow W0204 "' in allowed
    change_document(client, curi, allowed, 2)
    await eventually(lambda: not [d for d in client.diagnostics.get(curi, []) if d.code == "W0204"], timeout=30,
                     what="the warning to be accepted")
