"""Faults on demand: ``POST /sim/faults`` makes the next N calls to one platform path misbehave.

``{"path": "<Keeta or Zeek API path>", "mode": "drop-answer"|"http-500"|"timeout", "count": N}``
(``GET /sim/faults`` lists what is still armed; ``count`` 0 disarms the path):
- ``http-500``: answers HTTP 500 and does nothing;
- ``timeout``: does nothing and never answers until the caller gives up (closes its connection);
- ``drop-answer``: carries the call out, then closes the connection without answering — the "done,
  but the answer was lost" case a real network produces.

A path is an API path as the platform documents it (``order/refund/part/apply``,
``order/takeaway/create``); the simulator's prefixes (``/keeta/api/open/``, ``/zeek/``) may be given
too. The faults sit in front of the whole simulator (an ASGI layer) so they act on the real routes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from posapp.serving import abort_connection

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]

_PREFIXES = ("keeta/api/open/", "api/open/", "zeek/v1.3/", "zeek/", "v1.3/")
# A held call is answered at last, so a caller that never gives up cannot pin the simulator.
TIMEOUT_HOLD_SECONDS = 120.0
MAX_COUNT = 1000


class FaultMode(Enum):
    DROP_ANSWER = "drop-answer"
    HTTP_500 = "http-500"
    TIMEOUT = "timeout"


@dataclass
class Fault:
    path: str
    mode: FaultMode
    left: int


def api_path(path: str) -> str:
    """The platform path without the simulator's prefix: ``/keeta/api/open/order/get`` → ``order/get``."""
    path = path.strip().strip("/")
    for prefix in _PREFIXES:
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def _is_platform_call(path: str) -> bool:
    return path.startswith(("/keeta/api/open/", "/zeek/"))


class Faults:
    """What is armed, per path, in the order it was asked for."""

    def __init__(self) -> None:
        self._armed: dict[str, list[Fault]] = {}

    def arm(self, path: str, mode: FaultMode, count: int) -> None:
        key = api_path(path)
        if count == 0:
            self._armed.pop(key, None)
            return
        self._armed.setdefault(key, []).append(Fault(key, mode, count))

    def take(self, request_path: str) -> FaultMode | None:
        if not _is_platform_call(request_path):
            return None
        queue = self._armed.get(api_path(request_path))
        if not queue:
            return None
        fault = queue[0]
        fault.left -= 1
        if fault.left <= 0:
            queue.pop(0)
        return fault.mode

    def listing(self) -> list[dict[str, Any]]:
        return [
            {"path": f.path, "mode": f.mode.value, "count": f.left}
            for queue in self._armed.values()
            for f in queue
        ]


class FaultInjector:
    """The ASGI layer in front of the simulator that plays the armed faults."""

    def __init__(self, app: Asgi, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        mode = self.faults.take(scope["path"]) if scope["type"] == "http" else None
        if mode is None:
            await self.app(scope, receive, send)
            return
        log.info("sim fault %s on %s", mode.value, scope["path"])
        if mode is FaultMode.HTTP_500:
            await _answer(send, 500, b"Internal Server Error")
        elif mode is FaultMode.TIMEOUT:
            if not await _until_caller_leaves(receive):
                await _answer(send, 504, b"Gateway Timeout")
        else:
            await self.app(scope, receive, _discard)
            if abort_connection(send):
                await _until_caller_leaves(receive)
            else:  # not served by uvicorn: the closest thing is an answer nobody can read
                await _answer(send, 502, b"")


async def _discard(message: Message) -> None:
    return None


async def _answer(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _until_caller_leaves(receive: Receive) -> bool:
    """Wait (bounded) for the caller to close its connection; True when it did."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(TIMEOUT_HOLD_SECONDS):
            while (await receive())["type"] != "http.disconnect":
                pass
            return True
    return False


def fault_routes(faults: Faults) -> list[BaseRoute]:
    async def arm(request: Request) -> JSONResponse:
        try:
            body = json.loads(await request.body())
            path = body["path"]
            mode = FaultMode(body["mode"])
            count = body.get("count", 1)
        except (ValueError, KeyError, TypeError):
            modes = "|".join(m.value for m in FaultMode)
            return JSONResponse(
                {"error": f'body must be JSON {{"path": "...", "mode": "{modes}", "count": N}}'},
                status_code=400,
            )
        if not isinstance(path, str) or not api_path(path):
            return JSONResponse({"error": "path must name a Keeta or Zeek API path"}, status_code=400)
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COUNT:
            return JSONResponse({"error": f"count must be an integer 0..{MAX_COUNT}"}, status_code=400)
        faults.arm(path, mode, count)
        return JSONResponse({"faults": faults.listing()})

    async def listing(request: Request) -> JSONResponse:
        return JSONResponse({"faults": faults.listing()})

    return [
        Route("/sim/faults", arm, methods=["POST"]),
        Route("/sim/faults", listing, methods=["GET"]),
    ]
