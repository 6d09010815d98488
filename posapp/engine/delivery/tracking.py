"""Follows active bookings: status from ``info``, the partner from ``position_latest``, the path from
``position_track`` (fetched whole at first sight and at each status step, extended by each latest fix).

Zeek's callbacks arrive through the relay too; polling keeps the map moving between callbacks and
keeps working where no relay is set up. A failed poll is logged and tried again next round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from posapp.domain.delivery import DeliveryBooking
from posapp.engine.delivery.service import DeliveryChange, DeliveryService, Places
from posapp.store import booking_queries as queries
from posapp.store import deliveries
from posapp.zeek.client import INFO, ZeekClient
from posapp.zeek.errors import ZeekError
from posapp.zeek.wire import as_str, order_ref, parse_order_info

log = logging.getLogger(__name__)


class Tracker:
    def __init__(
        self,
        client: ZeekClient,
        service: DeliveryService,
        interval_s: float = 15.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._service = service
        self.interval_s = interval_s
        self._clock = clock
        self._wake = asyncio.Event()
        self._have_track: set[str] = set()
        service.hub.subscribe(DeliveryChange, self._changed)

    def _changed(self, change: DeliveryChange) -> None:
        booking = change.booking
        if booking is not None and booking.order_id and booking.order_id not in self._have_track:
            self._wake.set()  # a new booking reached Zeek: show its partner without waiting a round

    async def run(self) -> None:
        while True:
            await self.poll_once()
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval_s)

    async def poll_once(self) -> int:
        """Refresh every booking still under way; returns how many were polled."""
        bookings = queries.tracked()
        for booking in bookings:
            await self.refresh(booking)
        return len(bookings)

    async def refresh(self, booking: DeliveryBooking) -> None:
        now = int(self._clock())
        try:
            raw = await self._client.call(
                INFO, order_ref(booking.order_id, self._client.config.client_merchant_id)
            )
            answer = raw.get("data") or {}
            update = parse_order_info(answer)
            self._service.places[booking.order_id] = Places(
                as_str(answer.get("merchant_location")), as_str(answer.get("user_location"))
            )
            moved = deliveries.apply_update(update, now)
            fixes = []
            # The whole path on first sight and at each status step (cheap, and fills any gap between
            # polls); in between, each latest fix extends it.
            if moved or booking.order_id not in self._have_track:
                fixes = await self._client.position_track(booking.order_id)
                self._have_track.add(booking.order_id)
            latest = await self._client.position_latest(booking.order_id)
            if latest is not None:
                fixes.append(latest)
            deliveries.add_positions(fixes)
        except ZeekError as error:
            log.warning("tracking %s failed: %s", booking.order_id, error)
            return
        self._service.notify(booking.client_order_id)
