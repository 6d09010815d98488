"""An ASGI app on a real socket inside the running event loop: the simulator, the relay in the demo
and in tests, and the tests' small webhook receivers all start and stop the same way."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import uvicorn


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class LoopServer:
    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0, **options: Any) -> None:
        self.host = host
        self.port = port or free_port(host)
        options.setdefault("log_level", "warning")
        self._server = uvicorn.Server(uvicorn.Config(app, host=host, port=self.port, **options))
        self._task: asyncio.Task[None] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def started(self) -> bool:
        return bool(self._server.started)

    async def start(self) -> str:
        self._task = asyncio.get_running_loop().create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()  # raises the reason it could not start (port in use …)
                raise RuntimeError(f"server on {self.base_url} stopped while starting")
            await asyncio.sleep(0.01)  # uvicorn offers no start-up signal to await
        return self.base_url

    async def wait(self) -> None:
        """Until the server stops (Ctrl-C for the command-line tools)."""
        if self._task is not None:
            await self._task

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            await self._task
            self._task = None


def abort_connection(send: Any) -> bool:
    """Close the client's connection at once, without an answer (uvicorn's protocols only).

    ASGI has no way to say "drop this connection"; the simulator needs one to play a platform that
    carried a call out and lost the answer. Uvicorn's ``send`` is a bound method of the request cycle,
    which holds the socket's transport. False when ``send`` is not uvicorn's (nothing was closed).
    """
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None or not hasattr(transport, "abort"):
        return False
    transport.abort()
    return True
