"""A signed Zeek caller and a real callback receiver for the Zeek simulator tests."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from posapp.serving import LoopServer, free_port
from posapp.sim.server import SimServer
from posapp.sim.zeek.simulator import ZeekSim
from posapp.zeek.signing import sign

HK = {"lang": "en", "region": "HK"}
# Customers around the default Sheung Wan store.
NEAR = "22.2840000000,114.1540000000"  # ~450 m, Sheung Wan
CENTRAL = "22.2820000000,114.1580000000"  # ~900 m, Central
CAUSEWAY_BAY = "22.2800000000,114.1840000000"  # ~3.5 km
SHA_TIN = "22.3820000000,114.1880000000"  # ~11 km, across the harbour and the hills
SHENZHEN_BAY = "22.5000000000,113.9500000000"  # ~31 km, outside the area


class Receiver:
    """A callback endpoint on 127.0.0.1: answers ``{"error":0}`` unless told to fail the next N."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/zeek/callback"
        self.bodies: list[dict[str, Any]] = []
        self.fail_next = 0
        self._changed = asyncio.Condition()
        app = Starlette(routes=[Route("/zeek/callback", self._handle, methods=["POST"])])
        self._server = LoopServer(app, port=self.port)

    async def _handle(self, request: Request) -> JSONResponse:
        body = json.loads(await request.body())
        async with self._changed:
            self.bodies.append(body)
            self._changed.notify_all()
        if self.fail_next > 0:
            self.fail_next -= 1
            return JSONResponse({"error": 5000, "err_msg": "try later"}, status_code=500)
        return JSONResponse({"error": 0, "err_msg": ""})

    async def start(self) -> None:
        await self._server.start()

    async def stop(self) -> None:
        await self._server.stop()

    def statuses(self, order_id: str | None = None) -> list[int]:
        return [
            b["data"]["order_status"]
            for b in self.bodies
            if order_id is None or b["data"]["order_id"] == order_id
        ]

    async def wait_for(self, condition: Callable[[], bool]) -> None:
        """Until ``condition`` holds after some delivery (5 s at most)."""
        async with asyncio.timeout(5), self._changed:
            await self._changed.wait_for(condition)


class ZeekCaller:
    """Signs like the real client would (the contract's ``posapp.zeek.signing.sign``)."""

    def __init__(self, server: SimServer, http: httpx.AsyncClient) -> None:
        self.server = server
        self.http = http
        self.config = server.ctx.config

    @property
    def zeek(self) -> ZeekSim:
        assert self.server.ctx.zeek is not None
        return self.server.ctx.zeek

    def envelope(
        self,
        data: dict[str, Any],
        meta: dict[str, Any] | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
        appid: int | None = None,
    ) -> dict[str, Any]:
        body = {"meta": dict(HK if meta is None else meta), **data}
        ts = int(time.time()) if timestamp is None else timestamp
        app = self.config.zeek_appid if appid is None else appid
        signature = sign(body, app, self.config.zeek_secret if secret is None else secret, ts)
        return {"auth": {"appid": app, "timestamp": ts, "signature": signature}, "data": body}

    async def raw(self, path: str, body: Any) -> dict[str, Any]:
        response = await self.http.post(f"{self.server.base_url}/zeek/{path}", json=body)
        assert response.status_code == 200
        answer: dict[str, Any] = response.json()
        return answer

    async def call(self, path: str, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return await self.raw(path, self.envelope(data, **kwargs))

    async def ok(self, path: str, data: dict[str, Any]) -> Any:
        answer = await self.call(path, data)
        assert answer["error"] == 0, answer
        return answer["data"]

    async def create(self, **overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = create_data(self.config.merchant_id, **overrides)
        result: dict[str, Any] = await self.ok("order/takeaway/create", data)
        return result

    async def advance(self, seconds: float) -> None:
        response = await self.http.post(
            f"{self.server.base_url}/sim/clock/advance", json={"seconds": seconds}
        )
        assert response.status_code == 200

    async def view(self, order_id: str) -> dict[str, Any]:
        response = await self.http.get(f"{self.server.base_url}/sim/zeek/orders/{order_id}")
        assert response.status_code == 200
        result: dict[str, Any] = response.json()
        return result

    async def advance_until(
        self, order_id: str, status: int, step: float = 30, limit: float = 4 * 3600
    ) -> None:
        """Step the sim clock until the booking reaches ``status`` (fails past ``limit`` seconds)."""
        moved = 0.0
        while (await self.view(order_id))["status"] != status:
            assert moved < limit, f"{order_id} never reached {status}"
            await self.advance(step)
            moved += step

    async def info(self, order_id: str) -> dict[str, Any]:
        data = {"order_id": order_id, "client_merchant_id": self.config.merchant_id}
        result: dict[str, Any] = await self.ok("order/takeaway/info", data)
        return result


_counter = iter(range(1, 10**6))


def create_data(merchant_id: str, **overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    receive = {
        "user_name": "陳大文",
        "user_phone": "91234567",
        "user_address": "Flat A, 12/F, 8 Queen's Road Central, Central, Hong Kong",
        "user_location": CENTRAL,
    }
    receive.update(overrides.pop("receive", None) or {})
    data: dict[str, Any] = {
        "client_merchant_id": merchant_id,
        "client_order_id": f"POS-{n:06d}",
        "merchant_order_id": f"{n % 10000:04d}",
        "order_time": int(time.time()),
        "remark": "Please ring the bell",
        "cod_type": 2,
        "receive": receive,
        "order_detail": {"total_price": 16800},
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
