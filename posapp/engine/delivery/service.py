"""The delivery tab's engine: quote, book and cancel Zeek couriers; what the screen calls and hears.

Booking and cancelling go through the outbox (durable, retried, never doubled); quotes and lookups are
reads and go straight to Zeek. Changes go out as :class:`DeliveryChange` events on the worker's hub;
``ui/bridge.py`` turns them into Qt signals.
Thread contract: everything runs on the app's event loop (the Qt thread under qasync).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from posapp.domain.courier_booking import courier_booking
from posapp.domain.delivery import BookingUpdate, CourierPosition, DeliveryBooking, Quote, quote_for_amount
from posapp.domain.delivery_request import DeliveryRequest, RequestRules
from posapp.domain.message import Message
from posapp.domain.order import Order
from posapp.domain.outbox_action import OutboxAction
from posapp.engine.delivery.forms import (
    DeliveryForm,
    FormInvalid,
    booking_problems,
    form_for_order,
    parse_amount,
    quote_problems,
    to_request,
)
from posapp.engine.delivery.pickup_codes import new_code, start_of_day
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.delivery.zeek_sender import BOOK, CANCEL, ZEEK
from posapp.engine.outbox import ActionChanged, OutboxWorker
from posapp.store import booking_queries as queries
from posapp.store import deliveries
from posapp.store import orders as order_store
from posapp.zeek import codes
from posapp.zeek.client import ZeekClient

if TYPE_CHECKING:
    from posapp.engine.delivery.contacts import ContactBook

log = logging.getLogger(__name__)

FEE_WARNING = (
    "The partner has already {where}. Zeek may charge the delivery fee for this cancellation, "
    "and after pickup it may refuse to cancel. Call the partner first."
)


NOT_IN_APP = "The Keeta order is not in the app; refresh it first."


class DeliveryRefused(Exception):
    """Something the booking's state does not allow; ``reason`` is for the cashier."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FeeRiskNotAccepted(DeliveryRefused):
    """Cancelling now may cost a fee: the cashier must confirm having read the warning."""


@dataclass(frozen=True)
class QuoteResult:
    table: list[Quote]  # scenario 1: every mode with its amount band (the amount → mode conversion)
    quote: Quote | None = None  # the quotation that holds the form's amount, if one was typed


@dataclass(frozen=True)
class Places:
    """Where the shop and the customer are, as Zeek's ``info`` gives them ("lat,lng"; may be empty)."""

    store: str = ""
    customer: str = ""


@dataclass(frozen=True)
class DeliveryChange:
    """A booking changed (tracking, a relayed callback, an outbox answer); published on the hub."""

    client_order_id: str
    booking: DeliveryBooking | None
    action: OutboxAction | None = None


