"""A real webhook receiver and a signed Keeta API caller for the simulator tests."""

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

from posapp.keeta.signing import sign
from posapp.serving import LoopServer, free_port
from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer


class Receiver:
    """Records every push attempt on 127.0.0.1; answers failure while ``failures_left`` > 0."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/keeta/webhook"
        self.attempts: list[dict[str, Any]] = []
        self.delivered: list[dict[str, Any]] = []
        self.heartbeats = 0
        self.failures_left = 0
        self._changed = asyncio.Condition()
        app = Starlette(routes=[Route("/keeta/webhook", self._handle, methods=["POST"])])
        self._server = LoopServer(app, port=self.port)

    async def start(self) -> None:
        await self._server.start()

    async def stop(self) -> None:
        await self._server.stop()

    async def _handle(self, request: Request) -> JSONResponse:
        raw = await request.body()
        async with self._changed:
            try:
                if not raw.strip():
                    self.heartbeats += 1
                    return JSONResponse({"code": 0, "message": "Success"})
                envelope = json.loads(raw)
                self.attempts.append(envelope)
                if self.failures_left > 0:
                    self.failures_left -= 1
                    return JSONResponse({"code": 1, "message": "try later"}, status_code=500)
                self.delivered.append(envelope)
                return JSONResponse({"code": 0, "message": "Success"})
            finally:
                self._changed.notify_all()

    async def wait_for(self, condition: Callable[[], bool], within: float = 5.0) -> None:
        async with asyncio.timeout(within), self._changed:
            await self._changed.wait_for(condition)

    def messages(self, event_id: int | None = None, order_view_id: int | None = None) -> list[dict[str, Any]]:
        """Decoded bodies of delivered pushes, in arrival order."""
        found = []
        for envelope in self.delivered:
            body = json.loads(envelope["message"])
            if event_id is not None and envelope["eventId"] != event_id:
                continue
            if order_view_id is not None and _order_id(body) != order_view_id:
                continue
            found.append(body)
        return found

    def events(self, order_view_id: int) -> list[int]:
        return [e["eventId"] for e in self.delivered if _order_id(json.loads(e["message"])) == order_view_id]

    async def wait_event(self, event_id: int, order_view_id: int, count: int = 1) -> list[dict[str, Any]]:
        await self.wait_for(lambda: len(self.messages(event_id, order_view_id)) >= count)
        return self.messages(event_id, order_view_id)


def _order_id(body: dict[str, Any]) -> int | None:
    if "orderInfo" in body:
        return int(body["orderInfo"]["baseOrder"]["orderViewId"])
    value = body.get("orderViewId")
    return int(value) if value is not None else None


class KeetaCaller:
    """Signs Order API calls the way a Keeta client does, with knobs to get each part wrong."""

    def __init__(self, sim: SimServer, http: httpx.AsyncClient) -> None:
        self.sim = sim
        self.http = http
        self.config: SimConfig = sim.ctx.config
        self.token = self.config.token

    def url(self, path: str) -> str:
        return f"{self.sim.base_url}/keeta/api/open/{path}"

    async def call(
        self,
        path: str,
        fields: dict[str, Any],
        *,
        token: str | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
        app_id: int | None = None,
        with_token: bool = True,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "appId": app_id if app_id is not None else self.config.app_id,
            "timestamp": timestamp if timestamp is not None else int(time.time()),
            **fields,
        }
        if with_token:
            body["accessToken"] = token if token is not None else self.token
        body["sig"] = sign(self.url(path), body, secret if secret is not None else self.config.secret)
        response = await self.http.post(self.url(path), json=body)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    async def order(self, path: str, order_view_id: int, **fields: Any) -> dict[str, Any]:
        return await self.call(path, {"orderViewId": order_view_id, "shopId": self.config.shop_id, **fields})

    async def create(self, mode: str = "delivery") -> int:
        response = await self.http.post(f"{self.sim.base_url}/sim/keeta/orders", json={"mode": mode})
        assert response.status_code == 200, response.text
        return int(response.json()["orderViewId"])

    async def advance(self, seconds: float) -> None:
        response = await self.http.post(f"{self.sim.base_url}/sim/clock/advance", json={"seconds": seconds})
        assert response.status_code == 200, response.text

    async def view(self, order_view_id: int) -> dict[str, Any]:
        response = await self.http.get(f"{self.sim.base_url}/sim/keeta/orders/{order_view_id}")
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    async def refund_request(self, order_view_id: int, partial: bool) -> int:
        response = await self.http.post(
            f"{self.sim.base_url}/sim/keeta/orders/{order_view_id}/refund-request", json={"partial": partial}
        )
        assert response.status_code == 200, response.text
        return int(response.json()["afterSaleOrderId"])
