"""The print queue's table: peewee model and the few queries the queue and the service need."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from enum import Enum

import peewee

from posapp.printing.ticket import Ticket
from posapp.store.db import database_proxy


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


class PrintJob(peewee.Model):
    id = peewee.AutoField()
    order_view_id = peewee.BigIntegerField(null=True)
    kind = peewee.TextField()
    printer = peewee.TextField()
    ticket = peewee.TextField()
    reprint_no = peewee.IntegerField(default=0)
    state = peewee.TextField(default=JobState.QUEUED.value)
    attempts = peewee.IntegerField(default=0)
    printed_on = peewee.TextField(default="")
    last_error = peewee.TextField(default="")
    created_at = peewee.IntegerField()
    updated_at = peewee.IntegerField()

    class Meta:
        database = database_proxy
        table_name = "print_job"


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

    @classmethod
    def of(cls, row: PrintJob) -> JobView:
        return cls(
            id=row.id,
            order_view_id=row.order_view_id,
            kind=JobKind(row.kind),
            printer=row.printer,
            state=JobState(row.state),
            reprint_no=row.reprint_no,
            attempts=row.attempts,
            printed_on=row.printed_on,
            last_error=row.last_error,
            updated_at=row.updated_at,
        )


def _now() -> int:
    return int(time.time())


def add(
    order_view_id: int | None, kind: JobKind, printer: str, ticket: Ticket, reprint_no: int = 0
) -> JobView | None:
    """Queue a job; None when this order already has this slip (automatic enqueues are idempotent)."""
    now = _now()
    try:
        row = PrintJob.create(
            order_view_id=order_view_id,
            kind=kind.value,
            printer=printer,
            ticket=json.dumps(ticket.to_json(), ensure_ascii=False),
            reprint_no=reprint_no,
            created_at=now,
            updated_at=now,
        )
    except peewee.IntegrityError:
        return None
    return JobView.of(row)


def add_once(
    order_view_id: int | None, kind: JobKind, printer: str, ticket: Ticket, key: str
) -> JobView | None:
    """Queue a slip once per ``key`` (a refund's or a booking's id); None when ``key`` already has one.

    The key rides in the stored ticket JSON, so no schema change is needed. Slips of a kind that one order
    can have several of are numbered through ``reprint_no`` (1, 2, ...) to satisfy the per-order unique
    index; the numbers mean "n-th slip of this kind", not a reprint. Enqueues run on the app's loop, one at
    a time, so check-then-insert inside one transaction is enough.
    """
    with database_proxy.atomic():
        seen = PrintJob.select().where(
            (PrintJob.kind == kind.value) & (peewee.fn.json_extract(PrintJob.ticket, "$.key") == key)
        )
        if seen.exists():
            return None
        number = next_reprint_no(order_view_id, kind) if order_view_id is not None else 0
        now = _now()
        row = PrintJob.create(
            order_view_id=order_view_id,
            kind=kind.value,
            printer=printer,
            ticket=json.dumps({**ticket.to_json(), "key": key}, ensure_ascii=False),
            reprint_no=number,
            created_at=now,
            updated_at=now,
        )
    return JobView.of(row)


def get(job_id: int) -> JobView:
    return JobView.of(PrintJob.get_by_id(job_id))


def ticket_of(job_id: int) -> Ticket:
    return Ticket.from_json(json.loads(PrintJob.get_by_id(job_id).ticket))


def set_state(job_id: int, state: JobState, **fields: object) -> JobView:
    PrintJob.update(state=state.value, updated_at=_now(), **fields).where(PrintJob.id == job_id).execute()
    return get(job_id)


def start_sending(job_id: int) -> JobView:
    """Committed before any byte goes out, so a crash mid-send is seen as ``uncertain`` at restart."""
    PrintJob.update(state=JobState.SENDING.value, attempts=PrintJob.attempts + 1, updated_at=_now()).where(
        PrintJob.id == job_id
    ).execute()
    return get(job_id)


def queued_printers() -> list[str]:
    query = PrintJob.select(PrintJob.printer).where(PrintJob.state == JobState.QUEUED.value).distinct()
    return sorted(row.printer for row in query)


def next_queued(printer: str) -> JobView | None:
    row = (
        PrintJob.select()
        .where((PrintJob.state == JobState.QUEUED.value) & (PrintJob.printer == printer))
        .order_by(PrintJob.id)
        .first()
    )
    return JobView.of(row) if row else None


def count_queued(printer: str) -> int:
    return int(
        PrintJob.select()
        .where((PrintJob.state == JobState.QUEUED.value) & (PrintJob.printer == printer))
        .count()
    )


def interrupted() -> list[JobView]:
    rows = PrintJob.select().where(PrintJob.state == JobState.SENDING.value).order_by(PrintJob.id)
    return [JobView.of(row) for row in rows]


def for_order(order_view_id: int) -> list[JobView]:
    rows = PrintJob.select().where(PrintJob.order_view_id == order_view_id).order_by(PrintJob.id)
    return [JobView.of(row) for row in rows]


def next_reprint_no(order_view_id: int, kind: JobKind) -> int:
    top = (
        PrintJob.select(peewee.fn.MAX(PrintJob.reprint_no))
        .where((PrintJob.order_view_id == order_view_id) & (PrintJob.kind == kind.value))
        .scalar()
    )
    return int(top or 0) + 1
