"""Secrets (platform app secrets, tokens, store tokens) live only in the OS keyring.

When no usable keyring exists, :class:`SecretsUnavailable` is raised and shown to the user as a set-up
problem. There is deliberately no fallback to the database, the settings file or plain text.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "posapp"


class SecretsUnavailable(RuntimeError):
    """No working OS keyring: the user must set one up (Secret Service, Keychain, Credential Manager)."""


class SecretStore:
    def __init__(self, service: str = SERVICE) -> None:
        self._service = service

    def get(self, name: str) -> str | None:
        try:
            return keyring.get_password(self._service, name)
        except keyring.errors.KeyringError as exc:
            raise SecretsUnavailable(f"the system keyring cannot be read: {exc}") from exc

    def set(self, name: str, value: str) -> None:
        try:
            keyring.set_password(self._service, name, value)
        except keyring.errors.KeyringError as exc:
            raise SecretsUnavailable(f"the system keyring cannot store secrets: {exc}") from exc
        log.info("secret %r saved to the keyring", name)  # the name only, never the value

    def delete(self, name: str) -> None:
        try:
            keyring.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringError as exc:
            raise SecretsUnavailable(f"the system keyring cannot delete secrets: {exc}") from exc

    def backend_name(self) -> str:
        return type(keyring.get_keyring()).__name__
