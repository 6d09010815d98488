"""How booking and cancelling reach Zeek through the durable outbox.

A booking is saved (request and ``client_order_id``) before the outbox row exists, and every attempt
sends that saved request: a retry after a timeout repeats the same id, and Zeek's "duplicate" answer
naming the existing order counts as booked (``ZeekClient.create``), so one order never gets two couriers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from posapp.engine.delivery import queries
from posapp.store import deliveries
from posapp.store.outbox import OutboxAction
from posapp.zeek.client import ZeekClient
from posapp.zeek.errors import ZeekError, ZeekNotFound

ZEEK = "zeek"
BOOK = "book"
CANCEL = "cancel"


class BookingMissing(ZeekError):
    """The outbox names a booking the cache does not hold (a wiped cache): nothing can be sent."""


class ZeekDelivery:
    """``posapp.engine.outbox.Delivery`` for the ``zeek`` platform; ``order_ref`` is the client_order_id."""

    def __init__(self, client: ZeekClient, clock: Callable[[], float] = time.time) -> None:
        self._client = client
        self._clock = clock

    async def send(self, action: OutboxAction) -> dict[str, Any]:
        if action.action == BOOK:
            return await self._book(action.order_ref)
        if action.action == CANCEL:
            return await self._cancel(action)
        raise ValueError(f"unknown Zeek action {action.action!r}")

    async def _book(self, client_order_id: str) -> dict[str, Any]:
        request = queries.request_for(client_order_id)
        if request is None:
            raise BookingMissing(f"no saved booking {client_order_id}")
        booking = await self._client.create(request)
        stored = deliveries.record_created(booking, int(self._clock()))
        return {"order_id": stored.order_id}

    async def _cancel(self, action: OutboxAction) -> dict[str, Any]:
        booking = deliveries.get(action.order_ref)
        if booking is None or not booking.order_id:
            raise BookingMissing(f"booking {action.order_ref} has no Zeek order yet")
        payload = action.payload
        ack = await self._client.cancel(booking.order_id, payload.get("reason", ""), payload["user_code"])
        update = await self._client.info(booking.order_id)
        deliveries.apply_update(update, int(self._clock()))
        return {"order_id": ack.order_id}

    async def already_applied(self, action: OutboxAction) -> bool | None:
        booking = deliveries.get(action.order_ref)
        if booking is None:
            return None
        if action.action == BOOK:
            # Without Zeek's order id there is nothing to look up; False means "send again", which is
            # safe because the resend carries the same client_order_id.
            return bool(booking.order_id)
        if not booking.order_id:
            return False
        try:
            update = await self._client.info(booking.order_id)
        except ZeekNotFound:
            return None
        deliveries.apply_update(update, int(self._clock()))
        return update.status.is_final and update.cancellation is not None
