"""Positions with text beyond ASCII: UTF-16 code units by default, UTF-8 bytes
when the client offers them."""

from lsprotocol import types

from conftest import eventually, open_document

TEXT = 'test "é🎉 x" {\n  quote coins_70 in DE\n  expect coins 70\n}\n'


async def title_range(client, shop):
    uri = open_document(client, shop / "tests" / "unicode.coin", TEXT)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    test = next(symbol for symbol in symbols if symbol.detail == "test")
    assert test.name == "é🎉 x"
    return uri, test.selection_range


async def test_utf16_is_the_default(client, shop):
    uri, selection = await title_range(client, shop)
    # `"é🎉 x"`: 1 + 1 + 2 + 1 + 1 + 1 UTF-16 units after `test `.
    assert (selection.start.character, selection.end.character) == (5, 12)


async def test_utf8_when_offered(utf8_client, shop):
    assert utf8_client.init_result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    uri, selection = await title_range(utf8_client, shop)
    # The same title in bytes: 1 + 2 + 4 + 1 + 1 + 1.
    assert (selection.start.character, selection.end.character) == (5, 15)


async def test_an_incremental_change_after_an_emoji(client, shop):
    uri, _ = await title_range(client, shop)
    # Replace `x` (UTF-16 column 10) with `y`.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=0, character=10), end=types.Position(line=0, character=11)), text="y")]))

    async def title():
        symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        return next(symbol.name for symbol in symbols if symbol.detail == "test")

    assert await title() == "é🎉 y"
