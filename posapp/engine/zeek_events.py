"""Zeek status callbacks from the relay stream into the booking cache, and on to the screens.

The relay has already verified each callback; here it is recorded once per dedup key (a Zeek retry or
a replayed stream event has no second effect) inside the sync engine's transaction, so it commits with
the stream cursor. The hub hears about it only after that commit: :meth:`DeliveryEvents.flush` listens
to the sync engine's ``AppliedEvent``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from posapp.domain.delivery import BookingUpdate, DeliveryBooking
from posapp.engine.hub import EventHub
from posapp.store import deliveries
from posapp.zeek.dedup import callback_key
from posapp.zeek.wire import parse_callback

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryUpdate:
    """A Zeek callback committed to the booking cache (published on the hub)."""

    update: BookingUpdate
    booking: DeliveryBooking | None  # the cached booking after the update; None if not booked here
    applied: bool  # whether it moved the booking forward (an older status arriving late does not)


def callback_data(push: Any) -> dict[str, Any]:
    """The ``data`` of a callback as streamed (``{"auth": …, "data": …}``, parsed); ValueError if none."""
    data = push.get("data") if isinstance(push, dict) else None
    if not isinstance(data, dict) or not data.get("order_id"):
        raise ValueError("Zeek callback without data.order_id")
    return data


class DeliveryEvents:
    def __init__(self, hub: EventHub | None = None) -> None:
        self.hub = hub if hub is not None else EventHub()
        self._pending: list[DeliveryUpdate] = []

    def record(self, push: Any, now: int) -> None:
        """The applier's handler for ``zeek`` events; runs inside its transaction."""
        data = callback_data(push)
        update = parse_callback(data)
        outcome = deliveries.record_callback(data, callback_key(data), update, now)
        if outcome.new:
            booking = deliveries.by_order_id(update.order_id)
            self._pending.append(DeliveryUpdate(update, booking, outcome.applied))

    def flush(self, _applied: object = None) -> None:
        """Publish what the last committed event recorded."""
        pending, self._pending = self._pending, []
        for item in pending:
            self.hub.publish(item)
