"""A callback endpoint for the integration tests, on a real 127.0.0.1 socket, written like the relay's.

It verifies with the relay's own check (posapp.relay.checks.verify_zeek) and stores with
posapp.store.deliveries, answering Zeek's ack only once the callback is stored, and the relay's refusal
(HTTP 4xx, ``{"error": status, "err_msg": reason}``) otherwise.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from posapp.relay.checks import verify_zeek
from posapp.relay.config import RelayConfig
from posapp.relay.ingest import ZEEK_OK, zeek_refusal
from posapp.relay.refusal import Refused
from posapp.serving import LoopServer
from posapp.store import deliveries
from posapp.store.deliveries import CallbackRecord
from posapp.zeek.wire import parse_callback


@dataclass
class CallbackReceiver:
    appid: int
    secret: str
    refused: list[dict[str, object]] = field(default_factory=list)
    stored: list[CallbackRecord] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: Request) -> JSONResponse:
        config = RelayConfig("http://127.0.0.1", 1, "unused", zeek_appid=self.appid, zeek_secret=self.secret)
        try:
            push = verify_zeek(request.path_params["store"], await request.body(), config)
        except Refused as refused:
            reply = zeek_refusal(refused.status, refused.reason)
            self.refused.append(reply)
            return JSONResponse(reply, status_code=refused.status)
        assert push.zeek_data is not None
        update = parse_callback(push.zeek_data)
        record = deliveries.record_callback(push.zeek_data, push.dedup_key, update, int(time.time()))
        self.stored.append(record)
        self.arrived.set()
        return JSONResponse(ZEEK_OK)

    async def start(self) -> str:
        app = Starlette(routes=[Route("/zeek/callback/{store}", self.handle, methods=["POST"])])
        self._server = LoopServer(app)
        base = await self._server.start()
        return f"{base}/zeek/callback/1"

    async def stop(self) -> None:
        await self._server.stop()
