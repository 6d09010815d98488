"""Secrets (platform app secrets, tokens, store tokens) live only in the OS keyring.

Only a real system keyring is used: Secret Service / KWallet, macOS Keychain, Windows Credential
Manager. keyring's own choice is not trusted blindly: when nothing better exists it falls back to a
plain-text file (keyrings.alt, installed for development), to its "fail" or null backends, or to
anything of priority below 1. Those are refused with :class:`SecretsUnavailable`, whose ``problem``
says why in the cashier's words; the settings screen and the opening drill show it. There is
deliberately no fallback to the database, the settings file or plain text. Tests and the demo use
:class:`MemorySecretStore`, an explicit in-memory store that nothing selects by accident.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from posapp.domain.message import Message

log = logging.getLogger(__name__)

SERVICE = "posapp"
# keyring's own scale: real system keyrings rank 1 and above; its fallbacks rank below.
MIN_PRIORITY = 1.0


class SecretsUnavailable(RuntimeError):
    """No usable OS keyring: the user must set one up (Secret Service, Keychain, Credential Manager).

    ``problem`` is the reason as a cashier-facing :class:`Message` (or plain text for a keyring error).
    """

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def refusal(backend: KeyringBackend) -> Message | None:
    """Why ``backend`` may not hold posapp's secrets, or ``None`` if it is a real system keyring."""
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__name__}"
    if cls.__module__.split(".")[0] == "keyrings":
        return Message(
            "The password store found ({0}) keeps passwords in a plain file; posapp does not use it.", name
        )
    if isinstance(backend, fail.Keyring | null.Keyring):
        return Message("No system keyring is available on this computer ({0}).", name)
    try:
        priority = float(backend.priority)
    except (TypeError, ValueError, AttributeError):
        priority = 0.0
    if priority < MIN_PRIORITY:
        return Message("The password store found ({0}) is not a system keyring.", name)
    return None


def system_keyring(active: KeyringBackend | None = None) -> KeyringBackend:
    """The system keyring to use (from a chain, its best real member); raises SecretsUnavailable."""
    backend = active if active is not None else keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        members = list(backend.backends)
        usable = [member for member in members if refusal(member) is None]
        if usable:
            return usable[0]  # highest priority first; never read a plain-text file further down
        problem = refusal(members[0]) if members else None
        raise SecretsUnavailable(
            problem or Message("No system keyring is available on this computer ({0}).", "chainer")
        )
    problem = refusal(backend)
    if problem is not None:
        raise SecretsUnavailable(problem)
    return backend


@dataclass(frozen=True)
class SecretChange:
    """One keyring write that Settings → Save makes: ``value`` under ``name``, or ``name`` removed when
    ``value`` is empty."""

    name: str
    value: str


class SecretStore:
    def __init__(self, service: str = SERVICE, backend: KeyringBackend | None = None) -> None:
        """``backend``: an explicit store (in-memory for tests, the demo, the smoke check); default is
        the system keyring, checked on every use (it may be unlocked or installed while we run)."""
        self._service = service
        self._backend = backend

    def _keyring(self) -> KeyringBackend:
        return self._backend if self._backend is not None else system_keyring()

    def check(self) -> str:
        """The backend's name if secrets can be kept; raises SecretsUnavailable with the reason."""
        return type(self._keyring()).__name__

    def get(self, name: str) -> str | None:
        store = self._keyring()
        try:
            return store.get_password(self._service, name)
        except keyring.errors.KeyringError as exc:
            raise SecretsUnavailable(f"the system keyring cannot be read: {exc}") from exc

    def set(self, name: str, value: str) -> None:
        store = self._keyring()
        try:
            store.set_password(self._service, name, value)
        except keyring.errors.KeyringError as exc:
            raise SecretsUnavailable(f"the system keyring cannot store secrets: {exc}") from exc
        log.info("secret %r saved to the keyring", name)  # the name only, never the value

    def delete(self, name: str) -> None:
        store = self._keyring()
        try:
            store.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringError as exc:
            raise SecretsUnavailable(f"the system keyring cannot delete secrets: {exc}") from exc

    def write_all(self, changes: Sequence[SecretChange], done: list[SecretChange]) -> None:
        """Each change in order, each one written appended to ``done``; the first the keyring refuses
        raises :class:`SecretsUnavailable`. Blocking (a locked keyring may wait for its user to unlock
        it): the screens run it in a worker thread (``posapp/ui/ops.py``)."""
        for change in changes:
            if change.value:
                self.set(change.name, change.value)
            else:
                self.delete(change.name)
            done.append(change)

    def backend_name(self) -> str:
        backend = self._backend if self._backend is not None else keyring.get_keyring()
        return type(backend).__name__


class MemoryBackend(KeyringBackend):
    """Secrets in this process only; never registered, so keyring never picks it by itself."""

    priority = MIN_PRIORITY

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.values.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


class MemorySecretStore(SecretStore):
    """An explicit in-memory store: the demo and tests, never a shop's real credentials."""

    def __init__(self, service: str = SERVICE) -> None:
        super().__init__(service, MemoryBackend())