class DeliveryService:
    def __init__(
        self,
        client: ZeekClient,
        worker: OutboxWorker,
        settings: DeliverySettings | None = None,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
    ) -> None:
        self.client = client
        self.settings = settings or DeliverySettings()
        self._worker = worker
        self._clock = clock
        self._rng = rng or random.Random()
        self.hub = worker.hub
        self.places: dict[str, Places] = {}  # by Zeek order id, filled by the tracker
        # Decrypted contacts of self-delivery orders (None: forms keep Keeta's masked values blank).
        self.contacts: ContactBook | None = None
        self.hub.subscribe(ActionChanged, self._action_changed)

    # --- facts ----------------------------------------------------------------------------------------

    @property
    def rules(self) -> RequestRules:
        return codes.request_rules(self.client.config.region)

    def now(self) -> int:
        return int(self._clock())

    def _today(self) -> int:
        return start_of_day(self._clock(), self.client.config.utc_offset_hours)

    # --- announcing -----------------------------------------------------------------------------------

    def notify(self, client_order_id: str, action: OutboxAction | None = None) -> None:
        """Publish that a booking changed (tracking, a relayed callback, an outbox answer)."""
        self.hub.publish(DeliveryChange(client_order_id, deliveries.get(client_order_id), action))

    def callback_applied(self, order_id: str) -> None:
        """Hook for the relay's ``zeek`` handler once it has recorded a callback for ``order_id``."""
        booking = deliveries.by_order_id(order_id)
        if booking is not None:
            self.notify(booking.client_order_id)

    def _action_changed(self, changed: ActionChanged) -> None:
        action = changed.action
        if action.platform == ZEEK:
            self.notify(action.order_ref, action)

    # --- queries --------------------------------------------------------------------------------------

    def active(self) -> list[DeliveryBooking]:
        return queries.active(self.now())

    def booking(self, client_order_id: str) -> DeliveryBooking | None:
        return deliveries.get(client_order_id)

    def open_booking_for(self, order_view_id: int) -> DeliveryBooking | None:
        return queries.open_for_keeta_order(order_view_id)

    def latest_booking_for(self, order_view_id: int) -> DeliveryBooking | None:
        """The order's last booking, ended or not."""
        return queries.latest_for_keeta_order(order_view_id)

    def track(self, order_id: str) -> list[CourierPosition]:
        return deliveries.track(order_id)

    def latest_position(self, order_id: str) -> CourierPosition | None:
        return deliveries.latest_position(order_id)

    def request(self, client_order_id: str) -> DeliveryRequest | None:
        return queries.request_for(client_order_id)

    def booked_at(self, client_order_id: str) -> int | None:
        return queries.created_at(client_order_id)

    # --- the form -------------------------------------------------------------------------------------

    def new_pickup_code(self, order_view_id: int | None = None) -> str:
        return new_code(queries.codes_since(self._today(), order_view_id), self._rng)

    def form_for_order(self, order: Order) -> DeliveryForm:
        if self.contacts is not None:
            order = replace(order, customer=self.contacts.customer_for(order))
        form = form_for_order(order)
        code = self.new_pickup_code(order.order_view_id)
        return form.with_changes(pickup_code=code, cod_type=self.settings.cod_type)

    def manual_form(self) -> DeliveryForm:
        return DeliveryForm(pickup_code=self.new_pickup_code(), cod_type=self.settings.cod_type)

    # --- quote ----------------------------------------------------------------------------------------

    async def quote(self, form: DeliveryForm) -> QuoteResult:
        """The conversion table for the location, and the quotation for the amount when one is typed."""
        problems = quote_problems(form, self.now(), self.rules)
        if problems:
            raise FormInvalid(problems)
        location, address = form.location.strip(), form.address.strip()
        table = await self.client.conversion_table(location, address=address, scheduled_at=form.scheduled_at)
        amount = parse_amount(form.amount) if form.amount.strip() else None
        if amount is None or amount.cents <= 0:
            return QuoteResult(table)
        chosen = await self.client.quote(location, amount, address=address, scheduled_at=form.scheduled_at)
        return QuoteResult(table, chosen or quote_for_amount(table, amount))

    # --- book -----------------------------------------------------------------------------------------

    def _client_order_id(self, form: DeliveryForm) -> str:
        if form.keeta_order_view_id is not None:
            n = queries.count_for_keeta_order(form.keeta_order_view_id) + 1
            return f"POS-K{form.keeta_order_view_id}-{n}"
        return f"POS-M{self.now()}{self._rng.randrange(1000):03d}"

    def book(self, form: DeliveryForm, order: Order | None = None) -> DeliveryBooking:
        """Check, save and queue a booking; returns it at once (``order_id`` comes when Zeek answers).

        A booking for a Keeta order is refused unless the shop delivers that order itself: ``order``
        is the caller's copy, else the cached one.
        """
        if form.keeta_order_view_id is not None:
            self.check_bookable(order or order_store.get_order(form.keeta_order_view_id))
            existing = queries.open_for_keeta_order(form.keeta_order_view_id)
            if existing is not None:
                raise DeliveryRefused(
                    Message(
                        "This order already has a courier booked (pickup code {0}).", existing.pickup_code
                    )
                )
        client_order_id = self._client_order_id(form)
        now = self.now()
        problems = booking_problems(form, now, self.rules, client_order_id)
        code = form.pickup_code.strip()
        if "pickup_code" not in problems and code in queries.codes_since(
            self._today(), form.keeta_order_view_id
        ):
            problems["pickup_code"] = [Message("pickup code {0} is already used today; choose another", code)]
        if problems:
            raise FormInvalid(problems)
        return self._send(to_request(form, client_order_id, now))

    @staticmethod
    def check_bookable(order: Order | None) -> None:
        """Raise :class:`DeliveryRefused` unless a Zeek courier may carry ``order`` (the delivery mode)."""
        if order is None:
            raise DeliveryRefused(NOT_IN_APP)
        verdict = courier_booking(order)
        if not verdict:
            raise DeliveryRefused(verdict.reason)

    def rebook(self, client_order_id: str) -> DeliveryBooking:
        """Book again after Zeek gave up (7001): same customer and pickup code, a new client order id."""
        request = queries.request_for(client_order_id)
        if request is None:
            raise DeliveryRefused("The booking to repeat is not in the app.")
        n = 2
        while deliveries.get(f"{client_order_id}-R{n}") is not None:
            n += 1
        fresh = to_request(_form_of(request), f"{client_order_id}-R{n}", self.now())
        return self._send(fresh)

    def _send(self, request: DeliveryRequest) -> DeliveryBooking:
        booking = deliveries.save_request(request, self.client.config.client_merchant_id, self.now())
        key = f"zeek-book-{request.client_order_id}"
        action = self._worker.submit(ZEEK, BOOK, request.client_order_id, {}, key=key)
        self.notify(request.client_order_id, action)
        return booking

    # --- cancel ---------------------------------------------------------------------------------------

    def cancel_warning(self, booking: DeliveryBooking) -> str:
        """The fee-risk warning once the partner has arrived or picked up; empty before."""
        if not booking.status.cancel_may_cost:
            return ""
        where = "picked up the food" if booking.status.food_picked_up else "arrived at the shop"
        return FEE_WARNING.replace("{where}", where)

    def cancel(self, client_order_id: str, reason: str, *, accept_fee_risk: bool = False) -> OutboxAction:
        booking = deliveries.get(client_order_id)
        if booking is None:
            raise DeliveryRefused("This booking is not in the app.")
        if booking.status.is_final:
            raise DeliveryRefused("This delivery has already ended.")
        if not booking.order_id:
            raise DeliveryRefused("The booking is still being sent to Zeek; try again in a moment.")
        if not reason.strip():
            raise DeliveryRefused("Please write why the delivery is cancelled.")
        warning = self.cancel_warning(booking)
        if warning and not accept_fee_risk:
            raise FeeRiskNotAccepted(warning)
        payload = {"reason": reason.strip(), "user_code": self.settings.staff_code}
        return self._worker.submit(ZEEK, CANCEL, client_order_id, payload, key=None)

    # --- lookup ---------------------------------------------------------------------------------------

    async def lookup_phone(self, phone: str) -> list[BookingUpdate]:
        """Zeek's deliveries for a customer's phone (info_by_phone); each one also updates the cache."""
        found = await self.client.info_by_phone(phone.strip())
        for update in found:
            if deliveries.apply_update(update, self.now()):
                self.notify(update.client_order_id)
        return found


def _form_of(request: DeliveryRequest) -> DeliveryForm:
    whole, cents = divmod(request.total.cents, 100)
    return DeliveryForm(
        name=request.customer_name, phone=request.phone, address=request.address,
        location=request.location, amount=f"{whole}.{cents:02d}", pickup_code=request.pickup_code,
        remark=request.remark, cod_type=request.cod_type, keeta_order_view_id=request.keeta_order_view_id,
        country_code=request.country_code,
    )  # fmt: skip
