"""Busy mode and sold out through the app core, against the simulator and the relay on 127.0.0.1.

The app's clock is a test clock: the pause's timer is the app's (Keeta has none), so moving that clock
while the app is stopped is exactly a restart during a pause.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.store_state import StoreMode, StoreState
from posapp.engine.assembly import build_core
from posapp.engine.busy_mode import PauseReminder
from posapp.engine.core import AppCore
from posapp.engine.sold_out import SoldOutChange
from tests.app.test_end_to_end import QUICK
from tests.waiting import until, until_async

START = 1_796_000_000.0  # a weekday in 2026


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@dataclass
class Shop:
    """The platforms and one shop's app, run (and run again: a restart) on the test's clock."""

    info: StackInfo
    tmp_path: Path
    clock: FakeClock = field(default_factory=FakeClock)

    @contextlib.asynccontextmanager
    async def app(self) -> AsyncIterator[AppCore]:
        tuning = dataclasses.replace(QUICK, store_tick_s=0.02)
        core = build_core(
            self.tmp_path / "cache.sqlite3", self.info.settings(zeek_app_id=0), self.info.secrets(),
            clock=self.clock, tuning=tuning,
        )  # fmt: skip
        core.start()
        try:
            yield core
        finally:
            await core.stop()


@pytest.fixture
def shop(stack: tuple[PlatformStack, StackInfo], tmp_path: Path) -> Shop:
    return Shop(stack[1], tmp_path)


async def sim_shop(info: StackInfo) -> dict[str, Any]:
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{info.sim_url}/sim/keeta/shop")
        answer.raise_for_status()
        view: dict[str, Any] = answer.json()
        return view


async def sim_shop_set(info: StackInfo, body: dict[str, Any]) -> None:
    async with httpx.AsyncClient() as http:
        (await http.post(f"{info.sim_url}/sim/keeta/shop", json=body)).raise_for_status()


def store_status_is(info: StackInfo, status: int) -> Any:
    async def check() -> bool:
        return (await sim_shop(info))["status"] == status

    return check


async def test_a_pause_survives_a_restart_and_the_store_reopens_on_time(shop: Shop) -> None:
    info = shop.info
    async with shop.app() as core:
        await until(lambda: core.busy.state.mode is StoreMode.OPEN)
        core.busy.pause(15)
        await until_async(store_status_is(info, 4))
        await until(lambda: not core.busy.state.sending)
        assert core.busy.state.mode is StoreMode.PAUSED
        assert core.busy.state.pause_until == int(START) + 15 * 60

    shop.clock.advance(10)  # the app is off for ten minutes: still paused when it comes back
    async with shop.app() as core:
        await until(lambda: core.busy.state.mode is StoreMode.PAUSED and not core.busy.state.sending)
        assert (await sim_shop(info))["status"] == 4
        shop.clock.advance(5)  # the fifteen minutes are up
        await until_async(store_status_is(info, 3))
        await until(lambda: core.busy.state.mode is StoreMode.OPEN and not core.busy.state.sending)


async def test_the_store_reopens_when_the_app_was_off_at_the_end_of_the_pause(shop: Shop) -> None:
    async with shop.app() as core:
        await until(lambda: core.busy.state.mode is StoreMode.OPEN)
        core.busy.pause(30)
        await until_async(store_status_is(shop.info, 4))
    shop.clock.advance(45)
    async with shop.app() as core:
        await until_async(store_status_is(shop.info, 3))
        await until(lambda: core.busy.state.mode is StoreMode.OPEN)


async def test_keeta_closing_the_store_reaches_the_app_through_the_relay(shop: Shop) -> None:
    async with shop.app() as core:
        await until(lambda: core.busy.state.mode is StoreMode.OPEN)
        await sim_shop_set(shop.info, {"status": 4})
        await until(lambda: core.busy.state.mode is StoreMode.CLOSED_BY_KEETA)
        await sim_shop_set(shop.info, {"status": 3})
        await until(lambda: core.busy.state.mode is StoreMode.OPEN)


async def test_a_long_pause_rings_a_reminder_and_a_reopen_elsewhere_ends_it(shop: Shop) -> None:
    info, clock = shop.info, shop.clock
    reminders: list[StoreState] = []
    async with shop.app() as core:
        core.hub.subscribe(PauseReminder, lambda reminder: reminders.append(reminder.state))
        await until(lambda: core.busy.state.mode is StoreMode.OPEN)
        core.busy.set_limits(20, "00:00")  # closing at midnight: any pause now is "left on at closing"
        core.busy.pause(None)
        await until_async(store_status_is(info, 4))
        assert core.busy.state.left_on_at_closing and not reminders
        clock.advance(21)
        await until(lambda: len(reminders) == 1)
        assert core.busy.state.over_limit
        clock.advance(10)  # not yet another limit since the reminder
        await until(lambda: core.busy.state.mode is StoreMode.PAUSED)
        assert len(reminders) == 1
        await sim_shop_set(info, {"status": 3})  # someone reopened on Keeta's own app
        await until(lambda: core.busy.state.mode is StoreMode.OPEN)


async def test_sold_out_items_with_a_refusal_and_the_closing_restore(shop: Shop) -> None:
    info = shop.info
    changes: list[SoldOutChange] = []
    async with shop.app() as core:
        core.hub.subscribe(SoldOutChange, changes.append)
        await until(lambda: len(core.sold_out.items()) == 13)  # Keeta's menu was read at start
        assert [i.name for i in core.sold_out.items("milk")] == ["Hong Kong Milk Tea"]
        assert [i.name for i in core.sold_out.items("雲吞")] == ["Wonton Noodles in Soup"]
        await sim_shop_set(info, {"locked": [3002]})
        core.sold_out.mark([3001, 3002], True)
        await until(lambda: len(changes) == 1)
        assert changes[0].changed == (3001,) and changes[0].refused == ("Beef Brisket Noodles",)
        assert (await sim_shop(info))["soldOut"] == [3001]
        assert [i.spu_id for i in core.sold_out.sold_out_today()] == [3001]
        core.sold_out.mark([3011], True)
        await until(lambda: len(changes) == 2)
        assert {i.spu_id for i in core.sold_out.sold_out_today()} == {3001, 3011}
        core.sold_out.restore_all()
        await until(lambda: len(changes) == 3)
        assert (await sim_shop(info))["soldOut"] == []
        assert core.sold_out.sold_out_today() == []
