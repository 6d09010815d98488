"""The printing use cases the board calls: auto-print on accept, reprint, cancel slip, print state.

All calls are quick database writes on the caller's thread; printing itself happens in the queue.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from posapp.domain.delivery import DeliveryBooking
from posapp.domain.delivery_request import DeliveryRequest
from posapp.domain.order import Order
from posapp.domain.print_job import JobKind, JobState, JobView
from posapp.domain.refund import RefundRequest, RefundStatus
from posapp.printing.events import JobChanged
from posapp.printing.layouts import cancelled_slip, customer_receipt, kitchen_ticket
from posapp.printing.queue import PrintQueue
from posapp.printing.routing import KitchenRouting, StationTicket
from posapp.printing.slips import courier_slip, refund_slip, unaccepted_slip
from posapp.printing.ticket import Ticket
from posapp.store import print_jobs as jobs


@dataclass(frozen=True)
class PrintSettings:
    """Which printer takes which slip (names of configured printers) and what prints by itself.

    Kitchen tickets go to every printer in ``routing`` (each station its share of the items), or to
    ``kitchen_printer`` when it names none; receipts to every one of ``receipt_printers`` (or
    ``receipt_printer``). Single slips (cancel on a printer that had no ticket, unaccepted, refund,
    courier, report) take the first printer of their role."""

    kitchen_printer: str = "kitchen"
    receipt_printer: str = "counter"
    routing: KitchenRouting = field(default_factory=KitchenRouting)
    receipt_printers: tuple[str, ...] = ()
    auto_kitchen: bool = True
    auto_receipt: bool = True
    cancel_slip: bool = True
    refund_slip: bool = True  # on the receipt printer: refunds are the counter's business
    courier_slip: bool = True  # on the receipt printer: it goes into the bag with the receipt
    # Each brand's display name from Settings by shop id: the name on its tickets (Keeta's shop name
    # when a brand has none), so the bag goes out under the name the counter knows it by.
    brand_names: Mapping[int, str] = field(default_factory=dict)


class OrderPrintState(Enum):
    NONE = "none"
    PENDING = "pending"
    PRINTED = "printed"
    ATTENTION = "attention"  # a slip may not have printed: the cashier should look


AGREED = (RefundStatus.AGREED, RefundStatus.AUTO_AGREED)

_LAYOUTS: dict[JobKind, Callable[[Order, int], Ticket]] = {
    JobKind.KITCHEN: kitchen_ticket,
    JobKind.RECEIPT: customer_receipt,
}


class PrintService:
    def __init__(self, queue: PrintQueue, settings: PrintSettings | None = None) -> None:
        self.queue = queue
        self.settings = settings or PrintSettings()

    def _printer(self, kind: JobKind) -> str:
        if kind in (JobKind.RECEIPT, JobKind.REFUND, JobKind.COURIER, JobKind.REPORT):
            return self.settings.receipt_printer
        return self.settings.kitchen_printer

    def _enqueue(
        self, order: Order, kind: JobKind, ticket: Ticket, reprint_no: int = 0, printer: str = ""
    ) -> JobView | None:
        target = printer or self._printer(kind)
        job = jobs.add(order.order_view_id, kind, target, ticket.to_json(), reprint_no)
        if job is not None:
            self.queue.wake()
        return job

    def kitchen_shares(self, order: Order) -> list[StationTicket]:
        """Which kitchen printer prints which of the order's items."""
        if self.settings.routing.printers:
            return self.settings.routing.split(order)
        return [StationTicket(self.settings.kitchen_printer, "", order.lines, whole=True)]

    def _receipt_printers(self) -> tuple[str, ...]:
        return self.settings.receipt_printers or (self.settings.receipt_printer,)

    def named(self, order: Order) -> Order:
        """The order as its tickets show it: under its brand's display name from Settings, if any."""
        name = self.settings.brand_names.get(order.shop_id, "")
        return dataclasses.replace(order, shop_name=name) if name and name != order.shop_name else order

    def kitchen_tickets(self, order: Order, reprint_no: int = 0) -> list[JobView]:
        """A ticket on every kitchen printer with items of this order; each printer's only once (an
        accept seen twice prints once)."""
        order = self.named(order)
        queued = []
        for share in self.kitchen_shares(order):
            lines = None if share.whole else share.lines
            ticket = kitchen_ticket(order, reprint_no, lines, share.station)
            queued.append(self._enqueue(order, JobKind.KITCHEN, ticket, reprint_no, share.printer))
        return [job for job in queued if job is not None]

    def enqueue_kitchen(self, order: Order) -> JobView | None:
        """The order's kitchen tickets; the first, or None if it already has them."""
        return next(iter(self.kitchen_tickets(order)), None)

    def receipts(self, order: Order, reprint_no: int = 0) -> list[JobView]:
        ticket = customer_receipt(self.named(order), reprint_no)
        printers = self._receipt_printers()
        queued = [self._enqueue(order, JobKind.RECEIPT, ticket, reprint_no, p) for p in printers]
        return [job for job in queued if job is not None]

    def enqueue_receipt(self, order: Order) -> JobView | None:
        return next(iter(self.receipts(order)), None)

    def on_order_accepted(self, order: Order) -> list[JobView]:
        """Auto-print on accept, each slip switchable in settings."""
        kitchen = self.kitchen_tickets(order) if self.settings.auto_kitchen else []
        receipts = self.receipts(order) if self.settings.auto_receipt else []
        return kitchen + receipts

    def reprint(self, order: Order, kind: JobKind = JobKind.KITCHEN) -> JobView:
        """A cashier's reprint on every printer of the slip's role, marked "REPRINT #n" so the kitchen
        does not cook it again; returns the first printer's."""
        number = jobs.next_reprint_no(order.order_view_id, kind)
        if kind is JobKind.KITCHEN:
            queued = self.kitchen_tickets(order, number)
        elif kind is JobKind.RECEIPT:
            queued = self.receipts(order, number)
        else:
            one = self._enqueue(order, kind, _LAYOUTS[kind](self.named(order), number), number)
            queued = [one] if one is not None else []
        if not queued:  # pragma: no cover - a unique number was just computed on this thread
            raise RuntimeError(f"reprint #{number} of order {order.order_view_id} already queued")
        return queued[0]

    def cancel_slip(self, order: Order) -> JobView | None:
        """Tell the kitchen an order is off. A kitchen ticket not printed yet is withdrawn instead."""
        if not self.settings.cancel_slip:
            return None
        kitchen = [j for j in jobs.for_order(order.order_view_id) if j.kind is JobKind.KITCHEN]
        for job in kitchen:
            if job.state is JobState.QUEUED:
                self.queue.emit(JobChanged(jobs.set_state(job.id, JobState.CANCELLED)))
        reached = [j for j in kitchen if j.state in (JobState.SENDING, JobState.UNCERTAIN) or j.state.printed]
        # Each station that may be cooking hears it on its own printer.
        printers = list(dict.fromkeys(j.printer for j in reached))
        slips = [self._enqueue(order, JobKind.CANCEL, cancelled_slip(order), 0, p) for p in printers]
        return next((slip for slip in slips if slip is not None), None)

    def unaccepted_slip(self, order: Order, now: int) -> JobView | None:
        """ "UNACCEPTED ORDER" on the (first) kitchen printer, once per order whatever restarts between."""
        key = f"unaccepted:{order.order_view_id}"
        ticket = unaccepted_slip(order, now)
        return self._enqueue_once(order.order_view_id, JobKind.UNACCEPTED, ticket, key)

    def refund_slip(self, order: Order, refund: RefundRequest) -> JobView | None:
        """A "REFUND" slip once per agreed refund (afterSaleOrderId), whoever agreed it."""
        if not self.settings.refund_slip or refund.status not in AGREED:
            return None
        key = f"refund:{refund.after_sale_order_id}"
        return self._enqueue_once(order.order_view_id, JobKind.REFUND, refund_slip(order, refund), key)

    def courier_slip(
        self, booking: DeliveryBooking, request: DeliveryRequest | None, order: Order | None = None
    ) -> JobView | None:
        """A "COURIER" slip with the pickup code, once per Zeek booking (client_order_id)."""
        if not self.settings.courier_slip:
            return None
        ticket = courier_slip(booking, request, order)
        key = f"courier:{booking.client_order_id}"
        return self._enqueue_once(booking.keeta_order_view_id, JobKind.COURIER, ticket, key)

    def report_slip(self, ticket: Ticket) -> JobView | None:
        """The money report on the receipt printer; the cashier asks for it, so every request prints."""
        job = jobs.add(None, JobKind.REPORT, self._printer(JobKind.REPORT), ticket.to_json())
        if job is not None:
            self.queue.wake()
        return job

    def _enqueue_once(
        self, order_view_id: int | None, kind: JobKind, ticket: Ticket, key: str
    ) -> JobView | None:
        job = jobs.add_once(order_view_id, kind, self._printer(kind), ticket.to_json(), key)
        if job is not None:
            self.queue.wake()
        return job

    def resolve(self, job_id: int, printed: bool) -> JobView:
        """The cashier's answer for an ``uncertain`` job: it did print, or send it again."""
        job = jobs.set_state(job_id, JobState.SENT if printed else JobState.QUEUED, last_error="")
        self.queue.wake()
        self.queue.emit(JobChanged(job))
        return job

    def jobs_for(self, order_view_id: int) -> list[JobView]:
        return jobs.for_order(order_view_id)

    def print_state(self, order_view_id: int) -> OrderPrintState:
        # The unaccepted-order nudge is not one of the order's tickets: "printed" must not be said of a
        # new order for it, unless it needs the cashier's answer.
        live = [
            j
            for j in jobs.for_order(order_view_id)
            if j.state is not JobState.CANCELLED
            and (j.kind is not JobKind.UNACCEPTED or j.state is JobState.UNCERTAIN)
        ]
        if not live:
            return OrderPrintState.NONE
        if any(j.state is JobState.UNCERTAIN for j in live):
            return OrderPrintState.ATTENTION
        if all(j.state.printed for j in live):
            return OrderPrintState.PRINTED
        return OrderPrintState.PENDING
