"""The relay on a real socket inside the running event loop (tests, the demo)."""

from __future__ import annotations

from typing import Any

from posapp.relay.app import create_app
from posapp.relay.config import RelayConfig
from posapp.serving import LoopServer, free_port

__all__ = ["RelayServer", "free_port", "uvicorn_options"]


def uvicorn_options() -> dict[str, Any]:
    """Server settings every relay runs with (the CLI, tests and the benchmark alike).

    uvloop and httptools are picked up when installed ("auto"); per-request access logging is off
    because it cost more CPU than verifying and storing a push (the TLS proxy logs requests anyway).
    A deep accept backlog absorbs a reconnect storm after a deploy.
    """
    return {"loop": "auto", "http": "auto", "access_log": False, "backlog": 4096}


class RelayServer(LoopServer):
    def __init__(self, config: RelayConfig, db_url: str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = create_app(config, db_url)
        super().__init__(
            self.app, host, port, lifespan="on", timeout_graceful_shutdown=1, **uvicorn_options()
        )
