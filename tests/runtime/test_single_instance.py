"""One posapp per user and data folder: a second launch raises the first window and exits at once."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from pytestqt.qtbot import QtBot

from posapp.ui.single_instance import claim, notify_running, server_name
from tests.runtime.helpers import child_env, set_up_shop, spawn, wait_for_text

TEST_KEYRING = {"PYTHON_KEYRING_BACKEND": "posapp.runtime.smoke.SmokeKeyring"}


def test_second_launch_exits_and_the_first_window_comes_to_the_front(tmp_path: Path) -> None:
    set_up_shop(tmp_path)
    log_file = tmp_path / "logs" / "posapp.log"
    first = spawn(["-m", "posapp", "--data-dir", str(tmp_path)], **TEST_KEYRING)
    try:
        wait_for_text(log_file, "posapp ready: main window shown", first)
        started = time.monotonic()
        second = subprocess.run(
            [first.args[0], "-m", "posapp", "--data-dir", str(tmp_path)],  # type: ignore[index]
            env=child_env(**TEST_KEYRING),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0
        assert time.monotonic() - started < 20  # it exits at once, without opening the cache or a window
        assert "posapp is already running" in second.stderr
        assert "posapp ready" not in second.stderr
        log = wait_for_text(log_file, "window brought to the front for a second launch", first)
        assert log.count("posapp ready: main window shown") == 1
        assert first.poll() is None  # the first one keeps running
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(20)


def test_other_data_folders_get_their_own_instance(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")


def test_a_running_guard_is_told_to_raise(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path)
    guard = claim(name)
    assert guard is not None
    try:
        with qtbot.waitSignal(guard.activated, timeout=5000):
            assert claim(name) is None  # the second claim finds the first and asks it to raise
    finally:
        guard.close()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_a_socket_file_left_by_a_crash_is_taken_over(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path)
    stale = Path(QDir.tempPath()) / name
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(str(stale))  # bound, never listening: what a killed instance leaves behind
    leftover.close()
    try:
        assert not notify_running(name, timeout_ms=300)
        guard = claim(name)
        assert guard is not None
        try:
            with qtbot.waitSignal(guard.activated, timeout=5000):
                assert notify_running(name)
        finally:
            guard.close()
    finally:
        stale.unlink(missing_ok=True)


def test_after_a_crash_the_next_launch_becomes_the_instance(tmp_path: Path) -> None:
    """After the first instance is killed, the next launch becomes the instance (no stale lock)."""
    set_up_shop(tmp_path)
    log_file = tmp_path / "logs" / "posapp.log"
    first = spawn(["-m", "posapp", "--data-dir", str(tmp_path)], **TEST_KEYRING)
    try:
        wait_for_text(log_file, "posapp ready: main window shown", first)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(20)
    again = spawn(["-m", "posapp", "--data-dir", str(tmp_path)], **TEST_KEYRING)
    try:
        text = wait_for_text(log_file, "posapp ready: main window shown", again, times=2)
        assert "posapp is already running" not in text
    finally:
        again.send_signal(signal.SIGKILL)
        again.wait(20)


def test_a_computer_with_no_settings_opens_the_first_run_setup(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "posapp.log"
    first = spawn(["-m", "posapp", "--data-dir", str(tmp_path)], **TEST_KEYRING)
    try:
        text = wait_for_text(log_file, "first-run setup shown", first)
        assert "posapp ready: main window shown" not in text  # no empty board before the shop is set up
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(20)
