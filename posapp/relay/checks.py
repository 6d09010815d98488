"""Verifying platform pushes before anything is stored.

Keeta envelopes are parsed by ``posapp.keeta.webhooks.parse_webhook`` and Zeek callbacks signed by
``posapp.zeek.signing.sign`` when those modules exist; both were being written in parallel with the
relay, so each has a minimal fallback here behind one function. Nothing else in the relay knows how
a platform signs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any

from posapp.keeta.signing import verify_webhook
from posapp.relay.config import RelayConfig

KEETA_FIELDS = ("sig", "eventId", "appId", "messageId", "shopId", "message", "timestamp")


class PushRejected(Exception):
    """A push that must get a 4xx and be stored nowhere."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class VerifiedPush:
    shop_key: str  # Keeta shopId, or the {store} of a Zeek callback URL
    dedup_key: str
    kind: str
    body: str


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise PushRejected(400, "body is not JSON") from exc
    if not isinstance(value, dict):
        raise PushRejected(400, "body is not a JSON object")
    return value


def _epoch_seconds(value: Any) -> float:
    try:
        stamp = float(value)
    except (TypeError, ValueError) as exc:
        raise PushRejected(400, "timestamp is not a number") from exc
    return stamp / 1000 if stamp > 1e11 else stamp  # tolerate milliseconds


def _check_skew(stamp: float, max_skew: float, now: float) -> None:
    if abs(now - stamp) > max_skew:
        raise PushRejected(401, "timestamp outside the allowed window (stale or replayed push)")


def _keeta_parse(envelope: dict[str, Any], body: bytes) -> None:
    """Let the platform parser reject a malformed event body, when it is available.

    It is handed the envelope already decoded: parsing the body once per push, not three times,
    is a measurable share of ingest CPU.
    """
    try:
        from posapp.keeta.webhooks import WebhookParseError, parse_envelope  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        try:
            json.loads(envelope["message"])
        except ValueError as exc:
            raise PushRejected(400, "message is not JSON") from exc
        return
    try:
        parse_envelope(envelope, body)
    except WebhookParseError as exc:
        raise PushRejected(400, f"malformed push: {exc}") from exc


def verify_keeta(body: bytes, config: RelayConfig, now: float | None = None) -> VerifiedPush:
    envelope = _json_object(body)
    missing = [f for f in KEETA_FIELDS if f not in envelope]
    if missing:
        raise PushRejected(400, f"missing fields: {', '.join(missing)}")
    if not isinstance(envelope["message"], str):
        raise PushRejected(400, "message must be a JSON-encoded string")
    verdict = verify_webhook(envelope, config.keeta_webhook_url, config.keeta_secret, config.keeta_app_id)
    if not verdict.ok:
        raise PushRejected(401, verdict.problem)
    _check_skew(_epoch_seconds(envelope["timestamp"]), config.keeta_max_skew, now or time.time())
    _keeta_parse(envelope, body)
    return VerifiedPush(
        shop_key=str(envelope["shopId"]),
        dedup_key=str(envelope["messageId"]),
        kind=str(envelope["eventId"]),
        body=body.decode("utf-8"),
    )


def _zeek_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def zeek_signature(data: dict[str, Any], appid: int, secret: str, timestamp: int) -> str:
    """Zeek's signature (zeek.md §3): the platform module's, else the GH-KS recipe it documents."""
    try:
        from posapp.zeek.signing import sign  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        scalars = {
            k: v for k, v in data.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)
        }
        joined = "&".join(f"{k}={_zeek_value(scalars[k])}" for k in sorted(scalars))
        text = f"{joined}&{appid}&{secret}&{timestamp}"
        return hashlib.md5(text.encode("utf-8")).hexdigest()  # Zeek's recipe, not a security choice of ours
    return str(sign(data, appid, secret, timestamp))


def verify_zeek(store_key: str, body: bytes, config: RelayConfig, now: float | None = None) -> VerifiedPush:
    if config.zeek_appid is None or not config.zeek_secret:
        raise PushRejected(404, "this relay takes no Zeek callbacks (no --zeek-appid/--zeek-secret)")
    envelope = _json_object(body)
    auth, data = envelope.get("auth"), envelope.get("data")
    if not isinstance(auth, dict) or not isinstance(data, dict):
        raise PushRejected(400, "auth and data objects are required")
    try:
        appid, stamp = int(auth["appid"]), int(auth["timestamp"])
        signature = str(auth["signature"])
    except (KeyError, TypeError, ValueError) as exc:
        raise PushRejected(400, "auth needs appid, timestamp and signature") from exc
    if appid != config.zeek_appid:
        raise PushRejected(401, f"appid {appid} is not ours")
    expected = zeek_signature(data, appid, config.zeek_secret, stamp)
    if not hmac.compare_digest(expected, signature.lower()):
        raise PushRejected(401, "signature does not match")
    _check_skew(float(stamp), config.zeek_max_skew, now or time.time())
    # Zeek sends no message id: a retry re-signs the same data, so the data itself is the key.
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return VerifiedPush(
        shop_key=store_key,
        dedup_key=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
        kind=str(data.get("status", data.get("order_status", ""))),
        body=body.decode("utf-8"),
    )
