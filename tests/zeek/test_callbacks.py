"""Callback reception on the product path: the relay verifies against wall-clock time and refuses
forged, stale or malformed callbacks; the app reads the stored callback into a booking update."""

from __future__ import annotations

import json
import time

import pytest

from posapp.domain.delivery import DeliveryStatus
from posapp.engine.zeek_events import callback_data
from posapp.relay.checks import verify_zeek
from posapp.relay.config import RelayConfig
from posapp.relay.refusal import Refused
from posapp.zeek.dedup import callback_key
from posapp.zeek.signing import envelope
from posapp.zeek.wire import parse_callback

APPID, SECRET = 20001, "sim-zeek-secret"
DATA = {"order_id": "FD1", "client_order_id": "C1", "timestamp": 1700000000, "order_status": 9011}
CONFIG = RelayConfig("https://relay.test", 1, "keeta-secret", zeek_appid=APPID, zeek_secret=SECRET)


def _raw(data: dict[str, object] = DATA, ts: int | None = None, secret: str = SECRET) -> bytes:
    stamp = int(time.time()) if ts is None else ts
    body = envelope(data, appid=APPID, secret=secret, timestamp=stamp, lang="en", region="HK")
    return json.dumps(body).encode()


def _refusal(raw: bytes, now: float | None = None) -> int:
    with pytest.raises(Refused) as refused:
        verify_zeek("store-1", raw, CONFIG, now=now)
    return refused.value.status


def test_a_good_callback_is_kept_and_parsed() -> None:
    push = verify_zeek("store-1", _raw(), CONFIG)
    assert push.dedup_key == callback_key(json.loads(_raw())["data"])
    update = parse_callback(callback_data(json.loads(push.body)))
    assert update.status is DeliveryStatus.AT_STORE and update.order_id == "FD1"


def test_bad_signature_and_stale_timestamp_are_refused() -> None:
    now = time.time()
    assert _refusal(_raw(secret="forged"), now) == 401
    assert _refusal(_raw(ts=int(now) - 301), now) == 401


def test_garbage_and_incomplete_callbacks_are_refused() -> None:
    assert _refusal(b"<html>") == 400
    assert _refusal(b"[1]") == 400
    with pytest.raises(ValueError, match="order_id"):  # the app keeps it as "could not read"
        callback_data(json.loads(_raw({"order_status": 9011})))


def test_a_retry_has_the_same_dedup_key_despite_new_auth() -> None:
    first = verify_zeek("store-1", _raw(ts=int(time.time()) - 30), CONFIG)
    retry = verify_zeek("store-1", _raw(), CONFIG)
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
