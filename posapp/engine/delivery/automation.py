"""Optional automation on top of the booking service (all off by default, see ``DeliverySettings``):

- quote as soon as a delivery order is accepted, so the fee and ETA are on screen before anyone asks;
- book when the order is marked ready, or N minutes before its ready time;
- warn when the partner is predicted to show up after the food is ready (it goes cold);
- book again when Zeek cancels with 7001 (no partner found in time).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from posapp.domain.courier_booking import courier_booking
from posapp.domain.delivery import CancelReason, DeliveryBooking, DeliveryStatus
from posapp.domain.message import Message
from posapp.domain.order import Order, OrderStatus
from posapp.engine.background import BackgroundTasks
from posapp.engine.delivery.forms import FormInvalid
from posapp.engine.delivery.service import DeliveryChange, DeliveryRefused, DeliveryService, QuoteResult
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.orders import OrderService, OrderUpdate
from posapp.store import orders as order_store
from posapp.zeek.errors import ZeekError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryAlert:
    """Something the automation did or warns about, for the screen (published on the hub)."""

    kind: str  # "quoted", "booked", "book_failed", "late_partner", "rebooked"
    text: str
    order_view_id: int | None = None
    client_order_id: str = ""


class AutoDispatch:
    def __init__(
        self,
        service: DeliveryService,
        orders: OrderService | None,
        settings: DeliverySettings,
        default_prep_minutes: int = 15,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._service = service
        self._orders = orders
        self.settings = settings
        self._prep_s = default_prep_minutes * 60
        self._clock = clock
        self.quotes: dict[int, QuoteResult] = {}
        self.hub = service.hub
        self._rebooked: set[str] = set()
        self._late_warned: set[str] = set()
        self._background = BackgroundTasks("delivery automation")
        if orders is not None:
            orders.hub.subscribe(OrderUpdate, self.order_changed)
        self.hub.subscribe(DeliveryChange, self.booking_changed)

    # --- Keeta order events ---------------------------------------------------------------------------

    def eligible(self, order: Order) -> bool:
        # Only the shop's own deliveries: Keeta's riders carry the rest (domain/courier_booking.py).
        return bool(courier_booking(order))

    def order_changed(self, update: OrderUpdate) -> None:
        order = update.order
        if not self.eligible(order):
            return
        accepted = update.status_changed and order.status is OrderStatus.ACCEPTED
        if accepted and self.settings.auto_quote_on_accept:
            self._background.spawn(self._quote(order))
        if order.status is OrderStatus.READY and self.settings.auto_book_on_ready:
            self.auto_book(order)

    def ready_at(self, order: Order) -> int:
        """When the food should be ready: the time promised at Accept, else Keeta's estimate, else
        placed + the usual preparation time."""
        return order.ready_by or order.ready_eta or order.placed_at + self._prep_s

    def tick(self) -> None:
        """Called every few seconds: books ahead of the ready time and raises late-partner alerts."""
        if self._orders is None:
            return
        lead = self.settings.auto_book_minutes_before_ready
        if lead is not None:
            self._book_ahead(lead)
        # Late-partner alerts have no switch; active() is one small bounded query (no bookings, no work).
        for booking in self._service.active():
            self._check_late(booking)

    def _book_ahead(self, lead_minutes: int) -> None:
        # Only accepted orders can be booked ahead: loading every open order each tick cost most of a
        # core with thousands cached.
        now = int(self._clock())
        for order in order_store.orders_by_status(OrderStatus.ACCEPTED):
            due = self.ready_at(order) - lead_minutes * 60 <= now
            if due and self.eligible(order):
                self.auto_book(order)

    async def _quote(self, order: Order) -> None:
        try:
            result = await self._service.quote(self._service.form_for_order(order))
        except (FormInvalid, ZeekError) as error:
            log.info("auto-quote for %s skipped: %s", order.order_view_id, error)
            return
        self.quotes[order.order_view_id] = result
        fee = result.quote.fee.format() if result.quote and result.quote.fee else "?"
        text = Message("Courier for #{0}: {1}", order.seq_no, fee)
        self._alert(DeliveryAlert("quoted", text, order.order_view_id))

    def auto_book(self, order: Order) -> DeliveryBooking | None:
        if self._service.open_booking_for(order.order_view_id) is not None:
            return None
        try:
            booking = self._service.book(self._service.form_for_order(order), order)
        except (FormInvalid, DeliveryRefused) as error:
            why = error.reason if isinstance(error, DeliveryRefused) else Message.joined(error.all_problems)
            text = Message("No courier booked for #{0} automatically: {1}", order.seq_no, why)
            self._alert(DeliveryAlert("book_failed", text, order.order_view_id))
            return None
        self._alert(
            DeliveryAlert(
                "booked",
                Message("Courier booked for #{0}, pickup code {1}", order.seq_no, booking.pickup_code),
                order.order_view_id,
                booking.client_order_id,
            )
        )
        return booking

    # --- booking events -------------------------------------------------------------------------------

    def booking_changed(self, change: DeliveryChange) -> None:
        booking = change.booking
        if booking is None or not self.settings.rebook_on_assign_timeout:
            return
        cancellation = booking.cancellation
        timed_out = cancellation is not None and cancellation.reason is CancelReason.ASSIGN_TIMEOUT
        if booking.status is DeliveryStatus.CANCELLED_BEFORE_PICKUP and timed_out:
            self._rebook(booking)

    def _rebook(self, booking: DeliveryBooking) -> None:
        if booking.client_order_id in self._rebooked:
            return
        self._rebooked.add(booking.client_order_id)
        try:
            fresh = self._service.rebook(booking.client_order_id)
        except (FormInvalid, DeliveryRefused) as error:
            log.warning("re-book of %s failed: %s", booking.client_order_id, error)
            return
        text = Message("No partner took pickup code {0}; booked again.", booking.pickup_code)
        self._alert(DeliveryAlert("rebooked", text, booking.keeta_order_view_id, fresh.client_order_id))

    def predicted_showup(self, booking: DeliveryBooking) -> int | None:
        showup = booking.predictions.showup
        booked = self._service.booked_at(booking.client_order_id)
        if showup is None or booked is None or booking.status.rank >= DeliveryStatus.AT_STORE.rank:
            return None
        return booked + showup.minutes * 60

    def _check_late(self, booking: DeliveryBooking) -> None:
        if booking.keeta_order_view_id is None or booking.client_order_id in self._late_warned:
            return
        order = self._orders.order(booking.keeta_order_view_id) if self._orders else None
        showup = self.predicted_showup(booking)
        if order is None or showup is None:
            return
        late_s = showup - self.ready_at(order)
        if late_s > self.settings.late_alert_grace_min * 60:
            self._late_warned.add(booking.client_order_id)
            text = Message(
                "The partner for #{0} is expected {1} min after the food is ready (pickup code {2}).",
                order.seq_no,
                late_s // 60,
                booking.pickup_code,
            )
            self._alert(DeliveryAlert("late_partner", text, order.order_view_id, booking.client_order_id))

    # --- helpers --------------------------------------------------------------------------------------

    def _alert(self, alert: DeliveryAlert) -> None:
        self.hub.publish(alert)

    async def aclose(self) -> None:
        await self._background.aclose()
