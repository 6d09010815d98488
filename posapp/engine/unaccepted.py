"""The kitchen's "UNACCEPTED ORDER" slip: a new order nobody at the counter has accepted after the
set minutes (Settings ``unaccepted_slip_minutes``) prints a slip on the kitchen printer, so someone
who hears the printer can walk over before Keeta cancels the order at 5 minutes.

Once per order, durably: the slip is a print job keyed by the order (``jobs.add_once``), so a
restart, or the check running again, never prints it twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from posapp.domain.order import OrderStatus
from posapp.domain.print_job import JobView
from posapp.engine.orders import OrderService
from posapp.printing.service import PrintService
from posapp.printing.slips import KEETA_ACCEPT_WINDOW

log = logging.getLogger(__name__)

CHECK_EVERY = 10.0  # seconds; the slip is a nudge measured in minutes


class UnacceptedSlips:
    def __init__(
        self,
        service: PrintService,
        orders: OrderService,
        minutes: int,
        clock: Callable[[], float] = time.time,
        every: float = CHECK_EVERY,
    ) -> None:
        self.service = service
        self.orders = orders
        self.minutes = minutes
        self.clock = clock
        self.every = every

    def check(self) -> list[JobView]:
        """Queue the slip for every new order waiting longer than the set minutes; the ones queued now."""
        now = int(self.clock())
        after = self.minutes * 60
        queued = []
        # Only the orders inside Keeta's window: reading every open order every 10 s took most of a
        # second on the Qt thread with thousands in the cache.
        for order in self.orders.new_orders_since(now - KEETA_ACCEPT_WINDOW):
            waited = now - order.placed_at
            # Past Keeta's window the order is cancelled (its push may still be on the way): no slip.
            if order.status is OrderStatus.NEW and after <= waited < KEETA_ACCEPT_WINDOW:
                job = self.service.unaccepted_slip(order, now)
                if job is not None:
                    log.warning("order %d not accepted after %d s: slip printed", order.order_view_id, waited)
                    queued.append(job)
        return queued

    async def run(self) -> None:
        while True:
            try:
                self.check()
            except Exception:  # the next check must still happen
                log.exception("unaccepted-order check failed")
            await asyncio.sleep(self.every)  # a schedule, not a wait for a condition
