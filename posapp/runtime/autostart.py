"""Start posapp when the user logs in: the Windows ``Run`` registry key or an XDG autostart entry.

Per user, never machine-wide: the installer is per-user too, and a shop PC may have a staff account.
"""

from __future__ import annotations

import importlib
import logging
import os
import shlex
import sys
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

APP_NAME = "posapp"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def launch_command() -> list[str]:
    """How this very install is started again: the frozen executable, or the interpreter + module."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "posapp"]


class Autostart(Protocol):
    def enabled(self) -> bool: ...
    def enable(self, command: list[str]) -> None: ...
    def disable(self) -> None: ...


class XdgAutostart:
    """``~/.config/autostart/posapp.desktop`` (freedesktop.org Desktop Application Autostart spec)."""

    def __init__(self, config_home: Path | None = None) -> None:
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.path = base / "autostart" / f"{APP_NAME}.desktop"

    def enabled(self) -> bool:
        if not self.path.exists():
            return False
        return "X-GNOME-Autostart-enabled=false" not in self.path.read_text(encoding="utf-8")

    def enable(self, command: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            "[Desktop Entry]\nType=Application\nName=posapp\n"
            f"Exec={shlex.join(command)}\nTerminal=false\nX-GNOME-Autostart-enabled=true\n",
            encoding="utf-8",
        )
        log.info("start at login enabled: %s", self.path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)
        log.info("start at login disabled")


class WindowsAutostart:
    """HKCU\\...\\Run\\posapp — the same value the NSIS installer's start-at-login option writes."""

    def enabled(self) -> bool:
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, APP_NAME)
        except OSError:
            return False
        return True

    def enable(self, command: list[str]) -> None:
        winreg = _winreg()
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, _windows_command(command))
        log.info("start at login enabled (registry Run key)")

    def disable(self) -> None:
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, APP_NAME)
        except FileNotFoundError:
            return
        log.info("start at login disabled (registry Run key)")


def _winreg() -> Any:
    return importlib.import_module("winreg")  # Windows only; imported by name so Linux type checks pass


def _windows_command(command: list[str]) -> str:
    return " ".join(f'"{part}"' if " " in part else part for part in command)


def for_this_platform() -> Autostart:
    return WindowsAutostart() if sys.platform == "win32" else XdgAutostart()
