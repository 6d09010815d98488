"""Platform → relay: verify, store durably, and only then say success."""

from __future__ import annotations

import logging
import time

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from posapp.relay.callback_owner import check_callback_owner
from posapp.relay.checks import VerifiedPush, verify_keeta, verify_zeek
from posapp.relay.limits import request_body
from posapp.relay.refusal import REFUSABLE, Refused, as_refusal, log_refusal, refusing
from posapp.relay.request_log import note
from posapp.relay.state import RelayState
from posapp.relay.storage.base import StorageUnavailable, StoredEvent, StoreGone, StoreRecord

log = logging.getLogger(__name__)

KEETA_OK: dict[str, object] = {"code": 0, "message": "Success"}
ZEEK_OK = {"error": 0, "err_msg": ""}
UNAVAILABLE_MESSAGE = "the relay cannot store pushes right now; retry"


def keeta_refusal(status: int, reason: str) -> dict[str, object]:
    return {"code": status, "message": reason}


def zeek_refusal(status: int, reason: str) -> dict[str, object]:
    return {"error": status, "err_msg": reason}


async def _store_event(state: RelayState, store: StoreRecord, source: str, push: VerifiedPush) -> None:
    received_at = time.time()
    result = await state.storage.ingest(store.id, source, push.dedup_key, push.kind, received_at, push.body)
    # An authentic push the parser could not read is stored all the same, and counted on its own.
    note(outcome="duplicate" if result.duplicate else "unreadable" if push.unreadable else "stored")
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
        note(store=int(push.shop_key))
        store = await state.storage.store_by_shop(int(push.shop_key))
        if store is None:
            raise Refused(404, f"unknown store (shop {push.shop_key})")
        if push.unreadable:
            log.warning(
                "keeta push %s is authentic but unreadable, kept: %s", push.dedup_key, push.unreadable
            )
        await _store_event(state, store, "keeta", push)
    except StoreGone:
        log_refusal("keeta push", 404, "unknown store (revoked)")
        return 404, keeta_refusal(404, "unknown store")
    except StorageUnavailable as exc:
        # Never a 200 without a commit: Keeta retries a 503 (three times, a minute apart).
        log.warning("keeta push for shop %s not stored: %s", push.shop_key, exc)
        note(outcome="unavailable", reason="database")
        return 503, keeta_refusal(503, UNAVAILABLE_MESSAGE)
    except REFUSABLE as exc:
        refused = as_refusal(exc)
        log_refusal("keeta push", refused.status, refused.reason)
        return refused.status, keeta_refusal(refused.status, refused.reason)
    return 200, KEETA_OK


@refusing(keeta_refusal)
async def keeta_webhook(request: Request) -> Response:
    status, answer = await handle_keeta(request.app.state.relay, await request_body(request))
    return JSONResponse(answer, status_code=status)


@refusing(zeek_refusal)
async def zeek_callback(request: Request) -> Response:
    state: RelayState = request.app.state.relay
    store_key = str(request.path_params["store"])
    note(store=store_key)
    push = verify_zeek(store_key, await request_body(request), state.config)
    try:
        store = await state.storage.store_by_zeek_key(store_key)
        if store is None:
            raise Refused(404, "unknown store")
        check_callback_owner(store, push.zeek_data or {})
        await _store_event(state, store, "zeek", push)
    except StoreGone as exc:
        raise Refused(404, "unknown store (revoked)") from exc
    except StorageUnavailable as exc:
        log.warning("zeek callback for %s not stored: %s", store_key, exc)
        note(outcome="unavailable", reason="database")
        return JSONResponse(zeek_refusal(503, UNAVAILABLE_MESSAGE), status_code=503)
    return JSONResponse(ZEEK_OK)
