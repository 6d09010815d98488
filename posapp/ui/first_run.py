"""First-run setup: a new shop is walked through the relay (address and store token) or the demo, its
Keeta and Zeek accounts (secrets into the keyring only), a printer with a test page, and a sound test —
instead of opening on an empty board that says OFFLINE.

Shown when no settings file exists; Settings opens it again ("First-run setup…"). Everything typed is
checked on its page with a sentence saying what is wrong; nothing is saved until "Finish".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from enum import Enum, IntEnum

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from posapp import settings as names
from posapp.secrets import SecretChange, SecretStore, SecretsUnavailable
from posapp.settings import Settings, SettingsFile
from posapp.ui.alerts import Chime
from posapp.ui.errors import secrets_problem_text
from posapp.ui.i18n import LanguageSwitcher
from posapp.ui.ops import UiOp
from posapp.ui.printing.settings_page import PrinterSettingsPage
from posapp.ui.restyle import set_style_property
from posapp.ui.settings_pages import combo, secret_edit, web_address, whole_int, whole_number

log = logging.getLogger(__name__)

WIZARD_SIZE = (900, 640)  # inside 1024×768 with the taskbar


class Step(IntEnum):
    WELCOME = 0
    RELAY = 1
    KEETA = 2
    ZEEK = 3
    PRINTER = 4
    SOUND = 5


class _Page(QWizardPage):
    """A page with an explanation on top and a problem line under its fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setProperty("role", "problem")
        self.problem.hide()
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.intro)
        self.form = QFormLayout()
        self.body.addLayout(self.form)
        self._check: Callable[[], str] = str

    def refuse(self, text: str) -> bool:
        """Shows ``text`` (what is wrong) and keeps the cashier on this page; "" lets them go on."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        return not text

    def finish_body(self) -> None:
        self.body.addWidget(self.problem)
        self.body.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            wizard = self.wizard()
            if isinstance(wizard, FirstRunWizard):
                wizard.retranslate()
        super().changeEvent(event)


class FirstRunWizard(QWizard):
    """``finished_setup`` carries the new Settings (the secrets are already in the keyring);
    ``demo_chosen`` says the cashier wants to try the demo instead (nothing is saved)."""

    finished_setup = Signal(Settings)
    demo_chosen = Signal()

    def __init__(
        self,
        current: Settings,
        secrets: SecretStore,
        chime: Chime | None = None,
        offer_demo: bool = True,
        parent: QWidget | None = None,
        languages: LanguageSwitcher | None = None,
    ) -> None:
        super().__init__(parent)
        self._languages = languages
        self._current = current
        self._secrets = secrets
        self._writing = False  # the keyring is being written (Finish waits for it)
        self._secrets_written = False
        self._chime = chime
        self._offer_demo = offer_demo
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.welcome = self._welcome_page()
        self.relay = self._relay_page(current)
        self.keeta = self._keeta_page(current)
        self.zeek = self._zeek_page(current)
        self.printer = self._printer_page(current)
        self.sound = self._sound_page()
        for step, page in zip(Step, self._pages(), strict=True):
            self.setPage(step, page)
        self.resize(*WIZARD_SIZE)
        self.retranslate()

    def _pages(self) -> tuple[_Page, ...]:
        return (self.welcome, self.relay, self.keeta, self.zeek, self.printer, self.sound)

    # --- pages ---------------------------------------------------------------------------------------

    def _welcome_page(self) -> _Page:
        page = _Page()
        self.language = combo([("en", "English"), ("zh_HK", "繁體中文")], self._current.language)
        self.language.setMinimumHeight(48)
        self.language.setVisible(self._languages is not None)
        self.language.currentIndexChanged.connect(self._language_chosen)
        page.body.addWidget(self.language)
        self.use_relay = QRadioButton()
        self.use_demo = QRadioButton()
        self.use_relay.setChecked(True)
        self.use_demo.setVisible(self._offer_demo)
        for choice in (self.use_relay, self.use_demo):
            choice.setMinimumHeight(48)
            page.body.addWidget(choice)
        self.use_demo.toggled.connect(self._demo_toggled)
        page.finish_body()
        return page

    def _relay_page(self, s: Settings) -> _Page:
        page = _Page()
        self.relay_url = QLineEdit(s.relay_url)
        self.relay_url.setPlaceholderText("https://relay.example.hk")
        self.relay_token = secret_edit()
        self.relay_labels = (QLabel(), QLabel())
        page.form.addRow(self.relay_labels[0], self.relay_url)
        page.form.addRow(self.relay_labels[1], self.relay_token)
        page.finish_body()
        page.validatePage = self._relay_ok  # type: ignore[method-assign]
        return page

    def _keeta_page(self, s: Settings) -> _Page:
        page = _Page()
        self.keeta_app_id = QLineEdit(str(s.keeta_app_id) if s.keeta_app_id else "")
        self.keeta_shop_id = QLineEdit(str(s.keeta_shop_id) if s.keeta_shop_id else "")
        self.keeta_secret = secret_edit()
        self.keeta_token = secret_edit()
        self.keeta_labels = (QLabel(), QLabel(), QLabel(), QLabel())
        fields = (self.keeta_app_id, self.keeta_shop_id, self.keeta_secret, self.keeta_token)
        for label, field in zip(self.keeta_labels, fields, strict=True):
            page.form.addRow(label, field)
        page.finish_body()
        page.validatePage = self._keeta_ok  # type: ignore[method-assign]
        return page

    def _zeek_page(self, s: Settings) -> _Page:
        page = _Page()
        self.zeek_app_id = QLineEdit(str(s.zeek_app_id) if s.zeek_app_id else "")
        self.zeek_merchant = QLineEdit(s.zeek_merchant_id)
        self.zeek_secret = secret_edit()
        self.zeek_labels = (QLabel(), QLabel(), QLabel())
        for label, field in zip(self.zeek_labels, (self.zeek_app_id, self.zeek_merchant, self.zeek_secret),
                                strict=True):  # fmt: skip
            page.form.addRow(label, field)
        page.finish_body()
        page.validatePage = self._zeek_ok  # type: ignore[method-assign]
        return page

    def _printer_page(self, s: Settings) -> _Page:
        page = _Page()
        self.printers = PrinterSettingsPage(s)  # the same list, switches and guided test page as Settings
        page.body.addWidget(self.printers, 1)
        page.finish_body()
        page.validatePage = self._printers_ok  # type: ignore[method-assign]
        return page

    def _sound_page(self) -> _Page:
        page = _Page()
        self.sound_button = QPushButton()
        self.sound_button.setMinimumHeight(48)
        self.sound_result = QLabel()
        self.sound_result.setWordWrap(True)
        page.body.addWidget(self.sound_button)
        page.body.addWidget(self.sound_result)
        self.sound_button.clicked.connect(self.test_sound)
        page.finish_body()
        page.validatePage = self._save  # type: ignore[method-assign]
        return page

    # --- words ---------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up posapp"))
        buttons = {
            QWizard.WizardButton.BackButton: self.tr("Back"),
            QWizard.WizardButton.NextButton: self.tr("Next"),
            QWizard.WizardButton.FinishButton: self.tr("Finish"),
            QWizard.WizardButton.CancelButton: self.tr("Cancel"),
        }
        for which, text in buttons.items():
            self.setButtonText(which, text)  # Qt's own words are not translated in this app
        titles = {
            self.welcome: self.tr("Welcome"),
            self.relay: self.tr("1. Relay"),
            self.keeta: self.tr("2. Keeta"),
            self.zeek: self.tr("3. Zeek couriers (optional)"),
            self.printer: self.tr("4. Printer"),
            self.sound: self.tr("5. Sound"),
        }
        for page, title in titles.items():
            page.setTitle(title)
        self.welcome.intro.setText(self.tr("This computer has no settings yet. How do you want to start?"))
        self.use_relay.setText(self.tr("Set up my shop: the relay, Keeta, a printer"))
        self.use_demo.setText(self.tr("Try the demo: practice orders, nothing is real"))
        self.relay.intro.setText(
            self.tr(
                "The relay receives Keeta's orders for your shop and passes them to this computer. "
                "Your shop's installer gave you its address and a store token."
            )
        )
        self.relay_labels[0].setText(self.tr("Relay address"))
        self.relay_labels[1].setText(self.tr("Store token"))
        self.keeta.intro.setText(
            self.tr("From Keeta's developer portal. Leave the secrets empty when the relay holds them.")
        )
        keeta = (self.tr("Keeta app ID"), self.tr("Keeta shop ID"), self.tr("Keeta app secret"),
                 self.tr("Keeta access token"))  # fmt: skip
        for label, text in zip(self.keeta_labels, keeta, strict=True):
            label.setText(text)
        self.zeek.intro.setText(self.tr("Only if the shop books Zeek couriers for its own deliveries."))
        zeek = (self.tr("Zeek app ID"), self.tr("Zeek merchant ID"), self.tr("Zeek app secret"))
        for label, text in zip(self.zeek_labels, zeek, strict=True):
            label.setText(text)
        self.printer.intro.setText(
            self.tr("Add the kitchen or counter printer, then print a test page. You can skip this.")
        )
        self.sound.intro.setText(
            self.tr("New orders ring. Play the chime and check you can hear it at the counter.")
        )
        self.sound_button.setText(self.tr("Play the chime"))
        for edit in (self.relay_token, self.keeta_secret, self.keeta_token, self.zeek_secret):
            edit.setPlaceholderText(self.tr("saved in the system keyring"))

    # --- choices -------------------------------------------------------------------------------------

    def _language_chosen(self) -> None:
        if self._languages is not None:
            self._languages.switch(str(self.language.currentData()))  # the pages retranslate themselves

    def _demo_toggled(self, demo: bool) -> None:
        # The demo needs nothing typed: Next becomes Finish on the first page.
        self.welcome.setFinalPage(demo)

    def nextId(self) -> int:
        if self.currentId() == Step.WELCOME and self.use_demo.isChecked():
            return -1
        return super().nextId()

    def _relay_ok(self) -> bool:
        url = self.relay_url.text().strip()
        if url and not web_address(url):
            return self.relay.refuse(self.tr("The relay address must start with https:// or http://."))
        if url and not self.relay_token.text().strip():
            return self.relay.refuse(self.tr("Type the store token that came with the relay address."))
        return self.relay.refuse("")

    def _keeta_ok(self) -> bool:
        for edit in (self.keeta_app_id, self.keeta_shop_id):
            if not whole_number(edit.text()):
                return self.keeta.refuse(self.tr("Keeta's app ID and shop ID are numbers (digits only)."))
        return self.keeta.refuse("")

    def _zeek_ok(self) -> bool:
        if not whole_number(self.zeek_app_id.text()):
            return self.zeek.refuse(self.tr("Zeek's app ID is a number (digits only)."))
        if self.zeek_app_id.text().strip() and not self.zeek_merchant.text().strip():
            return self.zeek.refuse(self.tr("Type the merchant ID Zeek gave the shop."))
        return self.zeek.refuse("")

    def _printers_ok(self) -> bool:
        return self.printers.validate()

    def test_sound(self) -> None:
        """Plays the chime through the sound system and says whether it played to the end."""
        chime = self._chime or Chime()
        self.sound_button.setEnabled(False)
        self.sound_result.setText(self.tr("Playing…"))
        UiOp[str | None](self, success=self._sound_played, failure=self._sound_failed).run(_played(chime))

    def _sound_played(self, problem: str | None) -> None:
        self.sound_button.setEnabled(True)
        if problem:
            self.sound_result.setText(self.tr("The chime did not play: {0}").format(problem))
            set_style_property(self.sound_result, "role", "problem")
        else:
            heard = self.tr("The chime played. If you did not hear it, turn the volume up.")
            self.sound_result.setText(heard)
            set_style_property(self.sound_result, "role", "")

    def _sound_failed(self, error: Exception) -> None:
        self._sound_played(str(error) or type(error).__name__)

    # --- finishing -----------------------------------------------------------------------------------

    def values(self) -> Settings:
        relay = self.relay_url.text().strip()
        return self._current.replace(
            language=str(self.language.currentData()),
            relay_url=relay,
            keeta_app_id=whole_int(self.keeta_app_id.text()),
            keeta_shop_id=whole_int(self.keeta_shop_id.text()),
            zeek_app_id=whole_int(self.zeek_app_id.text()),
            zeek_merchant_id=self.zeek_merchant.text().strip(),
            **self.printers.values(),
        )

    def _typed_secrets(self) -> dict[str, str]:
        typed = {
            names.SECRET_RELAY_TOKEN: self.relay_token,
            names.SECRET_KEETA_APP_SECRET: self.keeta_secret,
            names.SECRET_KEETA_TOKEN: self.keeta_token,
            names.SECRET_ZEEK_SECRET: self.zeek_secret,
        }
        return {name: edit.text().strip() for name, edit in typed.items() if edit.text().strip()}

    def _save(self) -> bool:
        """The secrets into the keyring (never anywhere else), then the settings to the app. The keyring
        is written in a worker (a locked one may wait for its user): Finish closes the wizard when done."""
        if self._secrets_written:
            return True
        if not self._writing:
            self._writing = True
            self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
            changes = [SecretChange(name, value) for name, value in self._typed_secrets().items()]
            UiOp[None](
                self, success=self._secrets_saved, failure=self._secrets_refused, name="setup secrets"
            ).run_blocking(lambda: self._secrets.write_all(changes, []))
        return False

    def _secrets_saved(self, _: None) -> None:
        self._writing = False
        self._secrets_written = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.sound.refuse("")
        self.finished_setup.emit(self.values())
        self.accept()

    def _secrets_refused(self, error: Exception) -> None:
        self._writing = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        problem = error.problem if isinstance(error, SecretsUnavailable) else ""
        self.sound.refuse(secrets_problem_text(problem))

    def accept(self) -> None:
        if self.currentId() == Step.WELCOME and self.use_demo.isChecked():
            self.demo_chosen.emit()
        super().accept()


async def _played(chime: Chime) -> str | None:
    """Why the chime cannot be heard, or None when it played to its end."""
    return chime.problem or await chime.play_and_confirm()


class FirstRunChoice(Enum):
    SAVED = "saved"  # settings written: start the app with them
    DEMO = "demo"  # try the demo instead (nothing saved)
    CLOSED = "closed"  # the window was closed: nothing saved, the app ends


def needs_first_run(settings_file: SettingsFile) -> bool:
    return not settings_file.path.exists()


async def run_first_run(settings_file: SettingsFile, secrets: SecretStore) -> FirstRunChoice:
    """Shows the setup on a computer with no settings and waits for the cashier's choice."""
    languages = LanguageSwitcher(app) if (app := QCoreApplication.instance()) is not None else None
    wizard = FirstRunWizard(Settings(), secrets, languages=languages)
    choice = FirstRunChoice.CLOSED
    done = asyncio.Event()

    def saved(settings: Settings) -> None:
        nonlocal choice
        settings_file.save(settings)
        choice = FirstRunChoice.SAVED

    def demo() -> None:
        nonlocal choice
        choice = FirstRunChoice.DEMO

    wizard.finished_setup.connect(saved)
    wizard.demo_chosen.connect(demo)
    wizard.finished.connect(lambda _: done.set())
    wizard.open()  # never exec(): a nested event loop inside qasync re-enters running tasks
    log.info("no settings yet: first-run setup shown")
    await done.wait()
    log.info("first-run setup ended: %s", choice.value)
    wizard.deleteLater()
    if languages is not None:
        languages.switch("en")  # the app's own switcher takes over with the saved language
    return choice
