"""One HTTP server for the whole simulator: Keeta under /keeta, Zeek under /zeek, control under /sim."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from posapp.serving import LoopServer, free_port
from posapp.sim.clock import SimClock
from posapp.sim.config import SimConfig
from posapp.sim.faults import FaultInjector, Faults, fault_routes

__all__ = ["SimContext", "SimServer", "build_app", "free_port"]

if TYPE_CHECKING:
    from posapp.sim.zeek.simulator import ZeekSim

if TYPE_CHECKING:
    from posapp.sim.keeta.sim import KeetaSim

log = logging.getLogger(__name__)


@dataclass
class SimContext:
    """What every part of the simulator shares: settings, the business clock, an outbound HTTP client."""

    config: SimConfig
    clock: SimClock
    http: httpx.AsyncClient = field(default_factory=lambda: httpx.AsyncClient(timeout=10.0))
    base_url: str = ""
    # The Zeek simulator, set by zeek_routes(); the demo drives it through its Python API.
    zeek: ZeekSim | None = None
    # The simulated Keeta platform, set when its routes are built (its Python API for the demo).
    keeta: KeetaSim | None = None
    # Faults armed through POST /sim/faults (played by the FaultInjector in front of the app).
    faults: Faults = field(default_factory=Faults)


async def _advance_clock(request: Request) -> JSONResponse:
    ctx: SimContext = request.app.state.ctx
    try:
        body = await request.json()
        seconds = float(body.get("seconds", 0))
    except (ValueError, AttributeError):
        return JSONResponse({"error": 'body must be JSON {"seconds": S}'}, status_code=400)
    if seconds < 0:
        return JSONResponse({"error": "seconds must not be negative"}, status_code=400)
    ran = await ctx.clock.advance(seconds)
    return JSONResponse({"now": ctx.clock.now(), "jobsRun": ran})


async def _clock_now(request: Request) -> JSONResponse:
    ctx: SimContext = request.app.state.ctx
    return JSONResponse({"now": ctx.clock.now(), "pending": ctx.clock.pending()})


def build_app(ctx: SimContext) -> Starlette:
    """The simulator's ASGI app. Platform parts add their routes here."""
    from posapp.sim.keeta.routes import keeta_routes
    from posapp.sim.zeek.routes import zeek_routes

    routes: list[BaseRoute] = [
        Route("/sim/clock/advance", _advance_clock, methods=["POST"]),
        Route("/sim/clock", _clock_now, methods=["GET"]),
        *fault_routes(ctx.faults),
        *keeta_routes(ctx),
        *zeek_routes(ctx),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        ctx.clock.start()
        try:
            yield
        finally:
            await ctx.clock.stop()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.ctx = ctx
    return app


class SimServer(LoopServer):
    """The simulator on a real socket inside the running event loop."""

    def __init__(self, config: SimConfig) -> None:
        port = config.port or free_port(config.host)
        self.ctx = SimContext(config=config, clock=SimClock())
        self.ctx.base_url = f"http://{config.host}:{port}"
        self.app = build_app(self.ctx)
        super().__init__(FaultInjector(self.app, self.ctx.faults), config.host, port, lifespan="on")

    async def start(self) -> str:
        await super().start()
        log.info("simulator listening on %s", self.base_url)
        return self.base_url

    async def stop(self) -> None:
        await super().stop()
        await self.ctx.http.aclose()

    async def serve_forever(self) -> None:
        await self.start()
        try:
            await self.wait()
        finally:
            await self.ctx.http.aclose()
