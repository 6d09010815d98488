"""Printing hooked into the order engine: auto-print on accept, cancel and refund slips, courier slips.

:func:`build_printing` turns the saved settings into a :class:`Printing` (printers, queue, service,
hooks) for the composition root. The hooks listen to :class:`OrderService` updates, so an order
accepted on Keeta's own tablet prints exactly like one accepted here; every enqueue is idempotent
(one kitchen ticket, one receipt, one cancel slip per order, one refund slip per agreed refund), so an
update seen twice prints once. With a :class:`DeliveryService` they also print one courier slip (the
Zeek pickup code) per booking, as soon as it is booked.
Nothing here imports Qt; print events (:class:`PrintNotice`) reach the screens through the engine's hub.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from posapp.brands import brands_of
from posapp.domain.order import Order, OrderStatus
from posapp.domain.print_job import JobKind
from posapp.engine.delivery.service import DeliveryChange, DeliveryService
from posapp.engine.hub import EventHub
from posapp.engine.orders import OrderService, OrderUpdate
from posapp.engine.unaccepted import UnacceptedSlips
from posapp.printing.escpos_render import Encoding
from posapp.printing.printers import Printer, PrinterAddress
from posapp.printing.queue import PrinterPolicy, PrintQueue
from posapp.printing.routing import KitchenRouting, StationPrinter, routes_from_settings
from posapp.printing.service import PrintService, PrintSettings
from posapp.printing.ticket import Ticket
from posapp.settings import Settings

log = logging.getLogger(__name__)

ROLES = ("kitchen", "receipt", "both")


@dataclass(frozen=True)
class PrinterSetup:
    """The configured printers and which one takes each slip ("" when none can); every printer of a
    role prints its tickets (kitchen printers by station, ``routing``)."""

    printers: Mapping[str, Printer]
    kitchen: str = ""
    receipt: str = ""
    routing: KitchenRouting = field(default_factory=KitchenRouting)
    receipts: tuple[str, ...] = ()


def printer_from_entry(entry: Mapping[str, Any]) -> Printer:
    """One ``Settings.printers`` entry as a :class:`Printer`; ValueError/KeyError when it is malformed."""
    uri = str(entry["uri"]).strip()
    PrinterAddress.parse(uri)
    failover = str(entry.get("failover") or "").strip() or None
    copies = int(entry.get("copies") or 1)
    if not 1 <= copies <= MAX_COPIES:
        raise ValueError(f"copies must be 1 to {MAX_COPIES}, not {copies}")
    return Printer(
        name=str(entry.get("name") or uri).strip(),
        uri=uri,
        encoding=Encoding(entry.get("encoding") or Encoding.BIG5.value),
        failover=failover,
        copies=copies,
    )


MAX_COPIES = 5


def printer_setup(entries: list[dict[str, Any]], routes: list[dict[str, Any]] | None = None) -> PrinterSetup:
    """Printers from settings; malformed entries and unknown failover names are logged and dropped."""
    printers: dict[str, Printer] = {}
    roles: dict[str, str] = {}
    stations: dict[str, str] = {}
    for entry in entries:
        try:
            printer = printer_from_entry(entry)
        except (KeyError, ValueError) as exc:
            log.error("printer setting %r ignored: %s", entry, exc)
            continue
        printers.setdefault(printer.name, printer)
        roles.setdefault(printer.name, str(entry.get("role") or "both"))
        stations.setdefault(printer.name, str(entry.get("station") or "").strip())
    for name, printer in list(printers.items()):
        if printer.failover is not None and (printer.failover == name or printer.failover not in printers):
            log.error("printer %s: failover %r is not another configured printer", name, printer.failover)
            printers[name] = replace(printer, failover=None)
    kitchens = [n for n, r in roles.items() if r in ("kitchen", "both")]
    receipts = [n for n, r in roles.items() if r in ("receipt", "both")]
    # One printer for everything is common in small shops: a slip on the other printer beats no slip.
    kitchens, receipts = kitchens or receipts, receipts or kitchens
    routing = KitchenRouting(
        tuple(StationPrinter(n, stations.get(n, "")) for n in kitchens), routes_from_settings(routes or [])
    )
    first_kitchen, first_receipt = next(iter(kitchens), ""), next(iter(receipts), "")
    return PrinterSetup(printers, first_kitchen, first_receipt, routing, tuple(receipts))


class PrintingHooks:
    """Reacts to order updates; runs on the app's loop, each call a quick database write."""

    def __init__(
        self,
        service: PrintService,
        orders: OrderService | None = None,
        deliveries: DeliveryService | None = None,
    ) -> None:
        self.service = service
        self.orders = orders
        self.deliveries = deliveries

    def order_updated(self, update: OrderUpdate) -> None:
        order = update.order
        for refund in order.refunds:
            # Agreed here, by Keeta's customer service or by the 15-minute auto-agree: all arrive as
            # order updates; the slip's dedupe key makes the many updates of one refund print once.
            self.service.refund_slip(order, refund)
        if not (update.new or update.status_changed):
            return
        if order.status is OrderStatus.ACCEPTED:
            # READY or later first seen here was cooked from another ticket: do not print it again.
            self.service.on_order_accepted(order)
        elif order.status is OrderStatus.CANCELLED and update.status_changed:
            self.service.cancel_slip(order)

    def delivery_changed(self, change: DeliveryChange) -> None:
        """A courier slip as soon as a booking exists (its pickup code is chosen before Zeek answers)."""
        booking = change.booking
        if booking is None or booking.status.is_final or self.deliveries is None:
            return
        order = None
        if booking.keeta_order_view_id is not None and self.orders is not None:
            order = self.orders.order(booking.keeta_order_view_id)
        request = self.deliveries.request(booking.client_order_id)
        self.service.courier_slip(booking, request, order)


