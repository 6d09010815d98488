"""The Keeta simulator's control API (JSON in, JSON out; contract.md "Simulator HTTP").

- ``POST /sim/keeta/orders`` ``{"mode": "delivery"|"pickup"}`` (optional) → ``{"orderViewId": N}``;
  pushes a signed 1001.
- ``GET /sim/keeta/orders`` → ``{"orders": [...]}`` (a summary of every order).
- ``GET /sim/keeta/orders/{orderViewId}`` → the simulator's view: status, refunds, deliveries, pushes
  (with every attempt) and the current ``orderInfo``.
- ``POST /sim/keeta/orders/{orderViewId}/refund-request`` ``{"partial": bool}`` → pushes 1005 or 1007;
  answers ``{"afterSaleOrderId": N}``.
- ``POST /sim/keeta/orders/{orderViewId}/customer-cancel`` → the customer cancels an order not yet
  accepted (1004, opType 10).
- ``GET /sim/keeta/shop`` → ``{"status": 3|4, "soldOut": [spuId, ...], "optionsOff": [...],
  "locked": [...]}``; ``POST /sim/keeta/shop`` ``{"status": 3|4}`` (Keeta's staff open or suspend
  the store: 1102 pushed) and/or ``{"locked": [spuId, ...]}`` (SPUs the platform refuses to change:
  partial failures on demand), see posapp/sim/keeta/shop.py. A paused store (or one with everything
  sold out) answers ``POST /sim/keeta/orders`` with 409 and says so.
- ``POST /sim/keeta/config`` ``{"webhookUrl": URL}`` → where pushes go from now on (also
  ``{"heartbeatSeconds": S}``; 0 stops heartbeats). ``GET /sim/keeta/config`` shows the settings.

Errors answer 4xx with ``{"error": "..."}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from posapp.keeta import codes
from posapp.sim.keeta.state import ApiError

if TYPE_CHECKING:
    from posapp.sim.keeta.sim import KeetaSim


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _json(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    body = json.loads(raw)
    if not isinstance(body, dict):
        raise ValueError("body must be a JSON object")
    return body


def _guarded(call: Callable[[Request], Any]) -> Callable[[Request], Any]:
    """Map bad input and refused transitions to 4xx answers."""

    async def endpoint(request: Request) -> Response:
        try:
            result: Response = await call(request)
        except ValueError as exc:
            return _error(str(exc) or "bad request body", 400)
        except ApiError as exc:
            status = 404 if exc.code == codes.ORDER_NOT_FOUND else 409
            return _error(exc.message, status)
        return result

    return endpoint


def control_routes(sim: KeetaSim) -> list[BaseRoute]:
    async def create(request: Request) -> Response:
        body = await _json(request)
        return JSONResponse({"orderViewId": sim.create_order(body.get("mode"))})

    async def list_orders(request: Request) -> Response:
        return JSONResponse({"orders": sim.summary()})

    async def view(request: Request) -> Response:
        return JSONResponse(sim.view(_order_id(request)))

    async def refund_request(request: Request) -> Response:
        body = await _json(request)
        partial = body.get("partial", False)
        if not isinstance(partial, bool):
            raise ValueError("partial must be true or false")
        return JSONResponse({"afterSaleOrderId": sim.raise_refund(_order_id(request), partial)})

    async def customer_cancel(request: Request) -> Response:
        sim.customer_cancel(_order_id(request))
        return JSONResponse({"ok": True})

    async def set_config(request: Request) -> Response:
        body = await _json(request)
        if "webhookUrl" in body:
            if not isinstance(body["webhookUrl"], str):
                raise ValueError("webhookUrl must be a string")
            sim.set_webhook_url(body["webhookUrl"])
        if "heartbeatSeconds" in body:
            sim.set_heartbeat(float(body["heartbeatSeconds"]))
        return await get_config(request)

    async def get_config(request: Request) -> Response:
        return JSONResponse(sim.settings())

    async def get_shop(request: Request) -> Response:
        return JSONResponse(sim.shop.view())

    async def set_shop(request: Request) -> Response:
        return JSONResponse(sim.shop.control(await _json(request)))

    return [
        Route("/sim/keeta/orders", _guarded(create), methods=["POST"]),
        Route("/sim/keeta/orders", _guarded(list_orders), methods=["GET"]),
        Route("/sim/keeta/orders/{order_view_id:int}", _guarded(view), methods=["GET"]),
        Route(
            "/sim/keeta/orders/{order_view_id:int}/refund-request", _guarded(refund_request), methods=["POST"]
        ),
        Route(
            "/sim/keeta/orders/{order_view_id:int}/customer-cancel",
            _guarded(customer_cancel),
            methods=["POST"],
        ),
        Route("/sim/keeta/config", _guarded(set_config), methods=["POST"]),
        Route("/sim/keeta/config", _guarded(get_config), methods=["GET"]),
        Route("/sim/keeta/shop", _guarded(get_shop), methods=["GET"]),
        Route("/sim/keeta/shop", _guarded(set_shop), methods=["POST"]),
    ]


def _order_id(request: Request) -> int:
    return int(request.path_params["order_view_id"])
