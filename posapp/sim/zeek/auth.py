"""Checking a Zeek request envelope and signing the simulator's callbacks (zeek.md §2-3).

Signing and the auth checks are posapp.zeek.signing's (the contract's ``sign``), so the simulator and the
client agree by construction and the real algorithm replaces the stand-in in one place.

Order of checks, first failure wins: envelope shape and meta present (1001), appid (1002), timestamp
within ±300 s of WALL-CLOCK time (1004; the simulator's business clock never moves this window),
signature (1003), meta values (2002).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from posapp.sim.zeek.codes import LANGS, REGION_COUNTRY_CODE, Error
from posapp.sim.zeek.errors import ZeekApiError
from posapp.zeek.signing import sign, verify


def signed_envelope(
    data: dict[str, Any], appid: int, secret: str, timestamp: int | None = None
) -> dict[str, Any]:
    """``{"auth": {...}, "data": data}`` signed now (wall clock) unless a timestamp is given."""
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "auth": {"appid": appid, "timestamp": ts, "signature": sign(data, appid, secret, ts)},
        "data": data,
    }


@dataclass(frozen=True)
class Meta:
    lang: str
    region: str

    @property
    def country_code(self) -> str:
        return REGION_COUNTRY_CODE[self.region]

    def as_dict(self) -> dict[str, str]:
        return {"lang": self.lang, "region": self.region}


def verify_envelope(
    body: Any, appid: int, secret: str, now: float | None = None
) -> tuple[dict[str, Any], Meta]:
    """The request's ``data`` and ``meta`` once auth checks out; raises :class:`ZeekApiError`."""
    if not isinstance(body, dict) or not isinstance(body.get("auth"), dict):
        raise ZeekApiError(Error.BAD_ENVELOPE, "auth is missing")
    data = body.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
        raise ZeekApiError(Error.BAD_ENVELOPE, "data.meta is missing")
    meta = data["meta"]
    if not isinstance(meta.get("lang"), str) or not isinstance(meta.get("region"), str):
        raise ZeekApiError(Error.BAD_ENVELOPE, "data.meta needs lang and region")
    verdict = verify(body, appid=appid, secret=secret, now=time.time() if now is None else now)
    if not verdict.ok:
        raise ZeekApiError(Error(verdict.code), verdict.problem)
    if meta["lang"] not in LANGS:
        raise ZeekApiError(Error.BAD_META, f"unsupported lang {meta['lang']!r}")
    if meta["region"] not in REGION_COUNTRY_CODE:
        raise ZeekApiError(Error.BAD_META, f"unsupported region {meta['region']!r}")
    return data, Meta(meta["lang"], meta["region"])
