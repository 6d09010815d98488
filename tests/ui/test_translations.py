"""The zh-HK translation is complete and compiled, and open dialogs follow a live language switch."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from posapp.domain.actions import OrderAction
from posapp.keeta.codes import CancelCode
from posapp.ui.i18n import LanguageSwitcher
from posapp.ui.partial_refund import PartialRefundDialog
from posapp.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import Env
from tests.ui.harness import open_stack, until

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "posapp_zh_HK.ts"
QM = ROOT / "resources" / "i18n" / "posapp_zh_HK.qm"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _tool(name: str) -> str | None:
    beside_python = Path(sys.executable).with_name(name)
    return str(beside_python) if beside_python.exists() else shutil.which(name)


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(context, source) → (translation type, translation) for every message of a .ts file."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            source = message.findtext("source") or ""
            found[(name, source)] = (translation.get("type"), translation.text or "")
    return found


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_string_in_the_code_has_a_finished_zh_hk_translation_and_the_qm_is_current(
    tmp_path: Path,
) -> None:
    lupdate, lrelease = _tool("pyside6-lupdate"), _tool("pyside6-lrelease")
    if lupdate is None or lrelease is None:
        pytest.skip("pyside6-lupdate / pyside6-lrelease are not installed (they come with PySide6)")
    fresh = tmp_path / "posapp_zh_HK.ts"
    shutil.copyfile(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "posapp").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh), "-no-obsolete"], check=True, capture_output=True)

    committed, extracted = _messages(TS), _messages(fresh)
    untranslated = [key for key, (kind, text) in extracted.items() if kind is not None or not text.strip()]
    assert untranslated == [], "strings without a finished zh-HK translation"
    assert set(committed) == set(extracted), "the committed .ts differs from the code: run pyside6-lupdate"
    assert all(kind is None for kind, _ in committed.values()), "obsolete or unfinished entries are left"
    wrong = [
        key for key, (_, text) in committed.items()
        if sorted(PLACEHOLDER.findall(key[1])) != sorted(PLACEHOLDER.findall(text))
    ]  # fmt: skip
    assert wrong == [], "a translation lost or changed a {placeholder}"

    compiled = tmp_path / "posapp_zh_HK.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == QM.read_bytes(), "posapp_zh_HK.qm is stale: run pyside6-lrelease"


async def test_open_dialogs_switch_language_and_keep_what_was_typed(env: Env, qapp: QApplication) -> None:
    switcher = LanguageSwitcher(qapp)
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        window = stack.window
        window.board.select(order.order_view_id)
        window.board.order_actions.buttons[OrderAction.CANCEL].click()
        reason = window.board.order_actions.dialog
        assert reason is not None and reason.next_button.text() == "Next"
        reason.choose(CancelCode.OTHER, "Gas supply cut")

        refund = window.open_partial_refund(order.order_view_id)
        assert isinstance(refund, PartialRefundDialog)
        first_line = next(iter(refund.counts.values()))
        first_line.setValue(1)

        settings = window.open_settings()
        assert isinstance(settings, SettingsDialog)
        settings.platform.relay_url.setText("https://relay.example.hk")
        settings.chime.setChecked(False)
        words = lambda: (settings.save_button.text(), settings.printers.title(), refund.close_button.text())  # noqa: E731
        english = words()
        try:
            assert switcher.switch("zh_HK")
            await until(lambda: _chinese(settings.save_button.text()))  # LanguageChange is a posted event

            assert _chinese(settings.printers.title()) and _chinese(settings.chime.text())
            assert _chinese(refund.close_button.text()) and _chinese(refund.windowTitle())
            assert _chinese(reason.next_button.text()) and _chinese(reason.windowTitle())
            assert all(a != b for a, b in zip(english, words(), strict=True))
            # What the cashier typed or ticked is still there.
            assert settings.platform.relay_url.text() == "https://relay.example.hk"
            assert not settings.chime.isChecked()
            assert refund.chosen() == ((next(iter(refund.counts)), 1),)
            assert reason.chosen() == (CancelCode.OTHER, "Gas supply cut") and reason.next_button.isEnabled()
        finally:
            switcher.switch("en")
        await until(lambda: settings.save_button.text() == "Save")
        assert reason.next_button.text() == "Next"
        for dialog in (settings, refund, reason):
            dialog.reject()


def test_no_tr_call_hides_inside_an_f_string() -> None:
    """lupdate does not read inside f-string fields: a tr() there is never extracted, so never translated."""
    import ast

    hidden = []
    for path in sorted((ROOT / "posapp").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call):
                    name = getattr(inner.func, "attr", None) or getattr(inner.func, "id", None)
                    if name in {"tr", "translate"}:
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert hidden == []
