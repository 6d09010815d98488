"""The pages of Settings: each holds the controls of its settings (keyed by the ``Settings`` field they
edit), says what is wrong with what was typed, and gives back the values to save.

Secrets are typed here but saved by the dialog, into the keyring only.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from posapp import settings as settings_module
from posapp.domain.delivery_request import parse_location
from posapp.domain.store_state import parse_hhmm
from posapp.settings import Settings
from posapp.ui.delivery.words import COD_TYPES
from posapp.ui.delivery.words import tr as delivery_tr
from posapp.ui.money_edit import MoneyEdit
from posapp.ui.stepper import Stepper

FIELD_WIDTH = 300
PAUSE_REMINDER_LIMIT_MIN = 240  # a pause longer than four hours is a closed shop, not a busy spell
TEXT_SIZES = (1.0, 1.25, 1.5, 2.0)
STAFF_CODE_LIMIT = 16

# What a page says is wrong: the words and the control to put the cursor in.
Problem = tuple[str, QWidget]


class SettingsPage(QWidget):
    """A form of labelled controls; ``controls`` maps each Settings field (or secret name) to its control."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controls: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

    def row(self, name: str, control: QWidget) -> None:
        if isinstance(control, QLineEdit):
            control.setMinimumWidth(FIELD_WIDTH)
        self.controls[name] = control
        self.labels[name] = QLabel()
        self.form.addRow(self.labels[name], control)

    def switch(self, name: str, control: QCheckBox) -> None:
        """A tick box carries its own words, so its row has no label."""
        self.controls[name] = control
        self.form.addRow("", control)

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def problem(self) -> Problem | None:
        return None

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, words: dict[str, str]) -> None:
        for name, text in words.items():
            self.labels[name].setText(text)


