"""Pickup codes: the 4 digits the partner shows at the counter, not repeated within a day (zeek.md §6.2)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

CODE_SPACE = 10_000


class NoFreeCode(RuntimeError):
    """All 10,000 codes were used today (a very busy day); the cashier types one in."""


def start_of_day(now: float, utc_offset_hours: int) -> int:
    """Epoch seconds of local midnight for ``now``: "today" is the shop's day, not UTC's."""
    zone = timezone(timedelta(hours=utc_offset_hours))
    local = datetime.fromtimestamp(now, tz=UTC).astimezone(zone)
    return int(local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())


def new_code(used: set[str], rng: random.Random) -> str:
    """A random free code; random rather than sequential, so yesterday's #0001 is not today's #0001."""
    if len(used) >= CODE_SPACE:
        raise NoFreeCode("every pickup code is used today")
    while True:
        code = f"{rng.randrange(CODE_SPACE):04d}"
        if code not in used:
            return code
