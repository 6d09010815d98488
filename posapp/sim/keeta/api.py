"""The simulated Keeta Order API: ``POST /keeta/api/open/<path>``, checked exactly as Keeta would.

Every call is a JSON body with ``appId``, ``accessToken`` (not for ``base/oauth/token``), ``timestamp``
(seconds, within ±300 s of wall-clock time: a STAND-IN, Keeta does not publish its window) and
``sig = sign(<the URL called: scheme://host:port/path>, body without sig, secret)``. Answers are
HTTP 200 ``{code, message, data}``; ``base/oauth/token`` answers the token fields at the top level.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from posapp.keeta import codes
from posapp.keeta.signing import sign
from posapp.sim.keeta.incidents import ApiFault
from posapp.sim.keeta.shop import shop_handlers
from posapp.sim.keeta.state import ApiError, SimOrder

if TYPE_CHECKING:
    from posapp.sim.keeta.sim import KeetaSim

TIMESTAMP_WINDOW = 300  # STAND-IN: Keeta's allowed skew is not documented
OAUTH_PATH = "base/oauth/token"

Handler = Callable[["KeetaSim", SimOrder, dict[str, Any]], Any]

ORDER_HANDLERS: dict[str, Handler] = {
    "order/confirm": lambda sim, order, body: sim.confirm(order),
    "order/get": lambda sim, order, body: {"orderInfo": order.info},
    "order/prepare": lambda sim, order, body: sim.prepare(order),
    "order/cancel": lambda sim, order, body: sim.cancel(
        order, body.get("cancelCode"), body.get("cancelReason")
    ),
    "order/agree": lambda sim, order, body: sim.agree(order),
    "order/reject": lambda sim, order, body: sim.reject(
        order, body.get("rejectCode"), body.get("rejectReason")
    ),
    "order/collect": lambda sim, order, body: sim.collect(order),
    "order/refund/part/products/preview": lambda sim, order, body: sim.partial_preview(
        order, body.get("products")
    ),
    "order/refund/part/apply": lambda sim, order, body: sim.partial_apply(
        order, body.get("products"), body.get("partRefundType"), body.get("partRefundReason")
    ),
    codes.DISPATCHED_PATH: lambda sim, order, body: sim.self_delivery.dispatched(order, body),
    codes.DELIVERED_PATH: lambda sim, order, body: sim.self_delivery.delivered(order, body),
}
# Calls that name no single order.
BASE_HANDLERS: dict[str, Callable[[KeetaSim, dict[str, Any]], Any]] = {
    codes.DECRYPT_PATH: lambda sim, body: sim.self_delivery.decrypt(body),
}
# The Store and Menu APIs (keeta.md §6a): ``(data, more top-level fields such as errorList)``.
SHOP_HANDLERS = shop_handlers()


def answer(code: int, message: str, data: Any = None) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, "data": data})


def called_url(request: Request) -> str:
    """The URL the client called, as it would have put it into its signature (no query)."""
    url = request.url
    return f"{url.scheme}://{url.netloc}{url.path}"


def check_envelope(sim: KeetaSim, body: dict[str, Any], url: str, needs_token: bool) -> None:
    config = sim.config
    if str(body.get("appId", "")) != str(config.app_id):
        raise ApiError(codes.APP_ID_ERROR, "appId is invalid")
    try:
        timestamp = int(body.get("timestamp"))  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ApiError(codes.PARAM_ERROR, "timestamp is required (unix seconds)") from exc
    sig = body.get("sig")
    expected = sign(url, {k: v for k, v in body.items() if k != "sig"}, config.secret)
    if not isinstance(sig, str) or not hmac.compare_digest(sig.lower(), expected):
        raise ApiError(codes.SIG_ERROR, "sig calculation error")
    if abs(time.time() - timestamp) > TIMESTAMP_WINDOW:
        raise ApiError(codes.TIMESTAMP_EXPIRED, "timestamp expired")
    if needs_token and not sim.tokens.valid(body.get("accessToken"), sim.clock.now()):
        raise ApiError(codes.TOKEN_INVALID, "access token does not exist or has expired")


async def _incident(sim: KeetaSim) -> Response | None:
    fault = sim.incidents.api_fault()
    if fault is ApiFault.SLOW:
        await asyncio.sleep(sim.incidents.slow_seconds())
    elif fault is ApiFault.HTTP_5XX:
        return PlainTextResponse("<html><body>502 Bad Gateway</body></html>", status_code=502)
    elif fault is ApiFault.SERVER_CODE:
        return answer(codes.SERVER_ERROR, "system busy, please retry")
    return None


async def _read_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(codes.PARAM_ERROR, "body must be JSON") from exc
    if not isinstance(body, dict):
        raise ApiError(codes.PARAM_ERROR, "body must be a JSON object")
    return body


def api_endpoint(sim: KeetaSim) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        path = request.path_params["path"].strip("/")
        known = (ORDER_HANDLERS, BASE_HANDLERS, SHOP_HANDLERS)
        if path != OAUTH_PATH and not any(path in handlers for handlers in known):
            return JSONResponse({"code": 404, "message": f"no such API: /api/open/{path}"}, status_code=404)
        fault = await _incident(sim)
        if fault is not None:
            return fault
        try:
            body = await _read_body(request)
            check_envelope(sim, body, called_url(request), needs_token=path != OAUTH_PATH)
            if path == OAUTH_PATH:
                return JSONResponse(sim.tokens.refresh(body, sim.clock.now()))
            if body.get("shopId") in (None, ""):
                raise ApiError(codes.PARAM_ERROR, "shopId is required")
            if path in BASE_HANDLERS:
                return answer(codes.SUCCESS, "success", BASE_HANDLERS[path](sim, body))
            if path in SHOP_HANDLERS:
                if str(body.get("shopId")) != str(sim.config.shop_id):
                    shop = body.get("shopId")
                    raise ApiError(codes.PARAM_ERROR, f"shopId {shop} is not an authorised store")
                data, extra = SHOP_HANDLERS[path](sim, body)
                return JSONResponse({"code": codes.SUCCESS, "message": "success", "data": data, **extra})
            order = sim.order(body.get("orderViewId"), body.get("shopId"))
            data = ORDER_HANDLERS[path](sim, order, body)
        except ApiError as error:
            return answer(error.code, error.message)
        return answer(codes.SUCCESS, "success", data)

    return endpoint