@dataclass
class Printing:
    """What the composition root holds: start it with the app's loop running, stop it before the DB."""

    service: PrintService
    hooks: PrintingHooks
    setup: PrinterSetup
    events: EventHub = field(default_factory=EventHub)  # where the queue publishes its PrintNotice events
    unaccepted: UnacceptedSlips | None = None

    def has_printer(self, kind: JobKind) -> bool:
        name = self.setup.receipt if kind is JobKind.RECEIPT else self.setup.kitchen
        return bool(name)

    def reprint(self, order: Order, kind: JobKind) -> bool:
        """The cashier's reprint; False when no printer takes this kind of slip."""
        if not self.has_printer(kind):
            return False
        self.service.reprint(order, kind)
        return True

    _recovered: bool = False

    def print_report(self, ticket: Ticket) -> bool:
        """The report slip on the receipt printer; False when there is none."""
        if not self.setup.receipt:
            return False
        self.service.report_slip(ticket)
        return True

    def apply(self, settings: Settings) -> None:
        """New printers and print choices in place: the queue keeps its jobs and its loop; a job waiting
        for a printer that is gone stays queued (shown as such) until it is configured again."""
        setup = printer_setup(settings.printers, settings.station_routes)  # the stations stay routed
        queue = self.service.queue
        queue.printers = dict(setup.printers)
        self.service.settings = print_settings(settings, setup)
        self.setup = setup
        queue.wake()

    async def start(self) -> None:
        await self.service.queue.start()

    async def run(self) -> None:
        """The print queue's loop for the app's supervisor; crash recovery runs before the first run
        only (a restart after a failure must not mark jobs still printing as interrupted)."""
        if not self._recovered:
            self._recovered = True
            self.service.queue.recover()
        async with asyncio.TaskGroup() as group:
            group.create_task(self.service.queue.run())
            if self.unaccepted is not None:
                group.create_task(self.unaccepted.run())

    async def stop(self) -> None:
        await self.service.queue.stop()


def print_settings(settings: Settings, setup: PrinterSetup) -> PrintSettings:
    return PrintSettings(
        kitchen_printer=setup.kitchen,
        receipt_printer=setup.receipt,
        routing=setup.routing,
        receipt_printers=setup.receipts,
        auto_kitchen=settings.auto_print_kitchen and bool(setup.kitchen),
        auto_receipt=settings.auto_print_receipt and bool(setup.receipt),
        cancel_slip=settings.print_cancel_slip and bool(setup.kitchen),
        refund_slip=settings.print_refund_slip and bool(setup.receipt),
        courier_slip=bool(setup.receipt),
        brand_names={brand.shop_id: brand.name for brand in brands_of(settings) if brand.name},
    )


def build_printing(
    settings: Settings,
    orders: OrderService | None = None,
    policy: PrinterPolicy | None = None,
    deliveries: DeliveryService | None = None,
    hub: EventHub | None = None,
) -> Printing:
    """Printers, queue, service and hooks from ``settings``; listens to ``orders`` and ``deliveries``.

    Print events go to ``hub`` (by default the order service's). The cache database must be open
    (``open_database``) first: the queue's jobs live there.
    """
    if hub is None:
        hub = orders.hub if orders is not None else EventHub()
    setup = printer_setup(settings.printers, settings.station_routes)
    queue = PrintQueue(setup.printers, publish=hub.publish, policy=policy)
    service = PrintService(queue, print_settings(settings, setup))
    hooks = PrintingHooks(service, orders, deliveries)
    unaccepted = None
    if orders is not None:
        orders.hub.subscribe(OrderUpdate, hooks.order_updated)
        if settings.unaccepted_slip_minutes > 0 and setup.kitchen:
            unaccepted = UnacceptedSlips(service, orders, settings.unaccepted_slip_minutes)
    if deliveries is not None:
        deliveries.hub.subscribe(DeliveryChange, hooks.delivery_changed)
    return Printing(service, hooks, setup, hub, unaccepted)
