"""One HTTP server for the whole simulator: Keeta under /keeta, Zeek under /zeek, control under /sim."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from posapp.sim.clock import SimClock
from posapp.sim.config import SimConfig

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


async def _advance_clock(request: Request) -> JSONResponse:
    ctx: SimContext = request.app.state.ctx
    try:
        body = await request.json()
        seconds = float(body.get("seconds", 0))
    except (ValueError, AttributeError):
        return JSONResponse({"error": "body must be JSON {\"seconds\": S}"}, status_code=400)
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


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class SimServer:
    """The simulator on a real socket, on the running event loop (``start``) or its own thread."""

    def __init__(self, config: SimConfig) -> None:
        port = config.port or free_port(config.host)
        self.ctx = SimContext(config=config, clock=SimClock())
        self.ctx.base_url = f"http://{config.host}:{port}"
        self.app = build_app(self.ctx)
        self._server = uvicorn.Server(
            uvicorn.Config(self.app, host=config.host, port=port, log_level="warning", lifespan="on")
        )
        self._task: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return self.ctx.base_url

    async def start(self) -> str:
        self._task = asyncio.get_running_loop().create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError("simulator failed to start")
            await asyncio.sleep(0.01)
        log.info("simulator listening on %s", self.base_url)
        return self.base_url

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            await self._task
        await self.ctx.http.aclose()

    def start_in_thread(self) -> str:
        """Run on a private loop in a daemon thread, so a GUI thread never serves HTTP."""
        ready = threading.Event()

        def run() -> None:
            async def main() -> None:
                await self.start()
                ready.set()
                if self._task is not None:
                    await self._task
                await self.ctx.http.aclose()

            asyncio.run(main())

        self._thread = threading.Thread(target=run, name="posapp-sim", daemon=True)
        self._thread.start()
        if not ready.wait(15):
            raise RuntimeError("simulator did not start within 15 s")
        return self.base_url

    def stop_thread(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)

    async def serve_forever(self) -> None:
        await self.start()
        if self._task is not None:
            await self._task
