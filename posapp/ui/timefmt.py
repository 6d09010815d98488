"""Times on screen: stored as epoch seconds UTC, shown in the counter PC's local time."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]


def local_hm(epoch: int | float | None) -> str:
    if not epoch:
        return "–"
    return time.strftime("%H:%M", time.localtime(epoch))


def local_hms(epoch: int | float | None) -> str:
    if not epoch:
        return "–"
    return time.strftime("%H:%M:%S", time.localtime(epoch))


def clock_text(seconds: float) -> str:
    """``m:ss`` for a countdown or an age; negative values count as zero."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def minutes(seconds: float) -> int:
    return max(0, int(seconds // 60))
