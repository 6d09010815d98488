"""The automation's periodic tick: books ahead of the ready time, and reads no orders when that is off."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee
import pytest

from posapp.demo.stack import keeta_config_for
from posapp.domain.order import Order, OrderStatus
from posapp.engine.delivery import automation as automation_module
from posapp.engine.delivery.automation import AutoDispatch
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.orders import OrderService
from posapp.keeta.client import KeetaClient
from posapp.keeta.order_parser import parse_order
from posapp.sim.server import SimServer
from posapp.store.db import open_database
from posapp.store.ingest import upsert_order
from tests.conftest import load_fixture
from tests.delivery.conftest import Delivery, open_delivery

LEAD_MIN = 10


def _accepted_self_delivery(order_view_id: int) -> Order:
    raw = load_fixture("keeta/order_info_delivery.json")
    raw["merchantOrderDeliveries"][0]["deliveryMode"] = "9001"  # the shop delivers it itself
    raw["recipientInfo"].update(
        name="Lee Ka Yan", phone="93334444", addressName="8 Queen's Road Central", houseNumber="12A"
    )
    order = dataclasses.replace(parse_order(raw), order_view_id=order_view_id)
    return dataclasses.replace(order, status=OrderStatus.ACCEPTED)


def _dispatch(stack: Delivery, sim: SimServer, settings: DeliverySettings, now: float) -> AutoDispatch:
    keeta = KeetaClient(keeta_config_for(sim.ctx.config, f"{sim.base_url}/keeta/api/open"))
    return AutoDispatch(stack.engine.service, OrderService(keeta, stack.worker), settings, clock=lambda: now)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[peewee.SqliteDatabase]:
    """Plain asyncio here (no Qt loop): the automation is engine code."""
    database = open_database(tmp_path / "cache.sqlite3")
    yield database
    database.close()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Every order query the automation makes."""
    seen: list[tuple[Any, ...]] = []
    real = automation_module.order_store.orders_by_status

    def counted(*statuses: OrderStatus) -> list[Order]:
        seen.append(statuses)
        return real(*statuses)

    monkeypatch.setattr(automation_module.order_store, "orders_by_status", counted)
    return seen


async def test_tick_books_accepted_orders_due_before_their_ready_time(
    cache: peewee.SqliteDatabase, sim: SimServer, reads: list[tuple[Any, ...]]
) -> None:
    due = _accepted_self_delivery(1)
    later = dataclasses.replace(_accepted_self_delivery(2), placed_at=due.placed_at + 3600)
    for order in (due, later):
        upsert_order(order)
    settings = DeliverySettings(poll_interval_s=0.1, auto_book_minutes_before_ready=LEAD_MIN)
    async with open_delivery(sim, settings) as stack:
        dispatch = _dispatch(stack, sim, settings, dispatch_now(due))
        dispatch.tick()
        dispatch.tick()  # a repeat books nothing more

        service = stack.engine.service
        assert service.open_booking_for(1) is not None and service.open_booking_for(2) is None
        assert len(service.active()) == 1
        assert reads == [(OrderStatus.ACCEPTED,), (OrderStatus.ACCEPTED,)]
        await dispatch.aclose()


async def test_tick_reads_no_orders_when_booking_ahead_is_off(
    cache: peewee.SqliteDatabase, sim: SimServer, reads: list[tuple[Any, ...]]
) -> None:
    due = _accepted_self_delivery(1)
    upsert_order(due)
    settings = DeliverySettings(poll_interval_s=0.1)  # every automation off, as by default
    async with open_delivery(sim, settings) as stack:
        dispatch = _dispatch(stack, sim, settings, dispatch_now(due))
        dispatch.tick()
        assert reads == [] and stack.engine.service.active() == []
        await dispatch.aclose()


def dispatch_now(order: Order) -> float:
    """A moment just inside the lead time before ``order`` should be ready."""
    ready_at = order.ready_eta or order.placed_at + 15 * 60
    return float(ready_at - LEAD_MIN * 60 + 1)


async def test_the_ready_time_promised_at_accept_decides_when_to_book(
    cache: peewee.SqliteDatabase, sim: SimServer, reads: list[tuple[Any, ...]]
) -> None:
    """Same placing time, different promises: only the one whose promise is near gets its courier."""
    soon = _accepted_self_delivery(1)
    promised_later = _accepted_self_delivery(2)
    now = dispatch_now(soon)
    soon = dataclasses.replace(soon, ready_by=int(now) + (LEAD_MIN - 1) * 60)
    promised_later = dataclasses.replace(promised_later, ready_by=int(now) + (LEAD_MIN + 30) * 60)
    for order in (soon, promised_later):
        upsert_order(order)
    settings = DeliverySettings(poll_interval_s=0.1, auto_book_minutes_before_ready=LEAD_MIN)
    async with open_delivery(sim, settings) as stack:
        dispatch = _dispatch(stack, sim, settings, now)
        assert dispatch.ready_at(soon) == soon.ready_by
        dispatch.tick()
        service = stack.engine.service
        assert service.open_booking_for(1) is not None and service.open_booking_for(2) is None
        await dispatch.aclose()
