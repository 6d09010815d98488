"""Settings: every saved setting has a control here, on one of a few pages; secrets go to the OS keyring
only. The pages scroll and the buttons stay below them, so Save is on screen even at 1024×768.

What cannot be saved (a letter in an ID, an address without http(s)://, a location that is not
"lat,lng"…) is refused with a sentence above the pages, and that page opens at the field. When there
is no keyring, the secret fields are locked and the dialog says what to set up; nothing secret is ever
written anywhere else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.engine.assembly import SessionSecrets
from posapp.secrets import SecretStore, SecretsUnavailable
from posapp.settings import Settings
from posapp.ui.brands_editor import BrandsEditor
from posapp.ui.errors import secrets_problem_text
from posapp.ui.money_edit import MoneyEdit
from posapp.ui.printing.settings_page import PrinterSettingsPage
from posapp.ui.settings_pages import CounterPage, DeliveryPage, PlatformPage, SettingsPage

DIALOG_SIZE = (960, 680)  # fits a 1024×768 screen with the taskbar; the pages scroll inside
NAV_WIDTH = 200


class SettingsDialog(QDialog):
    saved = Signal(Settings)
    setup_requested = Signal()  # the cashier asked for the first-run setup again

    def __init__(
        self,
        current: Settings,
        secrets: SecretStore,
        parent: QWidget | None = None,
        shown: SessionSecrets | None = None,
    ) -> None:
        """``shown``: the keyring's values as the session read them (off the GUI thread); None reads
        the keyring here."""
        super().__init__(parent)
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
        self.platform = PlatformPage(current)
        self.delivery = DeliveryPage(current)
        self.counter = CounterPage(current)
        self.printers = PrinterSettingsPage(current)
        self.brands = BrandsEditor(current)
        shop_edit = self.platform.keeta_shop_id
        shop_edit.textChanged.connect(lambda: self.brands.main_shop_changed(shop_edit.text()))
        self.pages: list[QWidget] = [self.platform, self.delivery, self.counter, self.printers, self.brands]
        self.nav = QListWidget()
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setStyleSheet("QListWidget::item { padding: 12px 8px; }")  # a finger-sized target each
        self.stack = QStackedWidget()
        for page in self.pages:
            self.nav.addItem("")
            self.stack.addWidget(_scrolling(page))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.setup_button = QPushButton()
        self.cancel_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        self._build()
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.setup_button.clicked.connect(self._ask_setup)
        self._load_secrets(shown)
        self.resize(*DIALOG_SIZE)
        self.retranslate()

    def _build(self) -> None:
        middle = QHBoxLayout()
        middle.addWidget(self.nav)
        middle.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.setup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        layout.addLayout(middle, 1)
        layout.addLayout(buttons)

    # --- what tests and the wizard reach -------------------------------------------------------------

    @property
    def controls(self) -> dict[str, QWidget]:
        """The control of every saved setting (and secret), by its ``Settings`` field name."""
        found: dict[str, QWidget] = {}
        for page in (self.platform, self.delivery, self.counter):
            found.update(page.controls)
        found.update(
            {
                "printers": self.printers.table,
                "auto_print_kitchen": self.printers.auto_kitchen,
                "auto_print_receipt": self.printers.auto_receipt,
                "print_cancel_slip": self.printers.cancel_slip,
                "print_refund_slip": self.printers.refund_slip,
                "brands": self.brands,
                "station_routes": self.printers.stations.table,
                "unaccepted_slip_minutes": self.printers.stations.unaccepted_minutes,
            }
        )
        return found

    @property
    def secret_edits(self) -> dict[str, QLineEdit]:
        return {**self.platform.secret_edits, **self.delivery.secret_edits}

    @property
    def chime(self) -> QCheckBox:
        return self.counter.chime

    @property
    def zeek_fee(self) -> MoneyEdit:
        return self.delivery.zeek_fee

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.index(page))

    # --- words ---------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every word again in the current language; what is typed or ticked stays."""
        self.setWindowTitle(self.tr("Settings"))
        self.nav.setAccessibleName(self.tr("Settings pages"))
        titles = [self.platform.title(), self.delivery.title(), self.counter.title(), self.tr("Printers"),
                  self.brands.title()]  # fmt: skip
        for row, title in enumerate(titles):
            item = self.nav.item(row)
            if item is not None:
                item.setText(title)
        if self._locked:
            self.problem.setText(secrets_problem_text(self._secrets_problem))
        self.setup_button.setText(self.tr("First-run setup…"))
        self.cancel_button.setText(self.tr("Close without saving"))
        self.save_button.setText(self.tr("Save"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- secrets -------------------------------------------------------------------------------------

    def _load_secrets(self, shown: SessionSecrets | None) -> None:
        if shown is not None and shown.problem:
            self._lock_secrets(shown.problem)
            return
        try:
            if shown is not None:
                stored: dict[str, str | None] = dict(shown.by_name())
            else:
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
        changes = {**self.platform.values(), **self.delivery.values(), **self.counter.values()}
        return self._current.replace(**changes, **self.printers.values(), **self.brands.values())

    def refusal(self) -> str:
        """Words for the first thing that cannot be saved (that page is opened at it), or ""."""
        pages: list[SettingsPage] = [self.platform, self.delivery, self.counter]
        for page in pages:
            found = page.problem()
            if found is not None:
                text, control = found
                self.show_page(page)
                control.setFocus()
                return text
        if not self.printers.validate():
            self.show_page(self.printers)
            return self.printers.status.text()
        if not self.brands.validate():
            self.show_page(self.brands)
            return self.brands.problem.text()
        return ""

    def save(self) -> None:
        refused = self.refusal()
        if refused:
            self.problem.setText(refused)
            self.problem.show()
            return
        if self.secrets_locked:
            self.problem.setText(secrets_problem_text(self._secrets_problem))
        else:
            self.problem.hide()
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

    def _ask_setup(self) -> None:
        self.setup_requested.emit()
        self.reject()


def _scrolling(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area
