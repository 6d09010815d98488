"""Keeta pushes served as plain ASGI, ahead of Starlette's routing and request/response objects.

The push endpoint is the relay's hot path (every platform event, thousands a second at peak); the
generic stack cost about a fifth of its CPU time. Same handler, same answers, same statuses as the
``/keeta/webhook`` route, which stays for anything that bypasses this middleware.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from posapp.relay.ingest import handle_keeta
from posapp.relay.state import RelayState

PATH = "/keeta/webhook"
_HEADERS = [(b"content-type", b"application/json")]


async def _body(receive: Receive) -> bytes | None:
    """The whole request body, or None when the client went away first."""
    chunks: list[bytes] = []
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


class KeetaFastPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        body = await _body(receive)
        if body is None:
            return
        state: RelayState = scope["app"].state.relay
        status, answer = await handle_keeta(state, body)
        payload = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = [*_HEADERS, (b"content-length", str(len(payload)).encode("ascii"))]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})
