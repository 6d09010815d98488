"""Printer addresses (``tcp://`` ``usb://`` ``serial://`` ``win32://`` ``pdf://``) and blocking sends.

Everything here blocks: the queue calls :func:`send_ticket` through ``run_in_executor``, never on the Qt
thread. Errors say whether any ticket byte may have reached the printer, because only a job that
certainly did not print may be retried automatically (a kitchen ticket printed twice is food cooked
twice).
"""

from __future__ import annotations

import errno
import itertools
import os
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from posapp.printing.escpos_render import DEFAULT_PROFILE, Encoding, render
from posapp.printing.ticket import Ticket

SCHEMES = ("tcp", "usb", "serial", "win32", "pdf")
DLE_EOT_PRINTER = b"\x10\x04\x01"  # real-time status: bit 3 = offline
DLE_EOT_OFFLINE_CAUSE = b"\x10\x04\x02"  # why it is offline: the bits below
DLE_EOT_PAPER = b"\x10\x04\x04"  # real-time status: bits 5-6 = paper end
_OFFLINE = 0x08
_PAPER_END = 0x60
_COVER_OPEN = 0x04
_FEED_BUTTON = 0x08
_STOPPED_PAPER_END = 0x20
_ERROR = 0x40


class PrintError(Exception):
    """Printed failed. ``maybe_printed`` is True once ticket bytes may have reached the printer."""

    maybe_printed = False


class PrinterUnreachable(PrintError):
    """Could not connect or open the device; nothing was sent."""


class PrinterNotReady(PrintError):
    """The printer answered its status query: offline, out of paper; nothing was sent."""


class PrintUncertain(PrintError):
    """The connection broke while sending: the ticket may be half printed or printed."""

    maybe_printed = True


@dataclass(frozen=True)
class PrinterAddress:
    scheme: str
    host: str = ""
    port: int = 9100
    vendor_id: int = 0
    product_id: int = 0
    device: str = ""
    name: str = ""
    path: str = ""

    @classmethod
    def parse(cls, uri: str) -> PrinterAddress:
        """Raises ValueError with a sentence that says how the address should look."""
        parts = urlsplit(uri)
        scheme = parts.scheme.lower()
        if scheme == "tcp":
            try:
                port = parts.port
            except ValueError:
                port = 0
            if not parts.hostname or port == 0:
                raise ValueError(f"{uri!r} is not a network printer address; use tcp://host:9100")
            return cls(scheme, host=parts.hostname, port=port or 9100)
        if scheme == "usb":
            vid, _, pid = parts.netloc.partition(":")
            try:
                return cls(scheme, vendor_id=int(vid, 16), product_id=int(pid, 16))
            except ValueError:
                raise ValueError(
                    f"{uri!r} is not a USB printer address; use usb://vendor:product in hex, like usb://04b8:0202"
                ) from None
        if scheme == "serial":
            device = unquote(parts.path or parts.netloc)
            if not device:
                raise ValueError(f"{uri!r} names no port; use serial:///dev/ttyUSB0 or serial://COM3")
            return cls(scheme, device=device)
        if scheme == "win32":
            name = unquote(uri.split("://", 1)[1])
            if not name.strip():
                raise ValueError(f"{uri!r} names no printer; use win32://Printer Name")
            return cls(scheme, name=name)
        if scheme == "pdf":
            path = unquote(parts.path)
            if len(path) > 2 and path[0] == "/" and path[2] == ":":
                path = path[1:]  # pdf:///C:/Users/…: a Windows drive, not a folder under the root
            if not path.strip("/"):
                raise ValueError(f"{uri!r} names no file; use pdf:///path/ticket.pdf or pdf:///folder/")
            return cls(scheme, path=path)
        raise ValueError(
            f"unknown printer address {uri!r}; use one of {', '.join(s + '://' for s in SCHEMES)}"
        )


@dataclass(frozen=True)
class Printer:
    """One configured printer. ``failover`` names the printer that takes its jobs while it is down."""

    name: str
    uri: str
    encoding: Encoding = Encoding.BIG5
    profile: str = DEFAULT_PROFILE
    failover: str | None = None
    copies: int = 1  # each ticket this printer prints comes out this many times, each one cut
    connect_timeout: float = 3.0
    status_timeout: float = 0.5

    @property
    def address(self) -> PrinterAddress:
        return PrinterAddress.parse(self.uri)


@dataclass(frozen=True)
class Printed:
    printer: str
    confirmed: bool  # the printer answered a status query after the ticket: it is online and has paper


_pdf_numbers = itertools.count(1)


