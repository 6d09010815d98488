"""Merchant access tokens and the single-use refresh token (keeta.md §2.3), on the business clock.

Every access token lives 90 days from its issue (``expiresIn`` in the grant); the one configured at
start is issued when the simulator starts. A refresh token works once; after a refresh the previous
access token keeps working for an hour (an integrator's report), then only the new one does.
"""

from __future__ import annotations

import secrets
from typing import Any

from posapp.keeta import codes
from posapp.sim.keeta.state import ApiError

EXPIRES_IN = 7_776_000  # 90 days, as Keeta answers
# An integrator reports the old access token keeps working about an hour after a refresh.
OLD_TOKEN_GRACE = 3600.0


class Tokens:
    def __init__(self, access_token: str, refresh_token: str, issued_at: float) -> None:
        # token → business-clock time it stops working
        self._access: dict[str, float] = {access_token: issued_at + EXPIRES_IN}
        self._refresh = refresh_token
        self.current = access_token
        self.issued_at = issued_at
        self.refreshes = 0  # grants handed out; lets a check see that a refresh happened exactly once
        self.refused_refreshes = 0

    @property
    def refresh_token(self) -> str:
        return self._refresh

    def expires_at(self, token: str) -> float | None:
        return self._access.get(token)

    def valid(self, token: Any, now: float) -> bool:
        if not isinstance(token, str) or token not in self._access:
            return False
        return now < self._access[token]

    def refresh(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        grant = body.get("grantType")
        if grant != "refresh_token":
            raise ApiError(codes.PARAM_ERROR, f"grantType {grant!r} is not supported here; use refresh_token")
        if not body.get("refreshToken") or body.get("refreshToken") != self._refresh:
            self.refused_refreshes += 1
            raise ApiError(codes.REFRESH_TOKEN_INVALID, "refresh token is invalid or already used")
        for token, until in self._access.items():
            self._access[token] = min(until, now + OLD_TOKEN_GRACE)
        self.current = "sim-at-" + secrets.token_hex(12)
        self._refresh = "sim-rt-" + secrets.token_hex(12)
        self._access[self.current] = now + EXPIRES_IN
        self.issued_at = now
        self.refreshes += 1
        return {
            "accessToken": self.current,
            "tokenType": "bearer",
            "expiresIn": EXPIRES_IN,
            "refreshToken": self._refresh,
            "scope": "all",
            "issuedAtTime": int(now * 1000),
        }
