"""The relay keeps each gateway store's Keeta access token alive (keeta.md §2.3).

A background task (started in the relay's lifespan, then hourly) refreshes tokens due within 5 days,
and the gateway asks for one refresh when Keeta refuses a forwarded call's token. The refresh token
works once, and several relay processes may share one database, so a refresh first claims the
store's row by compare-and-swap: the process whose swap lands sends the refresh token; any other
re-reads the row instead (and finds the new pair, or the claim). The new pair is written the moment
Keeta answers. A claim left by a process that died mid-refresh lapses after ``CLAIM_SECONDS``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import replace

import httpx

from posapp.keeta.client import KeetaClient, TokenGrant
from posapp.keeta.config import KeetaConfig
from posapp.keeta.errors import KeetaAuthError, KeetaBusinessError, KeetaError
from posapp.relay.config import RelayConfig
from posapp.relay.credentials import CredentialStore, GatewayCredentials, Loaded
from posapp.relay.sealing import CredentialsUnreadable, is_sealed
from posapp.relay.storage.base import StoreRecord

log = logging.getLogger(__name__)

REFRESH_BEFORE = 5 * 86_400.0  # Keeta advises refreshing 3–5 days before expiry
CHECK_EVERY = 3_600.0
CLAIM_SECONDS = 120.0  # longer than a refresh call with its retries (3 × 10 s and backoff)


class KeetaTokenRefresher:
    def __init__(
        self,
        credentials: CredentialStore,
        config: RelayConfig,
        clock: Callable[[], float] = time.time,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.credentials = credentials
        self.config = config
        self.clock = clock
        self._transport = transport
        self._locks: dict[int, asyncio.Lock] = {}  # one refresh per store inside this process
        self.passes = 0  # completed background passes
        self.refreshed = 0  # refreshes this process made

    async def run(self, every: float = CHECK_EVERY) -> None:
        while True:
            try:
                await self.refresh_due()
            except Exception:  # the next pass must still happen
                log.exception("keeta token pass failed")
            self.passes += 1
            await asyncio.sleep(every)  # a schedule, not a wait for a condition

    async def refresh_due(self) -> int:
        """One pass over the active stores; returns how many tokens this process refreshed."""
        done = 0
        for store in await self.credentials.storage.list_stores():
            if not store.active:
                continue
            try:
                before = self.refreshed
                await self.refresh_store(store)
                done += self.refreshed - before
            except CredentialsUnreadable as exc:
                log.error("gateway credentials of shop %d cannot be read: %s", store.shop_id, exc)
        return done

    async def refresh_store(
        self, store: StoreRecord, *, refused: str | None = None
    ) -> GatewayCredentials | None:
        """The store's credentials after refreshing them if due (or if Keeta just refused ``refused``).

        None when the gateway is not set up or no working token could be had.
        """
        lock = self._locks.setdefault(store.id, asyncio.Lock())
        async with lock:
            loaded = await self.credentials.load(store.id)
            if loaded is None:
                return None
            current = loaded.credentials
            if refused is not None and current.keeta_access_token != refused:
                return current  # refreshed meanwhile (here or by another process): use the new one
            if refused is None and not self._due(current):
                return await self._note_expiry(store, loaded)
            return await self._refresh(store, loaded)

    def _due(self, creds: GatewayCredentials) -> bool:
        expires = creds.keeta_token_expires_at
        return (
            bool(creds.keeta_access_token)
            and expires is not None
            and self.clock() >= expires - REFRESH_BEFORE
        )

    async def _note_expiry(self, store: StoreRecord, loaded: Loaded) -> GatewayCredentials:
        """Older rows (plain text, no expiry): count from now and seal them, when a key is set."""
        creds = loaded.credentials
        fixed = creds.with_known_expiry(self.clock())
        if self.credentials.sealer is None or (fixed == creds and is_sealed(loaded.stored)):
            return creds
        if await self.credentials.swap(store.id, loaded, fixed, self.clock()) is None:
            return creds  # changed meanwhile: the next pass looks again
        log.info("gateway credentials of shop %d sealed (expiry counted from now)", store.shop_id)
        return fixed

    async def _refresh(self, store: StoreRecord, loaded: Loaded) -> GatewayCredentials | None:
        creds, now = loaded.credentials, self.clock()
        if not creds.keeta_refresh_token or creds.keeta_refresh_refused:
            log.error(
                "shop %d: no usable Keeta refresh token; run set-gateway with a new token", store.shop_id
            )
            return None
        if self.credentials.sealer is None:
            # Refreshing now would spend the refresh token with nowhere safe to keep the new one.
            log.error(
                "shop %d: Keeta token due but POSAPP_RELAY_KEY is not set; not refreshing", store.shop_id
            )
            return None
        claimed_until = creds.keeta_refresh_claimed_until
        if claimed_until is not None and now < claimed_until:
            return None  # another process is refreshing; the next pass or call reads its result
        claim = await self.credentials.swap(
            store.id, loaded, replace(creds, keeta_refresh_claimed_until=now + CLAIM_SECONDS), now
        )
        if claim is None:
            reread = await self.credentials.load(store.id)  # lost the race: the winner refreshes
            return None if reread is None else reread.credentials
        return await self._exchange(store, claim)

    async def _exchange(self, store: StoreRecord, claim: Loaded) -> GatewayCredentials | None:
        creds = claim.credentials
        released = replace(creds, keeta_refresh_claimed_until=None)
        try:
            grant = await self._call_keeta(store, creds)
        except (KeetaAuthError, KeetaBusinessError) as exc:
            log.error("shop %d: Keeta refused the refresh token (%s); run set-gateway", store.shop_id, exc)
            await self.credentials.swap(
                store.id, claim, replace(released, keeta_refresh_refused=True), self.clock()
            )
            return None
        except KeetaError as exc:
            log.warning("shop %d: Keeta token refresh failed for now: %s", store.shop_id, exc)
            await self.credentials.swap(store.id, claim, released, self.clock())
            return None
        fresh = replace(
            released,
            keeta_access_token=grant.access_token,
            keeta_refresh_token=grant.refresh_token,
            keeta_token_expires_at=_expires_at(grant, self.clock()),
            keeta_refresh_refused=False,
        )
        # Saved at once: the refresh token just sent is spent, the new one exists only in this answer.
        if await self.credentials.swap(store.id, claim, fresh, self.clock()) is None:
            log.error(
                "shop %d: credentials changed during the refresh (set-gateway?); kept those", store.shop_id
            )
            reread = await self.credentials.load(store.id)
            return None if reread is None else reread.credentials
        self.refreshed += 1
        log.info("shop %d: Keeta token refreshed", store.shop_id)
        return fresh

    async def _call_keeta(self, store: StoreRecord, creds: GatewayCredentials) -> TokenGrant:
        signing = creds.with_defaults(self.config)
        config = KeetaConfig(
            app_id=signing.keeta_app_id or 0,
            secret=signing.keeta_secret,
            access_token="",
            shop_id=store.shop_id,
            base_url=creds.keeta_base_url,
        )
        async with KeetaClient(config, transport=self._transport) as keeta:
            return await keeta.refresh_token(creds.keeta_refresh_token)


def _expires_at(grant: TokenGrant, now: float) -> float:
    return float(grant.expires_at) if grant.issued_at > 0 else now + grant.expires_in
