"""The shop's Zeek fee per delivery is set in the settings dialog; the report's Zeek cost follows it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from posapp.secrets import SecretStore
from posapp.settings import Settings
from posapp.ui.settings_dialog import SettingsDialog
from tests.conftest import MemoryKeyring


def test_fee_per_delivery_round_trips_in_cents(qapp: QApplication, memory_keyring: MemoryKeyring) -> None:
    dialog = SettingsDialog(Settings(zeek_fee_per_delivery_cents=2500), SecretStore())
    assert dialog.zeek_fee.value() == 25.0
    dialog.zeek_fee.setValue(38.5)
    assert dialog.values().zeek_fee_per_delivery_cents == 3850
    dialog.zeek_fee.setValue(0)  # shown as "not set": the report then says the cost is unknown
    assert dialog.values().zeek_fee_per_delivery_cents is None
    assert dialog.zeek_fee.text() == "not set"
