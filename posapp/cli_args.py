"""Command-line values checked where they are parsed, for every ``posapp`` command.

A bad value ends the command with ONE line on stderr that names the option, says what is wrong and
what to do, and exit code 2 (a usage error) — before anything binds a port, opens a database or writes
a file. Failures of the world rather than of the command line (a port already taken, a database that
refuses the password) are one line too, with exit code 1 (:class:`CommandFailed`).

Type functions raise ``argparse.ArgumentTypeError`` so argparse names the option in front of the
message. No Qt here: the relay imports this module and must run on a server without Qt.
"""

from __future__ import annotations

import argparse
import errno
import math
import os
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit, urlunsplit

USAGE_ERROR = 2
RUNTIME_FAILURE = 1
MAX_PORT = 65535


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (no usage block) with a pointer to ``--help``."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: {message} (see {self.prog} --help)\n")


class CommandFailed(Exception):
    """A runtime failure a user can act on; ``str()`` is the whole message (one line)."""


def fail(prog: str, problem: str, code: int = RUNTIME_FAILURE) -> int:
    """Write ``prog: problem`` as one line on stderr and return the exit code for ``main``."""
    sys.stderr.write(f"{prog}: {one_line(problem)}\n")
    sys.stderr.flush()
    return code


def one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- numbers ------------------------------------------------------------------------------------


def _integer(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; give {what}") from None


def port(text: str) -> int:
    """A TCP port a server listens on or a client connects to: 1–65535."""
    value = _integer(text, "a port from 1 to 65535")
    if not 1 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"{value} is not a port; give a port from 1 to 65535")
    return value


def port_or_any(text: str) -> int:
    """A port to listen on, or 0 for "any free port" (the simulator says which one it got)."""
    value = _integer(text, "a port from 1 to 65535, or 0 for any free port")
    if not 0 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(
            f"{value} is not a port; give a port from 1 to 65535, or 0 for any free port"
        )
    return value


def positive_int(text: str) -> int:
    """An id or count that must be above zero (Keeta appId/shopId, Zeek appid)."""
    value = _integer(text, "a whole number above 0")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} must be above 0")
    if value >= 2**63:
        raise argparse.ArgumentTypeError(f"{value} is too large for an id")
    return value


def any_int(text: str) -> int:
    """A whole number with no range of its own (a random seed)."""
    return _integer(text, "a whole number")


