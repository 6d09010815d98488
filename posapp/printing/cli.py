"""``posapp print-test --printer URI --encoding big5|gb18030|raster``: print the guided test page."""

from __future__ import annotations

import argparse
import sys

from posapp.cli_args import OneLineParser, fail, printer_profile, printer_uri, seconds
from posapp.printing.escpos_render import DEFAULT_PROFILE, Encoding
from posapp.printing.layouts import test_page
from posapp.printing.printers import Printer, PrintError, send_ticket

PROG = "posapp print-test"


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Print the test page (測試 / TEST). Keep the encoding whose Chinese line reads right.",
    )
    parser.add_argument(
        "--printer",
        type=printer_uri,
        required=True,
        help="tcp://host:9100, usb://vid:pid (hex), serial:///dev/ttyUSB0, win32://Printer Name, pdf:///path.pdf",
    )
    parser.add_argument("--encoding", required=True, choices=[e.value for e in Encoding])
    parser.add_argument(
        "--profile",
        type=printer_profile,
        default=DEFAULT_PROFILE,
        help="python-escpos printer profile (paper width)",
    )
    parser.add_argument(
        "--timeout", type=seconds, default=5.0, help="seconds to wait for the printer to answer"
    )
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    printer = Printer(
        name="",  # messages then say "printer at host:port"
        uri=args.printer,
        encoding=Encoding(args.encoding),
        profile=args.profile,
        connect_timeout=args.timeout,
    )
    try:
        printed = send_ticket(printer, test_page(args.encoding, args.printer))
    except PrintError as exc:
        return fail(PROG, str(exc))
    status = "printer reported ready" if printed.confirmed else "sent (the printer reports no status)"
    sys.stdout.write(f"test page ({args.encoding}) to {args.printer}: {status}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
