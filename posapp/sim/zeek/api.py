"""The Zeek endpoints: verified ``data`` and ``meta`` in, Zeek's response envelope out.

Paths are Zeek's v1.3 paths relative to the base URL (``order/takeaway/...``, ``tasker/takeaway/...``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from posapp.sim.zeek.auth import Meta
from posapp.sim.zeek.codes import Error, Status
from posapp.sim.zeek.errors import ZeekApiError
from posapp.sim.zeek.quotes import (
    ACCEPT_DELAY_S,
    conversion_table,
    expected_minutes,
    minutes_range,
    mode_for,
    single_quotation,
)
from posapp.sim.zeek.simulator import ZeekSim
from posapp.sim.zeek.state import info_wire
from posapp.sim.zeek.validation import (
    estimate_request,
    location,
    page_args,
    phone,
    text,
    user_code,
)

Handler = Callable[[ZeekSim, dict[str, Any], Meta], dict[str, Any]]


def ok(data: Any) -> dict[str, Any]:
    return {"error": 0, "data": data}


def estimates(sim: ZeekSim, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
    req = estimate_request(data, meta, sim.now())
    direct, travel = sim.distances(sim.merchant(req.merchant_id), req.location)
    quotation_id = f"q-fd-{len(sim.orders) + 1}-{int(sim.now())}"
    if req.total_price is None:
        table = conversion_table(quotation_id, direct, travel)
    else:
        table = [single_quotation(quotation_id, direct, travel, req.total_price)]
    return ok({"quotations": [q.to_wire() for q in table]})


def create(sim: ZeekSim, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
    return ok(sim.create(data, meta))


def cancel(sim: ZeekSim, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
    order = sim.cancel(
        text(data, "order_id", 128),
        text(data, "client_merchant_id", 64),
        text(data, "cancel_reason", 255, required=False),
        user_code(data),
    )
    return ok({"order_id": order.order_id, "client_order_id": order.request.client_order_id})


def info(sim: ZeekSim, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
    order = sim.order(text(data, "order_id", 128), text(data, "client_merchant_id", 64))
    return ok(info_wire(order, sim.now()))


def info_by_phone(sim: ZeekSim, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
    number, code = phone(data, "user_phone", meta)
    found = sim.orders_for_phone(number, code)
    if not found:
        raise ZeekApiError(Error.ORDER_NOT_FOUND, "no order for this phone number")
    return ok(info_wire(found[0], sim.now()))


def position_latest(sim: ZeekSim, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
    order = sim.order(text(data, "order_id", 128), text(data, "client_merchant_id", 64))
    now = sim.now()
    samples = order.track(now)
    partner = order.partner
    last_time, last_point = samples[-1] if samples else (int(now), None)
    minutes = order.minutes_until(Status.COMPLETED, now)
    return ok(
        {
            "order_id": order.order_id,
            "client_order_id": order.request.client_order_id,
            "partner_name": partner.name if partner else "",
            "partner_location": last_point.text() if last_point and partner else "",
            "upload_time": last_time,
            "predicted_delivery_time": -1 if minutes is None else minutes,
            "predicted_delivery_time_range": "" if minutes is None else minutes_range(minutes),
        }
    )


def position_track(sim: ZeekSim, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
    order = sim.order(text(data, "order_id", 128), text(data, "client_merchant_id", 64))
    page, size = page_args(data)
    samples = order.track(sim.now())
    chunk = samples[(page - 1) * size : page * size]
    return {
        "error": 0,
        "data": [{"partner_location": point.text(), "upload_time": at} for at, point in chunk],
        "pageinfo": {
            "total": len(samples),
            "pagecount": math.ceil(len(samples) / size),
            "pagesize": size,
            "curpage": page,
        },
    }


def precompletetime(sim: ZeekSim, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
    """API-3.2.2 predicted quote time (zeek.md §6.4), for a typical small order."""
    merchant = sim.merchant(text(data, "client_merchant_id", 64))
    _, travel = sim.distances(merchant, location(data, "user_location"))
    minutes = expected_minutes(mode_for(travel, 0), travel)
    return ok({"time": minutes, "time_range": minutes_range(minutes)})


def preassigntime(sim: ZeekSim, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
    """API-3.2.3 predicted accept time (zeek.md §6.4)."""
    sim.merchant(text(data, "client_merchant_id", 64))
    minutes = math.ceil(ACCEPT_DELAY_S / 60)
    return ok({"time": minutes, "time_range": minutes_range(minutes)})


HANDLERS: dict[str, Handler] = {
    "order/takeaway/estimates": estimates,
    "order/takeaway/create": create,
    "order/takeaway/cancel": cancel,
    "order/takeaway/info": info,
    "order/takeaway/info_by_phone": info_by_phone,
    "order/takeaway/precompletetime": precompletetime,
    "order/takeaway/preassigntime": preassigntime,
    "tasker/takeaway/position_latest": position_latest,
    "tasker/takeaway/position_track": position_track,
}
