"""The opening drill's checks, without screens: is the store's platform reachable, is the relay
connected, do the printers print. Each check answers with a state, words for the cashier, and the
one-tap fix that helps (the screen in ``posapp/ui/opening_drill.py`` maps fixes to buttons).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from enum import Enum
from typing import Any

import httpx

from posapp.domain.message import Message
from posapp.engine.sync import ConnectionStatus, LinkState
from posapp.http_tls import tls_context
from posapp.printing.escpos_render import Encoding
from posapp.printing.layouts import test_page
from posapp.printing.printers import Printer, PrintError, send_ticket
from posapp.secrets import SecretStore, SecretsUnavailable

log = logging.getLogger(__name__)


class CheckState(Enum):
    OK = "ok"
    PROBLEM = "problem"
    SKIPPED = "skipped"  # not set up: nothing to check


class Fix(Enum):
    RETRY = "retry"
    SETTINGS = "settings"
    RECONNECT = "reconnect"
    VISUAL_ALERTS = "visual_alerts"


@dataclass(frozen=True)
class CheckResult:
    state: CheckState
    detail: str
    fix: Fix | None = None


async def check_store(http: httpx.AsyncClient, base_url: str, configured: bool) -> CheckResult:
    """Reachable means any HTTP answer: the platform says no to an unsigned probe, but it is there."""
    if not configured:
        return CheckResult(CheckState.SKIPPED, "Keeta is not set up yet", Fix.SETTINGS)
    try:
        await http.get(base_url, timeout=5)
    except httpx.HTTPError as exc:
        return CheckResult(
            CheckState.PROBLEM, Message("cannot reach {0}: {1}", base_url, type(exc).__name__), Fix.RETRY
        )
    return CheckResult(CheckState.OK, Message("{0} answers", base_url))


async def probe_store(base_url: str, configured: bool) -> CheckResult:
    """:func:`check_store` on a client of its own (the screens hold no HTTP client)."""
    async with httpx.AsyncClient(verify=tls_context()) as http:
        return await check_store(http, base_url, configured)


UNREACHABLE_RELAY = "cannot reach the relay; the app keeps trying. Check the shop's internet connection."


def check_relay(status: ConnectionStatus | None, configured: bool) -> CheckResult:
    if not configured:
        return CheckResult(CheckState.SKIPPED, "no relay set up", Fix.SETTINGS)
    if status is None or status.state in (LinkState.CONNECTING, LinkState.OFFLINE):
        if status is not None and status.detail:
            log.info("opening drill: relay not connected: %s", status.detail)  # the technical why
            return CheckResult(CheckState.PROBLEM, UNREACHABLE_RELAY, Fix.RECONNECT)
        return CheckResult(CheckState.PROBLEM, "not connected yet", Fix.RECONNECT)
    if status.state is LinkState.REFUSED:
        return CheckResult(CheckState.PROBLEM, "the relay refused this store's token", Fix.SETTINGS)
    return CheckResult(CheckState.OK, "connected")


def configured_printers(entries: list[dict[str, Any]]) -> list[Printer]:
    """Printers from settings (``{"name", "uri", "encoding"}``); malformed entries are skipped."""
    printers = []
    for entry in entries:
        try:
            printers.append(
                Printer(
                    name=str(entry.get("name") or entry["uri"]),
                    uri=str(entry["uri"]),
                    encoding=Encoding(entry.get("encoding", Encoding.BIG5.value)),
                )
            )
        except (KeyError, ValueError):
            continue
    return printers


async def check_printers(printers: list[Printer]) -> CheckResult:
    if not printers:
        return CheckResult(CheckState.SKIPPED, "no printer set up", Fix.SETTINGS)
    loop = asyncio.get_running_loop()
    failed = []
    for printer in printers:
        page = test_page(printer.encoding.value, printer.uri)
        try:
            await loop.run_in_executor(None, send_ticket, printer, page)  # blocking socket/device I/O
        except (PrintError, OSError, ValueError) as exc:
            failed.append(Message("{0}: {1}", printer.name, exc))
    if failed:
        return CheckResult(CheckState.PROBLEM, Message.joined(failed), Fix.RETRY)
    return CheckResult(CheckState.OK, Message("test page sent to {0}", ", ".join(p.name for p in printers)))


KEYRING_ADVICE = Message(
    "Set up the system keyring (Windows Credential Manager, macOS Keychain, or GNOME Keyring / KWallet), "
    "then try again."
)


def check_secrets(store: SecretStore) -> CheckResult:
    """Passwords and tokens can be kept only in a real system keyring (``posapp/secrets.py``)."""
    try:
        backend = store.check()
    except SecretsUnavailable as exc:
        log.warning("opening drill: password store refused: %s", exc)
        return CheckResult(CheckState.PROBLEM, Message.joined([exc.problem, KEYRING_ADVICE], " "), Fix.RETRY)
    return CheckResult(CheckState.OK, Message("passwords are kept in the system keyring ({0})", backend))
