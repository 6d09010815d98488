"""Reading a store's event stream from the relay: SSE first, long-poll as the fallback.

Both yield :class:`StreamEvent` (cursor, platform, the verified push parsed once). They only read;
the sync engine decides when a cursor is committed.

The relay's event is one JSON object (``posapp.relay.stream.event_json``): its own fields and, under
``body``, the verified push embedded as the platform sent it. It is parsed here once, and the push
goes on as parsed JSON: nothing below re-reads or re-serialises it. What is not such an object (not
JSON, no ``body``) cannot be read; it becomes an event that carries why, and the data as received,
so the applier keeps it as "could not read" and the stream moves on past it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
from httpx_sse import aconnect_sse

PLATFORMS = ("keeta", "zeek")


@dataclass(frozen=True)
class StreamEvent:
    cursor: int
    platform: str  # "keeta" or "zeek"
    # The verified push as parsed JSON (a JSON object); when ``unreadable``, the relay's data as received.
    push: Any
    unreadable: str = ""  # why the relay's data could not be read ("" when it could)


class RelayAuthError(Exception):
    """The relay refused the store token (401/403): settings must change, retrying will not help."""


class StreamFormatError(Exception):
    """A long-poll answer that holds no event list: nothing in it can be applied or skipped."""


OnOpen = Callable[[], None]


class EventSource(Protocol):
    def events(self, after: int | None, on_open: OnOpen | None = None) -> AsyncIterator[StreamEvent]: ...


def decode_relay_data(cursor: int, platform: str, data: str) -> StreamEvent:
    """The relay's ``data:`` text (its event object, the push under ``body``) → the event; one parse."""
    try:
        item: Any = json.loads(data)
    except (ValueError, RecursionError):
        return StreamEvent(cursor, platform, data, "the relay's event is not JSON")
    return relay_event(cursor, platform, item, data)


def relay_event(cursor: int, platform: str, item: Any, received: Any) -> StreamEvent:
    """One parsed relay event → the event (``received`` is what is kept if it cannot be read)."""
    if not isinstance(item, dict) or not isinstance(item.get("body"), dict):
        return StreamEvent(cursor, platform, received, "the relay's event holds no push object")
    source = item.get("source")
    return StreamEvent(cursor, source if source in PLATFORMS else platform, item["body"])


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
                if not message.id.isdigit() or not message.data:
                    continue  # no cursor to resume from: not an event of the relay's
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
                cursor = int(item["seq"])
                yield relay_event(cursor, str(item.get("source") or "keeta"), item, item)


def _long_poll_items(answer: Any) -> list[dict[str, Any]]:
    items = answer.get("events", []) if isinstance(answer, dict) else answer
    if not isinstance(items, list):
        raise StreamFormatError("long-poll answer has no event list")
    return [item for item in items if isinstance(item, dict) and isinstance(item.get("seq"), int)]
