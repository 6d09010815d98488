"""The relay on a real socket inside the running event loop (tests, the demo)."""

from __future__ import annotations

from typing import Any

from posapp.relay.app import create_app
from posapp.relay.config import RelayConfig
from posapp.relay.protocol import guarded_protocol
from posapp.serving import LoopServer, free_port

__all__ = ["RelayServer", "free_port", "uvicorn_options"]


def uvicorn_options() -> dict[str, Any]:
    """Server settings every relay runs with (the CLI, tests and the benchmark alike).

    uvloop is picked up when installed ("auto"); uvicorn's access log is off: the
    relay writes its own JSON line per request (request_log.py), with the store and the outcome.
    A deep accept backlog absorbs a reconnect storm after a deploy. The HTTP protocol is httptools
    with request deadlines, a header size limit and fd-aware eviction (protocol.py).
    """
    return {"loop": "auto", "http": guarded_protocol(), "access_log": False, "backlog": 4096}


class RelayServer(LoopServer):
    def __init__(self, config: RelayConfig, db_url: str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = create_app(config, db_url)
        super().__init__(
            self.app, host, port, lifespan="on", timeout_graceful_shutdown=1, **uvicorn_options()
        )
