"""Secrets only in a real system keyring: plain-text files, the fail/null backends and anything keyring
itself ranks below a system keyring are refused with a reason; tests and the demo say "in memory"."""

from __future__ import annotations

import asyncio
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyrings.alt.file import EncryptedKeyring, PlaintextKeyring
from pytestqt.qtbot import QtBot

from posapp.runtime.drill import CheckResult, CheckState
from posapp.secrets import MemorySecretStore, SecretStore, SecretsUnavailable, refusal, system_keyring
from posapp.session import drill_for
from posapp.settings import Settings
from posapp.ui.alerts import Chime
from posapp.ui.opening_drill import DrillChecks
from posapp.ui.settings_dialog import SettingsDialog
from tests.conftest import MemoryKeyring


class LowKeyring(MemoryKeyring):
    priority = 0.5  # type: ignore[assignment]


@pytest.fixture
def plaintext(tmp_path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    return backend


def test_a_plain_text_file_keyring_is_refused_and_nothing_is_written(
    plaintext: PlaintextKeyring, tmp_path: Path
) -> None:
    keyring.set_keyring(plaintext)
    store = SecretStore("posapp-test")
    with pytest.raises(SecretsUnavailable) as refused:
        store.set("keeta_token", "s3cret-token-value")
    assert "plain file" in refused.value.problem and "PlaintextKeyring" in refused.value.problem
    assert not (tmp_path / "keyring_pass.cfg").exists()
    with pytest.raises(SecretsUnavailable):
        store.get("keeta_token")


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), LowKeyring()])
def test_fail_null_and_low_priority_backends_are_refused(backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    with pytest.raises(SecretsUnavailable) as refused:
        SecretStore().check()
    assert type(backend).__name__ in refused.value.problem


def test_an_encrypted_file_backend_from_keyrings_alt_is_refused_too() -> None:
    backend = EncryptedKeyring.__new__(EncryptedKeyring)  # its constructor wants a crypto library
    assert refusal(backend) is not None


def test_a_chain_uses_its_best_real_keyring_and_never_the_file_below_it(plaintext: PlaintextKeyring) -> None:
    real = MemoryKeyring()

    class Chain(chainer.ChainerBackend):
        backends = (real, plaintext)  # type: ignore[assignment]

    assert system_keyring(Chain()) is real

    class FileOnly(chainer.ChainerBackend):
        backends = (plaintext,)  # type: ignore[assignment]

    with pytest.raises(SecretsUnavailable):
        system_keyring(FileOnly())


def test_a_system_keyring_is_used(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore("posapp-test")
    store.set("relay_token", "value")
    assert memory_keyring.secrets[("posapp-test", "relay_token")] == "value"
    assert store.get("relay_token") == "value"
    assert store.check() == "MemoryKeyring"


def test_the_memory_store_is_explicit_and_touches_no_keyring(memory_keyring: MemoryKeyring) -> None:
    keyring.set_keyring(fail.Keyring())  # no keyring at all: the memory store does not care
    store = MemorySecretStore()
    store.set("keeta_token", "t")
    assert store.get("keeta_token") == "t"
    store.delete("keeta_token")
    store.delete("keeta_token")  # deleting what is not there is fine
    assert store.get("keeta_token") is None
    assert memory_keyring.secrets == {}


async def test_settings_and_the_opening_drill_say_why_the_store_was_refused(
    qtbot: QtBot, plaintext: PlaintextKeyring, memory_keyring: MemoryKeyring
) -> None:
    keyring.set_keyring(plaintext)
    dialog = SettingsDialog(Settings(), SecretStore())
    qtbot.addWidget(dialog)
    assert dialog.secrets_locked and "plain file" in dialog.problem.text()

    async def unused() -> CheckResult:
        return CheckResult(CheckState.SKIPPED, "")

    chime = Chime.__new__(Chime)
    chime.problem = "no sound"  # the sound row is not what this test looks at
    drill = drill_for(DrillChecks(unused, unused, False, chime, SecretStore()), {})
    qtbot.addWidget(drill)
    drill.run_all()
    await asyncio.gather(*drill.tasks)
    row = drill.rows["secrets"]
    assert row.title.text() == "Password store" and row.state.text() == "✖"
    assert "plain file" in row.detail.text() and "PlaintextKeyring" in row.detail.text()

    keyring.set_keyring(memory_keyring)  # a system keyring appears; "Try again" turns the row green
    row.button.click()
    await asyncio.gather(*drill.tasks)  # the keyring is asked in a worker thread, never on the GUI thread
    assert row.state.text() == "✔" and "MemoryKeyring" in row.detail.text()
