"""What the print queue tells the rest of the app (plain objects; the UI bridge turns them into signals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from posapp.domain.print_job import JobView


@dataclass(frozen=True)
class PrintNotice:
    """The base of every print event: a listener on the engine's hub subscribes to this one type."""


@dataclass(frozen=True)
class JobChanged(PrintNotice):
    job: JobView


@dataclass(frozen=True)
class JobNeedsAttention(PrintNotice):
    """The job may or may not have printed; the cashier checks the printer and reprints or dismisses."""

    job: JobView
    reason: str


@dataclass(frozen=True)
class PrinterDown(PrintNotice):
    """A printer kept failing: show a visible alert until :class:`PrinterRecovered`."""

    printer: str
    error: str
    waiting_jobs: int
    failover: str | None = None


@dataclass(frozen=True)
class PrinterRecovered(PrintNotice):
    printer: str


PrintEvent = JobChanged | JobNeedsAttention | PrinterDown | PrinterRecovered
Publish = Callable[[PrintEvent], None]
