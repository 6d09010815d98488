"""Several brands on one counter, on the board: each new-order card and each row carries its brand's
chip (name on colour), and a filter shows all brands or one; with one brand the board shows none."""

from __future__ import annotations

import dataclasses
import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from posapp.engine.supervisor import TaskHealth
from posapp.settings import Settings
from posapp.ui.board_model import Column, Lane
from posapp.ui.connection_bar import ConnectionBar
from tests.ui.conftest import Env
from tests.ui.harness import open_stack, until

OTHER_SHOP = 990001
SHOTS = "/work/wt/shots"
SAVE_SHOTS = os.path.isdir(SHOTS)  # a look at the board where the workspace keeps screenshots


async def test_each_card_shows_its_brand_and_the_filter_shows_one_brand(env: Env) -> None:
    sim_shop = env.sim.ctx.config.shop_id
    settings = Settings(
        brands=[
            {"shop_id": sim_shop, "name": "Noodles", "colour": "#c62828"},
            {"shop_id": OTHER_SHOP, "name": "Burgers", "colour": "#2e7d32"},
        ]
    )
    async with open_stack(env.sim, env.receiver, env.tmp_path, settings) as stack:
        window, board = stack.window, stack.window.board
        noodles = await stack.new_order("pickup")
        # The other shop's order as the engine hands it over (the relay path is tested in tests/app).
        burgers = dataclasses.replace(noodles, order_view_id=noodles.order_view_id + 1, shop_id=OTHER_SHOP)
        window.model.upsert(burgers)
        await until(lambda: {noodles.order_view_id, burgers.order_view_id} <= set(board.cards.cards))
        chips = {oid: card.brand for oid, card in board.cards.cards.items()}
        assert chips[noodles.order_view_id].text() == "Noodles"
        assert chips[burgers.order_view_id].text() == "Burgers"
        assert "#2e7d32" in chips[burgers.order_view_id].styleSheet()
        assert not any(chip.isHidden() for chip in chips.values())
        if SAVE_SHOTS:
            window.resize(1024, 768)
            window.grab().save(f"{SHOTS}/i17-brands-board-1024.png")
        # Rows: the brand's colour beside the number, its name before the kind.
        model = window.model
        row = next(r for r in range(model.rowCount()) if model.order_at(r).shop_id == OTHER_SHOP)
        assert model.index(row, Column.SEQ).data(Qt.ItemDataRole.DecorationRole) == QColor("#2e7d32")
        assert str(model.index(row, Column.KIND).data()).startswith("Burgers · ")

        assert not board.brand_filter.isHidden()
        assert [board.brand_filter.itemText(i) for i in range(3)] == ["All brands", "Noodles", "Burgers"]
        board.brand_filter.setCurrentIndex(2)
        await until(lambda: set(board.cards.cards) == {burgers.order_view_id})
        board.search.setText(str(noodles.seq_no).lstrip("#"))  # the table: this brand's rows only
        assert board.proxy.lane is Lane.NEW
        shops = {model.order_at(board.proxy.mapToSource(board.proxy.index(r, 0)).row()).shop_id
                 for r in range(board.proxy.rowCount())}  # fmt: skip
        assert shops <= {OTHER_SHOP}
        board.search.clear()
        board.brand_filter.setCurrentIndex(0)
        await until(lambda: {noodles.order_view_id, burgers.order_view_id} <= set(board.cards.cards))

        # The day report: in total, and per brand.
        history = window.history
        window.tabs.setCurrentWidget(history)
        await until(lambda: history.report().orders == 2)
        assert not history.brand.isHidden()
        history.brand.setCurrentIndex(2)
        assert history.report().orders == 1 and history.proxy.rowCount() == 1
        assert not history.report().zeek_fees_known  # Zeek's bookings are the counter's, not a brand's
        history.brand.setCurrentIndex(1)
        assert history.report().orders == 1
        history.brand.setCurrentIndex(0)
        assert history.report().orders == 2


async def test_one_brand_shows_no_chip_and_no_filter(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        board = stack.window.board
        order = await stack.new_order("pickup")
        await until(lambda: order.order_view_id in board.cards.cards)
        assert board.cards.cards[order.order_view_id].brand.isHidden()
        assert board.brand_filter.isHidden()


def test_a_stopped_brand_connection_is_named_with_its_shop(qtbot: QtBot) -> None:
    bar = ConnectionBar()
    qtbot.addWidget(bar)
    bar.set_task_health(TaskHealth(f"relay-sync-{OTHER_SHOP}", running=False, failures=1))
    assert bar.tasks.text().endswith(f"relay sync ({OTHER_SHOP})")
