"""README's set-up line names every Debian package CI installs, and its commands install from the locks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _ci_packages() -> set[str]:
    text = (ROOT / ".ci/run").read_text(encoding="utf-8")
    block = text.split("APT_PACKAGES=(\n", 1)[1].split("\n)\n", 1)[0]
    lines = [line.split("#", 1)[0] for line in block.splitlines()]
    return {word for line in lines for word in line.split()}


def _readme_apt_line() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("sudo apt-get install"))
    return {word for word in line.split()[3:] if not word.startswith("-")}


def test_readme_apt_line_is_what_ci_installs() -> None:
    assert _ci_packages()
    assert _readme_apt_line() == _ci_packages()


def test_readme_commands_install_from_the_locks() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    demo = re.search(r"^# 1\..*\n(.*)$", text, re.MULTILINE)
    tests = re.search(r"^# 2\. run the tests\n(.*)$", text, re.MULTILINE)
    assert demo and tests
    assert "--require-hashes -r packaging/requirements-build.txt" in demo.group(1)
    assert "--require-hashes -r packaging/requirements-dev.txt" in tests.group(1)
    for command in (demo.group(1), tests.group(1)):
        assert "--no-deps -e ." in command
