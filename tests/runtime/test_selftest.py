"""``posapp --selftest`` and its checks: each part is tried for real and a missing one fails its line."""

from __future__ import annotations

import subprocess
import sys

import keyring
import pytest
from keyring.backends import fail

from posapp.runtime.drill import CheckState
from posapp.runtime.install_checks import check_keyring, check_serial_printer, check_usb_backend
from tests.runtime.helpers import ROOT, child_env

needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminal on Windows")


@needs_pty
def test_serial_check_reads_the_test_page_back_from_a_pty() -> None:
    result = check_serial_printer()
    assert result.state is CheckState.OK, result.detail
    assert "Big5" in result.detail


def test_usb_check_loads_the_shipped_libusb() -> None:
    result = check_usb_backend()
    assert result.state is CheckState.OK, result.detail
    assert "libusb" in result.detail


def test_keyring_check_refuses_a_keyring_that_keeps_nothing() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        result = check_keyring()
    finally:
        keyring.set_keyring(previous)
    assert result.state is CheckState.PROBLEM
    assert "keyring.backends.fail" in result.detail


def test_selftest_prints_one_line_per_part_and_fails_on_a_missing_one() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "posapp", "--selftest"],
        cwd=ROOT,
        env=child_env(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"),
        capture_output=True,
        text=True,
        timeout=110,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("selftest: ")]
    parts = [line.split()[1] for line in lines[:-1]]
    assert parts == [
        "chime", "speech", "ticket-pdf", "serial-printer", "usb-backend", "keyring", "map", "translations"
    ]  # fmt: skip
    by_part = dict(zip(parts, lines[:-1], strict=True))
    for part in ("ticket-pdf", "usb-backend", "map", "translations"):
        assert by_part[part].startswith(f"selftest: {part} ok"), by_part[part]
    assert by_part["keyring"].startswith("selftest: keyring FAILED")
    assert done.returncode == 1
    assert lines[-1].startswith("selftest: FAILED") and "keyring" in lines[-1]
