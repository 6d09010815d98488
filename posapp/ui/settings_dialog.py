"""Settings: platform credentials (secrets to the OS keyring only), alerts, language, theme, font size.

When there is no keyring, the secret fields are locked and the dialog says what to set up; nothing
secret is ever written anywhere else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from posapp import settings as settings_module
from posapp.secrets import SecretStore, SecretsUnavailable
from posapp.settings import Settings
from posapp.ui.brands_editor import BrandsEditor
from posapp.ui.errors import secrets_problem_text
from posapp.ui.printing.settings_page import PrinterSettingsPage

SECRET_FIELDS = (
    settings_module.SECRET_KEETA_APP_SECRET,
    settings_module.SECRET_KEETA_TOKEN,
    settings_module.SECRET_KEETA_REFRESH,
    settings_module.SECRET_ZEEK_SECRET,
    settings_module.SECRET_RELAY_TOKEN,
)


class SettingsDialog(QDialog):
    saved = Signal(object)  # Settings

    def __init__(self, current: Settings, secrets: SecretStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(1100)
        self.labels: dict[str, QLabel] = {}  # form labels by the setting they name, retitled live
        self._current = current
        self._secrets = secrets
        self._locked = False
        self._secrets_problem = ""
        self._stored: dict[str, str] = {}  # the keyring's values as shown, to write only what changed
        self.secrets_changed = False  # after Save: a keyring value was written or removed
        self.problem = QLabel()
        self.problem.setProperty("role", "problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.secret_edits: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        columns = QHBoxLayout()
        columns.addWidget(self._platform_box(current))
        columns.addWidget(self._shop_box(current))
        layout.addLayout(columns)
        self.printers = PrinterSettingsPage(current)
        layout.addWidget(self.printers)
        self.brands = BrandsEditor(current)
        shop_edit = self.keeta_shop_id
        shop_edit.textChanged.connect(lambda: self.brands.main_shop_changed(_int(shop_edit)))
        layout.addWidget(self.brands)
        self.cancel_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self._load_secrets()
        self.retranslate()

    def retranslate(self) -> None:
        """Every word again in the current language; what is typed or ticked stays."""
        self.setWindowTitle(self.tr("Settings"))
        self.platform_box.setTitle(self.tr("Keeta, Zeek and relay"))
        self.shop_box.setTitle(self.tr("At the counter"))
        words = {
            "keeta_app_id": self.tr("Keeta app ID"),
            "keeta_shop_id": self.tr("Keeta shop ID"),
            "keeta_url": self.tr("Keeta API address"),
            "zeek_app_id": self.tr("Zeek app ID"),
            "zeek_merchant": self.tr("Zeek merchant ID"),
            "zeek_fee": self.tr("Zeek fee per delivery"),
            "relay_url": self.tr("Relay address"),
            settings_module.SECRET_KEETA_APP_SECRET: self.tr("Keeta app secret"),
            settings_module.SECRET_KEETA_TOKEN: self.tr("Keeta access token"),
            settings_module.SECRET_KEETA_REFRESH: self.tr("Keeta refresh token"),
            settings_module.SECRET_ZEEK_SECRET: self.tr("Zeek app secret"),
            settings_module.SECRET_RELAY_TOKEN: self.tr("Relay store token"),
            "prep": self.tr("Default preparation time (min)"),
            "language": self.tr("Language"),
            "theme": self.tr("Theme"),
            "font_scale": self.tr("Text size"),
        }
        for name, text in words.items():
            self.labels[name].setText(text)
        for edit in self.secret_edits.values():
            edit.setPlaceholderText(self.tr("saved in the system keyring"))
        self.auto_accept.setText(self.tr("Accept new orders automatically"))
        self.chime.setText(self.tr("Ring for new orders"))
        self.spoken.setText(self.tr("Say new orders out loud"))
        self.zeek_fee.setSpecialValueText(self.tr("not set"))
        themes = {
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
            "high_contrast": self.tr("High contrast"),
        }
        for key, text in themes.items():
            self.theme.setItemText(self.theme.findData(key), text)
        if self._locked:
            self.problem.setText(secrets_problem_text(self._secrets_problem))
        self.cancel_button.setText(self.tr("Close without saving"))
        self.save_button.setText(self.tr("Save"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _row(self, form: QFormLayout, name: str, field: QWidget) -> None:
        self.labels[name] = QLabel()
        form.addRow(self.labels[name], field)

    # --- building ------------------------------------------------------------------------------------

    def _platform_box(self, s: Settings) -> QGroupBox:
        box = self.platform_box = QGroupBox()
        form = QFormLayout(box)
        self.keeta_app_id = _int_edit(s.keeta_app_id)
        self.keeta_shop_id = _int_edit(s.keeta_shop_id)
        self.keeta_url = QLineEdit(s.keeta_base_url)
        self.zeek_app_id = _int_edit(s.zeek_app_id)
        self.zeek_merchant = QLineEdit(s.zeek_merchant_id)
        # What Zeek bills per delivery under the shop's agreement, for the money report; 0 = not set.
        self.zeek_fee = QDoubleSpinBox()
        self.zeek_fee.setRange(0.0, 1000.0)
        self.zeek_fee.setDecimals(2)
        self.zeek_fee.setPrefix("HK$")
        self.zeek_fee.setValue((s.zeek_fee_per_delivery_cents or 0) / 100)
        self.relay_url = QLineEdit(s.relay_url)
        for edit in (self.keeta_app_id, self.keeta_shop_id, self.keeta_url, self.zeek_app_id,
                     self.zeek_merchant, self.relay_url):  # fmt: skip
            edit.setMinimumWidth(280)
        self._row(form, "keeta_app_id", self.keeta_app_id)
        self._row(form, "keeta_shop_id", self.keeta_shop_id)
        self._row(form, "keeta_url", self.keeta_url)
        self._row(form, "zeek_app_id", self.zeek_app_id)
        self._row(form, "zeek_merchant", self.zeek_merchant)
        self._row(form, "zeek_fee", self.zeek_fee)
        self._row(form, "relay_url", self.relay_url)
        for name in SECRET_FIELDS:
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMinimumWidth(280)
            self.secret_edits[name] = edit
            self._row(form, name, edit)
        return box

    def _shop_box(self, s: Settings) -> QGroupBox:
        box = self.shop_box = QGroupBox()
        form = QFormLayout(box)
        self.prep = QSpinBox()
        self.prep.setRange(5, 90)
        self.prep.setValue(s.default_prep_minutes)
        self.auto_accept = QCheckBox()
        self.auto_accept.setChecked(s.auto_accept)
        self.chime = QCheckBox()
        self.chime.setChecked(s.chime)
        self.spoken = QCheckBox()
        self.spoken.setChecked(s.spoken_prompt)
        self.language = _combo([("en", "English"), ("zh_HK", "繁體中文")], s.language)
        self.theme = _combo([("light", ""), ("dark", ""), ("high_contrast", "")], s.theme)
        self.font_scale = QDoubleSpinBox()
        self.font_scale.setRange(0.75, 2.0)
        self.font_scale.setSingleStep(0.25)
        self.font_scale.setValue(s.font_scale)
        self._row(form, "prep", self.prep)
        form.addRow("", self.auto_accept)
        form.addRow("", self.chime)
        form.addRow("", self.spoken)
        self._row(form, "language", self.language)
        self._row(form, "theme", self.theme)
        self._row(form, "font_scale", self.font_scale)
        return box

    # --- secrets -------------------------------------------------------------------------------------

    def _load_secrets(self) -> None:
        try:
            stored = {name: self._secrets.get(name) for name in self.secret_edits}
        except SecretsUnavailable as exc:
            self._lock_secrets(exc.problem)
            return
        for name, value in stored.items():
            self._stored[name] = value or ""
            self.secret_edits[name].setText(value or "")

    def _lock_secrets(self, problem: str = "") -> None:
        self._locked = True
        self._secrets_problem = problem
        self.problem.setText(secrets_problem_text(problem))
        self.problem.show()
        for edit in self.secret_edits.values():
            edit.clear()
            edit.setEnabled(False)

    @property
    def secrets_locked(self) -> bool:
        return self._locked

    # --- saving --------------------------------------------------------------------------------------

    def values(self) -> Settings:
        return self._current.replace(
            keeta_app_id=_int(self.keeta_app_id),
            keeta_shop_id=_int(self.keeta_shop_id),
            keeta_base_url=self.keeta_url.text().strip(),
            zeek_app_id=_int(self.zeek_app_id),
            zeek_merchant_id=self.zeek_merchant.text().strip(),
            zeek_fee_per_delivery_cents=round(self.zeek_fee.value() * 100) or None,
            relay_url=self.relay_url.text().strip(),
            default_prep_minutes=self.prep.value(),
            auto_accept=self.auto_accept.isChecked(),
            chime=self.chime.isChecked(),
            spoken_prompt=self.spoken.isChecked(),
            language=str(self.language.currentData()),
            theme=str(self.theme.currentData()),
            font_scale=float(self.font_scale.value()),
            **self.printers.values(),
            **self.brands.values(),
        )

    def save(self) -> None:
        if not self.printers.validate() or not self.brands.validate():
            return
        if not self.secrets_locked:
            try:
                for name, edit in self.secret_edits.items():
                    value = edit.text().strip()
                    if value == self._stored.get(name, ""):
                        continue  # unchanged: the session keeps its connection
                    if value:
                        self._secrets.set(name, value)
                    else:
                        self._secrets.delete(name)
                    self._stored[name] = value
                    self.secrets_changed = True
                if self.brands.write_tokens(self._secrets):
                    self.secrets_changed = True
            except SecretsUnavailable as exc:
                # Never a fallback: the other settings are kept, the secrets are simply not saved.
                self._lock_secrets(exc.problem)
                return
        self.saved.emit(self.values())
        self.accept()


def _int_edit(value: int) -> QLineEdit:
    edit = QLineEdit(str(value) if value else "")
    edit.setInputMask("")
    return edit


def _int(edit: QLineEdit) -> int:
    text = edit.text().strip()
    return int(text) if text.isdigit() else 0


def _combo(items: list[tuple[str, str]], current: str) -> QComboBox:
    combo = QComboBox()
    for key, label in items:
        combo.addItem(label, key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo
