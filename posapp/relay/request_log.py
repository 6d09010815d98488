"""One JSON log line per request, with a request id, the store and the outcome; and push metrics.

The outermost middleware of the relay: it sees every answer, including those given before a handler
ran (a body over the size limit, a timeout). Handlers say what happened through ``note()`` (store,
outcome, reason); the line never holds a body, a token or a signature, only the path, which carries
no secret (the Zeek callback path names a merchant id, as Zeek's own logs do).

A request id given by the proxy (``X-Request-ID``, e.g. nginx ``$request_id``) is kept when it is a
plain token, so the proxy's log and the relay's line can be matched; otherwise one is made. It is
sent back in the answer's ``X-Request-ID``.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from posapp.relay.metrics import RelayMetrics

LOGGER_NAME = "posapp.relay.requests"
log = logging.getLogger(LOGGER_NAME)

_ID_OK = re.compile(r"[A-Za-z0-9._-]{1,64}")
_PUSH_SOURCES = {"/keeta/webhook": "keeta"}
_ZEEK_PREFIX = "/zeek/callback/"


@dataclass
class RequestNote:
    request_id: str
    store: int | str | None = None  # Keeta shop id, or the Zeek callback's store key
    outcome: str = ""  # stored, duplicate, heartbeat, refused, unavailable, streamed, …
    reason: str = ""  # why refused or unavailable: a short fixed word, never the input
    detail: str = ""  # a refusal's reason in words (refusal.py clips it; it holds no body or secret)


_current: ContextVar[RequestNote | None] = ContextVar("posapp_relay_request", default=None)


def configure_request_log() -> None:
    """Request lines go out as bare JSON (one object per line, for a log shipper), apart from the
    relay's other, human-oriented log lines."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.propagate = False


def note(
    *,
    store: int | str | None = None,
    outcome: str | None = None,
    reason: str | None = None,
    detail: str | None = None,
) -> None:
    """Tell the request log about the request being handled (a no-op outside one)."""
    current = _current.get()
    if current is None:
        return
    if detail is not None:
        current.detail = detail
    if store is not None:
        current.store = store
    if outcome is not None:
        current.outcome = outcome
    if reason is not None:
        current.reason = reason


def writes_this_request() -> bool:
    """Whether a line will be written for the request being handled (so nothing else need be)."""
    return _current.get() is not None and log.isEnabledFor(logging.INFO)


def push_source(path: str) -> str | None:
    if path in _PUSH_SOURCES:
        return _PUSH_SOURCES[path]
    return "zeek" if path.startswith(_ZEEK_PREFIX) else None


def _outcome_from_status(status: int) -> tuple[str, str]:
    if status == 503:
        return "unavailable", "database"
    if status == 413:
        return "refused", "too_large"
    if status == 408:
        return "refused", "timeout"
    if 400 <= status < 500:
        return "refused", f"http_{status}"
    if status >= 500:
        return "error", f"http_{status}"
    return "ok", ""


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            if _ID_OK.fullmatch(text):
                return text
            break
    return uuid.uuid4().hex[:16]


class RequestLog:
    def __init__(self, app: ASGIApp, metrics: RelayMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        current = RequestNote(_request_id(scope))
        token = _current.set(current)
        status = 0
        header = (b"x-request-id", current.request_id.encode("ascii"))

        async def send_noting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message = {**message, "headers": [*message.get("headers", ()), header]}
            await send(message)

        try:
            await self.app(scope, receive, send_noting)
        except BaseException:
            status = status or 500
            raise
        finally:
            _current.reset(token)
            self._finish(scope, current, status, time.perf_counter() - start)

    def _finish(self, scope: Scope, current: RequestNote, status: int, seconds: float) -> None:
        if not current.outcome or (status >= 400 and current.outcome not in ("refused", "unavailable")):
            current.outcome, reason = _outcome_from_status(status) if status else ("disconnected", "")
            current.reason = current.reason or reason
        path = scope.get("path", "")
        source = push_source(path)
        if source is not None and scope.get("method") == "POST":
            self.metrics.push_done(source, current.outcome, current.reason, seconds)
        if not log.isEnabledFor(logging.INFO):
            return
        line = {
            "ts": round(time.time(), 3),
            "request_id": current.request_id,
            "method": scope.get("method", ""),
            "path": path,
            "status": status,
            "ms": round(seconds * 1000, 2),
            "store": current.store,
            "outcome": current.outcome,
        }
        if current.reason:
            line["reason"] = current.reason
        if current.detail:
            line["detail"] = current.detail
        log.info(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
