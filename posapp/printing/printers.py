"""Printer addresses (``tcp://`` ``usb://`` ``serial://`` ``win32://`` ``pdf://``) and blocking delivery.

Everything here blocks: the queue calls :func:`deliver` through ``run_in_executor``, never on the Qt
thread. Errors say whether any ticket byte may have reached the printer, because only a job that
certainly did not print may be retried automatically (a kitchen ticket printed twice is food cooked
twice).
"""

from __future__ import annotations

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
DLE_EOT_PAPER = b"\x10\x04\x04"  # real-time status: bits 5-6 = paper end
_OFFLINE = 0x08
_PAPER_END = 0x60


class PrintError(Exception):
    """Delivery failed. ``maybe_printed`` is True once ticket bytes may have reached the printer."""

    maybe_printed = False


class PrinterUnreachable(PrintError):
    """Could not connect or open the device; nothing was sent."""


class PrinterNotReady(PrintError):
    """The printer answered its status query: offline, out of paper; nothing was sent."""


class DeliveryUncertain(PrintError):
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
        parts = urlsplit(uri)
        scheme = parts.scheme.lower()
        if scheme == "tcp":
            if not parts.hostname:
                raise ValueError(f"tcp printer needs a host: {uri}")
            return cls(scheme, host=parts.hostname, port=parts.port or 9100)
        if scheme == "usb":
            vid, _, pid = parts.netloc.partition(":")
            return cls(scheme, vendor_id=int(vid, 16), product_id=int(pid, 16))
        if scheme == "serial":
            return cls(scheme, device=unquote(parts.path or parts.netloc))
        if scheme == "win32":
            return cls(scheme, name=unquote(uri.split("://", 1)[1]))
        if scheme == "pdf":
            path = unquote(parts.path)
            if len(path) > 2 and path[0] == "/" and path[2] == ":":
                path = path[1:]  # pdf:///C:/Users/…: a Windows drive, not a folder under the root
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
class Delivery:
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


def deliver(printer: Printer, ticket: Ticket) -> Delivery:
    """Print ``ticket`` on ``printer`` (blocking)."""
    address = printer.address
    if address.scheme == "pdf":
        from posapp.printing.pdf import write_pdf  # Qt only when a PDF printer is configured

        write_pdf([ticket] * max(1, printer.copies), pdf_target(address.path))
        return Delivery(printer.name, confirmed=True)
    # One send for all copies: a failure then never leaves "printed once of twice" to be guessed at.
    payload = render(ticket, printer.encoding, printer.profile) * max(1, printer.copies)
    if address.scheme == "tcp":
        return Delivery(printer.name, confirmed=_send_tcp(printer, address, payload))
    _send_device(printer, address, payload)
    return Delivery(printer.name, confirmed=False)


def _query(sock: socket.socket, command: bytes, timeout: float) -> int | None:
    sock.settimeout(timeout)
    sock.sendall(command)
    try:
        reply = sock.recv(1)
    except TimeoutError:
        return None
    return reply[0] if reply else None


def _check_ready(sock: socket.socket, printer: Printer) -> bool:
    """True when the printer reported its status; raises when that status says it cannot print."""
    status = _query(sock, DLE_EOT_PRINTER, printer.status_timeout)
    if status is None:
        return False
    if status & _OFFLINE:
        raise PrinterNotReady(f"{printer.name} is offline (status {status:#04x})")
    paper = _query(sock, DLE_EOT_PAPER, printer.status_timeout)
    if paper is not None and paper & _PAPER_END:
        raise PrinterNotReady(f"{printer.name} is out of paper")
    return True


def _send_tcp(printer: Printer, address: PrinterAddress, payload: bytes) -> bool:
    try:
        sock = socket.create_connection((address.host, address.port), timeout=printer.connect_timeout)
    except OSError as exc:
        raise PrinterUnreachable(f"{printer.name} ({printer.uri}): {exc}") from exc
    with sock:
        try:
            reports_status = _check_ready(sock, printer)
        except OSError as exc:
            raise PrinterUnreachable(f"{printer.name} dropped the connection: {exc}") from exc
        try:
            sock.settimeout(max(printer.connect_timeout, 10.0))
            sock.sendall(payload)
        except OSError as exc:
            raise DeliveryUncertain(f"{printer.name}: connection lost while printing: {exc}") from exc
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
        raise PrinterUnreachable(f"{printer.name} ({printer.uri}): {_HINTS[address.scheme]} ({exc})") from exc
    try:
        device._raw(payload)
    except Exception as exc:
        raise DeliveryUncertain(f"{printer.name}: failed while printing: {exc}") from exc
    finally:
        device.close()
