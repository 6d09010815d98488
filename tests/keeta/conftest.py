"""Keeta test fixtures: a webhook receiver on 127.0.0.1 that the simulator pushes to."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from posapp.serving import LoopServer, free_port
from posapp.sim.config import SimConfig

WAIT_SECONDS = 10.0


class WebhookReceiver:
    """Collects raw push bodies and answers Keeta's success reply; tests wait on a condition."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/keeta/webhook"
        self.bodies: list[bytes] = []
        self._changed = asyncio.Condition()
        app = Starlette(routes=[Route("/keeta/webhook", self._receive, methods=["POST"])])
        self._server = LoopServer(app, port=self.port)

    async def _receive(self, request: Request) -> JSONResponse:
        body = await request.body()
        async with self._changed:
            self.bodies.append(body)
            self._changed.notify_all()
        return JSONResponse({"code": 0, "message": "Success"})

    async def wait_for(self, done: Callable[[list[bytes]], bool]) -> list[bytes]:
        async with asyncio.timeout(WAIT_SECONDS), self._changed:
            await self._changed.wait_for(lambda: done(self.bodies))
            return list(self.bodies)

    async def start(self) -> None:
        await self._server.start()

    async def stop(self) -> None:
        await self._server.stop()


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    server = WebhookReceiver()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def sim_config(receiver: WebhookReceiver) -> SimConfig:
    """The default simulator, pushing its webhooks to the test's receiver."""
    return dataclasses.replace(SimConfig(port=0), webhook_url=receiver.url)
