"""Brands in the settings file and the keyring: a file from before brands reads as one brand, each
further brand's relay token is read from the keyring under its shop's name and never logged."""

from __future__ import annotations

import json
from pathlib import Path

from posapp.brands import PALETTE, Brand, brands_of, other_brands, relay_token_name
from posapp.engine.assembly import read_session_secrets
from posapp.secrets import MemorySecretStore
from posapp.settings import SECRET_RELAY_TOKEN, Settings, SettingsChange, SettingsFile


def test_a_settings_file_from_before_brands_is_one_brand(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"keeta_shop_id": 880001, "relay_url": "https://relay.test"}), "utf-8")
    settings = SettingsFile(path).load()
    assert brands_of(settings) == (Brand(880001, "", PALETTE[0]),)
    assert other_brands(settings) == ()
    assert brands_of(Settings()) == ()


def test_brands_keep_their_order_with_the_main_shop_first_and_bad_entries_skipped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    entries = [
        {"shop_id": 2, "name": "  Burgers ", "colour": "#00ff00"},
        {"shop_id": 1, "name": "Noodles", "colour": "red"},  # not #rrggbb: a palette colour
        {"shop_id": 2, "name": "twice"},
        {"shop_id": True}, {"shop_id": -4}, {"shop_id": "3"}, "junk",
    ]  # fmt: skip
    path.write_text(json.dumps({"keeta_shop_id": 1, "brands": entries}), "utf-8")
    settings = SettingsFile(path).load()
    assert [(b.shop_id, b.name) for b in brands_of(settings)] == [(1, "Noodles"), (2, "Burgers")]
    assert brands_of(settings)[1].colour == "#00ff00" and brands_of(settings)[0].colour in PALETTE
    assert [b.shop_id for b in other_brands(settings)] == [2]


def test_each_brands_token_is_read_under_its_shops_name() -> None:
    store = MemorySecretStore()
    store.set(SECRET_RELAY_TOKEN, "main-token")  # saved before brands existed
    store.set(relay_token_name(2), "burger-token")
    settings = Settings(keeta_shop_id=1, brands=[{"shop_id": 2}, {"shop_id": 3}])  # 3: no token yet
    secrets = read_session_secrets(store, settings)
    assert secrets.relay_token == "main-token"
    assert secrets.brand_relay_tokens == ((2, "burger-token"),)
    assert "burger-token" in secrets.values() and "burger-token" not in repr(secrets)
    assert read_session_secrets(store).brand_relay_tokens == ()


def test_brand_tokens_never_reach_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    SettingsFile(path).save(
        Settings(keeta_shop_id=1, brands=[{"shop_id": 2, "name": "B", "colour": "#c62828"}])
    )
    assert "token" not in path.read_text("utf-8")


def test_a_new_brand_name_or_colour_applies_in_place_and_a_new_shop_reconnects() -> None:
    before = Settings(
        keeta_shop_id=1, brands=[{"shop_id": 1, "name": "Main"}, {"shop_id": 2, "name": "Noodles"}]
    )
    renamed = before.replace(brands=[{"shop_id": 1, "name": "Main"}, {"shop_id": 2, "name": "Noodle Bar"}])
    recoloured = before.replace(
        brands=[{"shop_id": 1, "colour": "#c62828"}, {"shop_id": 2, "name": "Noodles"}]
    )
    added = before.replace(brands=[*before.brands, {"shop_id": 3, "name": "Burgers"}])
    moved = before.replace(brands=[{"shop_id": 1, "name": "Main"}, {"shop_id": 4, "name": "Noodles"}])
    assert not SettingsChange(before, renamed).reconnects
    assert not SettingsChange(before, recoloured).reconnects
    assert SettingsChange(before, added).reconnects and SettingsChange(before, moved).reconnects
