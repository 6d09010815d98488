"""Screenshots of the busy scene at two sizes and in both languages (run under pytest for the qasync loop)."""

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import QApplication

from posapp.demo.stack import PlatformStack
from posapp.secrets import MemorySecretStore
from posapp.session import SessionInputs, open_session
from posapp.settings import SettingsFile
from posapp.ui.store_scene import stage_busy
from tests.app.test_end_to_end import QUICK
from tests.ui.harness import SilentChime
from tests.waiting import until

SHOTS = Path("/work/wt/shots")


async def test_shots(qapp: QApplication, tmp_path: Path) -> None:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    inputs = SessionInputs(
        tmp_path / "cache.sqlite3",
        SettingsFile(tmp_path / "settings.json"),
        MemorySecretStore(),
        info.secrets(),
        info.settings(zeek_app_id=0),
        tuning=dataclasses.replace(QUICK, store_tick_s=0.05),
    )
    session = open_session(qapp, inputs, chime=SilentChime())
    try:
        window = session.window
        dialog = await stage_busy(window, session.services)
        assert dialog is not None
        for lang in ("en", "zh_HK"):
            if lang == "zh_HK":
                window.language_button.click()
                await until(lambda: "暫停" in window.store_button.text())
            for w, h in ((1024, 768), (1366, 768)):
                window.resize(w, h)
                for _ in range(5):
                    qapp.processEvents()
                window.grab().save(str(SHOTS / f"i17-store-busy-{lang}-{w}x{h}.png"))
            dialog.grab().save(str(SHOTS / f"i17-store-soldout-{lang}.png"))
            window.store_button.menu_.popup(
                window.store_button.mapToGlobal(window.store_button.rect().bottomLeft())
            )
            for _ in range(5):
                qapp.processEvents()
            window.store_button.menu_.grab().save(str(SHOTS / f"i17-store-menu-{lang}.png"))
            window.store_button.menu_.hide()
        window.language_button.click()
    finally:
        await session.close()
        await platforms.stop()
