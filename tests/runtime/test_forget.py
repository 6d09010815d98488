"""``posapp --forget-secrets`` (run by the Windows uninstaller) leaves no secret of posapp's behind."""

from __future__ import annotations

from posapp.runtime.forget import DEMO_SERVICE, forget_secrets
from posapp.runtime.smoke import SmokeKeyring
from posapp.secrets import SERVICE
from posapp.settings import SECRET_NAMES


def test_every_stored_secret_of_the_shop_and_the_demo_is_removed_and_others_are_kept() -> None:
    memory = SmokeKeyring()
    for name in SECRET_NAMES[:3]:
        memory.set_password(SERVICE, name, "s3cret-" + name)
    memory.set_password(DEMO_SERVICE, SECRET_NAMES[0], "demo")
    memory.set_password("another-app", SECRET_NAMES[0], "not ours")
    assert forget_secrets(backend=memory) == 4
    assert all(memory.get_password(SERVICE, name) is None for name in SECRET_NAMES)
    assert memory.get_password(DEMO_SERVICE, SECRET_NAMES[0]) is None
    assert memory.get_password("another-app", SECRET_NAMES[0]) == "not ours"
    assert forget_secrets(backend=memory) == 0
