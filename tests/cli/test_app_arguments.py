"""``posapp`` (the app and the demo): each bad value is one line naming it and what to do, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from posapp.__main__ import main
from tests.cli.outcome import run


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "passwd"
    path.write_text("not a folder")
    return path


def test_a_file_given_as_the_data_folder(a_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, ["--data-dir", str(a_file)], capsys)
    assert seen.code == 2
    assert "--data-dir" in seen.line and "is a file, not a folder" in seen.line


@pytest.mark.skipif(
    not Path("/proc/self").is_dir(), reason="needs Linux /proc: a folder nothing can create in"
)
def test_a_data_folder_that_cannot_be_created(capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, ["--data-dir", "/proc/nope"], capsys)
    assert seen.code == 2
    assert "/proc/nope" in seen.line and "choose a folder" in seen.line


def test_a_missing_data_folder_is_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new" / "shop"
    seen = run(main, ["--data-dir", str(folder), "--snapshot", str(tmp_path / "shots")], capsys)
    assert seen.code == 2 and "--snapshot needs --demo" in seen.line
    assert folder.is_dir()


def test_a_snapshot_folder_that_is_a_file(a_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, ["--demo", "--snapshot", str(a_file / "shots")], capsys)
    assert seen.code == 2 and "--snapshot" in seen.line and "is a file" in seen.line


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--duration", "-1"], "negative"),
        (["--duration", "abc"], "not a number of seconds"),
        (["--duration", "inf"], "finite"),
        (["--start-at-login", "maybe"], "invalid choice"),
        (["--no-such-option"], "unrecognized arguments"),
    ],
)
def test_odd_values(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, argv, capsys)
    assert seen.code == 2
    assert words in seen.line and seen.line.startswith("posapp: ") and "posapp --help" in seen.line


def test_the_installed_command_prints_no_traceback(a_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "posapp", "--data-dir", str(a_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
