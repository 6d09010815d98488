"""The countdown to Keeta's 5-minute auto-cancel and to a refund's 15-minute auto-resolve.

Urgency is told by colour *and* words, so it still reads for a colour-blind cashier or in
high-contrast mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication

from posapp.domain.order import CONFIRM_WINDOW_SECONDS, Order, OrderStatus
from posapp.domain.refund import RefundRequest
from posapp.ui.timefmt import clock_text

WARN_SECONDS = 150
CRITICAL_SECONDS = 60


class Level(Enum):
    NONE = "none"
    NORMAL = "normal"
    WARN = "warn"
    CRITICAL = "critical"


@dataclass(frozen=True)
class Urgency:
    level: Level
    text: str
    seconds_left: float = 0.0


def _level(left: float) -> Level:
    if left <= CRITICAL_SECONDS:
        return Level.CRITICAL
    if left <= WARN_SECONDS:
        return Level.WARN
    return Level.NORMAL


def accept_urgency(order: Order, now: float) -> Urgency:
    if order.status is not OrderStatus.NEW:
        return Urgency(Level.NONE, "")
    left = order.confirm_deadline - now
    level = _level(left)
    if left <= 0:
        text = QCoreApplication.translate("Urgency", "ACCEPT NOW – Keeta is cancelling it")
    elif level is Level.CRITICAL:
        text = QCoreApplication.translate("Urgency", "ACCEPT NOW – auto-cancel in {0}").format(
            clock_text(left)
        )
    elif level is Level.WARN:
        text = QCoreApplication.translate("Urgency", "Hurry – accept within {0}").format(clock_text(left))
    else:
        text = QCoreApplication.translate("Urgency", "Accept within {0}").format(clock_text(left))
    return Urgency(level, text, left)


def refund_urgency(refund: RefundRequest, now: float) -> Urgency:
    if not refund.is_pending:
        return Urgency(Level.NONE, "")
    left = refund.auto_resolve_at - now
    level = _level(left)
    if left <= 0:
        text = QCoreApplication.translate("Urgency", "Keeta is deciding it now")
    else:
        text = QCoreApplication.translate("Urgency", "Answer within {0} or Keeta decides").format(
            clock_text(left)
        )
    return Urgency(level, text, left)


def accept_time_used(order: Order, now: float) -> float:
    """How much of Keeta's five minutes has gone (0 … 1), for a countdown bar."""
    return max(0.0, min(1.0, (now - order.placed_at) / CONFIRM_WINDOW_SECONDS))