class PlatformPage(SettingsPage):
    """Keeta, the relay and how calls reach the platforms."""

    SECRETS = (
        settings_module.SECRET_KEETA_APP_SECRET,
        settings_module.SECRET_KEETA_TOKEN,
        settings_module.SECRET_KEETA_REFRESH,
        settings_module.SECRET_RELAY_TOKEN,
    )

    def __init__(self, s: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api_mode = combo([("direct", ""), ("gateway", "")], s.api_mode)
        self.keeta_app_id = QLineEdit(str(s.keeta_app_id) if s.keeta_app_id else "")
        self.keeta_shop_id = QLineEdit(str(s.keeta_shop_id) if s.keeta_shop_id else "")
        self.keeta_url = QLineEdit(s.keeta_base_url)
        self.relay_url = QLineEdit(s.relay_url)
        self.row("api_mode", self.api_mode)
        self.row("keeta_app_id", self.keeta_app_id)
        self.row("keeta_shop_id", self.keeta_shop_id)
        self.row("keeta_base_url", self.keeta_url)
        self.row("relay_url", self.relay_url)
        self.secret_edits = {name: secret_edit() for name in self.SECRETS}
        for name, edit in self.secret_edits.items():
            self.row(name, edit)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Keeta and relay")

    def retranslate(self) -> None:
        self._say(
            {
                "api_mode": self.tr("Platform calls"),
                "keeta_app_id": self.tr("Keeta app ID"),
                "keeta_shop_id": self.tr("Keeta shop ID"),
                "keeta_base_url": self.tr("Keeta API address"),
                "relay_url": self.tr("Relay address"),
                settings_module.SECRET_KEETA_APP_SECRET: self.tr("Keeta app secret"),
                settings_module.SECRET_KEETA_TOKEN: self.tr("Keeta access token"),
                settings_module.SECRET_KEETA_REFRESH: self.tr("Keeta refresh token"),
                settings_module.SECRET_RELAY_TOKEN: self.tr("Relay store token"),
            }
        )
        set_items(
            self.api_mode,
            {
                "direct": self.tr("From this computer (secrets here)"),
                "gateway": self.tr("Through the relay (secrets on the relay)"),
            },
        )
        for edit in self.secret_edits.values():
            edit.setPlaceholderText(self.tr("saved in the system keyring"))

    def problem(self) -> Problem | None:
        for edit, name in ((self.keeta_app_id, self.tr("Keeta app ID")),
                           (self.keeta_shop_id, self.tr("Keeta shop ID"))):  # fmt: skip
            if not whole_number(edit.text()):
                return self.tr("{0} must be a number (digits only).").format(name), edit
        if not web_address(self.keeta_url.text()):
            return self.tr("The Keeta API address must start with https:// or http://."), self.keeta_url
        if self.relay_url.text().strip() and not web_address(self.relay_url.text()):
            return self.tr("The relay address must start with https:// or http://."), self.relay_url
        if self.api_mode.currentData() == "gateway" and not self.relay_url.text().strip():
            return self.tr("Calls through the relay need the relay address."), self.relay_url
        return None

    def values(self) -> dict[str, Any]:
        return {
            "api_mode": str(self.api_mode.currentData()),
            "keeta_app_id": whole_int(self.keeta_app_id.text()),
            "keeta_shop_id": whole_int(self.keeta_shop_id.text()),
            "keeta_base_url": self.keeta_url.text().strip(),
            "relay_url": self.relay_url.text().strip(),
        }


class DeliveryPage(SettingsPage):
    """Zeek couriers: the account, what the shop pays, the map and the booking automation."""

    SECRETS = (settings_module.SECRET_ZEEK_SECRET,)

    def __init__(self, s: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zeek_app_id = QLineEdit(str(s.zeek_app_id) if s.zeek_app_id else "")
        self.zeek_merchant = QLineEdit(s.zeek_merchant_id)
        self.zeek_url = QLineEdit(s.zeek_base_url)
        # What Zeek bills per delivery under the shop's agreement, for the money report; empty = not set.
        self.zeek_fee = MoneyEdit(s.zeek_fee_per_delivery_cents)
        self.staff_code = QLineEdit(s.delivery_staff_code)
        self.store_location = QLineEdit(s.store_location)
        self.cod_type = combo([(str(code), "") for code, _ in COD_TYPES], str(s.delivery_cod_type))
        self.web_map = QCheckBox()
        self.web_map.setChecked(s.web_map)
        self.auto_quote = QCheckBox()
        self.auto_quote.setChecked(s.delivery_auto_quote_on_accept)
        self.auto_book = QCheckBox()
        self.auto_book.setChecked(s.delivery_auto_book_on_ready)
        # 0: only when the order is marked ready
        self.book_early = Stepper(0, 60, s.delivery_auto_book_minutes_before_ready or 0)
        self.rebook = QCheckBox()
        self.rebook.setChecked(s.delivery_rebook_on_assign_timeout)
        self.late_grace = Stepper(0, 60, s.delivery_late_alert_grace_min)
        self.secret_edits = {name: secret_edit() for name in self.SECRETS}
        self.row("zeek_app_id", self.zeek_app_id)
        self.row("zeek_merchant_id", self.zeek_merchant)
        self.row("zeek_base_url", self.zeek_url)
        self.row(settings_module.SECRET_ZEEK_SECRET, self.secret_edits[settings_module.SECRET_ZEEK_SECRET])
        self.row("zeek_fee_per_delivery_cents", self.zeek_fee)
        self.row("delivery_staff_code", self.staff_code)
        self.row("store_location", self.store_location)
        self.row("delivery_cod_type", self.cod_type)
        self.switch("web_map", self.web_map)
        self.switch("delivery_auto_quote_on_accept", self.auto_quote)
        self.switch("delivery_auto_book_on_ready", self.auto_book)
        self.row("delivery_auto_book_minutes_before_ready", self.book_early)
        self.switch("delivery_rebook_on_assign_timeout", self.rebook)
        self.row("delivery_late_alert_grace_min", self.late_grace)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Zeek couriers")

    def retranslate(self) -> None:
        self._say(
            {
                "zeek_app_id": self.tr("Zeek app ID"),
                "zeek_merchant_id": self.tr("Zeek merchant ID"),
                "zeek_base_url": self.tr("Zeek API address"),
                settings_module.SECRET_ZEEK_SECRET: self.tr("Zeek app secret"),
                "zeek_fee_per_delivery_cents": self.tr("Zeek fee per delivery"),
                "delivery_staff_code": self.tr("Staff code for Zeek cancellations"),
                "store_location": self.tr("Shop location (latitude,longitude)"),
                "delivery_cod_type": self.tr("Payment for new bookings"),
                "delivery_auto_book_minutes_before_ready": self.tr("Book this long before ready"),
                "delivery_late_alert_grace_min": self.tr("Warn when the partner is late by"),
            }
        )
        self.zeek_fee.setPlaceholderText(self.tr("not set"))
        self.store_location.setPlaceholderText("22.2799,114.1588")
        set_items(self.cod_type, {str(code): delivery_tr(str(text)) for code, text in COD_TYPES})
        self.web_map.setText(self.tr("Delivery map with street tiles from the internet (off: plain map)"))
        self.auto_quote.setText(self.tr("Ask Zeek for a price when an own-delivery order is accepted"))
        self.auto_book.setText(self.tr("Book a Zeek partner automatically for own-delivery orders"))
        self.book_early.setSuffix(self.tr(" min"))
        self.book_early.setSpecialValueText(self.tr("when marked ready"))
        self.rebook.setText(self.tr("Book again once when Zeek finds no partner"))
        self.late_grace.setSuffix(self.tr(" min"))

    def problem(self) -> Problem | None:
        if not whole_number(self.zeek_app_id.text()):
            return self.tr("Zeek app ID must be a number (digits only)."), self.zeek_app_id
        if not self.zeek_fee.acceptable():
            return self.tr("The Zeek fee must be an amount in dollars, e.g. 38.50, or empty."), self.zeek_fee
        if not web_address(self.zeek_url.text()):
            return self.tr("The Zeek API address must start with https:// or http://."), self.zeek_url
        code = self.staff_code.text().strip()
        if not code or len(code) > STAFF_CODE_LIMIT or not code.isalnum():
            text = self.tr("The staff code must be 1 to {0} letters or digits.").format(STAFF_CODE_LIMIT)
            return text, self.staff_code
        location = self.store_location.text().strip()
        if location:
            try:
                parse_location(location)
            except ValueError:
                text = self.tr("The shop location must be “latitude,longitude”, e.g. 22.2799,114.1588.")
                return text, self.store_location
        return None

    def values(self) -> dict[str, Any]:
        return {
            "zeek_app_id": whole_int(self.zeek_app_id.text()),
            "zeek_merchant_id": self.zeek_merchant.text().strip(),
            "zeek_base_url": self.zeek_url.text().strip(),
            "zeek_fee_per_delivery_cents": self.zeek_fee.cents() or None,
            "delivery_staff_code": self.staff_code.text().strip(),
            "store_location": self.store_location.text().strip(),
            "delivery_cod_type": int(self.cod_type.currentData()),
            "web_map": self.web_map.isChecked(),
            "delivery_auto_quote_on_accept": self.auto_quote.isChecked(),
            "delivery_auto_book_on_ready": self.auto_book.isChecked(),
            "delivery_auto_book_minutes_before_ready": self.book_early.value() or None,
            "delivery_rebook_on_assign_timeout": self.rebook.isChecked(),
            "delivery_late_alert_grace_min": self.late_grace.value(),
        }


class CounterPage(SettingsPage):
    """At the counter: preparation time, accepting, alerts, busy-mode limits, language and how the screen
    looks."""

    def __init__(self, s: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prep = Stepper(5, 90, s.default_prep_minutes, step=5)
        self.auto_accept = QCheckBox()
        self.auto_accept.setChecked(s.auto_accept)
        self.chime = QCheckBox()
        self.chime.setChecked(s.chime)
        self.spoken = QCheckBox()
        self.spoken.setChecked(s.spoken_prompt)
        self.language = combo([("en", "English"), ("zh_HK", "繁體中文")], s.language)
        self.theme = combo([("light", ""), ("dark", ""), ("high_contrast", "")], s.theme)
        self.font_scale = QComboBox()
        for scale in _text_sizes(s.font_scale):
            self.font_scale.addItem(f"{round(scale * 100)} %", scale)
        self.font_scale.setCurrentIndex(max(0, self.font_scale.findData(s.font_scale)))
        self.pause_reminder = Stepper(0, PAUSE_REMINDER_LIMIT_MIN, s.pause_reminder_minutes, step=5)
        self.closing_time = QLineEdit(s.closing_time)
        self.closing_time.setMaxLength(5)
        self.row("default_prep_minutes", self.prep)
        self.switch("auto_accept", self.auto_accept)
        self.switch("chime", self.chime)
        self.switch("spoken_prompt", self.spoken)
        self.row("pause_reminder_minutes", self.pause_reminder)
        self.row("closing_time", self.closing_time)
        self.row("language", self.language)
        self.row("theme", self.theme)
        self.row("font_scale", self.font_scale)
        self.retranslate()

    def title(self) -> str:
        return self.tr("At the counter")

    def retranslate(self) -> None:
        self._say(
            {
                "default_prep_minutes": self.tr("Default preparation time"),
                "pause_reminder_minutes": self.tr("Remind me when paused for (0: never)"),
                "closing_time": self.tr("Closing time (HH:MM)"),
                "language": self.tr("Language"),
                "theme": self.tr("Theme"),
                "font_scale": self.tr("Text size"),
            }
        )
        self.prep.setSuffix(self.tr(" min"))
        self.pause_reminder.setSuffix(self.tr(" min"))
        self.auto_accept.setText(self.tr("Accept new orders automatically"))
        self.chime.setText(self.tr("Ring for new orders"))
        self.spoken.setText(self.tr("Say new orders out loud"))
        set_items(
            self.theme,
            {"light": self.tr("Light"), "dark": self.tr("Dark"), "high_contrast": self.tr("High contrast")},
        )

    def values(self) -> dict[str, Any]:
        return {
            "default_prep_minutes": self.prep.value(),
            "auto_accept": self.auto_accept.isChecked(),
            "chime": self.chime.isChecked(),
            "spoken_prompt": self.spoken.isChecked(),
            "language": str(self.language.currentData()),
            "theme": str(self.theme.currentData()),
            "font_scale": float(self.font_scale.currentData()),
            "pause_reminder_minutes": self.pause_reminder.value(),
            "closing_time": self.closing_time.text().strip(),
        }

    def problem(self) -> Problem | None:
        if parse_hhmm(self.closing_time.text()) is None:
            text = self.tr("The closing time must be a time of day as HH:MM, e.g. 22:00.")
            return text, self.closing_time
        return None


# --- small pieces ------------------------------------------------------------------------------------


def combo(items: list[tuple[str, str]], current: str) -> QComboBox:
    box = QComboBox()
    for key, label in items:
        box.addItem(label, key)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def set_items(box: QComboBox, words: dict[str, str]) -> None:
    for key, text in words.items():
        index = box.findData(key)
        if index >= 0:
            box.setItemText(index, text)


def secret_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(FIELD_WIDTH)
    return edit


def _text_sizes(current: float) -> list[float]:
    """The offered sizes, plus one a settings file already holds, so opening Settings never changes it."""
    return sorted({*TEXT_SIZES, current}) if current > 0 else list(TEXT_SIZES)


def whole_number(text: str) -> bool:
    text = text.strip()
    return not text or (text.isascii() and text.isdigit() and len(text) <= 18)


def whole_int(text: str) -> int:
    return int(text.strip()) if text.strip() else 0


def web_address(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)
