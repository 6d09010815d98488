"""``posapp --forget-secrets``: removes everything posapp keeps in the OS keyring.

The Windows uninstaller runs it (``posapp-cli.exe --forget-secrets``) when the user ticks "Delete the
shop's data", so no Keeta or Zeek credential is left behind in the Credential Manager.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend

from posapp.secrets import SERVICE, SecretStore
from posapp.settings import KEETA_TOKEN_TIMES, SECRET_NAMES

DEMO_SERVICE = "posapp-demo"  # the demo's own entries (posapp/demo/runner.py DEMO_SECRETS_SERVICE)


def forget_secrets(
    services: tuple[str, ...] = (SERVICE, DEMO_SERVICE), backend: KeyringBackend | None = None
) -> int:
    """Deletes every secret posapp may have stored (in the system keyring unless ``backend`` is given);
    how many there were."""
    removed = 0
    for service in services:
        store = SecretStore(service, backend)
        for name in (*SECRET_NAMES, KEETA_TOKEN_TIMES):
            if store.get(name) is not None:
                store.delete(name)
                removed += 1
    return removed
