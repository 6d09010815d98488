"""Keeta test fixtures: a webhook receiver on 127.0.0.1 that the simulator pushes to, and a client of
the simulator's open API."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from posapp.keeta.client import KeetaClient
from posapp.keeta.config import KeetaConfig, RetryPolicy
from posapp.serving import LoopServer, free_port
from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer

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


def client_config(sim: SimServer, max_attempts: int = 4) -> KeetaConfig:
    """The simulator's credentials, with quick retries."""
    c = sim.ctx.config
    return KeetaConfig(
        app_id=c.app_id, secret=c.secret, access_token=c.token, shop_id=c.shop_id,
        base_url=f"{sim.base_url}/keeta/api/open", timeout=5.0,
        retry=RetryPolicy(first_delay=0.01, max_delay=0.05, max_attempts=max_attempts),
    )  # fmt: skip


@pytest.fixture
def config(sim: SimServer) -> KeetaConfig:
    return client_config(sim)


@pytest.fixture
async def keeta(config: KeetaConfig) -> AsyncIterator[KeetaClient]:
    async with KeetaClient(config) as client:
        yield client
