"""A self-delivery order's Zeek courier, reported back to Keeta: ``/order/dispatched`` once the
partner has picked the food up, ``/order/delivered`` once Zeek says it was delivered (keeta.md §6).

Each report is an outbox action keyed by the Keeta order (``keeta-dispatched-<id>``), so it is sent
once whatever happens around it: a Zeek callback repeated, a poll and a callback saying the same
thing, callbacks out of order (the booking only moves forward, and reports follow the booking, not
the message), a restart (the key is in the cache; :meth:`KeetaReports.catch_up` re-derives what is
due from the bookings, in case the app stopped between a callback and its report). Only orders the
shop carries itself ("9001") are reported; Keeta's riders report their own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from posapp.domain.courier_booking import is_self_delivery
from posapp.domain.delivery import DeliveryBooking, DeliveryStatus
from posapp.domain.order import CourierStatus, Order, OrderStatus
from posapp.domain.outbox_action import OutboxAction, keeta_order_of
from posapp.engine.delivery.service import DeliveryChange, DeliveryService
from posapp.engine.outbox import OutboxWorker
from posapp.keeta.client import KeetaClient
from posapp.store import booking_queries
from posapp.store import orders as order_store

log = logging.getLogger(__name__)

KEETA = "keeta"
DISPATCHED = "dispatched"
DELIVERED = "delivered"
REPORTS = (DISPATCHED, DELIVERED)
# How far back a restart looks for reports still owed: Keeta lets a merchant act on an order for
# 48 h after completion; older bookings are history.
CATCH_UP_S = 48 * 3600

_ON_THE_WAY = {DeliveryStatus.DEPARTED, DeliveryStatus.DELIVERING, DeliveryStatus.NEAR_CUSTOMER}


def reports_due(status: DeliveryStatus) -> tuple[str, ...]:
    """What Keeta should have heard once a booking is at ``status`` (dispatched before delivered).

    A delivery cancelled after pickup is not reported as dispatched: the food did not go out to the
    customer, and Keeta should not show the order on its way.
    """
    if status is DeliveryStatus.COMPLETED:
        return (DISPATCHED, DELIVERED)
    if status in _ON_THE_WAY:
        return (DISPATCHED,)
    return ()


def report_key(report: str, order_view_id: int) -> str:
    return f"keeta-{report}-{order_view_id}"


def courier_info(booking: DeliveryBooking) -> dict[str, Any]:
    """Keeta's optional ``courierInfo`` from the Zeek partner (empty when Zeek named none)."""
    partner = booking.partner
    if partner is None or not (partner.name or partner.phone):
        return {}
    info: dict[str, Any] = {}
    if partner.name:
        info["courierName"] = partner.name
    if partner.phone:
        info["courierPhone"] = partner.phone
    return info


# --- sending and checking (the outbox's Keeta delivery calls these) ----------------------------------


async def send_report(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    order_view_id = keeta_order_of(action)
    courier = action.payload.get("courier") or None
    if action.action == DISPATCHED:
        await client.dispatched(order_view_id, courier)
    elif action.action == DELIVERED:
        await client.delivered(order_view_id, courier)
    else:
        raise ValueError(f"not a self-delivery report: {action.action!r}")
    return {}


def report_reached(order: Order, action: OutboxAction) -> bool:
    """Does Keeta's copy of the order show the report took effect? (read with order/get)"""
    if order.status is OrderStatus.COMPLETED:
        return True  # delivered completes the order; dispatched can no longer be wanted
    if action.action == DISPATCHED:
        return order.courier.status in (CourierStatus.PICKED_UP, CourierStatus.DELIVERED)
    return False


# --- deciding what to report ---------------------------------------------------------------------


class KeetaReports:
    """Listens to the booking service and queues the reports each self-delivery booking has earned."""

    def __init__(
        self, service: DeliveryService, worker: OutboxWorker, clock: Callable[[], float] = time.time
    ) -> None:
        self._worker = worker
        self._clock = clock
        service.hub.subscribe(DeliveryChange, self._changed)

    def _changed(self, change: DeliveryChange) -> None:
        if change.booking is not None:
            self.report(change.booking)

    def report(self, booking: DeliveryBooking) -> list[OutboxAction]:
        """Queue what ``booking`` has earned and Keeta has not been sent yet; returns the actions."""
        due = reports_due(booking.status)
        if not due or booking.keeta_order_view_id is None:
            return []
        order_view_id = booking.keeta_order_view_id
        order = order_store.get_order(order_view_id)
        if order is None or not is_self_delivery(order) or order.status is OrderStatus.CANCELLED:
            return []
        payload = {"courier": courier_info(booking), "client_order_id": booking.client_order_id}
        actions = []
        for report in due:
            key = report_key(report, order_view_id)
            actions.append(self._worker.submit(KEETA, report, str(order_view_id), payload, key=key))
        return actions

    def catch_up(self) -> int:
        """After a start: queue reports owed by recent bookings (the keys keep sent ones from repeating)."""
        since = int(self._clock()) - CATCH_UP_S
        reportable = [s for s in DeliveryStatus if reports_due(s)]
        count = 0
        for booking in booking_queries.reportable_since(reportable, since):
            count += len(self.report(booking))
        return count
