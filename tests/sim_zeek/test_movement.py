"""The partner's trip on the simulator clock: statuses in order, positions along a path, lookups."""

from __future__ import annotations

import dataclasses
import time

from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer
from posapp.sim.zeek.geo import LatLng, haversine_m, parse_location
from posapp.zeek.signing import verify
from tests.sim_zeek.helpers import CENTRAL, Receiver, ZeekCaller

HAPPY_PATH = [9005, 9010, 9011, 8012, 9015, 9017, 9021]
STORE = LatLng(22.2866, 114.1508)


async def latest(zeek: ZeekCaller, order_id: str) -> dict[str, object]:
    data = {"order_id": order_id, "client_merchant_id": zeek.config.merchant_id}
    result: dict[str, object] = await zeek.ok("tasker/takeaway/position_latest", data)
    return result


def point(text: object) -> LatLng:
    parsed = parse_location(text)
    assert parsed is not None, text
    return parsed


async def test_statuses_arrive_in_order_as_signed_callbacks(zeek: ZeekCaller, receiver: Receiver) -> None:
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 9021)
    assert receiver.statuses(order_id) == HAPPY_PATH
    view = await zeek.view(order_id)
    assert [h["status"] for h in view["history"]] == [9001, *HAPPY_PATH]
    times = [h["at"] for h in view["history"]]
    assert times == sorted(times)
    for body in receiver.bodies:
        verdict = verify(body, appid=zeek.config.zeek_appid, secret=zeek.config.zeek_secret, now=time.time())
        assert verdict.ok, verdict
        assert body["data"]["meta"] == {"lang": "en", "region": "HK"}
        assert body["data"]["cancel"] is None


async def test_callbacks_carry_partner_and_predictions(zeek: ZeekCaller, receiver: Receiver) -> None:
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 9021)
    by_status = {b["data"]["order_status"]: b["data"] for b in receiver.bodies}
    accepted = by_status[9005]
    assert accepted["status_desc"] == "Partner accepted order"
    assert accepted["partner"]["partner_name"]
    assert accepted["predicted_accept_time"] is None
    assert isinstance(accepted["predicted_delivery_time"], int)
    assert by_status[9011]["predicted_showup_time"] is None
    assert by_status[9021]["predicted_delivery_time"] is None
    at_store = point(by_status[9011]["partner"]["partner_location"])
    assert haversine_m(at_store, STORE) < 5


async def test_partner_moves_to_the_store_then_to_the_customer(zeek: ZeekCaller) -> None:
    order_id = (await zeek.create())["order_id"]
    before = await latest(zeek, order_id)
    assert before["partner_name"] == "" and before["partner_location"] == ""
    await zeek.advance_until(order_id, 9005, step=15)
    gaps: list[float] = []
    while (await zeek.view(order_id))["status"] != 9011:
        gaps.append(haversine_m(point((await latest(zeek, order_id))["partner_location"]), STORE))
        await zeek.advance(20)
    assert len(gaps) > 3
    assert gaps == sorted(gaps, reverse=True), "the partner should keep closing on the store"
    await zeek.advance_until(order_id, 9021)
    final = await latest(zeek, order_id)
    assert haversine_m(point(final["partner_location"]), point(CENTRAL)) < 5
    assert final["predicted_delivery_time"] == -1


async def test_position_changes_between_uploads(zeek: ZeekCaller) -> None:
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 9005, step=15)
    first = await latest(zeek, order_id)
    await zeek.advance(60)
    second = await latest(zeek, order_id)
    assert first["partner_location"] != second["partner_location"]
    assert second["upload_time"] > first["upload_time"]  # type: ignore[operator]
    assert first["partner_name"] == second["partner_name"] != ""


async def test_info_follows_the_trip(zeek: ZeekCaller) -> None:
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 8012)
    info = await zeek.info(order_id)
    assert info["order_status"] == 8012
    assert info["partner_name"] and info["partner_phone"]
    await zeek.advance_until(order_id, 9021)
    info = await zeek.info(order_id)
    assert info["actual_done_time"] >= info["addtime"] > 0


async def test_info_by_phone_finds_the_latest_booking(zeek: ZeekCaller) -> None:
    await zeek.create(receive={"user_phone": "61112222"})
    await zeek.advance(5)
    newest = await zeek.create(receive={"user_phone": "61112222"})
    found = await zeek.ok("order/takeaway/info_by_phone", {"user_phone": "61112222"})
    assert found["order_id"] == newest["order_id"]
    with_code = {"user_phone": "61112222", "user_phone_country_code": "852"}
    assert (await zeek.ok("order/takeaway/info_by_phone", with_code))["order_id"] == newest["order_id"]
    assert (await zeek.call("order/takeaway/info_by_phone", {"user_phone": "69999999"}))["error"] == 3004
    assert (await zeek.call("order/takeaway/info_by_phone", {"user_phone": "+85261112222"}))["error"] == 2001


async def test_lookups_of_unknown_orders(zeek: ZeekCaller) -> None:
    ask = {"order_id": "FD-NOPE", "client_merchant_id": zeek.config.merchant_id}
    for path in ("order/takeaway/info", "tasker/takeaway/position_latest"):
        assert (await zeek.call(path, ask))["error"] == 3004
    order_id = (await zeek.create())["order_id"]
    wrong_store = {"order_id": order_id, "client_merchant_id": "OTHER"}
    assert (await zeek.call("order/takeaway/info", wrong_store))["error"] == 3004
    response = await zeek.http.get(f"{zeek.server.base_url}/sim/zeek/orders/FD-NOPE")
    assert response.status_code == 404


async def test_runs_repeat_with_the_same_seed() -> None:
    config = dataclasses.replace(SimConfig(port=0), seed=7)
    plans = []
    for _ in range(2):
        server = SimServer(config)
        assert server.ctx.zeek is not None
        booking = server.ctx.zeek.book(point(CENTRAL), 16800)
        order = server.ctx.zeek.orders[booking["order_id"]]
        plans.append({status: round(at - order.created_at) for status, at in order.plan.items()})
        await server.ctx.http.aclose()
    assert plans[0] == plans[1]


async def test_python_api_books_for_the_demo(zeek: ZeekCaller, receiver: Receiver) -> None:
    booking = zeek.zeek.book(point(CENTRAL), 16800, pickup_code="0042")
    view = await zeek.view(booking["order_id"])
    assert view["pickupCode"] == "0042" and view["totalPriceCents"] == 16800
    await zeek.advance_until(booking["order_id"], 9021)
    assert receiver.statuses(booking["order_id"]) == HAPPY_PATH
