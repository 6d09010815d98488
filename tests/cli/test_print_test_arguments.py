"""``posapp print-test``: addresses checked before anything is sent; a printer that cannot print says
why in words (refused, not a printer, cover open, out of paper), not as an errno or a status byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from posapp.__main__ import main
from tests.cli.outcome import run
from tests.printing.recorder import COVER_OPEN, OFFLINE, PAPER_OUT, PrinterServer, closed_port


def _print_test(uri: str, *more: str) -> list[str]:
    return ["print-test", "--printer", uri, "--encoding", "big5", *more]


@pytest.mark.parametrize(
    ("uri", "words"),
    [
        ("tcp://127.0.0.1:99999", "use tcp://host:9100"),
        ("tcp://:9100", "use tcp://host:9100"),
        ("usb://zz:1", "usb://vendor:product in hex"),
        ("serial://", "names no port"),
        ("lpt://1", "unknown printer address"),
    ],
)
def test_malformed_addresses(uri: str, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, _print_test(uri), capsys)
    assert seen.code == 2 and "argument --printer" in seen.line and words in seen.line


def test_a_pdf_in_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "nonexistent" / "dir"
    seen = run(main, _print_test(f"pdf://{folder}/x.pdf"), capsys)
    assert seen.code == 2 and f"the folder {folder} does not exist" in seen.line
    assert not folder.exists()


@pytest.mark.parametrize(
    ("more", "words"),
    [
        (["--profile", "nosuch"], "not a known printer model"),
        (["--timeout", "0"], "must be more than 0 seconds"),
        (["--timeout", "nan"], "finite"),
    ],
)
def test_odd_options(more: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    seen = run(main, _print_test("tcp://127.0.0.1:9100", *more), capsys)
    assert seen.code == 2 and words in seen.line


def test_a_printer_that_is_off(capsys: pytest.CaptureFixture[str]) -> None:
    port = closed_port()
    seen = run(main, _print_test(f"tcp://127.0.0.1:{port}", "--timeout", "1"), capsys)
    assert seen.code == 1
    assert seen.line == (
        f"posapp print-test: printer at 127.0.0.1:{port} refused the connection; "
        "is it on and is the address right?"
    )


def test_a_device_that_is_not_a_printer(
    printer_server: PrinterServer, capsys: pytest.CaptureFixture[str]
) -> None:
    printer_server.recorder.status = 0x48  # "H" of a web server's "HTTP/1.1 400"
    seen = run(main, _print_test(printer_server.uri), capsys)
    assert seen.code == 1 and "answered, but not like a receipt printer; is the address right?" in seen.line
    assert "0x48" not in seen.line and printer_server.recorder.tickets == []


def test_an_open_cover_is_said_in_words(
    printer_server: PrinterServer, capsys: pytest.CaptureFixture[str]
) -> None:
    printer_server.recorder.status = OFFLINE
    printer_server.recorder.offline_cause = COVER_OPEN
    seen = run(main, _print_test(printer_server.uri), capsys)
    assert seen.code == 1 and "is offline: the cover is open; close it" in seen.line
    assert printer_server.recorder.tickets == []


def test_no_paper_is_said_in_words(printer_server: PrinterServer, capsys: pytest.CaptureFixture[str]) -> None:
    printer_server.recorder.paper = PAPER_OUT
    seen = run(main, _print_test(printer_server.uri), capsys)
    assert seen.code == 1 and "is out of paper; load a new roll" in seen.line
