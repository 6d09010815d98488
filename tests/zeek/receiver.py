"""A callback endpoint for the integration tests, on a real 127.0.0.1 socket, written like the relay's.

It verifies with posapp.zeek.callbacks and stores with posapp.store.deliveries, answering Zeek's ack
only once the callback is stored, and a refusal (HTTP 401, stand-in error code) otherwise.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from posapp.serving import LoopServer
from posapp.store import deliveries
from posapp.store.deliveries import CallbackRecord
from posapp.zeek.callbacks import receive_callback


@dataclass
class CallbackReceiver:
    appid: int
    secret: str
    refused: list[dict[str, object]] = field(default_factory=list)
    stored: list[CallbackRecord] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: Request) -> JSONResponse:
        outcome = receive_callback(
            await request.body(), appid=self.appid, secret=self.secret, now=time.time()
        )
        if not outcome.accepted or outcome.update is None or outcome.data is None:
            self.refused.append(outcome.reply)
            return JSONResponse(outcome.reply, status_code=401)
        record = deliveries.record_callback(outcome.data, outcome.dedup_key, outcome.update, int(time.time()))
        self.stored.append(record)
        self.arrived.set()
        return JSONResponse(outcome.reply)

    async def start(self) -> str:
        app = Starlette(routes=[Route("/zeek/callback/{store}", self.handle, methods=["POST"])])
        self._server = LoopServer(app)
        base = await self._server.start()
        return f"{base}/zeek/callback/1"

    async def stop(self) -> None:
        await self._server.stop()
