"""Keeps the Keeta access token alive in direct mode (keeta.md §2.3).

Keeta's access token lives 90 days and its refresh token works once. The keeper refreshes 5 days
before expiry (checked at start and hourly) and once, straight away, when Keeta refuses the token.
The new pair is written to the keyring the moment Keeta hands it over, before the client uses it:
the refresh token just sent is spent, so losing the new one would lock the shop out until the owner
re-enters a token by hand. A refresh that Keeta refuses is reported once (``TokenHealth.FAILED``) and
that refresh token is never sent again, so a dead token cannot turn into a loop of refreshes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import Enum

from posapp.engine.hub import EventHub
from posapp.keeta.client import KeetaClient, TokenGrant
from posapp.keeta.errors import KeetaAuthError, KeetaBusinessError, KeetaError
from posapp.secrets import SecretStore, SecretsUnavailable
from posapp.settings import KEETA_TOKEN_TIMES, SECRET_KEETA_REFRESH, SECRET_KEETA_TOKEN

log = logging.getLogger(__name__)

LIFETIME = 7_776_000.0  # Keeta's expiresIn (90 days), assumed for a token entered by hand
REFRESH_BEFORE = 5 * 86_400.0  # Keeta advises refreshing 3–5 days before expiry
CHECK_EVERY = 3_600.0
# A token refused again this soon after a forced refresh is not refreshed again: something else is wrong.
FORCED_SPACING = 600.0


class TokenHealth(Enum):
    OK = "ok"
    FAILED = "failed"  # Keeta refused the refresh (or there is none): a person must enter a new token


def fingerprint(token: str) -> str:
    """Which token a times record describes, without keeping a second copy of the token itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class TokenTimes:
    token: str  # fingerprint() of the access token
    issued_at: float
    expires_at: float


class TokenVault:
    """The Keeta tokens and their times in the OS keyring."""

    def __init__(self, secrets: SecretStore) -> None:
        self._secrets = secrets

    def refresh_token(self) -> str:
        return self._secrets.get(SECRET_KEETA_REFRESH) or ""

    def times(self) -> TokenTimes | None:
        raw = self._secrets.get(KEETA_TOKEN_TIMES)
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return TokenTimes(str(data["token"]), float(data["issued_at"]), float(data["expires_at"]))
        except (ValueError, TypeError, KeyError):
            return None

    def save_times(self, times: TokenTimes) -> None:
        self._secrets.set(KEETA_TOKEN_TIMES, json.dumps(asdict(times)))

    def save_grant(self, grant: TokenGrant, now: float) -> TokenTimes:
        """Refresh token first: if the process dies between the writes, the keyring holds the old access
        token (still valid for about an hour) and the new refresh token, and the next start refreshes."""
        issued = float(grant.issued_at) if grant.issued_at > 0 else now
        times = TokenTimes(fingerprint(grant.access_token), issued, issued + grant.expires_in)
        self._secrets.set(SECRET_KEETA_REFRESH, grant.refresh_token)
        self._secrets.set(SECRET_KEETA_TOKEN, grant.access_token)
        self.save_times(times)
        return times


class TokenKeeper:
    def __init__(
        self,
        client: KeetaClient,
        vault: TokenVault,
        clock: Callable[[], float] = time.time,
        *,
        refresh_before: float = REFRESH_BEFORE,
        check_every: float = CHECK_EVERY,
        hub: EventHub | None = None,
    ) -> None:
        self.hub = hub if hub is not None else EventHub()
        self._client = client
        self._vault = vault
        self._clock = clock
        self.refresh_before = refresh_before
        self.check_every = check_every
        self.health = TokenHealth.OK
        self.refreshes = 0
        self._lock = asyncio.Lock()  # one refresh at a time: the refresh token works once
        self._refused: str | None = None  # a refresh token Keeta refused is never sent again
        self._last_forced: float | None = None
        client.on_token_rejected(self.token_rejected)

    def times(self) -> TokenTimes:
        """The current token's times; a token without them (entered by hand) counts as issued now."""
        token = self._client.config.access_token
        times = self._vault.times()
        if times is None or times.token != fingerprint(token):
            now = self._clock()
            times = TokenTimes(fingerprint(token), now, now + LIFETIME)
            with contextlib.suppress(SecretsUnavailable):
                self._vault.save_times(times)
            log.info("keeta token: expiry unknown, counted from now (%d days)", LIFETIME // 86_400)
        return times

    def due(self) -> bool:
        return self._clock() >= self.times().expires_at - self.refresh_before

    async def run(self) -> None:
        while True:
            try:
                await self.check()
            except Exception:  # the next hourly check must still happen
                log.exception("keeta token check failed")
            await asyncio.sleep(self.check_every)  # a schedule, not a wait for a condition

    async def check(self) -> bool:
        """Refresh when the token is within ``refresh_before`` of expiry; True when it is fine now."""
        # The token's times live in the keyring, which may block (a locked one waits for the user):
        # read it in a worker thread, never on the loop that paints the window.
        if not self._client.config.access_token or not await asyncio.to_thread(self.due):
            return True
        async with self._lock:
            if not await asyncio.to_thread(self.due):  # refreshed while this one waited for the lock
                return True
            log.info("keeta token expires within %d days: refreshing", self.refresh_before // 86_400)
            return await self._refresh()

    async def token_rejected(self, token: str) -> bool:
        """The client's hook: Keeta refused ``token``. True when a new token is in use for a retry."""
        if not token:
            return False  # Keeta is not set up yet: nothing to refresh, Settings says so already
        async with self._lock:
            if self._client.config.access_token != token:
                return True  # another call refreshed meanwhile: just send again
            now = self._clock()
            if self._last_forced is not None and now - self._last_forced < FORCED_SPACING:
                return False
            self._last_forced = now
            return await self._refresh()

    async def _refresh(self) -> bool:
        refresh_token = await asyncio.to_thread(self._vault.refresh_token)
        if not refresh_token or refresh_token == self._refused:
            log.error("keeta token: no usable refresh token; the owner must enter a new token")
            self._set_health(TokenHealth.FAILED)
            return False
        try:
            grant = await self._client.refresh_token(refresh_token)
        except (KeetaAuthError, KeetaBusinessError) as exc:
            self._refused = refresh_token
            log.error("keeta refused the refresh token: %s", exc)
            self._set_health(TokenHealth.FAILED)
            return False
        except KeetaError as exc:  # Keeta unreachable or busy: the token still has days, try next check
            log.warning("keeta token refresh failed for now: %s", exc)
            return False
        await asyncio.to_thread(self._keep, grant)
        self._client.use_token(grant.access_token)
        self.refreshes += 1
        log.info("keeta token refreshed; expires in %d days", grant.expires_in // 86_400)
        self._set_health(TokenHealth.OK)
        return True

    def _keep(self, grant: TokenGrant) -> None:
        try:
            self._vault.save_grant(grant, self._clock())
        except SecretsUnavailable:
            # The new pair still works for this session; the next start will find the spent one.
            log.critical("keeta token refreshed but the keyring could not store it")

    def _set_health(self, health: TokenHealth) -> None:
        if health is self.health:
            return
        self.health = health
        self.hub.publish(health)  # a TokenHealth member is the event
