"""Platform → relay: verify, store durably, and only then say success."""

from __future__ import annotations

import logging
import time

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from posapp.relay.checks import PushRejected, VerifiedPush, verify_keeta, verify_zeek
from posapp.relay.request_log import note
from posapp.relay.state import RelayState
from posapp.relay.storage.base import StorageUnavailable, StoredEvent, StoreGone, StoreRecord

log = logging.getLogger(__name__)

KEETA_OK: dict[str, object] = {"code": 0, "message": "Success"}
ZEEK_OK = {"error": 0, "err_msg": ""}
UNAVAILABLE_MESSAGE = "the relay cannot store pushes right now; retry"


def _refused(exc: PushRejected) -> None:
    """A short fixed reason for the metrics and the request log (the message may quote input)."""
    if exc.status == 401:
        reason = "stale" if exc.reason.startswith("timestamp outside") else "unauthenticated"
    elif exc.status == 404:
        reason = "not_configured"
    elif exc.status == 413:
        reason = "too_large"
    else:
        reason = "malformed"
    note(outcome="refused", reason=reason)


def _zeek_error(status: int, reason: str) -> JSONResponse:
    return JSONResponse({"error": status, "err_msg": reason}, status_code=status)


async def _store_event(state: RelayState, store: StoreRecord, source: str, push: VerifiedPush) -> None:
    received_at = time.time()
    result = await state.storage.ingest(store.id, source, push.dedup_key, push.kind, received_at, push.body)
    note(outcome="duplicate" if result.duplicate else "stored")
    if result.duplicate:
        log.info(
            "%s push %s for store %s is a duplicate of seq %s",
            source,
            push.dedup_key,
            store.shop_id,
            result.seq,
        )
        return
    # After the commit: a reader woken now is sure to find the row, here or in the database.
    stored = StoredEvent(result.seq, source, push.kind, push.dedup_key, received_at, push.body)
    state.hub.committed(store.id, stored)
    await state.storage.announce(store.id)


async def handle_keeta(state: RelayState, body: bytes) -> tuple[int, dict[str, object]]:
    """A Keeta push → (HTTP status, JSON answer); shared by the route and the ASGI fast path."""
    if not body.strip():
        note(outcome="heartbeat")
        return 200, KEETA_OK  # Keeta's heartbeat: nothing to verify or store
    try:
        push = verify_keeta(body, state.config)
        shop_id = int(push.shop_key)
    except PushRejected as exc:
        log.warning("keeta push rejected: %s", exc.reason)
        _refused(exc)
        return exc.status, {"code": exc.status, "message": exc.reason}
    except ValueError:
        note(outcome="refused", reason="malformed")
        return 400, {"code": 400, "message": "shopId is not a number"}
    note(store=shop_id)
    try:
        store = await state.storage.store_by_shop(shop_id)
        if store is None:
            log.warning("keeta push for unknown shop %s", shop_id)
            note(outcome="refused", reason="unknown_store")
            return 404, {"code": 404, "message": "unknown store"}
        await _store_event(state, store, "keeta", push)
    except StoreGone:
        note(outcome="refused", reason="unknown_store")
        return 404, {"code": 404, "message": "unknown store"}
    except StorageUnavailable as exc:
        # Never a 200 without a commit: Keeta retries a 503 (three times, a minute apart).
        log.warning("keeta push for shop %s not stored: %s", shop_id, exc)
        note(outcome="unavailable", reason="database")
        return 503, {"code": 503, "message": UNAVAILABLE_MESSAGE}
    return 200, KEETA_OK


async def keeta_webhook(request: Request) -> Response:
    status, answer = await handle_keeta(request.app.state.relay, await request.body())
    return JSONResponse(answer, status_code=status)


async def zeek_callback(request: Request) -> Response:
    state: RelayState = request.app.state.relay
    store_key = str(request.path_params["store"])
    note(store=store_key)
    try:
        push = verify_zeek(store_key, await request.body(), state.config)
    except PushRejected as exc:
        log.warning("zeek callback rejected: %s", exc.reason)
        _refused(exc)
        return _zeek_error(exc.status, exc.reason)
    try:
        store = await state.storage.store_by_zeek_key(store_key)
        if store is None:
            note(outcome="refused", reason="unknown_store")
            return _zeek_error(404, "unknown store")
        await _store_event(state, store, "zeek", push)
    except StoreGone:
        note(outcome="refused", reason="unknown_store")
        return _zeek_error(404, "unknown store")
    except StorageUnavailable as exc:
        log.warning("zeek callback for %s not stored: %s", store_key, exc)
        note(outcome="unavailable", reason="database")
        return _zeek_error(503, UNAVAILABLE_MESSAGE)
    return JSONResponse(ZEEK_OK)
