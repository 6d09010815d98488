"""Signed platform pushes, an SSE reader and a relay subprocess, for the relay tests."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from posapp.keeta.signing import sign
from posapp.relay.checks import zeek_signature
from posapp.relay.config import RelayConfig
from tests.conftest import load_fixture

PUBLIC_URL = "https://relay.test"
KEETA_APP_ID = 10001
KEETA_SECRET = "sim-keeta-secret"
ZEEK_APPID = 20001
ZEEK_SECRET = "sim-zeek-secret"
SHOP_ID = 880001


def relay_config(**overrides: Any) -> RelayConfig:
    values: dict[str, Any] = {
        "public_url": PUBLIC_URL,
        "keeta_app_id": KEETA_APP_ID,
        "keeta_secret": KEETA_SECRET,
        "zeek_appid": ZEEK_APPID,
        "zeek_secret": ZEEK_SECRET,
        # Long enough that only a wake-up, not the safety re-read, can deliver within a test's wait.
        "reread_seconds": 30.0,
    }
    values.update(overrides)
    return RelayConfig(**values)


def _default_message(event_id: int, shop_id: int) -> dict[str, Any]:
    if event_id == 1001:
        return {"orderInfo": load_fixture("keeta/order_info_delivery.json")}
    return {"orderViewId": 553440887574627, "shopId": shop_id, "status": 30, "opTime": 1749008143025}


def keeta_push(
    event_id: int = 1002,
    message: dict[str, Any] | None = None,
    *,
    shop_id: int = SHOP_ID,
    message_id: str | None = None,
    timestamp: int | None = None,
    app_id: int = KEETA_APP_ID,
    secret: str = KEETA_SECRET,
    url: str = PUBLIC_URL + "/keeta/webhook",
) -> bytes:
    """A push signed the way the Keeta simulator signs (contract.md: url + "?" + sorted params + secret)."""
    body = message or _default_message(event_id, shop_id)
    envelope: dict[str, Any] = {
        "eventId": event_id,
        "appId": app_id,
        "messageId": message_id or uuid.uuid4().hex,
        "shopId": shop_id,
        "message": json.dumps(body, separators=(",", ":"), ensure_ascii=False),
        "timestamp": timestamp if timestamp is not None else int(time.time()),
    }
    envelope["sig"] = sign(url, envelope, secret)
    return json.dumps(envelope, ensure_ascii=False).encode("utf-8")


def zeek_callback(data: dict[str, Any], *, timestamp: int | None = None, secret: str = ZEEK_SECRET) -> bytes:
    stamp = timestamp if timestamp is not None else int(time.time())
    auth = {
        "appid": ZEEK_APPID,
        "timestamp": stamp,
        "signature": zeek_signature(data, ZEEK_APPID, secret, stamp),
    }
    return json.dumps({"auth": auth, "data": data}).encode("utf-8")


@dataclass
class SseEvent:
    id: str | None = None
    event: str | None = None
    data_lines: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def data(self) -> Any:
        return json.loads("\n".join(self.data_lines))


class SseStream:
    """Reads one SSE response block by block; every read is bounded by a timeout, never a sleep."""

    def __init__(
        self, client: httpx.AsyncClient, url: str, token: str, headers: dict[str, str] | None = None
    ):
        self._cm = client.stream(
            "GET", url, headers={"Authorization": f"Bearer {token}", **(headers or {})}, timeout=None
        )
        self.comments: list[str] = []

    async def __aenter__(self) -> SseStream:
        self.response = await self._cm.__aenter__()
        self._lines = self.response.aiter_lines()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._cm.__aexit__(None, None, None)

    async def _block(self) -> SseEvent:
        block = SseEvent()
        async for line in self._lines:
            if not line:
                if block.data_lines or block.comments or block.id:
                    return block
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "":
                block.comments.append(value)
                self.comments.append(value)
            elif name == "id":
                block.id = value
            elif name == "event":
                block.event = value
            elif name == "data":
                block.data_lines.append(value)
        raise EOFError("stream closed")

    async def next_event(self, within: float = 10.0) -> SseEvent:
        async def _next() -> SseEvent:
            while True:
                block = await self._block()
                if block.data_lines:
                    return block

        return await asyncio.wait_for(_next(), within)

    async def events(self, count: int, within: float = 10.0) -> list[SseEvent]:
        return [await self.next_event(within) for _ in range(count)]

    async def next_comment(self, within: float = 10.0) -> str:
        async def _next() -> str:
            while True:
                block = await self._block()
                if block.comments and not block.data_lines:
                    return block.comments[-1]

        return await asyncio.wait_for(_next(), within)


class RelayProcess:
    """``python -m posapp.relay`` as a real process, so a test can SIGKILL it."""

    def __init__(self, db_url: str, port: int) -> None:
        self.db_url = db_url
        self.port = port
        self.proc: asyncio.subprocess.Process | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        args = [
            sys.executable,
            "-m",
            "posapp.relay",
            "--port",
            str(self.port),
            "--db",
            self.db_url,
            "--public-url",
            PUBLIC_URL,
            "--keeta-app-id",
            str(KEETA_APP_ID),
            "--zeek-appid",
            str(ZEEK_APPID),
            "--reread",
            "60",
            "--log-level",
            "warning",
        ]
        env = {
            **os.environ,
            "POSAPP_RELAY_KEETA_SECRET": KEETA_SECRET,
            "POSAPP_RELAY_ZEEK_SECRET": ZEEK_SECRET,
        }
        self.proc = await asyncio.create_subprocess_exec(*args, env=env)
        deadline = time.monotonic() + 30
        async with httpx.AsyncClient() as client:
            while time.monotonic() < deadline:
                if self.proc.returncode is not None:
                    raise RuntimeError(f"relay exited with {self.proc.returncode}")
                try:
                    if (await client.get(self.base_url + "/healthz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.05)  # the process offers no readiness signal but its port
        raise RuntimeError("relay did not start")

    async def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGKILL)
            await self.proc.wait()
