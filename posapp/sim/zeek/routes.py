"""HTTP glue for the Zeek simulator: ``POST /zeek/<path>`` with Zeek's envelope, plus the control routes.

Every Zeek path answers HTTP 200 with ``{"error": 0, "data": ...}`` or the STAND-IN error envelope
``{"error": <code>, "err_msg": "...", "data": null}`` (zeek.md §7); a duplicate create carries the
existing ``order_id`` in ``data``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from posapp.sim.zeek.api import HANDLERS, Handler
from posapp.sim.zeek.auth import verify_envelope
from posapp.sim.zeek.codes import Error
from posapp.sim.zeek.control import control_routes
from posapp.sim.zeek.errors import ZeekApiError
from posapp.sim.zeek.simulator import ZeekSim

if TYPE_CHECKING:
    from posapp.sim.server import SimContext

log = logging.getLogger(__name__)


def _endpoint(sim: ZeekSim, handler: Handler) -> Callable[[Request], Awaitable[JSONResponse]]:
    async def serve(request: Request) -> JSONResponse:
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            return JSONResponse(ZeekApiError(Error.BAD_ENVELOPE, "body is not JSON").envelope())
        config = sim.ctx.config
        try:
            data, meta = verify_envelope(body, config.zeek_appid, config.zeek_secret)
            return JSONResponse(handler(sim, data, meta))
        except ZeekApiError as exc:
            return JSONResponse(exc.envelope())
        except Exception:
            log.exception("zeek simulator failed on %s", request.url.path)
            return JSONResponse(ZeekApiError(Error.INTERNAL, "internal error").envelope())

    return serve


def zeek_routes(ctx: SimContext) -> list[BaseRoute]:
    sim = ZeekSim(ctx)
    ctx.zeek = sim
    routes: list[BaseRoute] = [
        Route(f"/zeek/{path}", _endpoint(sim, handler), methods=["POST"])
        for path, handler in HANDLERS.items()
    ]
    return [*routes, *control_routes(sim)]
