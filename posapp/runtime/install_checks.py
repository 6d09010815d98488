"""The parts of an install that need no screen: serial printing, the USB back end, the keyring.

Shared by ``posapp --selftest`` (every check, one line each) and the opening drill. Each answers a
:class:`~posapp.runtime.drill.CheckResult`: OK, PROBLEM (a part is missing or broken) or SKIPPED (clearly
absent on this computer and not needed, e.g. no pseudo-terminal on Windows).
"""

from __future__ import annotations

import os
import secrets
import select
import sys
import time

from posapp.runtime.drill import CheckResult, CheckState

SELFTEST_SERVICE = "posapp-selftest"
ESC_INIT = b"\x1b@"


def check_serial_printer(timeout_s: float = 5.0) -> CheckResult:
    """Prints the test page through pyserial to a pseudo-terminal and reads it back on the other end:
    the same path (``serial://``, python-escpos, pyserial) a shop's RS-232 printer takes."""
    from posapp.printing.escpos_render import Encoding
    from posapp.printing.layouts import test_page
    from posapp.printing.printers import Printer, PrintError, send_ticket

    if sys.platform == "win32" or not hasattr(os, "openpty"):
        import serial  # type: ignore[import-untyped]

        return CheckResult(CheckState.SKIPPED, f"pyserial {serial.VERSION} loaded (no pseudo-terminal here)")
    import tty

    controller, device = os.openpty()
    try:
        tty.setraw(device)  # a printer port passes bytes through; a terminal would translate them
        printer = Printer(name="selftest", uri=f"serial://{os.ttyname(device)}", encoding=Encoding.BIG5)
        try:
            send_ticket(printer, test_page(Encoding.BIG5.value, printer.uri))
        except PrintError as exc:
            return CheckResult(CheckState.PROBLEM, f"serial printing failed: {exc}")
        received = _read_available(controller, timeout_s)
    finally:
        os.close(controller)
        os.close(device)
    expected = "測試".encode("big5")
    if not received.startswith(ESC_INIT) or expected not in received:
        return CheckResult(CheckState.PROBLEM, f"the serial port got {len(received)} unexpected bytes")
    return CheckResult(CheckState.OK, f"test page ({len(received)} bytes, Big5) went through a serial port")


def _read_available(fd: int, timeout_s: float) -> bytes:
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout_s
    idle_s = 0.3  # the whole page is written before send_ticket() returns: a short quiet means it is all here
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], idle_s if chunks else deadline - time.monotonic())
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def check_usb_backend() -> CheckResult:
    from posapp.printing.usb_backend import describe_backend

    try:
        library = describe_backend()
    except (ImportError, OSError, RuntimeError) as exc:
        return CheckResult(CheckState.PROBLEM, f"USB printing unavailable: {exc}")
    return CheckResult(CheckState.OK, f"libusb loaded ({os.path.basename(library)})")


def check_keyring() -> CheckResult:
    """A real OS keyring (Secret Service, Credential Manager, Keychain) that stores and returns a secret:
    the same refusal of plain-text, null and fallback stores as the app's (posapp/secrets.py)."""
    from posapp.secrets import SecretStore, SecretsUnavailable, system_keyring

    store, value = SecretStore(SELFTEST_SERVICE), secrets.token_urlsafe(16)
    try:
        backend = system_keyring()
        store.set("selftest", value)
        read_back = store.get("selftest")
        store.delete("selftest")
    except SecretsUnavailable as exc:
        return CheckResult(CheckState.PROBLEM, f"no real keyring: {exc.problem}")
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if read_back != value:
        return CheckResult(CheckState.PROBLEM, f"{name} returned another value than it was given")
    return CheckResult(CheckState.OK, f"{name} stored and returned a secret")
