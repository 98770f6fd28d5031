"""Shared paths and fixtures: the Coinage checkout, its sample shop, the built CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

import coinage

ROOT = Path(__file__).resolve().parents[3]
SAMPLE_SHOP = ROOT / "rules"

BLACK_FRIDAY = {"bundle": "coins_700", "region": "DE", "channel": "web", "at": "2026-11-28T10:00:00Z"}
CUSTOM_EXPLAINED = {"coins": 5000, "region": "US", "channel": "web", "at": "2026-11-29T23:30:00Z", "explain": True}
VIP = {
    "bundle": "coins_1400", "region": "US", "channel": "ios", "at": "2026-06-17T12:00:00-04:00",
    "user": {"segment": "vip", "purchases": 12}, "codes": ["VIP2026"],
}


@pytest.fixture
def rules():
    with coinage.Rules(SAMPLE_SHOP) as opened:
        yield opened
