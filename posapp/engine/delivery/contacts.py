"""The customer's name, phone and address for orders the shop delivers itself, decrypted.

Keeta sends personal data as ``ENC_…`` values; ``base/batchDecrypt`` opens them only for merchant
self-delivery orders (keeta.md §2.3, §4.4), at most 50 values a call. The shop needs them to book
the Zeek courier and print the courier slip; nothing else does, so:

- only self-delivery ("9001") orders are decrypted; every other order keeps its values masked;
- the plain values stay in memory, per open order, and are dropped when the order ends; the booking
  request sent to Zeek is saved (a retry must repeat it), and :func:`forget_old_contacts` blanks its
  customer fields once the delivery has been over for 48 hours (Keeta's window for after-sales);
- logs say how many values were decrypted, never which.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
from collections.abc import Iterable

from posapp.domain.courier_booking import is_self_delivery
from posapp.domain.order import Customer, Order
from posapp.engine.background import BackgroundTasks
from posapp.engine.orders import OrderService, OrderUpdate
from posapp.keeta import codes
from posapp.keeta.client import KeetaClient
from posapp.keeta.errors import KeetaError
from posapp.store import booking_queries

log = logging.getLogger(__name__)

_ENCRYPTED = re.compile(re.escape(codes.ENCRYPTED_PREFIX) + r"[^\s,]+")
_FIELDS = ("name", "phone", "address")
KEEP_CONTACTS_S = 48 * 3600
# The saved request's customer fields (domain/delivery_request.py): blanked once no longer needed.
_REQUEST_CONTACT_FIELDS = ("customer_name", "phone", "address", "location")


def forget_old_contacts(now: int, keep_s: int = KEEP_CONTACTS_S) -> int:
    """Blank the customer in Keeta orders' bookings that ended over ``keep_s`` ago; returns how many.

    The pickup code, amounts, statuses and partner stay for the history; manual (phone) bookings,
    whose details the cashier typed in, are left as they are.
    """
    forgotten = booking_queries.blank_ended_contacts(now - keep_s, _REQUEST_CONTACT_FIELDS)
    if forgotten:
        log.info("blanked the customer of %d ended deliveries", forgotten)
    return forgotten


def encrypted_values(customer: Customer) -> list[str]:
    """Every ``ENC_…`` value in the customer's fields (an address may join two), in order, once."""
    found: list[str] = []
    for field in _FIELDS:
        for value in _ENCRYPTED.findall(getattr(customer, field)):
            if value not in found:
                found.append(value)
    return found


def opened(customer: Customer, plain: dict[str, str]) -> Customer:
    """``customer`` with each decrypted value put in place (undecrypted ones stay masked)."""

    def put(value: str) -> str:
        return _ENCRYPTED.sub(lambda m: plain.get(m.group(0), m.group(0)), value)

    return dataclasses.replace(
        customer, name=put(customer.name), phone=put(customer.phone), address=put(customer.address)
    )


def batches(items: list[tuple[int, str]], size: int = codes.DECRYPT_MAX_ITEMS) -> list[list[tuple[int, str]]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class ContactBook:
    """Decrypts self-delivery orders' contacts as they arrive and hands them to the booking form."""

    def __init__(self, client: KeetaClient, orders: OrderService | None = None) -> None:
        self._client = client
        self._plain: dict[int, Customer] = {}  # order_view_id → decrypted customer, open orders only
        self._wanted: dict[int, Order] = {}
        self._lock = asyncio.Lock()
        self._background = BackgroundTasks("contact decryption")
        self.calls = 0  # batchDecrypt calls made (for the screen's "why is the name missing" and tests)
        if orders is not None:
            orders.hub.subscribe(OrderUpdate, self._order_changed)

    def customer_for(self, order: Order) -> Customer:
        """The decrypted customer when known, else the order's own (masked ``ENC_…`` values)."""
        return self._plain.get(order.order_view_id, order.customer)

    def needs_decrypting(self, order: Order) -> bool:
        return (
            is_self_delivery(order)
            and not order.status.is_final
            and order.order_view_id not in self._plain
            and bool(encrypted_values(order.customer))
        )

    def _order_changed(self, update: OrderUpdate) -> None:
        order = update.order
        if order.status.is_final:
            self._plain.pop(order.order_view_id, None)  # no longer needed: do not keep it
            return
        if self.needs_decrypting(order):
            self._wanted[order.order_view_id] = order
            self._background.spawn(self.decrypt_wanted())

    async def decrypt(self, orders: Iterable[Order]) -> int:
        """Decrypt these orders' contacts (self-delivery ones only); returns how many values opened."""
        for order in orders:
            if self.needs_decrypting(order):
                self._wanted[order.order_view_id] = order
        return await self.decrypt_wanted()

    async def decrypt_wanted(self) -> int:
        # One drain at a time: orders arriving meanwhile join the next batch instead of a call each.
        async with self._lock:
            wanted, self._wanted = self._wanted, {}
            if not wanted:
                return 0
            items = [(oid, v) for oid, order in wanted.items() for v in encrypted_values(order.customer)]
            plain: dict[str, str] = {}
            for batch in batches(items):
                try:
                    plain.update(await self._client.batch_decrypt(batch))
                except KeetaError as error:
                    log.warning("decrypting %d customer values failed: %s", len(batch), error)
                    continue
                finally:
                    self.calls += 1
            for oid, order in wanted.items():
                if any(value in plain for value in encrypted_values(order.customer)):
                    self._plain[oid] = opened(order.customer, plain)
            log.info("decrypted %d of %d customer values for %d orders", len(plain), len(items), len(wanted))
            return len(plain)

    async def aclose(self) -> None:
        await self._background.aclose()
