"""First-run setup, walked as a new shop would: relay and store token, Keeta, (no) Zeek, a printer with a
real test page over TCP, the chime — or the demo; shown when no settings exist, and again from Settings."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring.errors
import pytest
from PySide6.QtWidgets import QApplication, QTableWidgetItem, QWizard

from posapp.secrets import SecretStore
from posapp.settings import SECRET_KEETA_APP_SECRET, SECRET_RELAY_TOKEN, Settings, SettingsFile
from posapp.ui.first_run import FirstRunChoice, FirstRunWizard, Step, needs_first_run, run_first_run
from posapp.ui.printing.settings_page import URI
from tests.conftest import MemoryKeyring
from tests.printing.recorder import PrinterServer
from tests.ui.conftest import Env
from tests.ui.harness import open_stack, until


class HeardChime:
    """Plays without audio hardware and reports that the sound ran to its end."""

    problem: str | None = None

    def __init__(self) -> None:
        self.plays = 0

    async def play_and_confirm(self) -> str | None:
        self.plays += 1
        return None


@pytest.fixture
def printer_server() -> Iterator[PrinterServer]:
    server = PrinterServer()
    yield server
    server.close()


def _wizard(chime: object | None = None) -> tuple[FirstRunWizard, list[Settings], list[bool]]:
    wizard = FirstRunWizard(Settings(), SecretStore(), chime)  # type: ignore[arg-type]
    saved: list[Settings] = []
    demo: list[bool] = []
    wizard.finished_setup.connect(saved.append)
    wizard.demo_chosen.connect(lambda: demo.append(True))
    wizard.show()
    return wizard, saved, demo


async def test_a_new_shop_walks_the_setup(
    qapp: QApplication, memory_keyring: MemoryKeyring, printer_server: PrinterServer
) -> None:
    chime = HeardChime()
    wizard, saved, demo = _wizard(chime)
    wizard.next()
    assert wizard.currentId() == Step.RELAY

    wizard.relay_url.setText("relay.example.hk")
    wizard.next()
    assert wizard.currentId() == Step.RELAY and "https://" in wizard.relay.problem.text()
    wizard.relay_url.setText("https://relay.example.hk")
    wizard.next()
    assert wizard.currentId() == Step.RELAY and "store token" in wizard.relay.problem.text()
    wizard.relay_token.setText("store-token-1")
    wizard.next()

    assert wizard.currentId() == Step.KEETA
    wizard.keeta_app_id.setText("12a")
    wizard.next()
    assert wizard.currentId() == Step.KEETA and wizard.keeta.problem.isVisible()
    wizard.keeta_app_id.setText("7001")
    wizard.keeta_shop_id.setText("88")
    wizard.keeta_secret.setText("keeta-secret")
    wizard.next()

    assert wizard.currentId() == Step.ZEEK
    wizard.next()  # no Zeek: optional

    assert wizard.currentId() == Step.PRINTER
    page = wizard.printers
    page.add_button.click()
    page.table.setItem(0, URI, QTableWidgetItem(printer_server.uri))
    page.table.selectRow(0)
    page.test_button.click()  # a real test page over TCP, printed off the Qt thread
    await until(lambda: len(printer_server.recorder.tickets) == 1 and page.test_button.isEnabled())
    assert "Test page sent" in page.status.text()
    wizard.next()

    assert wizard.currentId() == Step.SOUND
    wizard.sound_button.click()
    await until(lambda: chime.plays == 1 and wizard.sound_button.isEnabled())
    assert "played" in wizard.sound_result.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible()
    writers: list[bool] = []
    keep = memory_keyring.set_password

    def set_password(service: str, username: str, password: str) -> None:
        writers.append(threading.current_thread() is threading.main_thread())
        keep(service, username, password)

    memory_keyring.set_password = set_password  # type: ignore[method-assign]
    finish.click()
    await until(lambda: bool(saved) and not wizard.isVisible())

    (settings,) = saved
    assert writers == [False, False]  # the keyring (which may wait for its user) is written off the Qt thread
    assert demo == [] and not wizard.isVisible()
    assert settings.relay_url == "https://relay.example.hk"
    assert (settings.keeta_app_id, settings.keeta_shop_id, settings.zeek_app_id) == (7001, 88, 0)
    assert [p["uri"] for p in settings.printers] == [printer_server.uri]
    store = SecretStore()
    assert store.get(SECRET_RELAY_TOKEN) == "store-token-1"
    assert store.get(SECRET_KEETA_APP_SECRET) == "keeta-secret"
    assert "store-token-1" not in repr(settings) and "keeta-secret" not in repr(settings)


async def test_a_refusing_keyring_keeps_the_setup_open_and_says_so(
    qapp: QApplication, memory_keyring: MemoryKeyring
) -> None:
    wizard, saved, _ = _wizard()
    wizard.relay_token.setText("store-token-1")

    def refuse(service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("collection is locked")

    memory_keyring.set_password = refuse  # type: ignore[method-assign]
    for _ in range(5):  # relay, Keeta, Zeek, printer: nothing else is required
        wizard.next()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.click()
    await until(lambda: wizard.sound.problem.isVisible() and finish.isEnabled())
    assert saved == [] and wizard.isVisible() and wizard.currentId() == Step.SOUND
    assert "locked" not in wizard.sound.problem.text()  # the keyring's own words go to the log
    wizard.deleteLater()


async def test_trying_the_demo_saves_nothing(qapp: QApplication, memory_keyring: MemoryKeyring) -> None:
    wizard, saved, demo = _wizard()
    wizard.use_demo.setChecked(True)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible()  # nothing to type for the demo
    finish.click()
    assert demo == [True] and saved == [] and memory_keyring.secrets == {}


async def test_the_setup_speaks_chinese_when_chosen(qapp: QApplication) -> None:
    from posapp.ui.i18n import LanguageSwitcher

    languages = LanguageSwitcher(qapp)
    wizard = FirstRunWizard(Settings(), SecretStore(), languages=languages)
    try:
        wizard.language.setCurrentIndex(wizard.language.findData("zh_HK"))
        await until(lambda: wizard.use_demo.text() != "Try the demo: practice orders, nothing is real")
        assert "示範" in wizard.use_demo.text() and wizard.values().language == "zh_HK"
    finally:
        languages.switch("en")
        wizard.deleteLater()


async def test_the_setup_shows_when_no_settings_exist(qapp: QApplication, tmp_path: Path) -> None:
    settings_file = SettingsFile(tmp_path / "settings.json")
    assert needs_first_run(settings_file)
    task = asyncio.ensure_future(run_first_run(settings_file, SecretStore()))
    await until(lambda: _open_wizard() is not None)
    wizard = _open_wizard()
    assert wizard is not None
    wizard.next()
    wizard.next()  # no relay yet: the shop may add it later in Settings
    for _ in range(3):
        wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()

    assert await task is FirstRunChoice.SAVED
    assert not needs_first_run(settings_file) and settings_file.load() == Settings()


async def test_settings_opens_the_setup_again_without_the_demo(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        settings = stack.window.open_settings()
        settings.setup_button.click()
        wizard = stack.window.dialog
        assert isinstance(wizard, FirstRunWizard) and not settings.isVisible()
        assert wizard.use_demo.isHidden()
        wizard.reject()


def _open_wizard() -> FirstRunWizard | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunWizard) and w.isVisible()]
    return found[0] if found else None
