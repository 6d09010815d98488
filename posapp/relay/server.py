"""The relay on a real socket inside the running event loop (tests, the demo)."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import uvicorn

from posapp.relay.app import create_app
from posapp.relay.config import RelayConfig


def uvicorn_options() -> dict[str, Any]:
    """Server settings every relay runs with (the CLI, tests and the benchmark alike).

    uvloop and httptools are picked up when installed ("auto"); per-request access logging is off
    because it cost more CPU than verifying and storing a push (the TLS proxy logs requests anyway).
    A deep accept backlog absorbs a reconnect storm after a deploy.
    """
    return {"loop": "auto", "http": "auto", "access_log": False, "backlog": 4096}


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class RelayServer:
    def __init__(self, config: RelayConfig, db_url: str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.app = create_app(config, db_url)
        self._server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                host=host,
                port=self.port,
                log_level="warning",
                lifespan="on",
                timeout_graceful_shutdown=1,
                **uvicorn_options(),
            )
        )
        self._task: asyncio.Task[None] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> str:
        self._task = asyncio.get_running_loop().create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError("relay failed to start")
            await asyncio.sleep(0.01)  # uvicorn offers no start-up signal to await
        return self.base_url

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            await self._task
            self._task = None
