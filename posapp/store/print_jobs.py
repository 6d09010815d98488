"""The print queue's table: its model and the few queries the queue and the printing service need.

A job's ticket is kept as the JSON of ``printing.ticket.Ticket.to_json`` (the store does not know
tickets: printing turns them into JSON and back).
"""

from __future__ import annotations

import json
import time
from typing import Any

import peewee

from posapp.domain.print_job import JobKind, JobState, JobView
from posapp.store.db import database_proxy
from posapp.store.models import PrintJobRecord

TicketJson = dict[str, Any]


def _view(row: PrintJobRecord) -> JobView:
    return JobView(
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
    order_view_id: int | None, kind: JobKind, printer: str, ticket: TicketJson, reprint_no: int = 0
) -> JobView | None:
    """Queue a job; None when this order already has this slip (automatic enqueues are idempotent)."""
    now = _now()
    try:
        row = PrintJobRecord.create(
            order_view_id=order_view_id,
            kind=kind.value,
            printer=printer,
            ticket=json.dumps(ticket, ensure_ascii=False),
            reprint_no=reprint_no,
            created_at=now,
            updated_at=now,
        )
    except peewee.IntegrityError:
        return None
    return _view(row)


def add_once(
    order_view_id: int | None, kind: JobKind, printer: str, ticket: TicketJson, key: str
) -> JobView | None:
    """Queue a slip once per ``key`` (a refund's or a booking's id); None when ``key`` already has one.

    The key rides in the stored ticket JSON, so no schema change is needed. Slips of a kind that one order
    can have several of are numbered through ``reprint_no`` (1, 2, ...) to satisfy the per-order unique
    index; the numbers mean "n-th slip of this kind", not a reprint. Enqueues run on the app's loop, one at
    a time, so check-then-insert inside one transaction is enough.
    """
    with database_proxy.atomic():
        seen = PrintJobRecord.select().where(
            (PrintJobRecord.kind == kind.value)
            & (peewee.fn.json_extract(PrintJobRecord.ticket, "$.key") == key)
        )
        if seen.exists():
            return None
        number = next_reprint_no(order_view_id, kind) if order_view_id is not None else 0
        now = _now()
        row = PrintJobRecord.create(
            order_view_id=order_view_id,
            kind=kind.value,
            printer=printer,
            ticket=json.dumps({**ticket, "key": key}, ensure_ascii=False),
            reprint_no=number,
            created_at=now,
            updated_at=now,
        )
    return _view(row)


def get(job_id: int) -> JobView:
    return _view(PrintJobRecord.get_by_id(job_id))


def ticket_of(job_id: int) -> TicketJson:
    ticket: TicketJson = json.loads(PrintJobRecord.get_by_id(job_id).ticket)
    return ticket


def set_state(job_id: int, state: JobState, **fields: object) -> JobView:
    PrintJobRecord.update(state=state.value, updated_at=_now(), **fields).where(
        PrintJobRecord.id == job_id
    ).execute()
    return get(job_id)


def start_sending(job_id: int) -> JobView:
    """Committed before any byte goes out, so a crash mid-send is seen as ``uncertain`` at restart."""
    PrintJobRecord.update(
        state=JobState.SENDING.value, attempts=PrintJobRecord.attempts + 1, updated_at=_now()
    ).where(PrintJobRecord.id == job_id).execute()
    return get(job_id)


def queued_printers() -> list[str]:
    query = (
        PrintJobRecord.select(PrintJobRecord.printer)
        .where(PrintJobRecord.state == JobState.QUEUED.value)
        .distinct()
    )
    return sorted(row.printer for row in query)


def next_queued(printer: str) -> JobView | None:
    row = (
        PrintJobRecord.select()
        .where((PrintJobRecord.state == JobState.QUEUED.value) & (PrintJobRecord.printer == printer))
        .order_by(PrintJobRecord.id)
        .first()
    )
    return _view(row) if row else None


def count_queued(printer: str) -> int:
    return int(
        PrintJobRecord.select()
        .where((PrintJobRecord.state == JobState.QUEUED.value) & (PrintJobRecord.printer == printer))
        .count()
    )


def interrupted() -> list[JobView]:
    rows = (
        PrintJobRecord.select()
        .where(PrintJobRecord.state == JobState.SENDING.value)
        .order_by(PrintJobRecord.id)
    )
    return [_view(row) for row in rows]


def for_order(order_view_id: int) -> list[JobView]:
    rows = (
        PrintJobRecord.select()
        .where(PrintJobRecord.order_view_id == order_view_id)
        .order_by(PrintJobRecord.id)
    )
    return [_view(row) for row in rows]


def next_reprint_no(order_view_id: int, kind: JobKind) -> int:
    top = (
        PrintJobRecord.select(peewee.fn.MAX(PrintJobRecord.reprint_no))
        .where((PrintJobRecord.order_view_id == order_view_id) & (PrintJobRecord.kind == kind.value))
        .scalar()
    )
    return int(top or 0) + 1
