"""What the print queue tells the rest of the app (plain objects; the UI bridge turns them into signals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from posapp.domain.print_job import JobView


@dataclass(frozen=True)
class JobChanged:
    job: JobView


@dataclass(frozen=True)
class JobNeedsAttention:
    """The job may or may not have printed; the cashier checks the printer and reprints or dismisses."""

    job: JobView
    reason: str


@dataclass(frozen=True)
class PrinterDown:
    """A printer kept failing: show a visible alert until :class:`PrinterRecovered`."""

    printer: str
    error: str
    waiting_jobs: int
    failover: str | None = None


@dataclass(frozen=True)
class PrinterRecovered:
    printer: str


PrintEvent = JobChanged | JobNeedsAttention | PrinterDown | PrinterRecovered
Publish = Callable[[PrintEvent], None]
