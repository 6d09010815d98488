"""What the counter knows about its Keeta store: open, paused by this app (until when), or closed by
Keeta (suspended by Keeta's staff, Keeta's own merchant app, or after missed orders)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# The pauses the top bar offers, in minutes; None is "until I reopen".
PAUSE_CHOICES: tuple[int | None, ...] = (15, 30, 60, None)
DEFAULT_PAUSE_REMINDER_MINUTES = 30
DEFAULT_CLOSING_TIME = "22:00"


class StoreMode(Enum):
    UNKNOWN = "unknown"  # not read from Keeta yet
    OPEN = "open"
    PAUSED = "paused"  # paused from this app
    CLOSED_BY_KEETA = "closed_by_keeta"  # suspended, and not by this app


@dataclass(frozen=True)
class StoreState:
    mode: StoreMode = StoreMode.UNKNOWN
    shop_id: int = 0  # the Keeta shop (brand) this is the state of; 0 before it is known
    paused_since: int | None = None
    pause_until: int | None = None  # epoch seconds; None while PAUSED means until a person reopens
    sending: bool = False  # a pause or reopen is on its way to Keeta
    over_limit: bool = False  # paused longer than the shop's reminder limit
    left_on_at_closing: bool = False  # still paused at the shop's closing time
    problem: str = ""  # the last pause/reopen Keeta did not take, in cashier words
    problem_code: int | None = None


def parse_hhmm(text: str) -> int | None:
    """Minutes after midnight of ``"HH:MM"``; None when it is not a time of day."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        return None
    h, m = int(hours), int(minutes)
    return h * 60 + m if 0 <= h < 24 and 0 <= m < 60 else None
