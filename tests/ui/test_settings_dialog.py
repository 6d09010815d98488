"""Settings is complete (every saved setting has a control), fits a 1024×768 screen with Save visible, and
refuses what cannot be saved with a sentence, at the field."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox

from posapp.secrets import SecretStore
from posapp.settings import SECRET_NAMES, SECRET_ZEEK_SECRET, Settings, SettingsFile
from posapp.ui.brands_editor import BrandsEditor
from posapp.ui.money_edit import MoneyEdit
from posapp.ui.settings_dialog import SettingsDialog
from posapp.ui.stepper import Stepper
from tests.conftest import MemoryKeyring
from tests.waiting import until

KITCHEN = {"name": "Kitchen", "uri": "tcp://192.168.1.50:9100", "encoding": "big5", "role": "kitchen"}
KITCHEN |= {"failover": "", "station": "Hot", "copies": 2}
# Every field with a value unlike its default, as a cashier could choose it in the dialog.
CHANGED = Settings(
    keeta_base_url="https://keeta.example/api/open",
    keeta_app_id=7001,
    keeta_shop_id=88,
    brands=[
        {"shop_id": 88, "name": "Noodles", "colour": "#1565c0"},
        {"shop_id": 89, "name": "Burgers", "colour": "#c62828"},
    ],
    zeek_base_url="https://zeek.example/v1.3",
    zeek_app_id=100000001,
    zeek_merchant_id="SHOP-1",
    store_location="22.2799,114.1588",
    web_map=False,
    delivery_auto_quote_on_accept=True,
    delivery_auto_book_on_ready=True,
    delivery_auto_book_minutes_before_ready=10,
    delivery_rebook_on_assign_timeout=False,
    delivery_late_alert_grace_min=8,
    delivery_staff_code="4321",
    delivery_cod_type=1,
    zeek_fee_per_delivery_cents=3850,
    relay_url="https://relay.example",
    api_mode="gateway",
    default_prep_minutes=25,
    auto_accept=True,
    chime=False,
    spoken_prompt=True,
    language="zh_HK",
    theme="dark",
    font_scale=1.5,
    printers=[KITCHEN],
    station_routes=[{"match": "Curry", "station": "Hot"}],
    auto_print_kitchen=False,
    auto_print_receipt=False,
    print_cancel_slip=False,
    print_refund_slip=False,
    unaccepted_slip_minutes=2,
    pause_reminder_minutes=45,
    closing_time="23:30",
)


def _dialog(settings: Settings) -> tuple[SettingsDialog, list[Settings]]:
    dialog = SettingsDialog(settings, SecretStore())
    saved: list[Settings] = []
    dialog.saved.connect(saved.append)
    return dialog, saved


def test_every_setting_and_secret_has_a_control(qapp: QApplication) -> None:
    dialog, _ = _dialog(Settings())
    fields = {f.name for f in dataclasses.fields(Settings)}
    assert set(dialog.controls) == fields | set(SECRET_NAMES)
    assert all(value != getattr(Settings(), name) for name, value in dataclasses.asdict(CHANGED).items())


def test_every_setting_is_edited_in_the_dialog_and_saved(qapp: QApplication, tmp_path: Path) -> None:
    dialog, saved = _dialog(Settings())
    for name, value in dataclasses.asdict(CHANGED).items():
        if name not in ("printers", "station_routes"):  # tables: rows added below / in their own tests
            _set(dialog.controls[name], value)
    dialog.printers.add_printer(CHANGED.printers[0])
    dialog.printers.stations.add_rule(CHANGED.station_routes[0])
    dialog.save()

    assert saved == [CHANGED], dialog.problem.text()
    file = SettingsFile(tmp_path / "settings.json")
    file.save(saved[0])
    again, _ = _dialog(file.load())
    assert again.values() == CHANGED  # each control shows what was saved


async def test_secrets_typed_in_the_dialog_go_to_the_keyring(
    qapp: QApplication, memory_keyring: MemoryKeyring
) -> None:
    dialog, saved = _dialog(Settings())
    dialog.secret_edits[SECRET_ZEEK_SECRET].setText("zeek-secret")
    dialog.save()
    await until(lambda: bool(saved))  # written in a worker thread, then saved
    assert dialog.secrets_changed and SecretStore().get(SECRET_ZEEK_SECRET) == "zeek-secret"
    assert "zeek-secret" not in str(dataclasses.asdict(saved[0]))


@pytest.mark.parametrize(
    ("name", "typed", "words"),
    [
        ("keeta_app_id", "12a", "Keeta app ID must be a number"),
        ("keeta_base_url", "open.mykeeta.com", "Keeta API address must start with"),
        ("relay_url", "relay.example", "relay address must start with"),
        ("zeek_app_id", "1e5", "Zeek app ID must be a number"),
        ("delivery_staff_code", "", "staff code must be 1 to 16"),
        ("store_location", "114.1588,22.2799", "latitude,longitude"),
        ("closing_time", "25:00", "closing time must be a time of day"),
        ("closing_time", "10pm", "closing time must be a time of day"),
    ],
)
def test_what_cannot_be_saved_is_refused_with_words_at_the_field(
    qapp: QApplication, name: str, typed: str, words: str
) -> None:
    dialog, saved = _dialog(Settings())
    dialog.show()
    dialog.show_page(dialog.counter)
    control = dialog.controls[name]
    assert isinstance(control, QLineEdit)
    control.setText(typed)
    dialog.save()

    assert saved == [] and dialog.isVisible()
    assert words in dialog.problem.text() and dialog.problem.isVisible()
    assert dialog.stack.currentWidget().isAncestorOf(control)  # its page is open
    dialog.close()


def test_gateway_calls_need_a_relay(qapp: QApplication) -> None:
    dialog, saved = _dialog(Settings())
    _set(dialog.controls["api_mode"], "gateway")
    dialog.save()
    assert saved == [] and "need the relay address" in dialog.problem.text()


@pytest.mark.parametrize("language", ["en", "zh_HK"])
def test_settings_fits_1024_by_768_with_save_visible(qapp: QApplication, language: str) -> None:
    from posapp.ui.i18n import LanguageSwitcher

    switcher = LanguageSwitcher(qapp)
    switcher.switch(language)
    try:
        dialog, _ = _dialog(CHANGED)
        dialog.show()
        QApplication.sendPostedEvents(None, 0)
        assert dialog.width() <= 1024 and dialog.height() <= 740
        minimum = dialog.minimumSizeHint()
        assert minimum.width() <= 1024 and minimum.height() <= 740
        for page in dialog.pages:
            dialog.show_page(page)
            QApplication.sendPostedEvents(None, 0)
            button = dialog.save_button
            corner = button.mapTo(dialog, QPoint(button.width(), button.height()))
            assert dialog.rect().contains(corner) and button.isVisible()
        dialog.close()
    finally:
        switcher.switch("en")


def _set(control: object, value: object) -> None:
    if isinstance(control, QCheckBox):
        control.setChecked(bool(value))
    elif isinstance(control, QComboBox):
        index = control.findData(str(value) if not isinstance(value, float) else value)
        assert index >= 0, (control, value)
        control.setCurrentIndex(index)
    elif isinstance(control, MoneyEdit):
        control.set_cents(int(value) if isinstance(value, int) else None)
    elif isinstance(control, QDoubleSpinBox):
        control.setValue(int(value) / 100 if isinstance(value, int) else 0)  # cents in Settings
    elif isinstance(control, QSpinBox | Stepper):
        control.setValue(int(value) if isinstance(value, int) else 0)
    elif isinstance(control, BrandsEditor):
        control.set_brands(value if isinstance(value, list) else [])
    elif isinstance(control, QLineEdit):
        control.setText(str(value))
    else:
        raise AssertionError(f"no way to set {control!r}")
