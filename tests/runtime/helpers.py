"""Child processes for the runtime tests: the app's real code in a separate interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def set_up_shop(root: Path) -> Path:
    """A data folder whose shop is already set up (a settings file exists): the app opens its window
    instead of the first-run setup."""
    from posapp.paths import AppPaths
    from posapp.settings import Settings, SettingsFile

    settings = SettingsFile(AppPaths.under(root).ensure().config / "settings.json")
    settings.save(Settings())
    return root


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1", PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def spawn(args: list[str], **extra_env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=child_env(**extra_env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def read_until(process: subprocess.Popen[str], wanted: Callable[[str], bool]) -> list[str]:
    """Reads the child's output line by line (blocking) until a line satisfies ``wanted``."""
    assert process.stdout is not None
    seen: list[str] = []
    for line in process.stdout:
        seen.append(line)
        if wanted(line):
            return seen
    raise AssertionError("child ended before the expected line:\n" + "".join(seen[-40:]))


def wait_for_text(
    path: Path, text: str, process: subprocess.Popen[str], limit: float = 30.0, times: int = 1
) -> str:
    """Waits for ``text`` to appear in a log file the child writes (the file is the only signal)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        content = path.read_text(encoding="utf-8") if path.exists() else ""
        if content.count(text) >= times:
            return content
        if process.poll() is not None:
            break
        time.sleep(0.05)  # polling a file the child writes: the condition itself is checked each round
    raise AssertionError(f"{text!r} never appeared in {path}")
