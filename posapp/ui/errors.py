"""Every failure a cashier may see, in their words (EN / 繁中). Platform codes go to the log only."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from posapp.domain.message import Message
from posapp.domain.outbox_action import OutboxAction
from posapp.engine.keeta_terms import (
    KeetaAuthError,
    KeetaBusinessError,
    KeetaError,
    KeetaServerError,
    KeetaTransportError,
    MissingReasonError,
)
from posapp.engine.keeta_terms import keeta_codes as codes
from posapp.engine.orders import ActionRefused
from posapp.secrets import SecretsUnavailable
from posapp.ui.messages import translated

log = logging.getLogger(__name__)


# The domain's refusal reasons are English sentences; listed here so lupdate offers them for translation.
_KNOWN_REFUSALS = (
    QT_TRANSLATE_NOOP("Refusals", "There is no refund request waiting for an answer."),
    QT_TRANSLATE_NOOP("Refusals", "This order is cancelled."),
    QT_TRANSLATE_NOOP("Refusals", "This order is already completed."),
    QT_TRANSLATE_NOOP("Refusals", "This order has already been accepted."),
    QT_TRANSLATE_NOOP("Refusals", "Accept the order before marking it ready."),
    QT_TRANSLATE_NOOP("Refusals", "This order is already marked ready."),
    QT_TRANSLATE_NOOP("Refusals", "Only pickup orders are handed over at the counter."),
    QT_TRANSLATE_NOOP("Refusals", "Mark the order ready before the customer picks it up."),
    QT_TRANSLATE_NOOP("Refusals", "This action is not available."),
    QT_TRANSLATE_NOOP("Refusals", "Accept the order before refunding items."),
    QT_TRANSLATE_NOOP("Refusals", "Answer the customer's refund request first."),
    QT_TRANSLATE_NOOP("Refusals", "The order has been delivered; items can no longer be refunded here."),
    QT_TRANSLATE_NOOP("Refusals", "Choose at least one item and a count above zero."),
    QT_TRANSLATE_NOOP("Refusals", "This order is not in the app yet; refresh and try again."),
    QT_TRANSLATE_NOOP("Refusals", "Please write a reason when you choose “Other”."),
    QT_TRANSLATE_NOOP("Refusals", "Keeta allows cancelling a completed order only within 48 hours."),
    QT_TRANSLATE_NOOP("Refusals", "Preparation time must be 5 to 90 minutes."),
)


def refusal_text(reason: str) -> str:
    """An :class:`ActionRefused` reason (English, from the domain) in the current language."""
    return translated("Refusals", reason)


# The engine's start-up problems (engine/core.py, engine/transport.py), shown in the status bar.
_SETUP_PROBLEMS = (
    QT_TRANSLATE_NOOP("Errors", "Gateway mode needs a relay URL and store token; calling Keeta directly."),
    QT_TRANSLATE_NOOP("Errors", "api_mode must be 'direct' or 'gateway', not {0}"),
)


def setup_problem_text(problem: str) -> str:
    return translated("Errors", problem)


def _by_code(code: int | None) -> str | None:
    if code is None:
        return None
    if code == codes.INVALID_STATE:
        return QCoreApplication.translate(
            "Errors", "Keeta says the order has already moved on. Refresh the order and look again."
        )
    if code == codes.ORDER_NOT_FOUND:
        return QCoreApplication.translate("Errors", "Keeta cannot find this order.")
    if code in (codes.REFUND_NOT_PENDING,):
        return QCoreApplication.translate("Errors", "This refund request has already been answered.")
    if code == codes.REFUND_COUNT_EXCEEDED:
        return QCoreApplication.translate("Errors", "Those items have already been refunded.")
    if code in codes.AUTH_RANGE:
        return QCoreApplication.translate(
            "Errors", "Keeta did not accept the shop's login. Ask the manager to check Settings."
        )
    if code in codes.SERVER_RANGE:
        return QCoreApplication.translate("Errors", "Keeta is busy. The app keeps trying.")
    return None


def cashier_text(error: BaseException) -> str:
    """What to show for ``error``; the technical detail (with any platform code) is logged here."""
    log.warning("shown to the cashier: %r", error)
    if isinstance(error, ActionRefused):
        return refusal_text(error.reason)
    if isinstance(error, SecretsUnavailable):
        return secrets_problem_text(error.problem)
    if isinstance(error, MissingReasonError):
        return QCoreApplication.translate("Errors", "Please write a reason when you choose “Other”.")
    if isinstance(error, KeetaError):
        return _keeta_text(error)
    return QCoreApplication.translate("Errors", "Something went wrong. The details are in the log.")


def _keeta_text(error: KeetaError) -> str:
    known = _by_code(error.code)
    if known:
        return known
    if isinstance(error, KeetaTransportError):
        return QCoreApplication.translate(
            "Errors", "Cannot reach Keeta. Check the internet connection; the app keeps trying."
        )
    if isinstance(error, KeetaAuthError):
        return QCoreApplication.translate(
            "Errors", "Keeta did not accept the shop's login. Ask the manager to check Settings."
        )
    if isinstance(error, KeetaServerError):
        return QCoreApplication.translate("Errors", "Keeta is busy. The app keeps trying.")
    if isinstance(error, KeetaBusinessError):
        return QCoreApplication.translate("Errors", "Keeta refused this. Refresh the order and look again.")
    return QCoreApplication.translate("Errors", "Keeta answered something unexpected. Try again.")


def action_failure_text(action: OutboxAction) -> str:
    """Words for a failed outbox action; its stored error (with the code) is logged, not shown."""
    log.warning(
        "action %s %s failed: %s (code %s)",
        action.action,
        action.order_ref,
        action.last_error,
        action.error_code,
    )
    known = _by_code(action.error_code)
    if known:
        return known
    if action.error_code is None:
        return QCoreApplication.translate(
            "Errors", "It could not be sent: Keeta did not answer. Refresh the order and try again."
        )
    return QCoreApplication.translate("Errors", "Keeta refused this. Refresh the order and look again.")


# Why a password store was refused (posapp/secrets.py); {0} is the backend's technical name.
SECRETS_WORDS = (
    QT_TRANSLATE_NOOP(
        "Errors", "The password store found ({0}) keeps passwords in a plain file; posapp does not use it."
    ),
    QT_TRANSLATE_NOOP("Errors", "No system keyring is available on this computer ({0})."),
    QT_TRANSLATE_NOOP("Errors", "The password store found ({0}) is not a system keyring."),
)


def secrets_problem_text(problem: str = "") -> str:
    """What to set up, after the reason the password store was refused (when there is one)."""
    advice = secrets_advice()
    return f"{translated('Errors', problem)}\n{advice}" if isinstance(problem, Message) else advice


def secrets_advice() -> str:
    return QCoreApplication.translate(
        "Errors",
        "This computer has no password store (system keyring), so passwords and tokens cannot be saved "
        "safely. Set one up (Windows Credential Manager, macOS Keychain, or GNOME Keyring / KWallet on "
        "Linux), then open Settings again.",
    )
