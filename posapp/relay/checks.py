"""Verifying platform pushes before anything is stored.

Signature and envelope are checked first, and only they decide: a push that verifies is kept and
acknowledged even when its ``message`` cannot be parsed (a new Keeta field shape must not lose an
order — the app shows it as "could not read"). Forged, stale and malformed envelopes are refused.
Signing recipes live in ``posapp.keeta.signing`` and ``posapp.zeek.signing``.
"""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass, field
from typing import Any

from posapp.keeta.signing import verify_webhook
from posapp.relay.config import RelayConfig
from posapp.relay.refusal import Refused, clip, json_object, whole_number
from posapp.zeek.dedup import callback_key
from posapp.zeek.signing import sign as zeek_sign

KEETA_FIELDS = ("sig", "eventId", "appId", "messageId", "shopId", "message", "timestamp")


@dataclass(frozen=True)
class VerifiedPush:
    shop_key: str  # Keeta shopId, or the {store} of a Zeek callback URL
    dedup_key: str
    kind: str
    body: str
    # Why the platform parser could not read this authentic push ("" when it could); kept anyway.
    unreadable: str = ""
    zeek_data: dict[str, Any] | None = field(default=None, compare=False)  # a Zeek callback's ``data``


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(400, "body is not UTF-8") from exc


def _epoch_seconds(value: Any) -> int | None:
    """A push's timestamp as whole epoch seconds; None (so: stale) when it is not a whole number.

    A signed ``"NaN"`` would otherwise compare as inside every window.
    """
    stamp = whole_number(value)
    if stamp is None:
        return None
    return stamp // 1000 if stamp > 10**11 else stamp  # tolerate milliseconds


def _check_skew(value: Any, max_skew: float, now: float) -> None:
    stamp = _epoch_seconds(value)
    if stamp is None or abs(int(now) - stamp) > max_skew:
        raise Refused(401, "timestamp outside the allowed window (stale or replayed push)")


def _signature(value: Any) -> str:
    """A signature is short hex text; anything else cannot match (and must not reach compare_digest)."""
    if not isinstance(value, str) or not value or len(value) > 128 or not value.isascii():
        raise Refused(401, "signature missing or not hex text")
    return value


def _message_id(value: Any) -> str:
    text = str(value) if whole_number(value) is not None else value
    if not isinstance(text, str) or not text or len(text) > 256 or not _encodable(text):
        raise Refused(400, "messageId must be a non-empty id")
    return text


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no database column can hold it
        return False
    return True


def _keeta_unreadable(envelope: dict[str, Any]) -> str:
    """Why the platform parser cannot read this push, or "" when it can.

    An authentic push is kept whatever its content (a new field shape from Keeta must not lose
    orders); the parser runs only so the operator hears, in one line, that one could not be read.
    """
    from posapp.keeta.webhooks import parse_envelope

    try:
        parse_envelope(envelope)
    except Exception as exc:  # any parser failure: the push is authentic, so it is kept
        return clip(f"{type(exc).__name__}: {exc}")
    return ""


def verify_keeta(body: bytes, config: RelayConfig, now: float | None = None) -> VerifiedPush:
    text = _text(body)
    envelope = json_object(text)
    missing = [f for f in KEETA_FIELDS if f not in envelope]
    if missing:
        raise Refused(400, f"missing fields: {', '.join(missing)}")
    if not isinstance(envelope["message"], str):
        raise Refused(400, "message must be a JSON-encoded string")
    if whole_number(envelope["appId"]) is None:
        raise Refused(401, "appId missing or not a number")
    event_id, shop_id = whole_number(envelope["eventId"]), whole_number(envelope["shopId"])
    if event_id is None or shop_id is None:
        raise Refused(400, "eventId and shopId must be whole numbers")
    message_id = _message_id(envelope["messageId"])
    _signature(envelope["sig"])
    verdict = verify_webhook(envelope, config.keeta_webhook_url, config.keeta_secret, config.keeta_app_id)
    if not verdict.ok:
        raise Refused(401, verdict.problem)
    _check_skew(envelope["timestamp"], config.keeta_max_skew, now or time.time())
    return VerifiedPush(
        shop_key=str(shop_id),
        dedup_key=message_id,
        kind=str(event_id),
        body=text,
        unreadable=_keeta_unreadable(envelope),
    )


def zeek_signature(data: dict[str, Any], appid: int, secret: str, timestamp: int) -> str:
    """Zeek's signature (zeek.md §3), from the one module that knows the recipe."""
    return str(zeek_sign(data, appid, secret, timestamp))


def _zeek_kind(data: dict[str, Any]) -> str:
    status = whole_number(data.get("status", data.get("order_status")))
    return "" if status is None else str(status)


def verify_zeek(store_key: str, body: bytes, config: RelayConfig, now: float | None = None) -> VerifiedPush:
    if config.zeek_appid is None or not config.zeek_secret:
        raise Refused(404, "this relay takes no Zeek callbacks (no --zeek-appid/--zeek-secret)")
    text = _text(body)
    envelope = json_object(text)
    auth, data = envelope.get("auth"), envelope.get("data")
    if not isinstance(auth, dict) or not isinstance(data, dict):
        raise Refused(400, "auth and data objects are required")
    appid = whole_number(auth.get("appid"))
    if appid is None or "timestamp" not in auth:
        raise Refused(400, "auth needs appid, timestamp and signature")
    if appid != config.zeek_appid:
        raise Refused(401, f"appid {appid} is not ours")
    signature = _signature(auth.get("signature"))
    stamp = whole_number(auth["timestamp"])
    if stamp is None:
        raise Refused(401, "timestamp outside the allowed window (stale or replayed push)")
    expected = zeek_signature(data, appid, config.zeek_secret, stamp)
    if not hmac.compare_digest(expected, signature.lower()):
        raise Refused(401, "signature does not match")
    _check_skew(stamp, config.zeek_max_skew, now or time.time())
    return VerifiedPush(
        shop_key=store_key, dedup_key=callback_key(data), kind=_zeek_kind(data), body=text, zeek_data=data
    )
