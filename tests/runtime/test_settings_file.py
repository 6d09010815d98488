"""A hand-edited or damaged settings.json starts the app on defaults with the problem named, never a
traceback: unreadable JSON is set aside, a value of the wrong type falls back to that field's default."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from posapp.settings import Settings, SettingsFile


def _load(tmp_path: Path, text: str) -> tuple[Settings, SettingsFile]:
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    file = SettingsFile(path)
    return file.load(), file


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '"text"', '{"a": 1'])
def test_unreadable_files_are_set_aside(tmp_path: Path, text: str) -> None:
    settings, _ = _load(tmp_path, text)
    assert settings == Settings()
    (aside,) = tmp_path.glob("settings.json.broken-*")
    assert aside.read_text(encoding="utf-8") == text


def test_invalid_utf8_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"language": "\xff\xfe"}')
    assert SettingsFile(path).load() == Settings()
    assert list(tmp_path.glob("settings.json.broken-*"))


def test_wrong_types_fall_back_field_by_field(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    hostile = {
        "font_scale": "big",
        "default_prep_minutes": "abc",
        "printers": "x",
        "language": 5,
        "auto_accept": "yes",
        "keeta_app_id": 10**40,
        "zeek_fee_per_delivery_cents": 1.5,
        "relay_url": "https://relay.example",  # fine: kept
        "chime": False,  # fine: kept
        "unknown_key": [1, 2],  # ignored, as before
    }
    with caplog.at_level(logging.ERROR, logger="posapp.settings"):
        settings, file = _load(tmp_path, json.dumps(hostile))
    assert settings == Settings(relay_url="https://relay.example", chime=False)
    named = {problem.split("'")[1] for problem in file.problems}
    assert named == {
        "font_scale",
        "default_prep_minutes",
        "printers",
        "language",
        "auto_accept",
        "keeta_app_id",
        "zeek_fee_per_delivery_cents",
    }
    assert "'font_scale' should be a number, not 'big'; using 1.0" in caplog.text
    assert not list(tmp_path.glob("settings.json.broken-*"))  # the file is kept for the user to fix


def test_right_types_are_kept(tmp_path: Path) -> None:
    good = {
        "font_scale": 2,  # a whole number is a number
        "printers": [{"name": "kitchen", "uri": "tcp://10.0.0.5:9100", "role": "kitchen"}],
        "zeek_fee_per_delivery_cents": None,
        "language": "zh_HK",
    }
    settings, file = _load(tmp_path, json.dumps(good))
    assert file.problems == []
    assert settings.font_scale == 2.0 and isinstance(settings.font_scale, float)
    assert settings.printers == good["printers"] and settings.language == "zh_HK"


def test_a_printer_entry_that_is_not_an_object(tmp_path: Path) -> None:
    settings, file = _load(tmp_path, json.dumps({"printers": ["tcp://10.0.0.5:9100"]}))
    assert settings.printers == [] and "'printers' should be a list" in file.problems[0]
