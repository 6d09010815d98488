"""Reading a store's event stream from the relay: SSE first, long-poll as the fallback.

Both yield :class:`StreamEvent` (cursor, platform, the verified payload as the platform sent it).
They only read; the sync engine decides when a cursor is committed.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
from httpx_sse import aconnect_sse


@dataclass(frozen=True)
class StreamEvent:
    cursor: int
    platform: str  # "keeta" or "zeek"
    body: bytes


class RelayAuthError(Exception):
    """The relay refused the store token (401/403): settings must change, retrying will not help."""


class StreamFormatError(Exception):
    """An event whose envelope from the relay cannot be read at all."""


OnOpen = Callable[[], None]


class EventSource(Protocol):
    def events(self, after: int | None, on_open: OnOpen | None = None) -> AsyncIterator[StreamEvent]: ...


def decode_relay_data(cursor: int, platform: str, data: str) -> StreamEvent:
    """The relay's ``data:`` JSON carries the payload raw (base64) or parsed; both become the body bytes."""
    try:
        envelope: Any = json.loads(data)
    except ValueError as exc:
        raise StreamFormatError(f"event {cursor}: data is not JSON") from exc
    if not isinstance(envelope, dict):
        raise StreamFormatError(f"event {cursor}: data is not an object")
    platform = str(envelope.get("source") or envelope.get("platform") or platform or "keeta")
    for key in ("raw_b64", "body_b64", "raw"):
        if isinstance(envelope.get(key), str):
            try:
                return StreamEvent(cursor, platform, base64.b64decode(envelope[key], validate=True))
            except ValueError as exc:
                raise StreamFormatError(f"event {cursor}: {key} is not base64") from exc
    for key in ("payload", "body"):
        if key in envelope:
            value = envelope[key]
            body = (
                value.encode() if isinstance(value, str) else json.dumps(value, ensure_ascii=False).encode()
            )
            return StreamEvent(cursor, platform, body)
    raise StreamFormatError(f"event {cursor}: no payload")


def _check_auth(response: httpx.Response) -> None:
    if response.status_code in (401, 403):
        raise RelayAuthError(f"the relay refused the store token (HTTP {response.status_code})")
    response.raise_for_status()


class SseSource:
    """``GET /v1/stream`` with ``Last-Event-ID``; a silent connection past ``idle_timeout`` is dropped."""

    def __init__(
        self, http: httpx.AsyncClient, relay_url: str, token: str, idle_timeout: float = 45.0
    ) -> None:
        self._http = http
        self._url = relay_url.rstrip("/") + "/v1/stream"
        self._token = token
        self._timeout = httpx.Timeout(10.0, read=idle_timeout)

    async def events(self, after: int | None, on_open: OnOpen | None = None) -> AsyncIterator[StreamEvent]:
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "text/event-stream"}
        if after is not None:
            headers["Last-Event-ID"] = str(after)
        async with aconnect_sse(self._http, "GET", self._url, headers=headers, timeout=self._timeout) as sse:
            _check_auth(sse.response)
            if on_open is not None:
                on_open()
            async for message in sse.aiter_sse():
                if not message.id or not message.data:
                    continue
                yield decode_relay_data(int(message.id), message.event or "keeta", message.data)


class LongPollSource:
    """``GET /v1/events?after=N&wait=W`` in a loop: for proxies that break streaming responses."""

    def __init__(self, http: httpx.AsyncClient, relay_url: str, token: str, wait: int = 25) -> None:
        self._http = http
        self._url = relay_url.rstrip("/") + "/v1/events"
        self._token = token
        self._wait = wait

    async def events(self, after: int | None, on_open: OnOpen | None = None) -> AsyncIterator[StreamEvent]:
        cursor = after
        opened = False
        headers = {"Authorization": f"Bearer {self._token}"}
        while True:
            # The first poll answers at once, so the link shows as connected without a long wait.
            params: dict[str, int] = {"wait": self._wait if opened else 0}
            if cursor is not None:
                params["after"] = cursor
            response = await self._http.get(
                self._url, params=params, headers=headers, timeout=httpx.Timeout(10.0, read=self._wait + 15)
            )
            _check_auth(response)
            if not opened and on_open is not None:
                opened = True
                on_open()
            if response.status_code == 204:  # the relay's "nothing new within wait"
                continue
            try:
                answer = response.json()
            except ValueError as exc:
                raise StreamFormatError("long-poll answer is not JSON") from exc
            for item in _long_poll_items(answer):
                cursor_text = item["id"] if "id" in item else item["seq"]  # the relay's items carry "seq"
                event = decode_relay_data(int(cursor_text), str(item.get("event") or ""), json.dumps(item))
                cursor = event.cursor
                yield event


def _long_poll_items(answer: Any) -> list[dict[str, Any]]:
    items = answer.get("events", []) if isinstance(answer, dict) else answer
    if not isinstance(items, list):
        raise StreamFormatError("long-poll answer has no event list")
    return [item for item in items if isinstance(item, dict) and ("id" in item or "seq" in item)]
