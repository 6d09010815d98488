"""The one retry policy (outbox, Keeta and Zeek reads, printers, relay stream) and what a write's
attempt can have come to.

Full jitter (a delay drawn from 0 … the exponential step) keeps many tills from retrying in lockstep
after a shared outage; a platform's ``Retry-After`` is a floor, never shortened by the jitter.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol


class Uniform(Protocol):
    """A random source (``random.Random``): the caller owns it, so the domain stays deterministic."""

    def uniform(self, a: float, b: float) -> float: ...


class Outcome(Enum):
    """What one attempt at a write may have done on the platform."""

    NOT_SENT = "not_sent"  # the connection never carried the request: safe to send again
    NOT_DONE = "not_done"  # the platform answered with a (temporary) error: it did not act
    REFUSED = "refused"  # the platform answered no for good (business or auth error)
    UNKNOWN = "unknown"  # sent, but the answer was lost: check the platform before sending again

    @property
    def may_resend(self) -> bool:
        return self in (Outcome.NOT_SENT, Outcome.NOT_DONE)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off: ``first_delay`` × 2^(attempt-1), capped at ``max_delay``.

    ``max_attempts`` counts every attempt including the first; 0 means no limit (a stream that
    reconnects for as long as the app runs).
    """

    first_delay: float = 1.0
    max_delay: float = 60.0
    max_attempts: int = 10
    jitter: bool = True

    def exhausted(self, attempts: int) -> bool:
        """True when ``attempts`` attempts were made and no further one is allowed."""
        return self.max_attempts > 0 and attempts >= self.max_attempts

    def delay(self, attempts: int, rng: Uniform | None = None, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt (1-based); no jitter without ``rng``."""
        step = min(self.max_delay, self.first_delay * 2 ** max(0, attempts - 1))
        wait = rng.uniform(0, step) if self.jitter and rng is not None else step
        if retry_after is not None and retry_after > 0:
            wait = max(wait, min(float(retry_after), self.max_delay * 10))
        return float(wait)


NO_RETRY = RetryPolicy(max_attempts=1)


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` in its seconds form; the HTTP-date form is ignored (platforms send seconds)."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if 0 <= seconds < 86_400 else None
