"""Shared pieces for the app tests: the platform stack, gateway set-up, and waiting without sleeping."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from posapp.demo.stack import StackInfo
from posapp.domain.retry import RetryPolicy
from posapp.keeta.signing import sign
from posapp.relay.gateway import GatewayCredentials
from posapp.relay.storage import storage_for_url
from posapp.sim.server import SimServer
from posapp.zeek.config import ZeekConfig


def simulator_only(sim: SimServer) -> StackInfo:
    """The simulator without a relay, as a stack: its settings and secrets reach Keeta directly."""
    return StackInfo(sim.base_url, "", "", sim.ctx.config)


KEETA_ONLY = {"zeek_app_id": 0}  # settings changes for a test of the Keeta side alone


def relay_db_url(platform_dir: Path) -> str:
    """Where ``PlatformStack`` keeps its relay's SQLite file."""
    return f"sqlite:///{platform_dir / 'relay.sqlite3'}"


async def enable_gateway(platform_dir: Path, info: StackInfo, shop_id: int | None = None) -> None:
    """What ``posapp relay set-gateway`` does: the relay now holds this store's platform credentials
    (``shop_id``: another store registered on the same relay; by default the simulator's)."""
    storage = storage_for_url(relay_db_url(platform_dir))
    await storage.open()
    try:
        store = await storage.store_by_shop(shop_id or info.sim_config.shop_id)
        assert store is not None
        credentials = GatewayCredentials(
            keeta_access_token=info.sim_config.token,
            keeta_base_url=info.keeta_base_url,
            zeek_base_url=info.zeek_base_url,
        )
        await storage.set_gateway(store.id, credentials.to_json(), time.time())
    finally:
        await storage.close()


ZEEK_RETRY = RetryPolicy(first_delay=0.0, max_delay=0.0, max_attempts=4)


def zeek_config(info: StackInfo, *, direct: bool) -> ZeekConfig:
    """Direct: the simulator's credentials. Gateway: none at all, the relay fills them in."""
    cfg = info.sim_config
    return ZeekConfig(
        appid=cfg.zeek_appid if direct else 0,
        secret=cfg.zeek_secret if direct else "",
        client_merchant_id=cfg.merchant_id if direct else "",
        base_url=info.zeek_base_url,
        lang="en",
        region="HK",
        retry=ZEEK_RETRY,
    )


async def sim_get(info: StackInfo, path: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{info.sim_url}{path}")
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result


async def advance_sim_clock(info: StackInfo, seconds: float) -> None:
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{info.sim_url}/sim/clock/advance", json={"seconds": seconds})
        answer.raise_for_status()


class Signal:
    """Set by listeners; :meth:`until` re-checks a condition each time it fires (no blind sleeps)."""

    def __init__(self) -> None:
        self.event = asyncio.Event()

    def fire(self, *_: object) -> None:
        self.event.set()

    async def until(self, condition: Callable[[], bool], limit: float = 10.0) -> None:
        async with asyncio.timeout(limit):
            while not condition():
                self.event.clear()
                await self.event.wait()


async def push_as_keeta(info: StackInfo, event_id: int, message: str, message_id: str) -> httpx.Response:
    """A push signed as Keeta signs it, posted to the relay's webhook (whatever ``message`` holds)."""
    cfg = info.sim_config
    url = f"{info.relay_url}/keeta/webhook"
    envelope: dict[str, object] = {
        "eventId": event_id,
        "appId": cfg.app_id,
        "messageId": message_id,
        "shopId": cfg.shop_id,
        "message": message,
        "timestamp": int(time.time()),
    }
    envelope["sig"] = sign(url, envelope, cfg.secret)
    async with httpx.AsyncClient() as http:
        return await http.post(url, content=json.dumps(envelope).encode())
