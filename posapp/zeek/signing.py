"""Zeek request signing and callback verification (zeek.md §3).

Zeek's official algorithm was not found. The default signer is the one a production integration used
(GH-KS, "zeek-md5"): MD5 over the sorted scalar top-level fields of ``data`` followed by
``&appid&secret&timestamp``. It is a STAND-IN until Zeek confirms it, so every caller goes through
:data:`SIGNERS` / :data:`ACTIVE_SIGNER`: the real algorithm replaces it here, in one place.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from posapp.zeek import codes


class Signer(Protocol):
    def __call__(self, data: Mapping[str, Any], appid: int, secret: str, timestamp: int) -> str: ...


def php_text(value: int | float | str) -> str:
    """A scalar as PHP's string conversion writes it (``13.0`` → ``"13"``, ``12.5`` → ``"12.5"``)."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def string_to_sign(data: Mapping[str, Any], appid: int, secret: str, timestamp: int) -> str:
    """Sorted ``key=value`` of the string/number fields of ``data``, then ``&appid&secret&timestamp``.

    Objects, arrays, null and booleans are skipped, as in GH-KS; keys sort by their UTF-8 bytes.
    """
    keys = sorted(data, key=lambda k: k.encode("utf-8", "surrogatepass"))
    kept = [
        f"{key}={php_text(data[key])}"
        for key in keys
        if isinstance(data[key], (int, float, str)) and not isinstance(data[key], bool)
    ]
    return "&".join([*kept, str(appid), secret, str(timestamp)])


def md5_signer(data: Mapping[str, Any], appid: int, secret: str, timestamp: int) -> str:
    return hashlib.md5(
        string_to_sign(data, appid, secret, timestamp).encode("utf-8", "surrogatepass")
    ).hexdigest()


def hmac_sha256_signer(data: Mapping[str, Any], appid: int, secret: str, timestamp: int) -> str:
    """The simulator's optional strict mode: HMAC over canonical JSON of all of ``data``."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    message = f"{canonical}&{appid}&{timestamp}".encode("utf-8", "surrogatepass")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


SIGNERS: dict[str, Signer] = {"zeek-md5": md5_signer, "hmac-sha256": hmac_sha256_signer}
ACTIVE_SIGNER = "zeek-md5"


def signer_named(name: str | None) -> Signer:
    try:
        return SIGNERS[name or ACTIVE_SIGNER]
    except KeyError:
        raise ValueError(f"unknown Zeek signer {name!r}; known: {', '.join(SIGNERS)}") from None


def sign(data: dict[str, Any], appid: int, secret: str, timestamp: int) -> str:
    """The signature Zeek expects in ``auth.signature`` for this ``data`` (contract function)."""
    return SIGNERS[ACTIVE_SIGNER](data, appid, secret, timestamp)


def envelope(
    data: Mapping[str, Any],
    *,
    appid: int,
    secret: str,
    timestamp: int,
    lang: str,
    region: str,
    signer: Signer | None = None,
) -> dict[str, Any]:
    """``{"auth": {appid, timestamp, signature}, "data": {"meta": {lang, region}, …}}``, signed."""
    body = {"meta": {"lang": lang, "region": region}, **data}
    signature = (signer or SIGNERS[ACTIVE_SIGNER])(body, appid, secret, timestamp)
    return {"auth": {"appid": appid, "timestamp": timestamp, "signature": signature}, "data": body}


@dataclass(frozen=True)
class Verdict:
    ok: bool
    code: int = codes.SUCCESS
    problem: str = ""


def verify(
    body: Mapping[str, Any],
    *,
    appid: int,
    secret: str,
    now: float,
    window: int = codes.TIMESTAMP_WINDOW_S,
    signer: Signer | None = None,
) -> Verdict:
    """Check a signed envelope (a Zeek callback to us): appid, timestamp within ±window of wall-clock
    ``now``, then the signature over ``data``. The code is the stand-in error code to answer with."""
    auth, data = body.get("auth"), body.get("data")
    if not isinstance(auth, Mapping) or not isinstance(data, Mapping) or "meta" not in data:
        return Verdict(False, codes.AUTH_MALFORMED, "auth, data or data.meta missing")
    try:
        got_appid, timestamp = int(auth["appid"]), int(auth["timestamp"])
    except (KeyError, TypeError, ValueError):
        return Verdict(False, codes.AUTH_MALFORMED, "auth.appid or auth.timestamp missing or not a number")
    if got_appid != appid:
        return Verdict(False, codes.AUTH_UNKNOWN_APPID, f"appid {got_appid} is not ours")
    if abs(now - timestamp) > window:
        return Verdict(
            False, codes.AUTH_STALE_TIMESTAMP, f"timestamp {timestamp} is more than {window} s off"
        )
    signature = auth.get("signature")
    if not isinstance(signature, str):
        return Verdict(False, codes.AUTH_MALFORMED, "auth.signature missing")
    expected = (signer or SIGNERS[ACTIVE_SIGNER])(data, appid, secret, timestamp)
    if not hmac.compare_digest(expected, signature.lower()):
        return Verdict(False, codes.AUTH_BAD_SIGNATURE, "signature does not match")
    return Verdict(True)
