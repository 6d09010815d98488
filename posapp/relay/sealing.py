"""Gateway credentials are sealed (Fernet: AES-128-CBC + HMAC-SHA256) before they reach the database.

The key comes from outside the database, in ``POSAPP_RELAY_KEY`` (``posapp relay gen-key`` makes one),
so a copied database file or backup does not give away a shop's Keeta and Zeek credentials. Several
comma-separated keys may be given during a key change: the first seals, any of them opens. Rows
written in plain JSON by relays before this change are still read, and sealed on their next write.
"""

from __future__ import annotations

import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

KEY_ENV = "POSAPP_RELAY_KEY"
PREFIX = "fernet:"  # marks a sealed row; plain JSON (older relays) starts with "{"


class KeyProblem(ValueError):
    """``POSAPP_RELAY_KEY`` is not a usable key."""


class CredentialsUnreadable(Exception):
    """A store's sealed credentials cannot be opened: no key, or not the key they were sealed with."""


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


class Sealer:
    def __init__(self, keys: str) -> None:
        parts = [part.strip() for part in keys.split(",") if part.strip()]
        if not parts:
            raise KeyProblem(f"{KEY_ENV} is empty")
        try:
            self._fernet = MultiFernet([Fernet(part.encode("ascii")) for part in parts])
        except (ValueError, UnicodeEncodeError) as exc:
            raise KeyProblem(
                f"{KEY_ENV} is not a valid key (32 url-safe base64-encoded bytes; make one with "
                "`posapp relay gen-key`)"
            ) from exc

    @classmethod
    def from_env(cls) -> Sealer | None:
        keys = os.environ.get(KEY_ENV, "")
        return cls(keys) if keys.strip() else None

    def seal(self, text: str) -> str:
        return PREFIX + self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        try:
            return self._fernet.decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as exc:
            raise CredentialsUnreadable(f"not sealed with {KEY_ENV} as set now (wrong key?)") from exc


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def unseal(stored: str, sealer: Sealer | None) -> str:
    """The settings JSON of a stored row, sealed or (from an older relay) plain."""
    if not is_sealed(stored):
        return stored
    if sealer is None:
        raise CredentialsUnreadable(f"sealed, and {KEY_ENV} is not set")
    return sealer.open(stored)
