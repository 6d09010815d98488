"""Settings: every saved setting has a control here, on one of a few pages; secrets go to the OS keyring
only. The pages scroll and the buttons stay below them, so Save is on screen even at 1024×768.

What cannot be saved (a letter in an ID, an address without http(s)://, a location that is not
"lat,lng"…) is refused with a sentence above the pages, and that page opens at the field. When there
is no keyring, the secret fields are locked and the dialog says what to set up; nothing secret is ever
written anywhere else.

A changed secret is written in a worker thread (a locked keyring may wait for its user): the window
keeps painting, the dialog waits with its controls held, and ``saved`` (which may reconnect the
session) is emitted only once the keyring holds the new values. A keyring that refuses says why above
the pages; the other settings stay in the dialog, and the next Save keeps them without the secrets.
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

from posapp.domain.message import Message
from posapp.engine.assembly import SessionSecrets
from posapp.secrets import SecretChange, SecretStore, SecretsUnavailable
from posapp.settings import Settings
from posapp.ui.brands_editor import BrandsEditor
from posapp.ui.errors import secrets_problem_text
from posapp.ui.messages import translated
from posapp.ui.money_edit import MoneyEdit
from posapp.ui.ops import UiOp
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
        self._refused_write = False  # the keyring refused to store what Save gave it
        self._writing = False  # the keyring is being written: Save waits, the controls are held
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
            self.problem.setText(self._secrets_words())
        self.setup_button.setText(self.tr("First-run setup…"))
        self.cancel_button.setText(self.tr("Close without saving"))
        self.save_button.setText(self.tr("Saving…") if self._writing else self.tr("Save"))

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
        self.problem.setText(self._secrets_words())
        self.problem.show()
        for edit in self.secret_edits.values():
            edit.clear()
            edit.setEnabled(False)

    def _secrets_words(self) -> str:
        if not self._refused_write:
            return secrets_problem_text(self._secrets_problem)
        words = self.tr(
            "The password store did not save the new passwords and tokens: it may be locked or busy.\n"
            "Nothing is saved yet. Save again to keep the other settings without them, or close without "
            "saving."
        )
        problem = self._secrets_problem  # the keyring's own words are in the log (posapp.ui.ops)
        return f"{translated('Errors', problem)}\n{words}" if isinstance(problem, Message) else words

    @property
    def secrets_locked(self) -> bool:
        return self._locked

    @property
    def writing(self) -> bool:
        """The keyring is being written (Save pressed): the dialog answers when it is done."""
        return self._writing

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
        if self._writing:
            return
        refused = self.refusal()
        if refused:
            self.problem.setText(refused)
            self.problem.show()
            return
        settings = self.values()
        if self.secrets_locked:
            self.problem.setText(self._secrets_words())
            self._saved(settings)
            return
        self.problem.hide()
        changes = self._secret_changes()
        if not changes:
            self._saved(settings)  # unchanged secrets: the session keeps its connection
            return
        written: list[SecretChange] = []
        self._hold(True)
        UiOp[None](
            self,
            name="settings-secrets",
            success=lambda _: self._written(settings, written),
            failure=lambda error: self._write_refused(error, written),
        ).run_blocking(lambda: self._secrets.write_all(changes, written))

    def _secret_changes(self) -> list[SecretChange]:
        changes = [
            SecretChange(name, edit.text().strip())
            for name, edit in self.secret_edits.items()
            if edit.text().strip() != self._stored.get(name, "")
        ]
        return changes + self.brands.token_changes()

    def _hold(self, writing: bool) -> None:
        """While the keyring is written, nothing in the dialog changes and nothing closes it."""
        self._writing = writing
        for control in (self.nav, self.stack, self.setup_button, self.cancel_button, self.save_button):
            control.setEnabled(not writing)
        self.retranslate()

    def _remember(self, written: list[SecretChange]) -> None:
        for change in written:
            if change.name in self.secret_edits:
                self._stored[change.name] = change.value
        if written:
            self.secrets_changed = True

    def _written(self, settings: Settings, written: list[SecretChange]) -> None:
        self._hold(False)
        self._remember(written)
        self.brands.tokens_written()
        self._saved(settings)

    def _write_refused(self, error: Exception, written: list[SecretChange]) -> None:
        """Never a fallback: the secrets are not saved anywhere else. The dialog stays open with every
        other setting as typed; the next Save keeps them (and reconnects for the part already written)."""
        self._hold(False)
        self._remember(written)
        self._refused_write = True
        self._lock_secrets(error.problem if isinstance(error, SecretsUnavailable) else str(error))

    def _saved(self, settings: Settings) -> None:
        self.saved.emit(settings)
        self.accept()

    def reject(self) -> None:
        if self._writing:
            return  # Escape or the window's close button while the keyring is written: Save answers
        super().reject()

    def _ask_setup(self) -> None:
        self.setup_requested.emit()
        self.reject()


def _scrolling(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area
