"""``posapp --demo --snapshot DIR --size WxH --lang L --scene S`` (contract.md): options and one real run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from posapp.__main__ import main
from tests.runtime.helpers import ROOT, child_env


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--scene", "late"], "--scene needs --demo --snapshot DIR"),
        (["--demo", "--snapshot", "x", "--size", "800x600"], "between 1024x768"),
        (["--demo", "--snapshot", "x", "--size", "big"], "not a size like 1366x768"),
        (["--demo", "--snapshot", "x", "--scene", "party"], "invalid choice"),
    ],
)
def test_bad_snapshot_options_are_one_usage_line(
    args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    assert words in capsys.readouterr().err


def test_late_scene_in_chinese_at_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-m", "posapp", "--demo", "--snapshot", str(out), "--size", "1024x768",
         "--lang", "zh_HK", "--scene", "late", "--data-dir", str(tmp_path / "data")],
        cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=110,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    board = QImage(str(out / "board.png"))
    assert (board.width(), board.height()) == (1024, 768)
    assert {"board.png", "detail.png", "settings.png", "history.png"} <= {p.name for p in out.iterdir()}
