"""``posapp relay`` and its admin commands: bad values are one line and exit 2 before anything binds or
opens; a database or port that fails is one line and exit 1."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from posapp.__main__ import main
from tests.cli.outcome import run
from tests.printing.recorder import closed_port

SERVE = ["relay", "--public-url", "https://relay.example", "--keeta-app-id", "1", "--keeta-secret", "s"]


@pytest.fixture(autouse=True)
def no_relay_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("POSAPP_RELAY_KEY", "POSAPP_RELAY_KEETA_SECRET", "POSAPP_RELAY_ZEEK_SECRET"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_a_port_above_65535_is_refused_not_wrapped(capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, [*SERVE, "--port", "70000"], capsys)
    assert seen.code == 2 and "70000 is not a port; give a port from 1 to 65535" in seen.line


def test_an_unsupported_database(capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, [*SERVE, "--db", "mysql://foo"], capsys)
    assert seen.code == 2 and "sqlite:///" in seen.line and "postgresql://" in seen.line


def test_a_missing_database_folder_is_named_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "no" / "such"
    seen = run(main, [*SERVE, "--db", f"sqlite:///{folder}/relay.db"], capsys)
    assert seen.code == 2 and f"the folder {folder} does not exist" in seen.line
    assert not folder.exists() and not folder.parent.exists()


def test_a_folder_given_as_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, ["relay", "list-stores", "--db", f"sqlite:///{tmp_path}"], capsys)
    assert seen.code == 2 and "is a folder" in seen.line


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--port", "0"], "0 is not a port"),
        (["--port", "http"], "not a whole number"),
        (["--heartbeat", "0"], "must be more than 0 seconds"),
        (["--reread", "-5"], "must be more than 0 seconds"),
        (["--keep-days", "nan"], "not a number of days"),
        (["--log-level", "loud"], "invalid choice"),
        (["--public-url", "relay.example"], "is not a web address"),
        (["--keeta-app-id", "-1"], "must be above 0"),
        (["--zeek-appid", "x"], "not a whole number"),
    ],
)
def test_odd_serve_values(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, [*SERVE, *argv], capsys)
    assert seen.code == 2 and words in seen.line and "(see posapp relay --help)" in seen.line


def test_required_options_are_named_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, ["relay"], capsys)
    assert seen.code == 2 and "--public-url" in seen.line and "--keeta-app-id" in seen.line


def test_a_busy_port_is_found_before_the_database_is_touched(
    tmp_path: Path, taken_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "relay.db"
    seen = run(main, [*SERVE, "--port", str(taken_port), "--db", f"sqlite:///{db}"], capsys)
    assert seen.code == 1 and f"port {taken_port} on 127.0.0.1 is already in use" in seen.line
    assert not db.exists()


def test_a_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("x" * 4096)
    for argv in ([*SERVE, "--port", str(closed_port())], ["relay", "list-stores"]):
        seen = run(main, [*argv, "--db", f"sqlite:///{junk}"], capsys)
        assert seen.code == 1 and "is not a SQLite database" in seen.line


def test_postgres_that_is_not_running(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://posapp:hunter2@127.0.0.1:{closed_port()}/relay"
    seen = run(main, ["relay", "list-stores", "--db", url], capsys)
    assert seen.code == 1 and "refused the connection; is PostgreSQL running" in seen.line
    assert "hunter2" not in seen.err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["add-store", "--shop-id", "-3", "--name", "x"], "must be above 0"),
        (["add-store", "--shop-id", "7"], "required: --name"),
        (["revoke-store", "--shop-id", "seven"], "not a whole number"),
        (["set-gateway", "--shop-id", "7", "--keeta-base-url", "ftp://x"], "is not a web address"),
        (["set-gateway", "--shop-id", "7", "--keeta-token-expires-at", "-1"], "epoch seconds"),
        (["list-stores", "--db", "mysql://x"], "is not a database this relay can use"),
    ],
)
def test_odd_admin_values(
    argv: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", f"sqlite:///{tmp_path}/relay.db"] if "--db" not in argv else []
    seen = run(main, ["relay", *argv, *db], capsys)
    assert seen.code == 2 and words in seen.line and f"posapp relay {argv[0]}" in seen.line


def test_revoking_an_unknown_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(
        main, ["relay", "revoke-store", "--shop-id", "5", "--db", f"sqlite:///{tmp_path}/r.db"], capsys
    )
    assert seen.code == 1 and "no active store with shop id 5; see list-stores" in seen.line


def test_the_relay_process_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "posapp.relay", *SERVE[1:], "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
