"""A print job as the queue, the screens and the printing events see it: its kind, its state, and the
view of one job (the queue's table lives in ``store/print_jobs.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class JobKind(Enum):
    KITCHEN = "kitchen"
    RECEIPT = "receipt"
    CANCEL = "cancel"
    TEST = "test"
    REFUND = "refund"  # one per agreed refund (afterSaleOrderId): an order may have several
    COURIER = "courier"  # one per Zeek booking (client_order_id), with the pickup code
    REPORT = "report"  # the end-of-day (or any period's) money report, printed on request
    UNACCEPTED = "unaccepted"  # once per order still not accepted N minutes after it came in


class JobState(Enum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"  # bytes delivered; the printer did not report status
    CONFIRMED = "confirmed"  # delivered and the printer reported online with paper afterwards
    UNCERTAIN = "uncertain"  # may or may not have printed: the cashier decides, never automatic
    CANCELLED = "cancelled"

    @property
    def printed(self) -> bool:
        return self in (JobState.SENT, JobState.CONFIRMED)


@dataclass(frozen=True)
class JobView:
    """A job as screens and events see it."""

    id: int
    order_view_id: int | None
    kind: JobKind
    printer: str
    state: JobState
    reprint_no: int
    attempts: int
    printed_on: str
    last_error: str
    updated_at: int
