"""Relay → app: the SSE stream, the long-poll fallback and acks, all on one read path by cursor.

Each reader subscribes to wake-ups *before* reading, re-reads on every wake-up and at least every
``reread_seconds``; so a lost wake-up costs latency, never an event.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator

from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from posapp.relay.limits import request_body
from posapp.relay.refusal import Refused, json_object, query_number, query_seconds, refusing, whole_number
from posapp.relay.request_log import note
from posapp.relay.state import RelayState
from posapp.relay.storage.base import StorageUnavailable, StoredEvent, StoreRecord
from posapp.relay.tokens import bearer_token, token_hash

RETRY_MS = 2000  # tells a browser-style SSE client how soon to reconnect
OUTAGE_RETRY_SECONDS = 0.5  # a stream whose database read failed tries again (or sooner, when woken)


def event_json(event: StoredEvent, store: StoreRecord) -> str:
    """The JSON an app receives; ``body`` is the verified push, embedded as it was received."""
    head = json.dumps(
        {
            "seq": event.seq,
            "source": event.source,
            "kind": event.kind,
            "shop_id": store.shop_id,
            "dedup_key": event.dedup_key,
            "received_at": event.received_at,
        },
        separators=(",", ":"),
    )
    # The body was parsed as a JSON object before it was stored, so splicing it in keeps valid JSON
    # and saves a parse and a dump per event per reader.
    return f'{head[:-1]},"body":{event.body}}}'


async def _authenticate(request: Request) -> StoreRecord | None:
    state: RelayState = request.app.state.relay
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        return None
    store = await state.storage.store_by_token_hash(token_hash(token))
    if store is not None:
        note(store=store.shop_id)
    return store


def _unauthorized() -> JSONResponse:
    return JSONResponse(
        {"error": "missing or wrong store token"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
    )


def _stream_refusal(status: int, reason: str) -> dict[str, object]:
    return {"error": reason}


def _cursor(request: Request) -> int | None:
    """``max(Last-Event-ID, ?after)``; None when neither is given. ``after`` out of range is 400;
    a Last-Event-ID that is not a cursor is ignored (a browser replays whatever it last saw)."""
    found = []
    after = query_number(request, "after")
    if after is not None:
        found.append(after)
    last_id = whole_number((request.headers.get("last-event-id") or "").strip())
    if last_id is not None:
        found.append(last_id)
    return max(found) if found else None


async def _wait(wake: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(wake.wait(), timeout=max(seconds, 0.0))


async def _read(state: RelayState, store_id: int, cursor: int, limit: int) -> list[StoredEvent]:
    """What follows ``cursor``: just committed here and handed over, or else from the database."""
    recent = state.hub.recent_after(store_id, cursor, limit)
    if recent is not None:
        return recent
    return await state.storage.read_after(store_id, cursor, limit)


def _observe_delivery(state: RelayState, batch: list[StoredEvent], since: float) -> None:
    """Webhook→stream latency of the events that arrived while this reader was connected (a replay
    of older ones after a reconnect is catching up, not latency)."""
    now = time.time()
    for event in batch:
        if event.received_at >= since:
            state.metrics.delivery_seconds.observe(now - event.received_at)


async def _sse_events(state: RelayState, store: StoreRecord, cursor: int) -> AsyncIterator[ServerSentEvent]:
    config = state.config
    wake = state.hub.subscribe(store.id)
    connected_at = time.time()
    streams = state.metrics.open_streams.labels("sse")
    streams.inc()
    try:
        yield ServerSentEvent(comment="posapp relay", retry=RETRY_MS)
        while True:
            wake.clear()
            try:
                batch = await _read(state, store.id, cursor, config.batch_size)
            except StorageUnavailable:
                # The stream stays open through a database outage and resumes from its cursor.
                await _wait(wake, OUTAGE_RETRY_SECONDS)
                continue
            for event in batch:
                yield ServerSentEvent(data=event_json(event, store), event=event.source, id=str(event.seq))
            if batch:
                cursor = batch[-1].seq
                _observe_delivery(state, batch, connected_at)
            if len(batch) < config.batch_size:
                await _wait(wake, config.reread_seconds)
    finally:
        streams.dec()
        state.hub.unsubscribe(store.id, wake)


@refusing(_stream_refusal)
async def stream(request: Request) -> Response:
    store = await _authenticate(request)
    if store is None:
        return _unauthorized()
    state: RelayState = request.app.state.relay
    # No cursor: start at the oldest event still retained (seq 0 precedes every event).
    cursor = _cursor(request) or 0
    note(outcome="streamed")
    return EventSourceResponse(
        _sse_events(state, store, cursor),
        ping=state.config.heartbeat_seconds,
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _read_waiting(state: RelayState, store: StoreRecord, cursor: int, wait: float) -> list[StoredEvent]:
    deadline = time.monotonic() + wait
    wake = state.hub.subscribe(store.id)
    connected_at = time.time()
    waiting = state.metrics.open_streams.labels("longpoll")
    waiting.inc()
    try:
        while True:
            wake.clear()
            batch = await _read(state, store.id, cursor, state.config.batch_size)
            remaining = deadline - time.monotonic()
            if batch:
                _observe_delivery(state, batch, connected_at)
            if batch or remaining <= 0:
                return batch
            await _wait(wake, min(remaining, state.config.reread_seconds))
    finally:
        waiting.dec()
        state.hub.unsubscribe(store.id, wake)


@refusing(_stream_refusal)
async def events(request: Request) -> Response:
    """``GET /v1/events?after=N&wait=25``: a JSON batch as soon as there is one, or 204 after ``wait``."""
    store = await _authenticate(request)
    if store is None:
        return _unauthorized()
    state: RelayState = request.app.state.relay
    wait = query_seconds(request, "wait", state.config.max_wait_seconds) or 0.0
    batch = await _read_waiting(state, store, _cursor(request) or 0, wait)
    note(outcome="delivered" if batch else "empty")
    if not batch:
        return Response(status_code=204)
    text = '{"events":[' + ",".join(event_json(e, store) for e in batch) + f'],"cursor":{batch[-1].seq}}}'
    return Response(text, media_type="application/json")


@refusing(_stream_refusal)
async def ack(request: Request) -> Response:
    store = await _authenticate(request)
    if store is None:
        return _unauthorized()
    state: RelayState = request.app.state.relay
    body = json_object(await request_body(request))
    if "cursor" not in body:
        raise Refused(400, 'body must be {"cursor": N}')
    cursor = body["cursor"]
    if not isinstance(cursor, int) or whole_number(cursor) is None:
        raise Refused(400, "cursor must be a whole number from 0 to 2^63-1")
    acked = await state.storage.ack(store.id, cursor)
    note(outcome="acked")
    return JSONResponse({"acked": acked})