def pdf_target(path: str) -> str:
    """A ``pdf://`` address names a file (each ticket replaces the last) or, ending in ``/``, a folder
    that keeps every ticket as a file of its own: a paperless counter's archive, and the demo's printer."""
    if not path.endswith("/"):
        return path
    os.makedirs(path, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return os.path.join(path, f"{stamp}-{os.getpid()}-{next(_pdf_numbers):04d}.pdf")


def send_ticket(printer: Printer, ticket: Ticket) -> Printed:
    """Print ``ticket`` on ``printer`` (blocking)."""
    address = printer.address
    if address.scheme == "pdf":
        from posapp.printing.pdf import write_pdf  # Qt only when a PDF printer is configured

        try:
            write_pdf([ticket] * max(1, printer.copies), pdf_target(address.path))
        except OSError as exc:  # nothing written: as safe to retry as a printer that is off
            raise PrinterUnreachable(
                f"{_who(printer)}: cannot write the PDF ({exc}); check the folder"
            ) from exc
        return Printed(printer.name, confirmed=True)
    # One send for all copies: a failure then never leaves "printed once of twice" to be guessed at.
    payload = render(ticket, printer.encoding, printer.profile) * max(1, printer.copies)
    if address.scheme == "tcp":
        return Printed(printer.name, confirmed=_send_tcp(printer, address, payload))
    _send_device(printer, address, payload)
    return Printed(printer.name, confirmed=False)


def _query(sock: socket.socket, command: bytes, timeout: float) -> int | None:
    sock.settimeout(timeout)
    sock.sendall(command)
    try:
        reply = sock.recv(1)
    except TimeoutError:
        return None
    return reply[0] if reply else None


def _is_status(reply: int) -> bool:
    """An ESC/POS status byte has bit 4 set and bit 7 clear (DLE EOT and ASB alike); anything else came
    from a device that is not a printer (a web server answers "H" of "HTTP", 0x48)."""
    return bool(reply & 0x10) and not reply & 0x80


def _check_ready(sock: socket.socket, printer: Printer) -> bool:
    """True when the printer reported its status; raises when that status says it cannot print."""
    status = _query(sock, DLE_EOT_PRINTER, printer.status_timeout)
    if status is None:
        return False
    if not _is_status(status):
        raise PrinterUnreachable(
            f"{_who(printer)} answered, but not like a receipt printer; is the address right? "
            "(network printers usually listen on port 9100)"
        )
    if status & _OFFLINE:
        cause = _query(sock, DLE_EOT_OFFLINE_CAUSE, printer.status_timeout)
        raise PrinterNotReady(f"{_who(printer)} is offline: {_offline_words(cause)}")
    paper = _query(sock, DLE_EOT_PAPER, printer.status_timeout)
    if paper is not None and _is_status(paper) and paper & _PAPER_END:
        raise PrinterNotReady(f"{_who(printer)} is out of paper; load a new roll")
    return True


def _offline_words(cause: int | None) -> str:
    if cause is None or not _is_status(cause):
        return "check its lights and panel, then switch it off and on"
    if cause & _COVER_OPEN:
        return "the cover is open; close it"
    if cause & _STOPPED_PAPER_END:
        return "it is out of paper; load a new roll"
    if cause & _FEED_BUTTON:
        return "its paper feed button is held down"
    if cause & _ERROR:
        return "it reports an error (a paper jam or the cutter); clear it, then switch it off and on"
    return "check its lights and panel, then switch it off and on"


def _who(printer: Printer) -> str:
    """How a message names the printer: host:port for a network printer (what its own test slip shows),
    the address as configured for the others."""
    named = f"printer {printer.name!r}" if printer.name else "printer"
    try:
        address = printer.address
    except ValueError:
        return named
    return (
        f"{named} at {address.host}:{address.port}"
        if address.scheme == "tcp"
        else f"{named} at {printer.uri}"
    )


def _unreachable_words(printer: Printer, exc: OSError) -> str:
    who = _who(printer)
    if isinstance(exc, ConnectionRefusedError):
        return f"{who} refused the connection; is it on and is the address right?"
    if isinstance(exc, TimeoutError):
        return f"{who} did not answer within {printer.connect_timeout:g} s; is it on and on this network?"
    if isinstance(exc, socket.gaierror):
        return f"{who}: no such host name on this network; check the address"
    if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
        return f"{who} cannot be reached from this computer; check the network cable or Wi-Fi and the address"
    return f"{who} could not be reached ({exc.strerror or exc}); is it on and is the address right?"


def _send_tcp(printer: Printer, address: PrinterAddress, payload: bytes) -> bool:
    try:
        sock = socket.create_connection((address.host, address.port), timeout=printer.connect_timeout)
    except OSError as exc:
        raise PrinterUnreachable(_unreachable_words(printer, exc)) from exc
    with sock:
        try:
            reports_status = _check_ready(sock, printer)
        except OSError as exc:
            raise PrinterUnreachable(f"{_who(printer)} dropped the connection ({exc}); try again") from exc
        try:
            sock.settimeout(max(printer.connect_timeout, 10.0))
            sock.sendall(payload)
        except OSError as exc:
            raise PrintUncertain(
                f"{_who(printer)}: connection lost while printing ({exc}); check the ticket"
            ) from exc
        if not reports_status:
            return False
        try:
            after = _query(sock, DLE_EOT_PRINTER, printer.status_timeout * 4)
        except OSError:
            return False
        return after is not None and not after & _OFFLINE


_HINTS = {
    "usb": "USB printer not found or not accessible; check it is plugged in and switched on "
    "(and, on Linux/macOS, that libusb is installed)",
    "serial": "serial port could not be opened; check the cable and the port name",
    "win32": "Windows printer could not be opened; check its name in Devices and Printers",
}


def _open_device(address: PrinterAddress, profile: str) -> Any:
    from escpos import printer as escpos_printer

    if address.scheme == "usb":
        from posapp.printing.usb_backend import usb_backend

        usb_args = {"backend": usb_backend()}
        return escpos_printer.Usb(address.vendor_id, address.product_id, usb_args, profile=profile)
    if address.scheme == "serial":
        return escpos_printer.Serial(address.device, profile=profile)
    return escpos_printer.Win32Raw(address.name, profile=profile)


def _send_device(printer: Printer, address: PrinterAddress, payload: bytes) -> None:
    try:
        device = _open_device(address, printer.profile)
        device.open()
    except Exception as exc:  # each back end raises its own (usb.core, serial, pywin32) errors
        detail = " ".join(str(exc).split())  # pyserial's message spans lines
        raise PrinterUnreachable(f"{_who(printer)}: {_HINTS[address.scheme]} ({detail})") from exc
    try:
        device._raw(payload)
    except Exception as exc:
        raise PrintUncertain(f"{_who(printer)}: failed while printing ({exc}); check the ticket") from exc
    finally:
        device.close()
