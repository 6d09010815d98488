"""Request bodies read with a bound: no POST path holds more than 1 MiB, nor all of them together more
than a fixed budget.

A body over the limit is refused with 413 as soon as its ``Content-Length`` says so, or as soon as the
bytes read pass the limit — never after reading it whole (one unsigned 100 MB body once took the relay
to 2.7 GB). uvicorn stops reading a socket while the app is not asking for more body, so a request
whose body is not being read holds only uvicorn's small buffer. The in-flight budget caps what
parallel big bodies can hold between them; past it a body is refused with 503 (Keeta and Zeek retry).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from posapp.relay.refusal import Refused, log_refusal

MAX_BODY_BYTES = 1 << 20  # a Keeta order push is a few KB; the largest seen is far below this
IN_FLIGHT_BUDGET_BYTES = 32 << 20
# Sent with every 413/503 so uvicorn closes the connection instead of draining a huge body into nothing.
CLOSE = {"Connection": "close"}


class BodyBudget:
    """Bytes held by partly read bodies across every request of this process."""

    def __init__(self, total: int = IN_FLIGHT_BUDGET_BYTES) -> None:
        self.total = total
        self.used = 0

    def take(self, size: int) -> bool:
        if self.used + size > self.total:
            return False
        self.used += size
        return True

    def give(self, size: int) -> None:
        self.used = max(0, self.used - size)


BUDGET = BodyBudget()


def declared_length(headers: Iterable[tuple[bytes, bytes]]) -> int | None:
    """The ``Content-Length`` a client declared; a malformed one is 400."""
    for name, value in headers:
        if name.lower() == b"content-length":
            text = value.strip()
            if not (text.isdigit() and len(text) <= 19):
                raise Refused(400, "Content-Length is not a number", CLOSE)
            return int(text)
    return None


def too_large(limit: int) -> Refused:
    return Refused(413, f"body larger than {limit} bytes", CLOSE)


async def read_body(
    receive: Receive,
    headers: Iterable[tuple[bytes, bytes]],
    limit: int = MAX_BODY_BYTES,
    budget: BodyBudget = BUDGET,
) -> bytes | None:
    """The whole body, at most ``limit`` bytes; None when the client went away first."""
    declared = declared_length(headers)
    if declared is not None and declared > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    held = 0
    try:
        while True:
            message: Message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            if held + len(chunk) > limit:
                raise too_large(limit)
            if chunk:
                if not budget.take(len(chunk)):
                    raise Refused(503, "too many large requests at once; retry shortly", CLOSE)
                held += len(chunk)
                chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)
    finally:
        budget.give(held)


async def request_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """:func:`read_body` for a Starlette route; a client gone mid-body is refused (nobody hears it)."""
    try:
        body = await read_body(request.receive, request.headers.raw, limit)
    except ClientDisconnect:
        body = None
    if body is None:
        raise Refused(400, "client went away before its body was complete")
    return body


def refusal_shape(path: str, status: int, reason: str) -> dict[str, object]:
    """The answer keys each caller reads: Keeta's, Zeek's, the gateway's, the app stream's."""
    if path.startswith("/keeta/"):
        return {"code": status, "message": reason}
    if path.startswith("/zeek/"):
        return {"error": status, "err_msg": reason}
    if path.startswith(("/v1/keeta/", "/v1/zeek/")):
        return {"gateway_error": reason}
    return {"error": reason}


class BodyLimit:
    """Outermost ASGI guard: a declared body over the limit is refused on every path before routing,
    authentication or any read; bodies without a length are counted by :func:`read_body`."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            try:
                declared = declared_length(scope["headers"])
                if declared is not None and declared > self.limit:
                    raise too_large(self.limit)
            except Refused as refused:
                await _answer(scope, send, refused)
                return
        await self.app(scope, receive, send)


async def _answer(scope: Scope, send: Send, refused: Refused) -> None:
    path = str(scope.get("path", ""))
    log_refusal(f"{scope.get('method', '')} {path}", refused.status, refused.reason)
    payload = json.dumps(refusal_shape(path, refused.status, refused.reason)).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode("ascii")),
        *[(k.lower().encode("ascii"), v.encode("ascii")) for k, v in (refused.headers or {}).items()],
    ]
    await send({"type": "http.response.start", "status": refused.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
