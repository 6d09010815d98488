"""The client against the real Zeek simulator over HTTP on 127.0.0.1: every endpoint and rule."""

from __future__ import annotations

import dataclasses
import itertools
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import peewee
import pytest

from posapp.domain.delivery import (
    DeliveryMode,
    DeliveryStatus,
)
from posapp.domain.delivery_request import DeliveryValidationError
from posapp.domain.money import Money
from posapp.domain.retry import RetryPolicy
from posapp.sim.server import SimServer
from posapp.sim.zeek.quotes import mode_for
from posapp.store import deliveries
from posapp.zeek import codes, wire
from posapp.zeek.client import CREATE, ZeekClient
from posapp.zeek.config import ZeekConfig
from posapp.zeek.errors import (
    ZeekAuthError,
    ZeekCancelRefused,
    ZeekNotFound,
    ZeekParameterError,
    ZeekTransportError,
)
from tests.zeek.conftest import CUSTOMER_LOCATION, make_request

FAR_LOCATION = "22.3700,114.1900"  # Tai Wai side: a long trip, so the courier leaves a long track


class Recording(httpx.AsyncBaseTransport):
    """The real transport, counting requests; can lose the answer of the first create (a timeout)."""

    def __init__(self, lose_first_create: bool = False) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.lose_first_create = lose_first_create
        self.sent: list[dict[str, Any]] = []
        self.lost: list[dict[str, Any]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(json.loads(request.content))
        response = await self.inner.handle_async_request(request)
        if self.lose_first_create and request.url.path.endswith(CREATE) and not self.lost:
            await response.aread()
            self.lost.append(json.loads(response.content))
            raise httpx.ReadTimeout("answer lost on the way back", request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def config_for(sim: SimServer, **changes: Any) -> ZeekConfig:
    cfg = sim.ctx.config
    base = ZeekConfig(
        appid=cfg.zeek_appid,
        secret=cfg.zeek_secret,
        client_merchant_id=cfg.merchant_id,
        base_url=f"{sim.base_url}/zeek",
        lang="en",
        region="HK",
        retry=RetryPolicy(first_delay=0.0, max_delay=0.0, max_attempts=4),
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture
def transport() -> Recording:
    return Recording()


@pytest.fixture
async def zeek(sim: SimServer, transport: Recording) -> AsyncIterator[ZeekClient]:
    async with ZeekClient(config_for(sim), transport=transport) as client:
        yield client


@pytest.fixture
async def control(sim: SimServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sim.base_url, timeout=30) as http:
        yield http


async def sim_view(control: httpx.AsyncClient, order_id: str) -> dict[str, Any]:
    response = await control.get(f"/sim/zeek/orders/{order_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def advance_until(
    control: httpx.AsyncClient, order_id: str, statuses: set[int], limit_s: int = 7200
) -> dict[str, Any]:
    """Step the simulator clock a minute at a time until the booking reaches one of ``statuses``."""
    for _ in range(limit_s // 60):
        view = await sim_view(control, order_id)
        if view["status"] in statuses:
            return view
        await control.post("/sim/clock/advance", json={"seconds": 60})
    raise AssertionError(f"{order_id} never reached {statuses}: {await sim_view(control, order_id)}")


# --- estimates ------------------------------------------------------------------------------------


async def test_conversion_table_covers_every_amount_from_zero(zeek: ZeekClient) -> None:
    table = await zeek.conversion_table(CUSTOMER_LOCATION)
    assert table and table[0].min_amount == Money(0) and table[-1].max_amount is None
    for lower, upper in itertools.pairwise(table):
        assert lower.max_amount == upper.min_amount
    assert all(
        q.mode is not DeliveryMode.UNKNOWN and q.travel_distance_m >= q.direct_distance_m for q in table
    )


@pytest.mark.parametrize("cents", [5_000, 25_050, 60_000, 150_000])
async def test_one_quotation_follows_the_mode_rule_and_the_table(
    zeek: ZeekClient, transport: Recording, cents: int
) -> None:
    amount = Money(cents)
    quote = await zeek.quote(CUSTOMER_LOCATION, amount)
    assert transport.sent[-1]["data"]["product"] == {"total_price": cents / 100}
    # The seed's table (pinned by test_delivery_domain.py), from the answer's own travel distance.
    assert quote.mode.value == mode_for(quote.travel_distance_m, cents / 100)
    assert quote.covers(amount) and quote.fee is not None and quote.fee.cents > 0
    assert quote.eta.minutes > 0 and quote.eta.bounds is not None


# --- create, info, lookups ------------------------------------------------------------------------


async def test_create_sends_cents_and_the_pickup_code(zeek: ZeekClient, control: httpx.AsyncClient) -> None:
    booking = await zeek.create(make_request(total=Money(12_850)))
    view = await sim_view(control, booking.order_id)
    assert view["totalPriceCents"] == 12_850
    assert view["pickupCode"] == booking.pickup_code == "0042"
    assert view["clientOrderId"] == booking.client_order_id
    assert booking.predictions.delivery is not None and booking.travel_distance_m


async def test_without_pickup_code_zeek_uses_the_last_four_digits(
    zeek: ZeekClient, control: httpx.AsyncClient
) -> None:
    booking = await zeek.create(make_request(pickup_code="", client_order_id="2024010100001234"))
    assert booking.pickup_code == "1234"
    assert (await sim_view(control, booking.order_id))["pickupCode"] == "1234"


async def test_scheduled_create_is_accepted(zeek: ZeekClient) -> None:
    booking = await zeek.create(make_request(scheduled_at=int(time.time()) + 2 * 3600))
    assert booking.order_id


async def test_timed_out_create_is_retried_and_the_duplicate_is_the_booking(
    sim: SimServer, control: httpx.AsyncClient
) -> None:
    lossy = Recording(lose_first_create=True)
    async with ZeekClient(config_for(sim), transport=lossy) as client:
        with pytest.raises(ZeekTransportError):
            await client.create(make_request())  # sent once; the outbox resends with the same id
        booking = await client.create(make_request())
    first_order_id = lossy.lost[0]["data"]["order_id"]
    creates = [b for b in lossy.sent if "receive" in b["data"]]
    assert len(creates) == 2
    assert {b["data"]["client_order_id"] for b in creates} == {"POS-20240101-0042"}
    assert booking.order_id == first_order_id
    assert (await sim_view(control, first_order_id))["clientOrderId"] == "POS-20240101-0042"


async def test_info_follows_the_courier_to_completion(zeek: ZeekClient, control: httpx.AsyncClient) -> None:
    booking = await zeek.create(make_request())
    assert (await zeek.info(booking.order_id)).status is DeliveryStatus.CREATED
    await advance_until(control, booking.order_id, {9011})
    at_store = await zeek.info(booking.order_id)
    assert at_store.status is DeliveryStatus.AT_STORE and at_store.partner is not None
    assert at_store.status.cancel_may_cost
    await advance_until(control, booking.order_id, {9021})
    assert (await zeek.info(booking.order_id)).status is DeliveryStatus.COMPLETED


async def test_info_of_an_unknown_order_is_not_found(zeek: ZeekClient) -> None:
    with pytest.raises(ZeekNotFound):
        await zeek.info("FD-NOPE")


async def test_info_by_phone_finds_the_booking(zeek: ZeekClient) -> None:
    booking = await zeek.create(make_request(phone="61234567"))
    found = await zeek.info_by_phone("61234567")
    assert [u.order_id for u in found] == [booking.order_id]
    assert [u.order_id for u in await zeek.info_by_phone("61234567", "852")] == [booking.order_id]


async def test_positions_latest_and_track_agree(zeek: ZeekClient, control: httpx.AsyncClient) -> None:
    booking = await zeek.create(make_request())
    await advance_until(control, booking.order_id, {9015})
    latest = await zeek.position_latest(booking.order_id)
    track = await zeek.position_track(booking.order_id)
    assert latest is not None and track
    assert (latest.latitude, latest.longitude, latest.at) == (
        track[-1].latitude,
        track[-1].longitude,
        track[-1].at,
    )
    assert [p.at for p in track] == sorted(p.at for p in track)


async def test_track_pages_past_500_points(
    zeek: ZeekClient, control: httpx.AsyncClient, transport: Recording, cache: peewee.SqliteDatabase
) -> None:
    booking = await zeek.create(make_request(location=FAR_LOCATION))
    await advance_until(control, booking.order_id, {9021})
    points = (await sim_view(control, booking.order_id))["trackPoints"]
    assert points > 500, "the trip must be long enough to need a second page"
    track = await zeek.position_track(booking.order_id)
    pages = [b["data"]["page"] for b in transport.sent if b["data"].get("page")]
    assert len(track) == points and pages == list(range(1, -(-points // 500) + 1))
    assert deliveries.add_positions(track) == points and deliveries.add_positions(track) == 0
    small_pages = await zeek.position_track(booking.order_id, pagesize=200)
    assert small_pages == track


# --- cancel ---------------------------------------------------------------------------------------


async def test_cancel_before_pickup_ends_in_9025_with_the_sender_code(
    zeek: ZeekClient, control: httpx.AsyncClient
) -> None:
    booking = await zeek.create(make_request())
    await advance_until(control, booking.order_id, {9005})
    ack = await zeek.cancel(booking.order_id, "customer changed mind", "1234")
    assert ack.order_id == booking.order_id and ack.client_order_id == booking.client_order_id
    info = await zeek.info(booking.order_id)
    assert info.status is DeliveryStatus.CANCELLED_BEFORE_PICKUP
    assert info.cancellation is not None and info.cancellation.code == "7002"
    assert info.cancellation.text == "customer changed mind"


async def test_cancel_after_pickup_is_refused(
    zeek: ZeekClient, control: httpx.AsyncClient, transport: Recording
) -> None:
    booking = await zeek.create(make_request())
    await advance_until(control, booking.order_id, {8012, 9015})
    before = len(transport.sent)
    with pytest.raises(ZeekCancelRefused):
        await zeek.cancel(booking.order_id, "too late")
    assert len(transport.sent) == before + 1  # refused once, not retried
    assert (await zeek.info(booking.order_id)).status.food_picked_up


# --- validation: refused before sending, and the simulator agrees when it is sent anyway ---------

INVALID = {
    "pickup code not 4 digits": (dict(pickup_code="123"), codes.PARAM_PICKUP_CODE),
    "non-numeric id without pickup code": (
        dict(pickup_code="", client_order_id="POS-A"),
        codes.PARAM_PICKUP_CODE,
    ),
    "phone with country code": (dict(phone="85291234567"), codes.PARAM_INVALID),
    "phone not digits": (dict(phone="9123-4567"), codes.PARAM_INVALID),
    "location lng,lat": (dict(location="114.1540,22.2830"), codes.PARAM_INVALID),
    "location with space": (dict(location="22.2830, 114.1540"), codes.PARAM_INVALID),
    "scheduled too soon": (dict(scheduled_at=int(time.time()) + 10 * 60), codes.PARAM_APPOINT_TIME),
    "scheduled too far": (dict(scheduled_at=int(time.time()) + 8 * 86400), codes.PARAM_APPOINT_TIME),
    "remark too long": (dict(remark="x" * 1025), codes.PARAM_INVALID),
    "merchant remark too long": (dict(merchant_remark="x" * 1025), codes.PARAM_INVALID),
    "name too long": (dict(customer_name="x" * 65), codes.PARAM_INVALID),
    "address too long": (dict(address="x" * 256), codes.PARAM_INVALID),
}


@pytest.mark.parametrize("case", list(INVALID))
async def test_invalid_booking_is_refused_before_sending_and_by_the_simulator(
    zeek: ZeekClient, transport: Recording, case: str
) -> None:
    changes, server_code = INVALID[case]
    request = make_request(**changes)
    with pytest.raises(DeliveryValidationError):
        await zeek.create(request)
    assert transport.sent == []
    data = wire.create_data(request, zeek.config.client_merchant_id, default_country_code="852")
    with pytest.raises(ZeekParameterError) as caught:
        await zeek.call(CREATE, data)
    assert caught.value.code == server_code


async def test_default_country_code_is_852_for_hong_kong(zeek: ZeekClient, transport: Recording) -> None:
    await zeek.create(make_request())
    assert transport.sent[-1]["data"]["receive"]["user_phone_country_code"] == "852"


async def test_bad_location_for_estimates_is_refused_before_sending(
    zeek: ZeekClient, transport: Recording
) -> None:
    with pytest.raises(DeliveryValidationError, match="latitude"):
        await zeek.conversion_table("114.15,22.28")
    assert transport.sent == []


# --- auth -----------------------------------------------------------------------------------------


async def test_wrong_secret_and_skewed_clock_are_auth_errors(sim: SimServer) -> None:
    async with ZeekClient(config_for(sim, secret="wrong")) as client:
        with pytest.raises(ZeekAuthError) as bad:
            await client.conversion_table(CUSTOMER_LOCATION)
    async with ZeekClient(config_for(sim), clock=lambda: time.time() - 400) as client:
        with pytest.raises(ZeekAuthError) as stale:
            await client.conversion_table(CUSTOMER_LOCATION)
    assert (bad.value.code, bad.value.attempts) == (codes.AUTH_BAD_SIGNATURE, 1)
    assert stale.value.code == codes.AUTH_STALE_TIMESTAMP
