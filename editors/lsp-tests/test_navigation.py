"""Go to definition, find references and rename across files; the outline of a
document and the workspace's symbols; on the sample shop and a broken copy."""

import subprocess

from lsprotocol import types

from conftest import COINAGE, apply_edits, eventually, open_document, position_of


def doc(uri):
    return types.TextDocumentIdentifier(uri=uri)


async def test_definition_of_a_bundle_in_a_promotion_is_in_bundles_coin(client, shop):
    text = (shop / "promotions.coin").read_text()
    uri = open_document(client, shop / "promotions.coin")
    locations = await client.text_document_definition_async(types.DefinitionParams(
        text_document=doc(uri), position=position_of(text, "coins_1400", offset=3)))
    assert len(locations) == 1
    assert locations[0].uri == (shop / "bundles.coin").as_uri()
    bundles = (shop / "bundles.coin").read_text()
    assert locations[0].range.start == position_of(bundles, "coins_1400")


async def test_definition_of_each_kind(client, shop):
    text = (shop / "promotions.coin").read_text()
    uri = open_document(client, shop / "promotions.coin")
    for needle, file, declared in [
        ("eurozone", "regions.coin", "market eurozone"),
        ("channel == web", "shop.coin", "channel web"),
        ("user.segment", "users.coin", "user segment"),
    ]:
        offset = len(needle) - 2 if needle != "user.segment" else 6
        locations = await client.text_document_definition_async(types.DefinitionParams(
            text_document=doc(uri), position=position_of(text, needle, offset=offset)))
        assert locations, needle
        assert locations[0].uri == (shop / file).as_uri(), needle
        target = (shop / file).read_text()
        assert locations[0].range.start.line == position_of(target, declared).line, needle


async def test_references_of_a_promotion_include_the_tests(client, shop):
    text = (shop / "promotions.coin").read_text()
    uri = open_document(client, shop / "promotions.coin")
    locations = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc(uri), position=position_of(text, "promotion black_friday", offset=12),
        context=types.ReferenceContext(include_declaration=True)))
    files = {location.uri.rsplit("/", 1)[-1] for location in locations}
    assert "promotions.coin" in files
    assert any("tests" in location.uri for location in locations)
    without = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc(uri), position=position_of(text, "promotion black_friday", offset=12),
        context=types.ReferenceContext(include_declaration=False)))
    assert len(without) == len(locations) - 1


async def test_rename_a_channel_everywhere_and_the_shop_still_checks(client, shop):
    text = (shop / "shop.coin").read_text()
    uri = open_document(client, shop / "shop.coin")
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(
        text_document=doc(uri), position=position_of(text, "channel web", offset=9)))
    assert prepared is not None
    edit = await client.text_document_rename_async(types.RenameParams(
        text_document=doc(uri), position=position_of(text, "channel web", offset=9), new_name="webshop"))
    assert len(edit.changes) >= 3
    for file_uri, edits in edit.changes.items():
        path = next(p for p in shop.rglob("*.coin") if p.as_uri() == file_uri)
        path.write_text(apply_edits(path.read_text(), edits))
    check = subprocess.run([COINAGE, "check", str(shop), "--now", "2026-11-28T10:00Z"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert "channel webshop" in (shop / "shop.coin").read_text()


async def test_rename_refuses_a_name_of_the_wrong_shape_or_taken(client, shop):
    text = (shop / "bundles.coin").read_text()
    uri = open_document(client, shop / "bundles.coin")
    position = position_of(text, "coins_70:", offset=2)
    for bad in ["Coins", "coins_350"]:
        try:
            await client.text_document_rename_async(types.RenameParams(text_document=doc(uri), position=position, new_name=bad))
        except Exception as error:  # the server answers with an error
            assert "coins" in str(error).lower() or "name" in str(error).lower()
        else:
            raise AssertionError(f"renaming to {bad} was accepted")


async def test_document_symbols_and_workspace_symbols(client, shop):
    uri = open_document(client, shop / "bundles.coin")
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(uri)))
    names = [symbol.name for symbol in symbols]
    assert "coins_70" in names and "coins_17500" in names and "coins" in names
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="black_fri"))
    assert [symbol.name for symbol in found] == ["black_friday"]
    assert found[0].location.uri == (shop / "promotions.coin").as_uri()
    tests = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="black friday in"))
    assert tests and all(symbol.container_name == "test" for symbol in tests)
    everything = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=""))
    assert len(everything) > 20


async def test_a_broken_document_still_has_symbols_and_navigation(broken_client, broken_shop):
    text = (broken_shop / "bundles.coin").read_text()
    uri = open_document(broken_client, broken_shop / "bundles.coin")
    symbols = await broken_client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(uri)))
    names = [symbol.name for symbol in symbols]
    assert "coins_70" in names and "after_the_break" in names and "half_written" in names
    promotions = (broken_shop / "promotions.coin").read_text()
    puri = open_document(broken_client, broken_shop / "promotions.coin")
    locations = await broken_client.text_document_definition_async(types.DefinitionParams(
        text_document=doc(puri), position=position_of(promotions, "coins_1400", offset=1)))
    assert locations and locations[0].uri == uri
    assert locations[0].range.start == position_of(text, "coins_1400")


async def test_rename_in_a_broken_shop_reaches_what_parses(broken_client, broken_shop):
    text = (broken_shop / "bundles.coin").read_text()
    uri = open_document(broken_client, broken_shop / "bundles.coin")
    edit = await broken_client.text_document_rename_async(types.RenameParams(
        text_document=doc(uri), position=position_of(text, "bundle coins_1400", offset=8), new_name="coins_1500"))
    files = {file_uri.rsplit("/", 2)[-2] + "/" + file_uri.rsplit("/", 1)[-1] for file_uri in edit.changes}
    assert "rules/bundles.coin" in files and "rules/promotions.coin" in files and "tests/guards.coin" in files
    renamed = apply_edits(text, edit.changes[uri])
    assert "bundle coins_1500:" in renamed and "coins_1400" not in renamed
    assert "bundle half_written: coins," in renamed  # the broken line is left alone
