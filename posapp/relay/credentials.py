"""One store's platform credentials for the API gateway, sealed at rest (sealing.py).

Besides the secrets they carry the Keeta token's expiry and, while one relay process is refreshing
it, a claim (until when): the refresh token works once, so with several relay processes on one
database only the process whose compare-and-swap set the claim may send it to Keeta.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, replace

from posapp.keeta.config import DEFAULT_BASE_URL as KEETA_DEFAULT_URL
from posapp.relay.config import RelayConfig
from posapp.relay.sealing import KEY_ENV, Sealer, unseal
from posapp.relay.storage.base import Storage
from posapp.zeek.config import HK_PRODUCTION_URL as ZEEK_DEFAULT_URL

log = logging.getLogger(__name__)

KEETA_TOKEN_LIFETIME = 7_776_000.0  # Keeta's expiresIn (90 days): assumed for a token set by hand


@dataclass(frozen=True)
class GatewayCredentials:
    """One store's platform credentials; an unset app id or secret falls back to the relay's own."""

    keeta_app_id: int | None = None
    keeta_secret: str = field(default="", repr=False)
    keeta_access_token: str = field(default="", repr=False)
    keeta_base_url: str = KEETA_DEFAULT_URL
    zeek_appid: int | None = None
    zeek_secret: str = field(default="", repr=False)
    zeek_base_url: str = ZEEK_DEFAULT_URL
    keeta_refresh_token: str = field(default="", repr=False)
    keeta_token_expires_at: float | None = None  # epoch seconds; None: not known (counted from a save)
    keeta_refresh_claimed_until: float | None = None  # a relay process is refreshing until then
    keeta_refresh_refused: bool = False  # Keeta refused this refresh token: never send it again

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> GatewayCredentials:
        raw = json.loads(text)
        known = {name: raw[name] for name in cls.__dataclass_fields__ if name in raw}
        return cls(**known)

    def with_defaults(self, config: RelayConfig) -> GatewayCredentials:
        return replace(
            self,
            keeta_app_id=self.keeta_app_id if self.keeta_app_id is not None else config.keeta_app_id,
            keeta_secret=self.keeta_secret or config.keeta_secret,
            zeek_appid=self.zeek_appid if self.zeek_appid is not None else config.zeek_appid,
            zeek_secret=self.zeek_secret or config.zeek_secret,
        )

    def with_known_expiry(self, now: float) -> GatewayCredentials:
        """A token whose expiry nobody told us is counted as issued now (when it was saved)."""
        if self.keeta_token_expires_at is not None or not self.keeta_access_token:
            return self
        return replace(self, keeta_token_expires_at=now + KEETA_TOKEN_LIFETIME)


class NoSealingKey(Exception):
    """Credentials would be written without a key; they are never stored in plain text."""

    def __init__(self) -> None:
        super().__init__(
            f"{KEY_ENV} is not set: the relay encrypts gateway credentials with it and never stores "
            "them in plain text. Make a key with `posapp relay gen-key`, keep it outside the database "
            f"(e.g. in the relay's environment file) and set {KEY_ENV} for every relay process and command."
        )


@dataclass(frozen=True)
class Loaded:
    stored: str  # the row exactly as read: the expected value of a compare-and-swap
    credentials: GatewayCredentials


class CredentialStore:
    def __init__(self, storage: Storage, sealer: Sealer | None) -> None:
        self.storage = storage
        self.sealer = sealer

    async def load(self, store_id: int) -> Loaded | None:
        """Raises :class:`~posapp.relay.sealing.CredentialsUnreadable` for a row it cannot open."""
        stored = await self.storage.gateway(store_id)
        if stored is None:
            return None
        return Loaded(stored, GatewayCredentials.from_json(unseal(stored, self.sealer)))

    def _seal(self, credentials: GatewayCredentials) -> str:
        if self.sealer is None:
            raise NoSealingKey
        return self.sealer.seal(credentials.to_json())

    async def save(self, store_id: int, credentials: GatewayCredentials, now: float) -> None:
        await self.storage.set_gateway(store_id, self._seal(credentials.with_known_expiry(now)), now)

    async def swap(
        self, store_id: int, expected: Loaded, credentials: GatewayCredentials, now: float
    ) -> Loaded | None:
        """Write ``credentials`` only if the row is still ``expected``; None when someone else wrote."""
        stored = self._seal(credentials)
        if not await self.storage.replace_gateway(store_id, expected.stored, stored, now):
            return None
        return Loaded(stored, credentials)
