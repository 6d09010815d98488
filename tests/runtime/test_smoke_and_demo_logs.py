"""``posapp --smoke`` from the checkout, and a whole demo run whose logs hold no secret."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from posapp.sim.config import SimConfig
from tests.runtime.helpers import ROOT, child_env


def _posapp(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "posapp", *args],
        cwd=ROOT,
        env=child_env(**env),
        capture_output=True,
        text=True,
        timeout=110,
    )


def test_smoke_mode_checks_database_keyring_and_window() -> None:
    done = _posapp("--smoke", PYTHON_KEYRING_BACKEND="posapp.runtime.smoke.SmokeKeyring")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("smoke: database ok (schema v") for line in lines)
    assert any(line.startswith("smoke: keyring ok") and "SmokeKeyring" in line for line in lines)
    assert any(line.startswith("smoke: main window rendered") for line in lines)
    assert lines[-1] == "smoke: ok"


def test_smoke_mode_fails_without_a_usable_keyring() -> None:
    done = _posapp("--smoke", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert done.returncode == 1
    assert "smoke: FAILED" in done.stdout


def test_logs_of_a_demo_run_contain_no_secret(tmp_path: Path) -> None:
    done = _posapp("--demo", "--duration", "5", "--data-dir", str(tmp_path), "--verbose")
    assert done.returncode == 0, done.stderr[-3000:]
    log_files = [path for path in (tmp_path / "logs").rglob("*") if path.is_file()]
    text = "".join(path.read_text(encoding="utf-8", errors="replace") for path in log_files)
    assert "keeta webhook" in text or "posapp" in text  # the run really logged something
    sim = SimConfig()
    for secret in (sim.secret, sim.token, sim.zeek_secret):
        assert secret not in text
        assert secret not in done.stderr  # the console handler is filtered the same way


def test_the_demo_shop_prints_its_tickets_as_pdf_files(tmp_path: Path) -> None:
    from posapp.demo.runner import demo_settings
    from posapp.demo.stack import StackInfo
    from posapp.engine.printing_hooks import printer_setup
    from posapp.printing.printers import pdf_target

    info = StackInfo("http://127.0.0.1:1", "http://127.0.0.1:2", "token", SimConfig())
    settings = demo_settings(info, tickets=tmp_path / "tickets")
    setup = printer_setup(settings.printers, settings.station_routes)
    assert setup.receipt == "demo" and setup.routing.stations == ["hot kitchen", "drinks bar"]
    target = Path(pdf_target(setup.printers["demo"].address.path))
    assert target.parent == tmp_path / "tickets" and target.suffix == ".pdf"
    drinks = Path(pdf_target(setup.printers["drinks bar"].address.path))
    assert drinks.parent == tmp_path / "tickets" / "drinks-bar"


def test_a_demo_without_data_dir_leaves_no_folder_in_the_temp_directory(tmp_path: Path) -> None:
    done = _posapp("--demo", "--duration", "2", TMPDIR=str(tmp_path), TEMP=str(tmp_path), TMP=str(tmp_path))
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"data {tmp_path}" in done.stdout  # the demo really used this temp directory
    assert not list(tmp_path.glob("posapp-demo-*"))
