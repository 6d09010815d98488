"""Command line entry: the cashier app, the demo, and the simulator / relay / printer tools.

``posapp sim …``, ``posapp relay …`` and ``posapp print-test …`` hand their arguments to their own
modules, so each tool parses only what it owns (contract.md lists them).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from posapp import __version__
from posapp.cli_args import OneLineParser, seconds_or_zero, writable_folder

if TYPE_CHECKING:
    from posapp.demo.scenes import SnapshotRequest

TOOLS = {
    "sim": "posapp.sim.cli",
    "relay": "posapp.relay.cli",
    "print-test": "posapp.printing.cli",
}


def _app_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="posapp",
        description="Point-of-sale companion for Keeta orders, Zeek couriers and thermal tickets.",
        epilog="Tools: posapp sim --help | posapp relay --help | posapp print-test --help",
    )
    parser.add_argument("--version", action="version", version=f"posapp {__version__}")
    parser.add_argument("--demo", action="store_true", help="run against the built-in platform simulator")
    parser.add_argument(
        "--snapshot", type=writable_folder, metavar="DIR", help="with --demo: write screenshots, exit"
    )
    parser.add_argument(
        "--size", metavar="WxH", help="with --snapshot: window size (default 1366x768, at least 1024x768)"
    )
    parser.add_argument("--lang", choices=["en", "zh_HK"], help="with --snapshot: language (default en)")
    parser.add_argument(
        "--scene",
        choices=["rush", "late", "first-run", "busy", "10k"],
        help="with --snapshot: the moment shown (default rush)",
    )
    parser.add_argument(
        "--data-dir", type=writable_folder, help="keep all files in this folder (default: user folders)"
    )
    parser.add_argument(
        "--duration", type=seconds_or_zero, default=0, help="with --demo: stop after this many seconds"
    )
    parser.add_argument("--verbose", action="store_true", help="debug logging")
    parser.add_argument(
        "--smoke", action="store_true", help="check an install: database, keyring, main window; exit"
    )
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="try each part: sound, speech, PDF, serial, USB, keyring, map, languages; exit",
    )
    parser.add_argument(
        "--forget-secrets", action="store_true", help="remove posapp's secrets from the OS keyring; exit"
    )
    parser.add_argument(
        "--start-at-login", choices=["on", "off"], help="start posapp when this user logs in; exit"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in TOOLS:
        tool = importlib.import_module(TOOLS[args[0]])
        return int(tool.main(args[1:]))
    options = _app_parser().parse_args(args)
    if options.smoke:
        from posapp.app import run_smoke

        return run_smoke()
    if options.selftest:
        from posapp.app import run_selftest

        return run_selftest()
    if options.forget_secrets:
        from posapp.runtime.forget import forget_secrets

        print(f"posapp: removed {forget_secrets()} secret(s) from the keyring")
        return 0
    if options.start_at_login:
        return _start_at_login(options.start_at_login == "on")
    shot_options = [name for name in ("size", "lang", "scene") if getattr(options, name) is not None]
    if shot_options and options.snapshot is None:
        _app_parser().error(f"--{shot_options[0]} needs --demo --snapshot DIR")
    if options.demo:
        from posapp.demo.runner import run_demo

        return run_demo(options.data_dir, _snapshot_request(options), options.duration, options.verbose)
    if options.snapshot is not None:
        _app_parser().error("--snapshot needs --demo")
    from posapp.app import run_app

    return run_app(options.data_dir, options.verbose)


def _snapshot_request(options: argparse.Namespace) -> SnapshotRequest | None:
    from posapp.demo.scenes import DEFAULT_SIZE, SnapshotRequest, window_size

    if options.snapshot is None:
        return None
    try:
        size = window_size(options.size) if options.size else DEFAULT_SIZE
    except argparse.ArgumentTypeError as exc:
        _app_parser().error(f"--size {exc}")
    return SnapshotRequest(options.snapshot, size, options.lang or "en", options.scene or "rush")


def _start_at_login(enable: bool) -> int:
    from posapp.runtime import autostart

    entry = autostart.for_this_platform()
    if enable:
        entry.enable(autostart.launch_command())
    else:
        entry.disable()
    print(f"posapp starts at login: {'on' if entry.enabled() else 'off'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
