"""The shop's Zeek fee per delivery is set in the settings dialog; the report's Zeek cost follows it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from posapp.secrets import SecretStore
from posapp.settings import Settings
from posapp.ui.settings_dialog import SettingsDialog
from posapp.ui.stepper import Stepper
from tests.conftest import MemoryKeyring


def test_fee_per_delivery_round_trips_in_cents(qapp: QApplication, memory_keyring: MemoryKeyring) -> None:
    dialog = SettingsDialog(Settings(zeek_fee_per_delivery_cents=2500), SecretStore())
    assert dialog.zeek_fee.text() == "25.00"
    dialog.zeek_fee.setText("38.5")
    assert dialog.values().zeek_fee_per_delivery_cents == 3850
    dialog.zeek_fee.setText("")  # empty is "not set": the report then says the cost is unknown
    assert dialog.values().zeek_fee_per_delivery_cents is None
    assert dialog.zeek_fee.placeholderText() == "not set"


def test_a_fee_that_is_not_an_amount_is_refused_with_words(
    qapp: QApplication, memory_keyring: MemoryKeyring
) -> None:
    dialog = SettingsDialog(Settings(), SecretStore())
    dialog.zeek_fee.setText(".")
    problem = dialog.delivery.problem()
    assert problem is not None and problem[1] is dialog.zeek_fee
    assert "38.50" in problem[0]


def test_booking_ahead_is_a_big_stepper_that_says_when_it_is_off(
    qapp: QApplication, memory_keyring: MemoryKeyring
) -> None:
    dialog = SettingsDialog(Settings(), SecretStore())
    stepper = dialog.delivery.book_early
    assert isinstance(stepper, Stepper)
    assert stepper.text() == "when marked ready"
    stepper.stepUp()
    assert stepper.text() == "1"
    assert dialog.values().delivery_auto_book_minutes_before_ready == 1
    stepper.stepDown()
    assert dialog.values().delivery_auto_book_minutes_before_ready is None
