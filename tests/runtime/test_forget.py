"""``posapp --forget-secrets`` (run by the Windows uninstaller) leaves no secret of posapp's behind."""

from __future__ import annotations

import keyring

from posapp.runtime.forget import DEMO_SERVICE, forget_secrets
from posapp.runtime.smoke import SmokeKeyring
from posapp.secrets import SERVICE
from posapp.settings import SECRET_NAMES


def test_every_stored_secret_of_the_shop_and_the_demo_is_removed_and_others_are_kept() -> None:
    previous = keyring.get_keyring()
    memory = SmokeKeyring()
    keyring.set_keyring(memory)
    try:
        for name in SECRET_NAMES[:3]:
            keyring.set_password(SERVICE, name, "s3cret-" + name)
        keyring.set_password(DEMO_SERVICE, SECRET_NAMES[0], "demo")
        keyring.set_password("another-app", SECRET_NAMES[0], "not ours")
        assert forget_secrets() == 4
        assert all(keyring.get_password(SERVICE, name) is None for name in SECRET_NAMES)
        assert keyring.get_password(DEMO_SERVICE, SECRET_NAMES[0]) is None
        assert keyring.get_password("another-app", SECRET_NAMES[0]) == "not ours"
        assert forget_secrets() == 0
    finally:
        keyring.set_keyring(previous)
