"""Start at login: the XDG autostart entry here; the Windows Run key is exercised on a Windows runner."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from posapp.runtime import autostart
from posapp.runtime.autostart import XdgAutostart


def test_xdg_entry_is_written_and_removed(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path)
    assert not entry.enabled()
    entry.enable(["/opt/posapp/posapp"])
    assert entry.enabled()
    text = (tmp_path / "autostart" / "posapp.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/posapp/posapp\n" in text and "Type=Application" in text
    entry.disable()
    assert not entry.enabled()
    entry.disable()  # twice is fine


def test_exec_line_quotes_paths_with_spaces(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path)
    entry.enable(["/home/a b/venv/bin/python", "-m", "posapp"])
    exec_line = next(
        line for line in entry.path.read_text(encoding="utf-8").splitlines() if line.startswith("Exec=")
    )
    assert shlex.split(exec_line.removeprefix("Exec=")) == ["/home/a b/venv/bin/python", "-m", "posapp"]


def test_launch_command_from_a_checkout_runs_the_module() -> None:
    assert autostart.launch_command() == [sys.executable, "-m", "posapp"]


def test_cli_switches_start_at_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from posapp.__main__ import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert main(["--start-at-login", "on"]) == 0
    assert (tmp_path / "autostart" / "posapp.desktop").exists()
    assert main(["--start-at-login", "off"]) == 0
    assert not (tmp_path / "autostart" / "posapp.desktop").exists()
