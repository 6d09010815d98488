"""Busy mode and sold out per brand, end to end: two stores on one real relay (two store tokens, as
``posapp relay add-store`` makes them). The simulator is the "Noodles" brand (Keeta answers its store
and menu calls); the main brand's Keeta is reached only through signed pushes (the simulator refuses
store calls for a shop that is not its own). Each brand's pause, 1102 pushes, menu and sold-out list
are its own; in gateway mode each brand's calls carry its own relay token."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from posapp.demo.stack import PlatformStack, StackInfo, _register_store
from posapp.domain.order import OrderStatus
from posapp.domain.retry import RetryPolicy
from posapp.domain.store_state import StoreMode
from posapp.engine.apply import AppliedEvent
from posapp.engine.assembly import SessionSecrets, Tuning, build_core
from posapp.engine.core import AppCore
from posapp.engine.sold_out import SoldOutChange
from posapp.store.outbox import ActionState
from tests.app.support import enable_gateway, relay_db_url, sim_get
from tests.app.test_brands_app import MAIN_ORDER, MAIN_SHOP, push_main_order
from tests.app.test_busy_mode_app import FakeClock, sim_shop, store_status_is
from tests.app.test_end_to_end import Watch, create_order, status_is
from tests.relay.helpers import keeta_push
from tests.waiting import until, until_async

TUNING = Tuning(
    outbox_policy=RetryPolicy(first_delay=0.05, max_delay=0.2),
    sync_backoff=RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=0),
    keeta_retry=RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=2),
    store_tick_s=0.02,
)


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[tuple[StackInfo, str, Path]]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    main_token = await _register_store(relay_db_url(tmp_path / "platforms"), MAIN_SHOP, "Main brand", "m-2")
    try:
        yield info, main_token, tmp_path / "platforms"
    finally:
        await platforms.stop()


def two_brands(
    tmp_path: Path, info: StackInfo, main_token: str, *, gateway: bool = False, clock: FakeClock | None = None
) -> AppCore:
    changes: dict[str, object] = {"keeta_shop_id": MAIN_SHOP, "zeek_app_id": 0}
    changes["brands"] = [
        {"shop_id": MAIN_SHOP, "name": "Main", "colour": "#1565c0"},
        {"shop_id": info.sim_config.shop_id, "name": "Noodles", "colour": "#c62828"},
    ]
    brand_tokens = ((info.sim_config.shop_id, info.store_token),)
    if gateway:
        # The counter PC knows no platform secret in gateway mode: only each store's relay token.
        changes.update(keeta_app_id=0, keeta_base_url="https://unused.test", api_mode="gateway")
        secrets = SessionSecrets(relay_token=main_token, brand_relay_tokens=brand_tokens)
    else:
        cfg = info.sim_config
        secrets = SessionSecrets(
            keeta_app_secret=cfg.secret, keeta_token=cfg.token, relay_token=main_token,
            brand_relay_tokens=brand_tokens,
        )  # fmt: skip
    settings = info.settings(**changes)
    extra = {"clock": clock} if clock is not None else {}
    return build_core(tmp_path / "cache.sqlite3", settings, secrets, tuning=TUNING, printing=False, **extra)


async def push_store_status(info: StackInfo, to_status: int, pushed_at: int) -> None:
    """Keeta's 1102 for the main brand's store, signed as Keeta signs it, into the relay."""
    cfg = info.sim_config
    body = keeta_push(
        1102, {"shopId": MAIN_SHOP, "fromStatus": 3 if to_status == 4 else 4, "toStatus": to_status},
        shop_id=MAIN_SHOP, app_id=cfg.app_id, secret=cfg.secret, timestamp=pushed_at,
        url=f"{info.relay_url}/keeta/webhook",
    )  # fmt: skip
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{info.relay_url}/keeta/webhook", content=body)
    assert answer.status_code == 200, answer.text


async def test_each_brand_pauses_and_hears_its_own_1102_and_an_older_push_never_wins(
    stack: tuple[StackInfo, str, Path], tmp_path: Path
) -> None:
    info, main_token, _ = stack
    noodles = info.sim_config.shop_id
    core = two_brands(tmp_path, info, main_token)
    assert core.controls.shops == [MAIN_SHOP, noodles]
    main, brand = core.controls.busy[MAIN_SHOP], core.controls.busy[noodles]
    applied: list[AppliedEvent] = []
    core.hub.subscribe(AppliedEvent, applied.append)  # the main brand's stream
    watch = Watch(core)
    core.start()
    try:
        # shop/base/get at start, for the brand Keeta answers for; the main brand's is not known yet.
        await until(lambda: brand.state.mode is StoreMode.OPEN)
        assert main.state.mode is StoreMode.UNKNOWN
        brand.pause(30)
        await until_async(store_status_is(info, 4))
        await until(lambda: brand.state.mode is StoreMode.PAUSED and not brand.state.sending)
        assert brand.state.shop_id == noodles and main.state.mode is StoreMode.UNKNOWN

        # Keeta suspends the main brand: its own 1102 on its own stream, the other brand untouched.
        now = int(time.time())
        await push_store_status(info, 4, now)
        await until(lambda: main.state.mode is StoreMode.CLOSED_BY_KEETA)
        assert brand.state.mode is StoreMode.PAUSED
        # An older push ("operating", a minute before) arriving late does not overwrite the newer word.
        seen = len(applied)
        await push_store_status(info, 3, now - 60)
        await until(lambda: len(applied) > seen)
        assert main.state.mode is StoreMode.CLOSED_BY_KEETA
        await push_store_status(info, 3, now + 1)
        await until(lambda: main.state.mode is StoreMode.OPEN)
        assert brand.state.mode is StoreMode.PAUSED

        # Each brand's outbox actions name its own shop.
        brand.reopen()
        await until_async(store_status_is(info, 3))
        await until(lambda: brand.state.mode is StoreMode.OPEN and not brand.state.sending)
        store_actions = [a for a in watch.actions if a.action in ("shop_rest", "shop_open")]
        assert {a.order_ref for a in store_actions} == {f"shop:{noodles}"}
    finally:
        await core.stop()


async def test_a_brands_pause_survives_a_restart_and_reopens_on_time(
    stack: tuple[StackInfo, str, Path], tmp_path: Path
) -> None:
    info, main_token, _ = stack
    noodles = info.sim_config.shop_id
    clock = FakeClock()
    core = two_brands(tmp_path, info, main_token, clock=clock)
    core.start()
    try:
        brand = core.controls.busy[noodles]
        await until(lambda: brand.state.mode is StoreMode.OPEN)
        brand.pause(15)
        await until_async(store_status_is(info, 4))
        await until(lambda: not brand.state.sending)
    finally:
        await core.stop()
    clock.advance(10)  # the app is off for ten minutes: the brand is still paused when it is back
    core = two_brands(tmp_path, info, main_token, clock=clock)
    core.start()
    try:
        brand, main = core.controls.busy[noodles], core.controls.busy[MAIN_SHOP]
        await until(lambda: brand.state.mode is StoreMode.PAUSED and not brand.state.sending)
        assert brand.state.pause_until == int(clock.now) + 5 * 60
        assert main.state.mode is not StoreMode.PAUSED
        core.controls.set_limits(30, "00:00")  # closing at midnight: a pause now is "left on at closing"
        await until(lambda: brand.state.left_on_at_closing)
        assert not main.state.left_on_at_closing  # flagged for the paused brand only
        clock.advance(5)
        await until_async(store_status_is(info, 3))
        await until(lambda: brand.state.mode is StoreMode.OPEN and not brand.state.sending)
    finally:
        await core.stop()


async def test_each_brand_has_its_own_menu_and_sold_out_list(
    stack: tuple[StackInfo, str, Path], tmp_path: Path
) -> None:
    info, main_token, _ = stack
    noodles = info.sim_config.shop_id
    core = two_brands(tmp_path, info, main_token)
    changes: list[SoldOutChange] = []
    core.hub.subscribe(SoldOutChange, changes.append)
    core.start()
    try:
        main, brand = core.controls.sold_out[MAIN_SHOP], core.controls.sold_out[noodles]
        await until(lambda: len(brand.items()) == 13)  # the brand's own product/spu/list
        await push_main_order(info)
        await until(lambda: core.orders.order(MAIN_ORDER) is not None)
        # The main brand's list: the items seen in its own orders only (its menu could not be read).
        await until(lambda: {i.spu_id for i in main.items()} == {3001, 3002})
        sim_order = await create_order(info)
        await until(lambda: core.orders.order(sim_order) is not None)
        assert {i.spu_id for i in main.items()} == {3001, 3002}  # the brand's order stays in its list

        brand.mark([3011], True)
        await until(lambda: len(changes) == 1)
        assert changes[0].changed == (3011,)
        assert (await sim_shop(info))["soldOut"] == [3011]
        assert [i.spu_id for i in brand.sold_out_today()] == [3011] and main.sold_out_today() == []
        assert main.restore_all() is None  # nothing of the main brand's to put back
        brand.restore_all()
        await until(lambda: len(changes) == 2)
        assert (await sim_shop(info))["soldOut"] == [] and brand.sold_out_today() == []
    finally:
        await core.stop()


async def test_gateway_mode_calls_for_a_brand_carry_that_brands_relay_token(
    stack: tuple[StackInfo, str, Path], tmp_path: Path
) -> None:
    info, main_token, platform_dir = stack
    await enable_gateway(platform_dir, info)
    await enable_gateway(platform_dir, info, MAIN_SHOP)
    noodles = info.sim_config.shop_id
    core = two_brands(tmp_path, info, main_token, gateway=True)
    watch = Watch(core)
    core.start()
    try:
        busy, sold_out = core.controls.busy[noodles], core.controls.sold_out[noodles]
        # Read back and menu through the relay: with the main store's token the relay would refuse (403).
        await until(lambda: busy.state.mode is StoreMode.OPEN)
        await until(lambda: len(sold_out.items()) == 13)
        busy.pause(None)
        await until_async(store_status_is(info, 4))
        sold_out.mark([3008], True)
        await until_async(lambda: _sold_out_is(info, [3008]))
        busy.reopen()
        await until_async(store_status_is(info, 3))
        # An order of the brand, accepted through the relay with the brand's token.
        sim_order = await create_order(info)
        await watch.until(status_is(core, sim_order, OrderStatus.NEW))
        core.orders.confirm(sim_order)
        confirmed = lambda: any(a.state is ActionState.DONE and a.action == "confirm" for a in watch.actions)  # noqa: E731
        await watch.until(confirmed)
        assert (await sim_get(info, f"/sim/keeta/orders/{sim_order}"))["status"] == 30
        assert not [a for a in watch.actions if a.state in (ActionState.FAILED, ActionState.NEEDS_PERSON)]
    finally:
        await core.stop()


async def _sold_out_is(info: StackInfo, spu_ids: list[int]) -> bool:
    return (await sim_shop(info))["soldOut"] == spu_ids
