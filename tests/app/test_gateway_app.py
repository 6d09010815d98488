"""Gateway mode end to end, and Zeek callbacks reaching the app over the relay stream.

Simulator ⇄ relay ⇄ AppCore over real HTTP on 127.0.0.1. In gateway mode the app holds no platform
secret at all: a call that reached the simulator without the relay's signature would be refused.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.delivery import DeliveryStatus
from posapp.domain.order import OrderStatus
from posapp.domain.retry import RetryPolicy
from posapp.engine.apply import AppliedEvent
from posapp.engine.assembly import SessionSecrets, Tuning, build_core
from posapp.engine.core import AppCore, RelayLink
from posapp.engine.transport import ApiMode
from posapp.engine.zeek_events import DeliveryUpdate
from posapp.settings import Settings
from posapp.store import deliveries, sync_state
from posapp.store.outbox import ActionState
from tests import peek
from tests.app.support import ZEEK_RETRY, Signal, advance_sim_clock, enable_gateway, sim_get
from tests.app.test_end_to_end import Watch, create_order, status_is
from tests.zeek.conftest import make_request


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[tuple[StackInfo, Path]]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    try:
        yield info, tmp_path / "platforms"
    finally:
        await platforms.stop()


def gateway_core(tmp_path: Path, info: StackInfo, mode: str = "gateway") -> AppCore:
    # The shop PC knows no platform secret in gateway mode: only the relay's store token.
    settings = info.settings(
        keeta_app_id=0, keeta_base_url="https://unused.test", zeek_merchant_id="", api_mode=mode
    )
    return build_core(
        tmp_path / "cache.sqlite3",
        settings,
        SessionSecrets(relay_token=info.store_token),
        tuning=Tuning(
            outbox_policy=RetryPolicy(first_delay=0.05, max_delay=0.2),
            sync_backoff=RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=0),
            zeek_retry=ZEEK_RETRY,
            zeek_lang="en",
        ),
    )


async def test_confirm_through_the_gateway_reaches_keeta(
    stack: tuple[StackInfo, Path], tmp_path: Path
) -> None:
    info, platform_dir = stack
    await enable_gateway(platform_dir, info)
    core = gateway_core(tmp_path, info)
    assert core.access.mode is ApiMode.GATEWAY and core.access.keeta.base_url.startswith(info.relay_url)
    watch = Watch(core)
    core.start()
    try:
        order_id = await create_order(info)
        await watch.until(status_is(core, order_id, OrderStatus.NEW))
        core.orders.confirm(order_id)
        await watch.until(lambda: any(a.state is ActionState.DONE for a in watch.actions))
        assert [a.state for a in watch.actions if a.action == "confirm"][-1] is ActionState.DONE
        await watch.until(status_is(core, order_id, OrderStatus.ACCEPTED))
        assert (await sim_get(info, f"/sim/keeta/orders/{order_id}"))["status"] == 30
        refreshed = await core.orders.refresh(order_id)  # order/get through the gateway too
        assert refreshed is not None and refreshed.status is OrderStatus.ACCEPTED
    finally:
        await core.stop()


async def test_gateway_refusal_fails_the_action_without_retrying(
    stack: tuple[StackInfo, Path], tmp_path: Path
) -> None:
    info, _ = stack  # the gateway is not enabled for this store on the relay
    core = gateway_core(tmp_path, info)
    watch = Watch(core)
    core.start()
    try:
        order_id = await create_order(info)
        await watch.until(status_is(core, order_id, OrderStatus.NEW))
        core.orders.confirm(order_id)
        await watch.until(lambda: any(a.state is ActionState.FAILED for a in watch.actions))
        assert sum(a.state is ActionState.SENDING for a in watch.actions) == 1
        assert (await sim_get(info, f"/sim/keeta/orders/{order_id}"))["status"] == 10
    finally:
        await core.stop()


async def test_gateway_without_relay_falls_back_to_direct_and_says_so(tmp_path: Path) -> None:
    settings = Settings(keeta_app_id=1, keeta_shop_id=1, keeta_base_url="https://keeta.test")
    settings = settings.replace(api_mode="gateway")
    core = build_core(tmp_path / "c.sqlite3", settings, SessionSecrets(keeta_app_secret="s", keeta_token="t"))
    assert core.access.mode is ApiMode.DIRECT and core.access.keeta.secret == "s" and core.problems
    await core.stop()


async def _book(core: AppCore, keeta_order: int) -> str:
    assert core.zeek is not None
    now = int(time.time())
    request = make_request(
        client_order_id=f"POS-{uuid.uuid4().hex[:10]}", keeta_order_view_id=keeta_order, order_time=now
    )
    deliveries.save_request(request, "", now)
    booking = await core.zeek.create(request)
    deliveries.record_created(booking, now)
    return booking.order_id


async def test_zeek_booking_through_the_gateway_and_its_callbacks_over_the_stream(
    stack: tuple[StackInfo, Path], tmp_path: Path
) -> None:
    info, platform_dir = stack
    await enable_gateway(platform_dir, info)
    core = gateway_core(tmp_path, info)
    heard: list[DeliveryUpdate] = []
    signal = Signal()
    core.hub.subscribe(DeliveryUpdate, heard.append)
    core.hub.subscribe(DeliveryUpdate, signal.fire)
    core.start()
    try:
        # The app knows no merchant id and no secret: the relay pinned its own merchant and signed.
        assert core.zeek is not None and core.zeek.config.client_merchant_id == ""
        order_id = await _book(core, 4242)
        assert (await sim_get(info, f"/sim/zeek/orders/{order_id}"))["status"] == 9001

        for _ in range(60):  # a minute of simulator time per step until the courier is near the shop
            if (await sim_get(info, f"/sim/zeek/orders/{order_id}"))["status"] in (9010, 9011):
                break
            await advance_sim_clock(info, 60)
        view = await sim_get(info, f"/sim/zeek/orders/{order_id}")
        sent = [c["status"] for c in view["callbacks"] if c["delivered"]]
        assert sent[:1] == [9005]
        await signal.until(lambda: [h.update.status_code for h in heard] == sent)

        [booking] = peek.bookings_for_keeta_order(4242)
        assert booking.status is not DeliveryStatus.CREATED and booking.partner is not None
        assert heard[-1].booking is not None and heard[-1].booking.status is booking.status
        assert [e["status_code"] for e in peek.callback_events(order_id)] == sent
    finally:
        await core.stop()

    # Replaying the whole stream (a lost cursor) records nothing twice and tells the screen nothing new.
    with sqlite3.connect(tmp_path / "cache.sqlite3") as db:
        (cursor,) = db.execute("SELECT cursor FROM sync_cursor").fetchone()
        db.execute("DELETE FROM sync_cursor")
    again = gateway_core(tmp_path, info)
    replay = Signal()
    assert again.sync is not None
    again.hub.subscribe(AppliedEvent, replay.fire)
    again.hub.subscribe(DeliveryUpdate, heard.append)
    again.start()
    try:
        stream = RelayLink(info.relay_url, info.store_token).stream_key
        await replay.until(lambda: (sync_state.load_cursor(stream) or 0) >= cursor)
        assert [e["status_code"] for e in peek.callback_events(order_id)] == sent
        assert len(heard) == len(sent)
    finally:
        await again.stop()
