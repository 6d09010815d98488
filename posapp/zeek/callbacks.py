"""Receiving Zeek's order-status callbacks (API-3.9.1): verify, parse, and say what to answer.

The relay's ``POST /zeek/callback/{store}`` and the app both use this, so the check is written once.
Zeek retries (15/15/30/180/1800/… s) until it reads ``{"error":0,"err_msg":""}``; a retry carries a new
``auth`` but the same ``data``, so the dedupe key (:func:`posapp.zeek.dedup.callback_key`, the one the
relay uses too) is computed from ``data`` alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from posapp.domain.delivery import BookingUpdate
from posapp.zeek import codes, wire
from posapp.zeek.dedup import callback_key
from posapp.zeek.signing import Signer, verify


@dataclass(frozen=True)
class CallbackOutcome:
    accepted: bool
    reply: dict[str, Any]
    update: BookingUpdate | None = None
    data: Mapping[str, Any] | None = None
    problem: str = ""

    @property
    def dedup_key(self) -> str:
        return callback_key(self.data) if self.data is not None else ""


def _refuse(code: int, problem: str) -> CallbackOutcome:
    return CallbackOutcome(False, {"error": code, "err_msg": problem}, problem=problem)


def receive_callback(
    raw: bytes | str,
    *,
    appid: int,
    secret: str,
    now: float,
    signer: Signer | None = None,
) -> CallbackOutcome:
    """Verify a callback body against wall-clock ``now`` (±300 s) and parse it into an update."""
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return _refuse(codes.AUTH_MALFORMED, "body is not JSON")
    if not isinstance(body, dict):
        return _refuse(codes.AUTH_MALFORMED, "body is not a JSON object")
    verdict = verify(body, appid=appid, secret=secret, now=now, signer=signer)
    if not verdict.ok:
        return _refuse(verdict.code, verdict.problem)
    data = body["data"]
    if not wire.as_str(data.get("order_id")) or wire.as_int(data.get("order_status")) == 0:
        return _refuse(codes.PARAM_INVALID, "order_id and order_status are required")
    return CallbackOutcome(True, dict(codes.CALLBACK_ACK), update=wire.parse_callback(data), data=data)
