"""The printing hooks without screens: which order updates print what, and printers from settings."""

from __future__ import annotations

import dataclasses

import peewee

from posapp.domain.order import OrderStatus
from posapp.domain.print_job import JobKind, JobState
from posapp.engine.orders import OrderUpdate
from posapp.engine.printing_hooks import Printing, build_printing, printer_setup
from posapp.settings import Settings
from posapp.store import print_jobs as jobs
from tests.printing.conftest import make_order
from tests.printing_ui.conftest import printer_entry

KITCHEN = printer_entry("kitchen", "tcp://127.0.0.1:9", "kitchen")
COUNTER = printer_entry("counter", "tcp://127.0.0.1:10", "receipt", failover="kitchen")


def _kinds(order_view_id: int) -> list[tuple[str, str]]:
    return [(j.kind.value, j.state.value) for j in jobs.for_order(order_view_id)]


def _printing(**settings: object) -> Printing:
    # The queue is never started: jobs stay queued, which is what these tests look at.
    return build_printing(Settings(printers=[KITCHEN, COUNTER]).replace(**settings))


def test_roles_failover_and_bad_entries() -> None:
    setup = printer_setup([KITCHEN, COUNTER, {"name": "x", "uri": "lpt1"}, {"encoding": "big5"}])
    assert (setup.kitchen, setup.receipt) == ("kitchen", "counter")
    assert sorted(setup.printers) == ["counter", "kitchen"]
    assert setup.printers["counter"].failover == "kitchen"
    only = printer_setup([printer_entry("one", "tcp://h", "receipt", failover="one")])
    assert (only.kitchen, only.receipt) == ("one", "one")  # one printer takes every slip
    assert only.printers["one"].failover is None  # failing over to itself makes no sense
    assert printer_setup([printer_entry("a", "tcp://h", failover="gone")]).printers["a"].failover is None


def test_an_accept_seen_twice_queues_one_ticket_and_one_receipt(db: peewee.SqliteDatabase) -> None:
    printing = _printing()
    order = make_order()
    update = OrderUpdate(order, status_changed=True)

    printing.hooks.order_updated(update)
    printing.hooks.order_updated(update)
    printing.hooks.order_updated(OrderUpdate(order, new=True))

    assert _kinds(order.order_view_id) == [("kitchen", "queued"), ("receipt", "queued")]
    assert [j.printer for j in jobs.for_order(order.order_view_id)] == ["kitchen", "counter"]


def test_other_updates_print_nothing(db: peewee.SqliteDatabase) -> None:
    printing = _printing()
    accepted = make_order(order_view_id=1)
    printing.hooks.order_updated(OrderUpdate(accepted))  # a courier or refund change, no status move
    printing.hooks.order_updated(OrderUpdate(dataclasses.replace(accepted, status=OrderStatus.NEW), new=True))
    ready = dataclasses.replace(make_order(order_view_id=2), status=OrderStatus.READY)
    printing.hooks.order_updated(OrderUpdate(ready, new=True, status_changed=True))  # cooked elsewhere
    assert _kinds(1) == [] and _kinds(2) == []


def test_auto_print_switches(db: peewee.SqliteDatabase) -> None:
    printing = _printing(auto_print_kitchen=False)
    order = make_order()
    printing.hooks.order_updated(OrderUpdate(order, status_changed=True))
    assert _kinds(order.order_view_id) == [("receipt", "queued")]


def test_cancel_withdraws_an_unprinted_ticket_and_slips_a_printed_one(db: peewee.SqliteDatabase) -> None:
    printing = _printing(auto_print_receipt=False)
    waiting, printed = make_order(order_view_id=1), make_order(order_view_id=2)
    for order in (waiting, printed):
        printing.hooks.order_updated(OrderUpdate(order, status_changed=True))
    (ticket,) = jobs.for_order(2)
    jobs.set_state(ticket.id, JobState.CONFIRMED)

    for order in (waiting, printed, printed):
        cancelled = dataclasses.replace(order, status=OrderStatus.CANCELLED)
        printing.hooks.order_updated(OrderUpdate(cancelled, status_changed=True))

    assert _kinds(1) == [("kitchen", "cancelled")]  # never reached the kitchen: nothing to stop
    assert _kinds(2) == [("kitchen", "confirmed"), ("cancel", "queued")]


def test_no_printer_set_up_prints_nothing_and_offers_no_reprint(db: peewee.SqliteDatabase) -> None:
    printing = build_printing(Settings())
    order = make_order()
    printing.hooks.order_updated(OrderUpdate(order, status_changed=True))
    assert _kinds(order.order_view_id) == []
    assert not printing.has_printer(JobKind.KITCHEN) and not printing.reprint(order, JobKind.RECEIPT)
