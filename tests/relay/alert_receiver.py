"""An alert receiver on a real 127.0.0.1 socket (an ntfy / Slack / Telegram stand-in) for the alarm.

Every request is kept as it arrived; ``delivered`` holds those it answered with 200. ``hold`` makes
the next request wait (``held`` is set when it is waiting) until ``release()``, to play a receiver
that is slow while the relay dies; a held request is then answered ``held_status``.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from posapp.serving import LoopServer


@dataclass
class Alert:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def alert_id(self) -> str:
        return self.headers.get("x-alert-id", "")


@dataclass
class AlertReceiver:
    arrived: list[Alert] = field(default_factory=list)
    delivered: list[Alert] = field(default_factory=list)
    status: int = 200
    hold: bool = False
    held_status: int = 503
    held: asyncio.Event = field(default_factory=asyncio.Event)
    _release: asyncio.Event = field(default_factory=asyncio.Event)
    _new: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def handle(self, request: Request) -> JSONResponse:
        alert = Alert(
            request.url.path, dict(request.query_params), dict(request.headers), await request.body()
        )
        self.arrived.append(alert)
        status = self.status
        if self.hold:
            self.hold = False
            self.held.set()
            await self._release.wait()
            status = self.held_status
        if status == 200:
            async with self._new:
                self.delivered.append(alert)
                self._new.notify_all()
        return JSONResponse({"ok": status == 200}, status_code=status)

    def release(self) -> None:
        self._release.set()

    async def wait_delivered(self, count: int, within: float = 15.0) -> list[Alert]:
        """Until ``count`` alerts have been answered 200 (an event, not a sleep)."""

        async def _wait() -> None:
            async with self._new:
                await self._new.wait_for(lambda: len(self.delivered) >= count)

        await asyncio.wait_for(_wait(), within)
        return self.delivered

    async def start(self) -> str:
        app = Starlette(routes=[Route("/{path:path}", self.handle, methods=["POST"])])
        self._server = LoopServer(app, timeout_graceful_shutdown=1)
        return await self._server.start()

    async def stop(self) -> None:
        self.release()
        await self._server.stop()
