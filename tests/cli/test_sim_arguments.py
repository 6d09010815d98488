"""``posapp sim``: ports checked before anything binds, one line per problem."""

from __future__ import annotations

import socket

import pytest

from posapp.__main__ import main
from tests.cli.outcome import run


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--port", "99999"], "99999 is not a port; give a port from 1 to 65535, or 0 for any free port"),
        (["--port", "-1"], "-1 is not a port"),
        (["--port", "abc"], "'abc' is not a whole number"),
        (["--webhook-url", "not-a-url"], "is not a web address"),
        (["--zeek-callback-url", "ftp://x/y"], "is not a web address"),
        (["--app-id", "0"], "must be above 0"),
        (["--shop-id", "99999999999999999999999"], "too large"),
        (["--seed", "x"], "not a whole number"),
    ],
)
def test_bad_values_are_usage_errors(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, ["sim", *argv], capsys)
    assert seen.code == 2
    assert seen.line.startswith("posapp sim: argument ") and words in seen.line
    assert seen.out == ""  # no banner claiming to listen


def test_a_busy_port_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        seen = run(main, ["sim", "--port", str(port)], capsys)
    assert seen.code == 1 and seen.out == ""
    assert f"port {port} on 127.0.0.1 is already in use" in seen.line and "choose another --port" in seen.line


def test_an_address_that_is_not_this_computers(capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, ["sim", "--host", "203.0.113.9", "--port", "18999"], capsys)  # TEST-NET-3
    assert seen.code == 1 and "not an address of this computer" in seen.line
