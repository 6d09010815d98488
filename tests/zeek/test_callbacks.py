"""Callback reception: verified against wall-clock time, refused with a stand-in code otherwise."""

from __future__ import annotations

import json
import time

from posapp.domain.delivery import DeliveryStatus
from posapp.zeek import codes
from posapp.zeek.callbacks import receive_callback
from posapp.zeek.dedup import callback_key
from posapp.zeek.signing import envelope

APPID, SECRET = 20001, "sim-zeek-secret"
DATA = {"order_id": "FD1", "client_order_id": "C1", "timestamp": 1700000000, "order_status": 9011}


def _raw(data: dict[str, object] = DATA, ts: int | None = None, secret: str = SECRET) -> bytes:
    stamp = int(time.time()) if ts is None else ts
    body = envelope(data, appid=APPID, secret=secret, timestamp=stamp, lang="en", region="HK")
    return json.dumps(body).encode()


def test_a_good_callback_is_acknowledged_and_parsed() -> None:
    outcome = receive_callback(_raw(), appid=APPID, secret=SECRET, now=time.time())
    assert outcome.accepted and outcome.reply == {"error": 0, "err_msg": ""}
    assert outcome.update is not None and outcome.update.status is DeliveryStatus.AT_STORE
    assert outcome.dedup_key == callback_key(json.loads(_raw())["data"])


def test_bad_signature_and_stale_timestamp_are_refused() -> None:
    now = time.time()
    bad = receive_callback(_raw(secret="forged"), appid=APPID, secret=SECRET, now=now)
    stale = receive_callback(_raw(ts=int(now) - 301), appid=APPID, secret=SECRET, now=now)
    assert (bad.accepted, bad.reply["error"]) == (False, codes.AUTH_BAD_SIGNATURE)
    assert (stale.accepted, stale.reply["error"]) == (False, codes.AUTH_STALE_TIMESTAMP)
    assert bad.update is None and stale.update is None


def test_garbage_and_incomplete_callbacks_are_refused() -> None:
    assert (
        receive_callback(b"<html>", appid=APPID, secret=SECRET, now=0).reply["error"] == codes.AUTH_MALFORMED
    )
    assert receive_callback(b"[1]", appid=APPID, secret=SECRET, now=0).reply["error"] == codes.AUTH_MALFORMED
    empty = receive_callback(_raw({"order_id": "FD1"}), appid=APPID, secret=SECRET, now=time.time())
    assert empty.reply["error"] == codes.PARAM_INVALID


def test_a_retry_has_the_same_dedup_key_despite_new_auth() -> None:
    first = receive_callback(_raw(ts=int(time.time()) - 30), appid=APPID, secret=SECRET, now=time.time())
    retry = receive_callback(_raw(), appid=APPID, secret=SECRET, now=time.time())
    assert first.dedup_key == retry.dedup_key
    assert callback_key({**DATA, "order_status": 9015}) != first.dedup_key


def test_the_dedupe_key_covers_the_whole_data() -> None:
    """A callback re-posted with a nested field changed (the stand-in signature skips nested fields)
    is not the same event; key order and a cut emoji do not break the key."""
    partner = {**DATA, "partner": {"partner_name": "A", "partner_phone": "1"}}
    assert callback_key(partner) != callback_key(
        {**partner, "partner": {"partner_name": "B", "partner_phone": "1"}}
    )
    assert callback_key(dict(reversed(list(partner.items())))) == callback_key(partner)
    assert callback_key({**DATA, "status_desc": "\ud83c"}) != callback_key(DATA)
