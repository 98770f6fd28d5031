"""Diagnostics as you type: the whole rules directory, related locations, the
debounced guards and lints, and stale results never shown over newer ones."""

import subprocess

from lsprotocol import types

from conftest import COINAGE, change_document, eventually, open_document


def errors(client, uri):
    return [d for d in client.diagnostics.get(uri, []) if d.severity == types.DiagnosticSeverity.Error]


async def test_the_sample_shop_has_no_errors_and_gets_its_lints(client, shop):
    uri = open_document(client, shop / "promotions.coin")
    # An unused rate is a lint (W0204): it comes with the debounced analysis.
    currencies = shop / "currencies.coin"
    currencies_uri = open_document(client, currencies, currencies.read_text() + "rate ISK 140\n")
    found = await eventually(lambda: [d for d in client.diagnostics.get(currencies_uri, []) if d.code == "W0204"],
                             what="the unused-rate lint")
    assert found[0].severity == types.DiagnosticSeverity.Warning
    assert "ISK" in found[0].message
    assert errors(client, uri) == []


async def test_a_misspelt_name_is_an_error_with_its_help(client, shop):
    path = shop / "promotions.coin"
    text = path.read_text()
    uri = open_document(client, path, text.replace("bundle in [coins_700,", "bundle in [coins_7000x,"))
    found = await eventually(lambda: errors(client, uri), what="the unknown-bundle error")
    assert found[0].code == "E0103"
    assert "coins_7000x" in found[0].message and "help: did you mean" in found[0].message
    assert found[0].source == "coinage"
    # Fixing the text clears it.
    change_document(client, uri, text, 2)
    await eventually(lambda: errors(client, uri) == [], what="the error to clear")


async def test_a_duplicate_points_at_the_first_declaration_in_another_file(client, shop):
    gifts = shop / "gifts.coin"
    uri = open_document(client, gifts, gifts.read_text() + "bundle coins_70: 70 coins, 0.99 USD\n")
    found = await eventually(lambda: errors(client, uri), what="the duplicate error")
    related = found[0].related_information
    assert related, found[0]
    assert related[0].location.uri == (shop / "bundles.coin").as_uri()


async def test_an_error_in_an_unopened_file_is_reported_too(client, shop):
    # The whole directory is checked: a test file naming an unknown promotion.
    tests = shop / "tests" / "promotions.coin"
    tests.write_text(tests.read_text().replace("expect applied black_friday", "expect applied black_fridayy", 1))
    uri = open_document(client, shop / "shop.coin")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=tests.as_uri(), type=types.FileChangeType.Changed)]))
    found = await eventually(lambda: errors(client, tests.as_uri()), what="the error in the file on disk")
    assert "black_fridayy" in found[0].message
    assert errors(client, uri) == []


async def test_a_saved_new_file_is_read_from_disk(client, shop):
    open_document(client, shop / "shop.coin")
    extra = shop / "extra.coin"
    extra.write_text("gift rose: 1 coin\n")  # `rose` is already a gift of the shop
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=extra.as_uri())))
    # Files are read in path order: `extra.coin` declares it first, so the one in `gifts.coin` is the duplicate.
    found = await eventually(lambda: errors(client, (shop / "gifts.coin").as_uri()), what="the duplicate gift")
    assert "rose" in found[0].message
    assert found[0].related_information[0].location.uri == extra.as_uri()


async def test_the_latest_version_wins(client, shop):
    path = shop / "promotions.coin"
    text = path.read_text()
    uri = open_document(client, path, text)
    # Many quick edits, broken ones in between: what is shown at the end is the last text's.
    for version in range(2, 12):
        broken = text.replace("discount 20%", f"discount 20%% {version}")
        change_document(client, uri, broken if version % 2 == 0 else text, version)
    change_document(client, uri, text.replace("coins_700,", "coins_7o0,"), 12)
    found = await eventually(lambda: [d for d in errors(client, uri) if "coins_7o0" in d.message], what="the last version's error")
    assert all("20%%" not in d.message for d in client.diagnostics[uri])
    # After the debounce nothing older replaces it.
    import asyncio
    await asyncio.sleep(1.0)
    assert any("coins_7o0" in d.message for d in errors(client, uri))
    assert len(errors(client, uri)) == len(found)


async def test_a_broken_shop_gets_every_error(broken_client, broken_shop):
    uri = open_document(broken_client, broken_shop / "bundles.coin")
    found = await eventually(lambda: len(errors(broken_client, uri)) >= 2, what="both errors")
    codes = {d.code for d in errors(broken_client, uri)}
    assert "E0103" in codes  # the misspelt bundle
    assert "E0201" in codes  # the syntax error: `coins` where a number was expected
    # `coinage check` finds the same errors in the file.
    check = subprocess.run([COINAGE, "check", str(broken_shop)], capture_output=True, text=True)
    assert check.returncode == 1
    for diagnostic in errors(broken_client, uri):
        assert f"error[{diagnostic.code}]" in check.stdout


async def test_closing_a_document_goes_back_to_the_file_on_disk(client, shop):
    path = shop / "gifts.coin"
    uri = open_document(client, path, path.read_text() + "gift rose: 2 coins\n")
    await eventually(lambda: errors(client, uri), what="the duplicate gift")
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await eventually(lambda: errors(client, uri) == [], what="the error to go with the unsaved text")
