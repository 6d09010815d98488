"""The locks (packaging/locks.py) match pyproject.toml, cover Windows, and keep Qt off the relay."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

locks = importlib.import_module("locks")

ROOT = Path(__file__).resolve().parents[2]


def test_every_lock_was_generated_from_the_current_pyproject() -> None:
    problems = locks.stale()
    assert not problems, (
        "The dependency locks are out of date with pyproject.toml:\n  "
        + "\n  ".join(problems)
        + f"\nRegenerate them (needs the network) and commit the result:\n  {locks.REGENERATE}"
    )


def test_a_dependency_added_to_pyproject_makes_the_locks_stale(tmp_path: Path) -> None:
    for lock in locks.locks(ROOT):
        target = tmp_path / lock.path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(lock.path, target)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert locks.stale(tmp_path) == []
    changed = text.replace('"httpx>=0.27",', '"httpx>=0.27", "example-new-dependency>=1",', 1)
    assert changed != text
    (tmp_path / "pyproject.toml").write_text(changed, encoding="utf-8")
    problems = locks.stale(tmp_path)
    assert [p.split(" ")[0] for p in problems] == [
        "packaging/requirements-dev.txt",
        "packaging/requirements-build.txt",
    ]  # fmt: skip  (the relay lock takes only what RELAY_DISTRIBUTIONS names)


def test_shipped_versions_are_the_tested_versions() -> None:
    dev = locks.pins(ROOT / "packaging/requirements-dev.txt")
    for path in ("packaging/requirements-build.txt", "packaging/relay/requirements.txt"):
        for name, (version, _) in locks.pins(ROOT / path).items():
            assert dev[name][0] == version, f"{path}: {name} {version}, tests ran {dev[name][0]}"


def test_the_relay_lock_has_no_qt() -> None:
    relay = locks.pins(ROOT / "packaging/relay/requirements.txt")
    assert "uvicorn" in relay and "asyncpg" in relay
    assert not {name for name in relay if name.startswith(("pyside6", "shiboken6", "qasync"))}


def test_windows_pins_follow_the_markers() -> None:
    windows = {pin.split("==")[0] for pin in locks.windows_pins(ROOT / "packaging/requirements-build.txt")}
    assert {"pywin32", "pywin32-ctypes", "pyside6-essentials", "libusb-package"} <= windows
    assert "uvloop" not in windows  # no Windows build; the relay's event loop falls back to asyncio
    linux = locks.pins(ROOT / "packaging/requirements-build.txt")
    assert "sys_platform == 'win32'" in linux["pywin32"][1]
