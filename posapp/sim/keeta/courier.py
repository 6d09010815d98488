"""A Keeta courier carrying a ready delivery order: 1006 pushes 10 → 20 → 25 → 30 → 50, then 1003.

With incidents on, a courier sometimes drops the order after accepting it (99) and Keeta finds
another (10, 20 again); the order itself is only cancelled by 1004, never by 99.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from posapp.keeta import codes
from posapp.sim.keeta import menu
from posapp.sim.keeta.state import CONFIRMED, READY, SimOrder

if TYPE_CHECKING:
    from posapp.sim.keeta.sim import KeetaSim

SEARCHING, ASSIGNED, AT_STORE, PICKED_UP, DELIVERED, COURIER_CANCELLED = 10, 20, 25, 30, 50, 99

# (logisticsStatus, seconds after the order was marked ready)
_FIRST_LEG = ((SEARCHING, 30.0), (ASSIGNED, 150.0))
_REDISPATCH = ((COURIER_CANCELLED, 240.0), (SEARCHING, 270.0), (ASSIGNED, 330.0))
_LAST_LEG = ((AT_STORE, 420.0), (PICKED_UP, 540.0), (DELIVERED, 1440.0))


class CourierRun:
    def __init__(self, sim: KeetaSim, rng: random.Random) -> None:
        self.sim = sim
        self.rng = rng
        self._riders: dict[int, tuple[str, str]] = {}

    def plan(self) -> list[tuple[int, float]]:
        steps = list(_FIRST_LEG)
        if self.sim.incidents.courier_cancels():
            steps += _REDISPATCH
        return steps + list(_LAST_LEG)

    def start(self, order: SimOrder) -> None:
        for status, delay in self.plan():
            order.timers.append(
                self.sim.clock.schedule_in(delay, self._step_job(order, status), name=f"courier {status}")
            )

    def _step_job(self, order: SimOrder, status: int) -> Any:
        def job() -> None:
            self._step(order, status)

        return job

    def _rider(self, order: SimOrder, status: int) -> tuple[str, str]:
        if status in (SEARCHING, COURIER_CANCELLED):
            return "", ""
        current = self._riders.get(order.order_view_id)
        if status == ASSIGNED:
            # A re-dispatch gets a different rider.
            current = self.rng.choice([c for c in menu.COURIERS if c != current])
            self._riders[order.order_view_id] = current
        return current or ("", "")

    def _step(self, order: SimOrder, status: int) -> None:
        if order.status not in (CONFIRMED, READY):
            return
        name, phone = self._rider(order, status)
        entry = {
            "logisticsStatus": status,
            "courierName": name,
            "courierPhone": phone,
            "opTime": self.sim.now_ms(),
        }
        order.record_delivery(entry)
        body = {
            "orderViewId": order.order_view_id,
            "shopId": order.shop_id,
            "logisticsStatus": status,
            "opTime": entry["opTime"],
            "courierName": name,
            "courierPhone": phone,
            "bigOrderTag": False,
            "merchantSubOrderId": 0,
        }
        self.sim.push(order, codes.EventId.COURIER, body)
        if status == DELIVERED:
            self.sim.complete(order)
