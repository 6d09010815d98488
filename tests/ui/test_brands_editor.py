"""Settings: the brands on this counter are added and removed in the dialog; each further brand's
relay store token goes to the keyring under its shop's name, never to the settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posapp.brands import brands_of, relay_token_name
from posapp.secrets import MemorySecretStore
from posapp.settings import SECRET_RELAY_TOKEN, Settings
from posapp.ui.settings_dialog import SettingsDialog
from tests.waiting import until


async def test_a_brand_is_added_with_its_token_and_removed_again(qtbot: QtBot) -> None:
    store = MemorySecretStore()
    saved: list[Settings] = []
    dialog = SettingsDialog(Settings(keeta_shop_id=880001), store)
    qtbot.addWidget(dialog)
    dialog.saved.connect(saved.append)
    editor = dialog.brands
    assert [row.shop() for row in editor.rows] == [880001]
    assert not editor.rows[0].token.isEnabled()  # the main shop's token is the relay token field
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.rows[1]
    qtbot.keyClicks(row.shop_id, "880002")
    qtbot.keyClicks(row.name, "Burger Lab")
    row.colour.setCurrentIndex(2)
    qtbot.keyClicks(row.token, "burger-token")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    await until(lambda: bool(saved))  # the keyring is written in a worker thread, then Save answers
    assert dialog.secrets_changed and row.token.text() == ""
    (settings,) = saved
    assert [(b.shop_id, b.name) for b in brands_of(settings)] == [(880001, ""), (880002, "Burger Lab")]
    assert "burger-token" not in repr(settings.brands)
    assert store.get(relay_token_name(880002)) == "burger-token"
    assert store.get(SECRET_RELAY_TOKEN) is None

    again = SettingsDialog(settings, store)
    qtbot.addWidget(again)
    again.saved.connect(saved.append)
    qtbot.mouseClick(again.brands.rows[1].remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    await until(lambda: len(saved) == 2)
    assert [b.shop_id for b in brands_of(saved[-1])] == [880001]
    assert store.get(relay_token_name(880002)) is None


def test_a_brand_without_a_shop_id_or_twice_is_refused_at_the_list(qtbot: QtBot) -> None:
    saved: list[Settings] = []
    dialog = SettingsDialog(Settings(keeta_shop_id=5), MemorySecretStore())
    qtbot.addWidget(dialog)
    dialog.saved.connect(saved.append)
    row = dialog.brands.add_brand()
    qtbot.keyClicks(row.shop_id, "abc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not saved and dialog.brands.problem.isVisibleTo(dialog)
    assert "whole number" in dialog.brands.problem.text()
    row.shop_id.setText("5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not saved and "twice" in dialog.brands.problem.text()
    row.shop_id.setText("6")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [b.shop_id for b in brands_of(saved[0])] == [5, 6]


def test_saving_an_old_single_shop_file_leaves_its_brands_unwritten(qtbot: QtBot) -> None:
    """Otherwise the first save of any setting would write brand #1 out and reconnect the engine."""
    saved: list[Settings] = []
    dialog = SettingsDialog(Settings(keeta_shop_id=880001), MemorySecretStore())
    qtbot.addWidget(dialog)
    dialog.saved.connect(saved.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved[0].brands == []
