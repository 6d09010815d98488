"""Zeek's signed callbacks from the simulator into a relay-like endpoint and the booking cache."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator

import httpx
import peewee
import pytest

from posapp.domain.delivery import DeliveryStatus
from posapp.sim.server import SimServer
from posapp.store import deliveries
from posapp.zeek.client import ZeekClient
from posapp.zeek.signing import envelope
from tests import peek
from tests.zeek.conftest import make_request
from tests.zeek.receiver import CallbackReceiver
from tests.zeek.test_against_sim import advance_until, config_for, sim_view


@pytest.fixture
async def receiver(
    sim: SimServer, cache: peewee.SqliteDatabase
) -> AsyncIterator[tuple[CallbackReceiver, str]]:
    cfg = sim.ctx.config
    endpoint = CallbackReceiver(cfg.zeek_appid, cfg.zeek_secret)
    url = await endpoint.start()
    async with httpx.AsyncClient(base_url=sim.base_url) as http:
        assert (await http.post("/sim/zeek/config", json={"callbackUrl": url})).status_code == 200
    yield endpoint, url
    await endpoint.stop()


@pytest.fixture
async def control(sim: SimServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sim.base_url, timeout=30) as http:
        yield http


async def _book(sim: SimServer) -> str:
    request = make_request(keeta_order_view_id=4242)
    deliveries.save_request(request, sim.ctx.config.merchant_id, int(time.time()))
    async with ZeekClient(config_for(sim)) as client:
        booking = await client.create(request)
    deliveries.record_created(booking, int(time.time()))
    return booking.order_id


async def test_callbacks_drive_the_cached_booking_to_completion(
    sim: SimServer, control: httpx.AsyncClient, receiver: tuple[CallbackReceiver, str]
) -> None:
    endpoint, _ = receiver
    order_id = await _book(sim)
    view = await advance_until(control, order_id, {9021})
    await control.post("/sim/clock/advance", json={"seconds": 1})
    assert all(c["delivered"] for c in view["callbacks"]) and endpoint.refused == []
    statuses = [e["status_code"] for e in peek.callback_events(order_id)]
    assert statuses == [9005, 9010, 9011, 8012, 9015, 9017, 9021]
    [booking] = peek.bookings_for_keeta_order(4242)
    assert booking.order_id == order_id and booking.status is DeliveryStatus.COMPLETED
    assert booking.partner is not None and booking.partner.name


async def test_the_same_callback_delivered_twice_has_one_effect(
    sim: SimServer, control: httpx.AsyncClient, receiver: tuple[CallbackReceiver, str]
) -> None:
    _, url = receiver
    order_id = await _book(sim)
    view = await advance_until(control, order_id, {9011})
    accepted = next(c["data"] for c in view["callbacks"] if c["status"] == 9005)
    cfg = sim.ctx.config
    async with httpx.AsyncClient() as http:
        for _ in range(2):
            fields = {k: v for k, v in accepted.items() if k != "meta"}
            stamp = int(time.time())
            body = envelope(
                fields, appid=cfg.zeek_appid, secret=cfg.zeek_secret, timestamp=stamp, lang="en", region="HK"
            )
            response = await http.post(url, json=body)
            assert response.json() == {"error": 0, "err_msg": ""}
    events = peek.callback_events(order_id)
    assert [e["status_code"] for e in events].count(9005) == 1
    booking = deliveries.by_order_id(order_id)
    assert booking is not None and booking.status is DeliveryStatus.AT_STORE  # not moved back to 9005


@pytest.mark.parametrize("fault", ["bad signature", "stale timestamp"])
async def test_forged_or_stale_callbacks_are_refused_and_change_nothing(
    sim: SimServer, receiver: tuple[CallbackReceiver, str], fault: str
) -> None:
    _, url = receiver
    order_id = await _book(sim)
    cfg = sim.ctx.config
    secret = "forged" if fault == "bad signature" else cfg.zeek_secret
    stamp = int(time.time()) - (400 if fault == "stale timestamp" else 0)
    data = {
        "order_id": order_id,
        "client_order_id": "POS-20240101-0042",
        "timestamp": stamp,
        "order_status": 9021,
    }
    body = envelope(data, appid=cfg.zeek_appid, secret=secret, timestamp=stamp, lang="en", region="HK")
    async with httpx.AsyncClient() as http:
        response = await http.post(url, content=json.dumps(body))
    expected = "signature does not match" if fault == "bad signature" else "timestamp outside"
    assert response.status_code == 401 and response.json()["error"] == 401
    assert response.json()["err_msg"].startswith(expected)
    assert peek.callback_events(order_id) == []
    booking = deliveries.by_order_id(order_id)
    assert booking is not None and booking.status is DeliveryStatus.CREATED


async def test_a_refused_callback_is_retried_by_zeek_and_lands_once_accepted(
    sim: SimServer, control: httpx.AsyncClient, receiver: tuple[CallbackReceiver, str]
) -> None:
    endpoint, _ = receiver
    endpoint.secret = "rotated-out"  # our side has the wrong secret: every callback is refused
    order_id = await _book(sim)
    view = await advance_until(control, order_id, {9005})
    await control.post("/sim/clock/advance", json={"seconds": 1})
    view = await sim_view(control, order_id)
    assert endpoint.refused and not view["callbacks"][0]["delivered"]
    endpoint.secret = sim.ctx.config.zeek_secret
    now = (await control.get("/sim/clock")).json()["now"]
    wait = view["callbacks"][0]["nextAttemptAt"] - now
    assert 0 < wait <= 1800  # the seed's ladder: 15/15/30/180/1800 … s
    await control.post("/sim/clock/advance", json={"seconds": wait + 1})
    view = await sim_view(control, order_id)
    assert view["callbacks"][0]["delivered"]
    assert [e["status_code"] for e in peek.callback_events(order_id)][:1] == [9005]
