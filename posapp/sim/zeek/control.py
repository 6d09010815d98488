"""Control routes of the Zeek simulator (JSON in, JSON out).

- ``GET /sim/zeek/orders/{order_id}`` → the simulator's view of a booking: status and its history,
  partner and position, the planned time of each status, cancellation (with any fee), every callback
  with its attempts. 404 ``{"error": "..."}`` for an unknown order.
- ``POST /sim/zeek/orders/{order_id}/reassign`` → forces an 8001 reassignment (before pickup only).
- ``GET /sim/zeek/config`` → the run-time settings below.
- ``POST /sim/zeek/config`` with any of ``{"callbackUrl": "http://…", "cancelAfterPickup": bool,
  "arrivalCancelFeeCents": int, "notifyReassignment": bool, "merchantLocation": "lat,lng"}`` → changes
  them and answers the settings. ``callbackUrl`` takes effect for the next attempt, retries included.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from posapp.sim.zeek.codes import STATUS_DESC
from posapp.sim.zeek.errors import ZeekApiError
from posapp.sim.zeek.geo import parse_location
from posapp.sim.zeek.simulator import ZeekSim
from posapp.sim.zeek.state import ZeekOrder


def order_view(sim: ZeekSim, order: ZeekOrder) -> dict[str, Any]:
    now = sim.now()
    partner, position, cancel = order.partner, order.position_at(now), order.cancel
    return {
        "orderId": order.order_id,
        "clientOrderId": order.request.client_order_id,
        "merchantId": order.merchant.merchant_id,
        "pickupCode": order.request.pickup_code,
        "status": int(order.status),
        "statusDesc": STATUS_DESC[order.status],
        "history": [{"status": code, "at": at} for code, at in order.history],
        "plan": {str(int(status)): at for status, at in order.plan.items()},
        "mode": order.mode,
        "directDistance": order.direct_m,
        "travelDistance": order.travel_m,
        "totalPriceCents": order.request.total_price_cents,
        "customerLocation": order.request.receiver.location.text(),
        "merchantLocation": order.merchant.location.text(),
        "partner": None
        if partner is None
        else {**vars(partner), "location": position.text() if position else ""},
        "partners": [stint.partner.name for stint in order.stints],
        "trackPoints": len(order.track(now)),
        "cancel": None
        if cancel is None
        else {
            "code": int(cancel.code),
            "reason": cancel.reason,
            "user": cancel.user,
            "at": cancel.at,
            "type": cancel.kind,
            "feeCents": cancel.fee_cents,
        },
        "callbacks": [
            {
                "status": record.status,
                "delivered": record.delivered,
                "gaveUp": record.gave_up,
                "nextAttemptAt": record.next_attempt_at,
                "attempts": record.attempts,
                "data": record.data,
            }
            for record in order.callbacks
        ],
    }


def settings_view(sim: ZeekSim) -> dict[str, Any]:
    merchant = sim.merchants[sim.ctx.config.merchant_id]
    s = sim.settings
    return {
        "callbackUrl": s.callback_url,
        "cancelAfterPickup": s.cancel_after_pickup,
        "arrivalCancelFeeCents": s.arrival_cancel_fee_cents,
        "notifyReassignment": s.notify_reassignment,
        "merchantId": merchant.merchant_id,
        "merchantLocation": merchant.location.text(),
    }


def _apply_settings(sim: ZeekSim, body: dict[str, Any]) -> str | None:
    """Apply what the body sets; the first problem found, if any, and nothing changed then."""
    fields = {
        "callbackUrl": str,
        "cancelAfterPickup": bool,
        "arrivalCancelFeeCents": int,
        "notifyReassignment": bool,
        "merchantLocation": str,
    }
    for key, kind in fields.items():
        if key in body and (type(body[key]) is not kind):
            return f"{key} must be {kind.__name__}"
    location = parse_location(body["merchantLocation"]) if "merchantLocation" in body else None
    if "merchantLocation" in body and location is None:
        return 'merchantLocation must be "lat,lng"'
    s = sim.settings
    s.callback_url = body.get("callbackUrl", s.callback_url)
    s.cancel_after_pickup = body.get("cancelAfterPickup", s.cancel_after_pickup)
    s.arrival_cancel_fee_cents = body.get("arrivalCancelFeeCents", s.arrival_cancel_fee_cents)
    s.notify_reassignment = body.get("notifyReassignment", s.notify_reassignment)
    if location is not None:
        merchant = sim.merchants[sim.ctx.config.merchant_id]
        sim.add_merchant(merchant.merchant_id, location, merchant.name)
    return None


def control_routes(sim: ZeekSim) -> list[BaseRoute]:
    async def get_order(request: Request) -> JSONResponse:
        try:
            order = sim.order(request.path_params["order_id"])
        except ZeekApiError as exc:
            return JSONResponse({"error": exc.message}, status_code=404)
        return JSONResponse(order_view(sim, order))

    async def reassign(request: Request) -> JSONResponse:
        try:
            sim.reassign(request.path_params["order_id"])
        except ZeekApiError as exc:
            return JSONResponse({"error": exc.message}, status_code=404)
        return JSONResponse(order_view(sim, sim.order(request.path_params["order_id"])))

    async def config(request: Request) -> JSONResponse:
        if request.method == "POST":
            try:
                body = await request.json()
            except ValueError:
                body = None
            if not isinstance(body, dict):
                return JSONResponse({"error": "body must be a JSON object"}, status_code=400)
            problem = _apply_settings(sim, body)
            if problem:
                return JSONResponse({"error": problem}, status_code=400)
        return JSONResponse(settings_view(sim))

    return [
        Route("/sim/zeek/orders/{order_id}", get_order, methods=["GET"]),
        Route("/sim/zeek/orders/{order_id}/reassign", reassign, methods=["POST"]),
        Route("/sim/zeek/config", config, methods=["GET", "POST"]),
    ]