def _seconds(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds; give a finite number")
    return value


def seconds(text: str) -> float:
    """A length of time above zero (a timeout, an interval)."""
    value = _seconds(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be more than 0 seconds")
    return value


def seconds_or_zero(text: str) -> float:
    """A length of time where 0 means "not limited" (the demo's ``--duration``)."""
    value = _seconds(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative; give 0 or more seconds")
    return value


def days(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not math.isfinite(value) or value <= 0 or value > 36500:
        raise argparse.ArgumentTypeError(f"{text} is not a number of days from above 0 to 36500")
    return value


def epoch_seconds(text: str) -> float:
    value = _seconds(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not a time; give epoch seconds (UTC), e.g. 1798761600")
    return value


# --- addresses ----------------------------------------------------------------------------------


def http_url(text: str) -> str:
    """An ``http://`` or ``https://`` address with a host (where a push or a call goes)."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"{text!r} is not a web address; give one like https://host/path")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} has a port outside 1-65535") from None
    return text.strip()


def http_url_or_empty(text: str) -> str:
    return http_url(text) if text.strip() else ""


def choice_of(*names: str) -> Callable[[str], str]:
    """Case-insensitive choice, named in the message (argparse's ``choices`` compares exactly)."""

    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in names:
            raise argparse.ArgumentTypeError(f"{text!r} is not one of {', '.join(names)}")
        return value

    parse.__name__ = "choice"
    return parse


def masked_url(url: str) -> str:
    """A database URL fit for a message or a log: the password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def relay_db_url(text: str) -> str:
    """``sqlite:///path`` whose folder exists, ``postgresql://…``, or ``memory:`` (benchmark baseline)."""
    url = text.strip()
    if url.startswith(("postgresql://", "postgres://")):
        if not urlsplit(url).hostname and "host=" not in url:
            raise argparse.ArgumentTypeError(
                f"{masked_url(url)!r} names no host; use postgresql://user:pass@host/db"
            )
        return url
    if url.startswith("memory:"):
        return url
    if not url.startswith("sqlite:///"):
        raise argparse.ArgumentTypeError(
            f"{masked_url(url)!r} is not a database this relay can use; "
            "use sqlite:///path/relay.db or postgresql://user:pass@host/db"
        )
    path = url[len("sqlite:///") :]
    if path in ("", ":memory:"):
        if not path:
            raise argparse.ArgumentTypeError("sqlite:/// names no file; use sqlite:///path/relay.db")
        return url
    target = Path(path)
    if target.is_dir():
        raise argparse.ArgumentTypeError(
            f"{path} is a folder; name a database file in it, e.g. {path}/relay.db"
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(
            f"the folder {folder} does not exist; create it first or choose another place for the database"
        )
    if not os.access(folder, os.W_OK):
        raise argparse.ArgumentTypeError(f"the folder {folder} is not writable by this user; choose another")
    return url


def writable_folder(text: str) -> Path:
    """A folder posapp may write in: created when missing, checked by writing a file there.

    Asking the file system itself (rather than ``os.access``) catches what permissions do not show:
    a read-only disk, /proc, a file where a folder should be, a full disk.
    """
    folder = Path(text).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"{text}: {_folder_problem(folder, exc)}") from None
    return folder


def _folder_problem(folder: Path, exc: OSError) -> str:
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) or folder.is_file():
        return "is a file, not a folder; give a folder (it is created if missing)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "this user may not write there; choose a folder of your own"
    if exc.errno == errno.EROFS:
        return "is on a read-only disk; choose a folder on a writable disk"
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space or choose another disk"
    if exc.errno == errno.ENOENT:
        return "cannot be created there; choose a folder inside one you can write to"
    return f"cannot be used ({exc.strerror or exc}); choose another folder"


# --- listening ----------------------------------------------------------------------------------


def ensure_can_listen(host: str, port_number: int) -> None:
    """Raise :class:`CommandFailed` if nothing could listen on ``host:port`` right now.

    Checked before the server says where it listens, so a taken port is one line, not a traceback
    after a banner. (Another program could still take the port in between; the server reports that.)
    """
    if port_number == 0:
        return
    try:
        infos = socket.getaddrinfo(host, port_number, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        raise CommandFailed(
            f"cannot listen on {host}: no such address on this computer; check --host"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        if os.name != "nt":  # as uvicorn does: a port left in TIME_WAIT by the last run is free
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise CommandFailed(_listen_problem(host, port_number, exc)) from None


def _listen_problem(host: str, port_number: int, exc: OSError) -> str:
    where = f"{host}:{port_number}"
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port_number} on {host} is already in use by another program; "
            "stop it or choose another --port"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"this user may not listen on {where} (ports below 1024 need privileges); "
            "choose a --port above 1024"
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this computer; check --host"
    return f"cannot listen on {where} ({exc.strerror or exc}); check --host and --port"


# --- printers -----------------------------------------------------------------------------------


def printer_uri(text: str) -> str:
    """A printer address (printers.py says how each kind looks); a PDF file's folder must exist."""
    from posapp.printing.printers import PrinterAddress  # printing pulls in python-escpos: only here

    try:
        address = PrinterAddress.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if address.scheme == "pdf":
        if address.path.endswith("/"):
            writable_folder(address.path)  # a folder of tickets is created, as the printer would
        else:
            folder = Path(address.path).parent
            if not folder.is_dir():
                raise argparse.ArgumentTypeError(
                    f"the folder {folder} does not exist; create it first or choose another place for the PDF"
                )
            if Path(address.path).is_dir():
                raise argparse.ArgumentTypeError(
                    f"{address.path} is a folder; end the address with / to keep one PDF per ticket there"
                )
    return text


def printer_profile(text: str) -> str:
    from escpos.capabilities import CAPABILITIES

    if text not in CAPABILITIES["profiles"]:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a known printer model; use e.g. TM-T20II (80 mm paper) or POS-5890 (58 mm)"
        )
    return text
