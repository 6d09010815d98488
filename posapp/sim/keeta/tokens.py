"""Merchant access tokens and the single-use refresh token (keeta.md §2.3)."""

from __future__ import annotations

import secrets
from typing import Any

from posapp.keeta import codes
from posapp.sim.keeta.state import ApiError

EXPIRES_IN = 7_776_000  # 90 days, as Keeta answers
# An integrator reports the old access token keeps working about an hour after a refresh.
OLD_TOKEN_GRACE = 3600.0


class Tokens:
    def __init__(self, access_token: str, refresh_token: str) -> None:
        # token → business-clock time it stops working (None: until replaced)
        self._access: dict[str, float | None] = {access_token: None}
        self._refresh = refresh_token
        self.current = access_token

    def valid(self, token: Any, now: float) -> bool:
        if not isinstance(token, str) or token not in self._access:
            return False
        until = self._access[token]
        return until is None or now < until

    def refresh(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        grant = body.get("grantType")
        if grant != "refresh_token":
            raise ApiError(codes.PARAM_ERROR, f"grantType {grant!r} is not supported here; use refresh_token")
        if not body.get("refreshToken") or body.get("refreshToken") != self._refresh:
            raise ApiError(codes.REFRESH_TOKEN_INVALID, "refresh token is invalid or already used")
        for token, until in self._access.items():
            if until is None:
                self._access[token] = now + OLD_TOKEN_GRACE
        self.current = "sim-at-" + secrets.token_hex(12)
        self._refresh = "sim-rt-" + secrets.token_hex(12)
        self._access[self.current] = None
        return {
            "accessToken": self.current,
            "tokenType": "bearer",
            "expiresIn": EXPIRES_IN,
            "refreshToken": self._refresh,
            "scope": "all",
            "issuedAtTime": int(now * 1000),
        }
