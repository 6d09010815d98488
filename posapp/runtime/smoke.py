"""``posapp --smoke``: the checks an installed build must pass before anyone double-clicks it.

This module holds the Qt-free half (database, keyring); ``posapp.app.run_smoke`` adds the window. CI
selects :class:`SmokeKeyring` with ``PYTHON_KEYRING_BACKEND=posapp.runtime.smoke.SmokeKeyring`` so the
round trip goes through the *bundled* keyring package (its loading by name, its errors, our wrapper)
without a desktop keyring; the real backends must still be importable from the bundle.
"""

from __future__ import annotations

import importlib
import secrets
import sys
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

from posapp.secrets import SecretStore
from posapp.store.db import check_cache
from posapp.store.migrations import latest_version

SMOKE_SERVICE = "posapp-smoke"
# The backend a counter PC will really use on each platform: it must be in the bundle.
PLATFORM_BACKENDS = {
    "linux": ("keyring.backends.SecretService", "Keyring"),
    "win32": ("keyring.backends.Windows", "WinVaultKeyring"),
    "darwin": ("keyring.backends.macOS", "Keyring"),
}


class SmokeKeyring(KeyringBackend):
    """In-memory; never chosen by keyring's discovery (it is not registered), only by name from env."""

    priority = -1

    def __init__(self) -> None:
        super().__init__()
        self._values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._values.pop((service, username), None)


class SmokeFailed(RuntimeError):
    pass


def check_database(folder: Path) -> str:
    version, integrity = check_cache(folder / "cache.sqlite3")
    if version != latest_version() or integrity != "ok":
        raise SmokeFailed(f"database: schema v{version} of {latest_version()}, integrity {integrity}")
    return f"database ok (schema v{version}, WAL, integrity ok)"


def check_keyring() -> str:
    # The in-memory smoke backend is never a system keyring: it is used when explicitly chosen only.
    active = keyring.get_keyring()
    store = SecretStore(SMOKE_SERVICE, backend=active if isinstance(active, SmokeKeyring) else None)
    value = secrets.token_urlsafe(16)
    store.set("smoke", value)
    if store.get("smoke") != value:
        raise SmokeFailed(f"keyring: the secret read back differs (backend {store.backend_name()})")
    store.delete("smoke")
    module_name, class_name = PLATFORM_BACKENDS.get(sys.platform, PLATFORM_BACKENDS["linux"])
    if not hasattr(importlib.import_module(module_name), class_name):
        raise SmokeFailed(f"keyring: {module_name}.{class_name} is not in the bundle")
    return f"keyring ok (wrote and read one secret via {store.backend_name()}; {module_name} bundled)"
