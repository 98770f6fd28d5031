"""Hover on a bundle, a promotion, a currency and a user attribute."""

from lsprotocol import types

from conftest import open_document, position_of


async def hover(client, shop, file, needle, offset=1):
    text = (shop / file).read_text()
    uri = open_document(client, shop / file)
    result = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, needle, offset=offset)))
    assert result is not None, needle
    return result.contents.value


async def test_hover_on_a_bundle_shows_its_list_prices(client, shop):
    value = await hover(client, shop, "promotions.coin", "coins_700,", 2)
    assert "bundle `coins_700`" in value
    assert "700 coins + 100 bonus" in value
    # The sample shop's matrix is large: a summary per currency.
    assert "EUR:" in value and "JPY:" in value


async def test_hover_on_a_promotion_shows_its_window_regions_and_effect(client, shop):
    value = await hover(client, shop, "promotions.coin", "promotion black_friday", 12)
    assert "20% off" in value and "exclusive" in value
    assert "window (each region's own time)" in value
    assert "may apply in:" in value and "DE" in value and "JP" not in value.split("may apply in:")[1].split("\n")[0]


async def test_hover_on_a_currency_shows_rate_grid_and_minor_unit(client, shop):
    value = await hover(client, shop, "currencies.coin", "rate EUR", 6)
    assert "rate: 1 USD = 0.86 EUR" in value
    assert "minor unit: 2 decimals" in value
    assert "grid:" in value
    jpy = await hover(client, shop, "currencies.coin", "rate JPY", 6)
    assert "minor unit: 0 decimals" in jpy


async def test_hover_on_a_user_attribute_shows_type_and_values(client, shop):
    value = await hover(client, shop, "promotions.coin", "user.segment", 7)
    assert "user attribute `segment`" in value
    assert "`vip`" in value and "one of" in value
    purchases = await hover(client, shop, "users.coin", "user purchases", 7)
    assert "int" in purchases and "1000000" in purchases


async def test_hover_in_broken_rules_still_shows_the_declaration(broken_client, broken_shop):
    value = await hover(broken_client, broken_shop, "promotions.coin", "coins_1400", 2)
    assert "bundle coins_1400:" in value


async def test_hover_while_the_rules_break_uses_the_last_good_version(client, shop):
    path = shop / "promotions.coin"
    text = path.read_text()
    uri = open_document(client, path, text)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text.replace("coins_1400, coins_3500", "coins_1400, coins_35OO"))]))
    result = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "coins_700,", offset=2)))
    assert "from the last version of the rules without errors" in result.contents.value
    assert "EUR:" in result.contents.value


async def test_hover_on_a_region_a_channel_and_a_group(client, shop):
    region = await hover(client, shop, "promotions.coin", "US, CA", 0)
    assert "region `US`" in region and "currency USD" in region
    channel = await hover(client, shop, "promotions.coin", "channel == web", 12)
    assert "fee 3%" in channel and "level 75%" in channel
    group = await hover(client, shop, "promotions.coin", "group weekend", 7)
    assert "`weekend_happy_hour`" in group


async def test_hover_on_weekly_hours_says_when_they_are_on_next(client, shop):
    value = await hover(client, shop, "promotions.coin", "promotion weekend_happy_hour", 12)
    assert "every sat, sun from 18:00 to 22:00" in value
    line = next(line for line in value.split("\n") if line.startswith("- hours (each region's own time):"))
    assert "next on from" in line or "on now, until" in line
    assert "DE" in line and "JP" in line
