"""``posapp print-test --printer URI --encoding big5|gb18030|raster``: print the guided test page."""

from __future__ import annotations

import argparse
import sys

from posapp.printing.escpos_render import DEFAULT_PROFILE, Encoding
from posapp.printing.layouts import test_page
from posapp.printing.printers import Printer, PrinterAddress, PrintError, send_ticket


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="posapp print-test",
        description="Print the test page (測試 / TEST). Keep the encoding whose Chinese line reads right.",
    )
    parser.add_argument(
        "--printer",
        required=True,
        help="tcp://host:9100, usb://vid:pid (hex), serial:///dev/ttyUSB0, win32://Printer Name, pdf:///path.pdf",
    )
    parser.add_argument("--encoding", required=True, choices=[e.value for e in Encoding])
    parser.add_argument(
        "--profile", default=DEFAULT_PROFILE, help="python-escpos printer profile (paper width)"
    )
    parser.add_argument(
        "--timeout", type=float, default=5.0, help="seconds to wait for the printer to answer"
    )
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        PrinterAddress.parse(args.printer)
    except ValueError as exc:
        sys.stderr.write(f"print-test: {exc}\n")
        return 2
    printer = Printer(
        name="test",
        uri=args.printer,
        encoding=Encoding(args.encoding),
        profile=args.profile,
        connect_timeout=args.timeout,
    )
    try:
        printed = send_ticket(printer, test_page(args.encoding, args.printer))
    except PrintError as exc:
        sys.stderr.write(f"print-test: {exc}\n")
        return 1
    status = "printer reported ready" if printed.confirmed else "sent (the printer reports no status)"
    sys.stdout.write(f"test page ({args.encoding}) to {args.printer}: {status}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
