"""Screens without the network: urgency words, language switch, secrets set-up problem, CSV, snapshots."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import keyring.errors
import pytest
from PySide6.QtWidgets import QApplication

from posapp.domain.order import OrderStatus
from posapp.keeta.order_parser import parse_order
from posapp.secrets import SecretStore
from posapp.settings import SECRET_KEETA_TOKEN, Settings
from posapp.ui import day_report
from posapp.ui.board_model import BoardFilter, BoardModel, Lane
from posapp.ui.i18n import LanguageSwitcher
from posapp.ui.settings_dialog import SettingsDialog
from posapp.ui.snapshot import write_snapshots
from posapp.ui.urgency import Level, accept_urgency
from tests.conftest import MemoryKeyring, load_fixture
from tests.ui.conftest import Env
from tests.ui.harness import open_stack


def _order():  # type: ignore[no-untyped-def]
    data = load_fixture("keeta/order_info_delivery.json")
    return parse_order(data.get("orderInfo", data))


def test_countdown_escalates_in_colour_and_words(qapp: QApplication) -> None:
    order = _order()
    start = order.confirm_deadline - 300
    calm, hurry, last = (accept_urgency(order, start + s) for s in (10, 200, 260))
    assert (calm.level, hurry.level, last.level) == (Level.NORMAL, Level.WARN, Level.CRITICAL)
    assert calm.text.startswith("Accept within 4:")
    assert hurry.text.startswith("Hurry")
    assert last.text == "ACCEPT NOW – auto-cancel in 0:40"


def test_model_updates_one_row_without_a_reset(qapp: QApplication) -> None:
    order = _order()
    model = BoardModel()
    proxy = BoardFilter()
    proxy.setSourceModel(model)
    model.load([order])
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.upsert(replace(order, status=OrderStatus.ACCEPTED, updated_at=order.placed_at + 5))
    assert resets == []
    assert model.rowCount() == 1
    assert proxy.rowCount() == 0  # left the New lane
    proxy.set_lane(Lane.IN_PROGRESS)
    assert proxy.rowCount() == 1


def test_language_switches_live_and_back(qapp: QApplication) -> None:
    switcher = LanguageSwitcher(qapp)
    order = _order()
    try:
        assert switcher.switch("zh_HK")
        assert accept_urgency(order, order.placed_at).text.endswith("內接單")
    finally:
        switcher.switch("en")
    assert accept_urgency(order, order.placed_at).text.startswith("Accept within")


def test_no_keyring_is_a_setup_problem_not_a_fallback(
    qapp: QApplication, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise keyring.errors.NoKeyringError("no backend")

    monkeypatch.setattr(memory_keyring, "get_password", broken)
    monkeypatch.setattr(memory_keyring, "set_password", broken)
    dialog = SettingsDialog(Settings(), SecretStore())
    assert dialog.secrets_locked
    assert "keyring" in dialog.problem.text()
    assert not dialog.secret_edits[SECRET_KEETA_TOKEN].isEnabled()
    saved: list[Settings] = []
    dialog.saved.connect(saved.append)
    dialog.save()
    assert memory_keyring.secrets == {}
    assert len(saved) == 1  # the ordinary settings still save


def test_day_report_csv(qapp: QApplication) -> None:
    order = _order()
    rows = list(csv.reader(io.StringIO(day_report.to_csv([order]))))
    assert rows[0] == list(day_report.CSV_HEADER)
    assert rows[1][1] == str(order.order_view_id)
    assert rows[1][6] == "126.00"  # what the customer paid; the money report is engine/report.py


async def test_snapshots_of_every_main_screen(env: Env, tmp_path: Path) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        first = await stack.new_order()
        stack.service.confirm(first.order_view_id)
        await stack.new_order("pickup")
        written = await write_snapshots(stack.window, stack.services, tmp_path / "shots")
    names = sorted(p.name for p in written)
    assert names == ["board.png", "cancel.png", "detail.png", "history.png", "partial-refund.png",
                     "refunds.png", "settings.png"]  # fmt: skip
    assert all(p.stat().st_size > 5000 for p in written)
