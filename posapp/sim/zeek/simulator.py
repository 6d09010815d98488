"""The Zeek simulator's state and order lifecycle; also its Python API for the in-process demo.

``ZeekSim`` owns merchants, orders, partners and callbacks. HTTP handlers (``api.py``) and the control
routes (``control.py``) call into it; the demo may call it directly, e.g.::

    zeek = server.ctx.zeek
    zeek.set_callback_url("http://127.0.0.1:9000/zeek/callback/1")
    booking = zeek.book(LatLng(22.2819, 114.1589), total_price_cents=16800)
    zeek.view(booking["order_id"])
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from posapp.sim.zeek.auth import Meta
from posapp.sim.zeek.callbacks import CallbackSender
from posapp.sim.zeek.codes import AFTER_PICKUP, CancelCode, Error, Status
from posapp.sim.zeek.courier import plan_stint
from posapp.sim.zeek.errors import ZeekApiError
from posapp.sim.zeek.geo import LatLng, haversine_m, travel_m
from posapp.sim.zeek.quotes import (
    ACCEPT_DELAY_S,
    ASSIGN_TIMEOUT_S,
    DELIVERY_RADIUS_M,
    MODE_FEE,
    REASSIGN_AFTER_S,
    expected_minutes,
    mode_for,
)
from posapp.sim.zeek.state import CallbackRecord, Cancellation, Merchant, Stint, ZeekOrder, callback_data
from posapp.sim.zeek.validation import CreateRequest, Receiver, create_request

if TYPE_CHECKING:
    from posapp.sim.server import SimContext

# Sheung Wan, by the Wing Lok Street / Bonham Strand junction.
DEFAULT_MERCHANT_LOCATION = LatLng(22.2866, 114.1508)


@dataclass
class ZeekSettings:
    """What the control API and the demo may change at run time."""

    callback_url: str = ""
    # zeek.md §8: after pickup a cancel is refused (3005) unless this is on (then 9026 with a fee).
    cancel_after_pickup: bool = False
    # STAND-IN fee (cents) for cancelling once the partner has arrived at the store.
    arrival_cancel_fee_cents: int = 0
    # 8001 is not called back unless the merchant asks Zeek; the simulator assumes they asked.
    notify_reassignment: bool = True
    # Chances per order, only used with SimConfig.incidents.
    incident_rates: dict[str, float] = field(
        default_factory=lambda: {"assign_timeout": 0.08, "reassign": 0.12}
    )


class ZeekSim:
    def __init__(self, ctx: SimContext) -> None:
        self.ctx = ctx
        self.settings = ZeekSettings(callback_url=ctx.config.zeek_callback_url)
        self.rng = random.Random(ctx.config.seed)
        self.merchants: dict[str, Merchant] = {}
        self.orders: dict[str, ZeekOrder] = {}
        self._by_client: dict[tuple[str, str], str] = {}
        self._seq = itertools.count(1)
        self.add_merchant(ctx.config.merchant_id, DEFAULT_MERCHANT_LOCATION, ctx.config.shop_name)
        self.sender = CallbackSender(
            ctx.clock,
            ctx.http,
            ctx.config.zeek_appid,
            ctx.config.zeek_secret,
            lambda: self.settings.callback_url,
        )

    # -- Python API -------------------------------------------------------------------------------
    def add_merchant(self, merchant_id: str, location: LatLng, name: str = "Sim Restaurant") -> Merchant:
        self.merchants[merchant_id] = Merchant(merchant_id, name, location)
        return self.merchants[merchant_id]

    def set_callback_url(self, url: str) -> None:
        self.settings.callback_url = url

    def now(self) -> float:
        return self.ctx.clock.now()

    def order(self, order_id: str, merchant_id: str | None = None) -> ZeekOrder:
        order = self.orders.get(order_id)
        if order is None or (merchant_id is not None and order.merchant.merchant_id != merchant_id):
            raise ZeekApiError(Error.ORDER_NOT_FOUND, f"order {order_id} not found")
        return order

    def merchant(self, merchant_id: str) -> Merchant:
        if merchant_id not in self.merchants:
            raise ZeekApiError(Error.UNKNOWN_MERCHANT, f"unknown client_merchant_id {merchant_id!r}")
        return self.merchants[merchant_id]

    def distances(self, merchant: Merchant, customer: LatLng) -> tuple[int, int]:
        direct = haversine_m(merchant.location, customer)
        if direct > DELIVERY_RADIUS_M:
            raise ZeekApiError(Error.OUTSIDE_AREA, "user_location is outside the delivery area")
        return round(direct), round(travel_m(merchant.location, customer))

    def book(
        self,
        customer: LatLng,
        total_price_cents: int,
        client_order_id: str | None = None,
        pickup_code: str | None = None,
        phone: str = "91234567",
    ) -> dict[str, Any]:
        """Create a booking without the HTTP envelope (demo traffic)."""
        number = next(self._seq)
        data = {
            "client_merchant_id": self.ctx.config.merchant_id,
            "client_order_id": client_order_id or f"{int(self.now())}{number:04d}",
            "merchant_order_id": pickup_code or f"{number % 10000:04d}",
            "order_time": int(self.now()),
            "receive": {
                "user_name": "Demo Customer",
                "user_phone": phone,
                "user_address": "Demo address, Hong Kong",
                "user_location": customer.text(),
            },
            "order_detail": {"total_price": total_price_cents},
        }
        return self.create(data, Meta("en", "HK"))

    # -- lifecycle --------------------------------------------------------------------------------
    def create(self, data: dict[str, Any], meta: Meta) -> dict[str, Any]:
        now = self.now()
        req = create_request(data, meta, now)
        merchant = self.merchant(req.merchant_id)
        direct, travel = self.distances(merchant, req.receiver.location)
        existing = self._by_client.get((req.merchant_id, req.client_order_id))
        if existing is not None and not self.orders[existing].final:
            raise ZeekApiError(
                Error.DUPLICATE_ORDER,
                "duplicate client_order_id",
                {"order_id": existing, "client_order_id": req.client_order_id},
            )
        order = self._new_order(req, meta, merchant, direct, travel, now)
        self._start(order, now)
        return order_created_wire(order, now)

    def _new_order(
        self, req: CreateRequest, meta: Meta, merchant: Merchant, direct: int, travel: int, now: float
    ) -> ZeekOrder:
        day = datetime.fromtimestamp(now, UTC).strftime("%Y%m%d")
        order_id = f"FD{day}{next(self._seq):08d}"
        mode = mode_for(travel, req.total_price_cents / 100)
        order = ZeekOrder(order_id, req, meta, merchant, now, mode, direct, travel)
        order.history.append((int(Status.CREATED), now))
        self.orders[order_id] = order
        self._by_client[(req.merchant_id, req.client_order_id)] = order_id
        return order

    def _start(self, order: ZeekOrder, now: float) -> None:
        publish = now
        if order.request.appoint_at is not None:
            publish = max(now, order.request.appoint_at - expected_minutes(order.mode, order.travel_m) * 60)
        incident = self._roll_incident()
        self._plan(order, publish + ACCEPT_DELAY_S, schedule=incident != "assign_timeout")
        if incident == "assign_timeout":
            self._at(order, publish + ASSIGN_TIMEOUT_S, lambda: self._assign_timeout(order), "assign-timeout")
        elif incident == "reassign":
            accepted, arrived = order.plan[Status.ACCEPTED], order.plan[Status.AT_MERCHANT]
            due = accepted + min(REASSIGN_AFTER_S, (arrived - accepted) / 2)
            self._at(order, due, lambda: self.reassign(order.order_id), "reassign")

    def _roll_incident(self) -> str | None:
        if not self.ctx.config.incidents:
            return None
        roll = self.rng.random()
        for name, rate in self.settings.incident_rates.items():
            if roll < rate:
                return name
            roll -= rate
        return None

    def _plan(self, order: ZeekOrder, accept_at: float, schedule: bool = True) -> None:
        stint, plan = plan_stint(
            self.rng, order.mode, order.merchant.location, order.request.receiver.location, accept_at
        )
        order.plan = plan
        if not schedule:
            return
        for status, due in plan.items():
            self._at(order, due, self._reach_job(order, status, stint), f"zeek-{status.value}")

    def _reach_job(self, order: ZeekOrder, status: Status, stint: Stint) -> Any:
        async def job() -> None:
            if status == Status.ACCEPTED and not order.final:
                order.stints.append(stint)  # the partner exists for the order from acceptance on
            await self._reach(order, status)

        return job

    def _at(self, order: ZeekOrder, due: float, job: Any, name: str) -> None:
        order.timers.append(self.ctx.clock.schedule_at(due, job, name=f"{name}-{order.order_id}"))

    def _cancel_timers(self, order: ZeekOrder) -> None:
        for timer in order.timers:
            timer.cancel()
        order.timers.clear()

    async def _reach(self, order: ZeekOrder, status: Status, notify: bool = True) -> None:
        if order.final:
            return
        now = self.now()
        order.status = status
        order.history.append((int(status), now))
        if status == Status.COMPLETED:
            order.done_at = now
        if notify:
            await self.sender.deliver(self._callback(order, now))

    def _callback(self, order: ZeekOrder, now: float) -> CallbackRecord:
        data = {"meta": order.meta.as_dict(), **callback_data(order, now)}
        record = CallbackRecord(int(order.status), data)
        order.callbacks.append(record)
        return record

    def reassign(self, order_id: str) -> None:
        """8001: the partner drops the order before pickup; another accepts a little later."""
        order = self.order(order_id)
        if order.status not in (Status.ACCEPTED, Status.NEAR_MERCHANT, Status.AT_MERCHANT):
            return
        now = self.now()
        self._cancel_timers(order)
        order.stints[-1].end = now
        order.status = Status.REASSIGNED
        order.history.append((int(Status.REASSIGNED), now))
        if self.settings.notify_reassignment:
            self.sender.deliver_soon(self._callback(order, now))
        self._plan(order, now + ACCEPT_DELAY_S)

    async def _assign_timeout(self, order: ZeekOrder) -> None:
        if order.status == Status.CREATED:
            self._finish_cancel(
                order,
                Cancellation(CancelCode.ASSIGN_TIMEOUT, "Assign timeout", "system", self.now(), "System"),
            )
            await self.sender.deliver(order.callbacks[-1])

    def cancel(self, order_id: str, merchant_id: str, reason: str, user_code: str) -> ZeekOrder:
        order = self.order(order_id, merchant_id)
        if order.final:
            raise ZeekApiError(Error.CANNOT_CANCEL, f"order is already {order.status.value}")
        fee = 0
        if order.status in AFTER_PICKUP:
            if not self.settings.cancel_after_pickup:
                raise ZeekApiError(Error.CANNOT_CANCEL, "the partner has picked up the food")
            fee = round(MODE_FEE[order.mode] * 100)
        elif order.status == Status.AT_MERCHANT:
            fee = self.settings.arrival_cancel_fee_cents
        self._finish_cancel(
            order, Cancellation(CancelCode.SENDER, reason, user_code, self.now(), "Merchant", fee)
        )
        self.sender.deliver_soon(order.callbacks[-1])
        return order

    def _finish_cancel(self, order: ZeekOrder, cancellation: Cancellation) -> None:
        self._cancel_timers(order)
        after = order.status in AFTER_PICKUP
        order.cancel = cancellation
        order.status = Status.CANCELLED_AFTER_PICKUP if after else Status.CANCELLED_BEFORE_PICKUP
        order.done_at = cancellation.at
        order.history.append((int(order.status), cancellation.at))
        self._callback(order, cancellation.at)

    def orders_for_phone(self, phone: str, country_code: str) -> list[ZeekOrder]:
        def matches(receiver: Receiver) -> bool:
            return receiver.phone == phone and receiver.country_code == country_code

        found = [o for o in self.orders.values() if matches(o.request.receiver)]
        return sorted(found, key=lambda o: o.created_at, reverse=True)


def order_created_wire(order: ZeekOrder, now: float) -> dict[str, Any]:
    """The seed's API-3.3.1 answer."""
    return {
        "order_id": order.order_id,
        "client_order_id": order.request.client_order_id,
        "order_url": f"https://ap1-track.zeek.one/{order.order_id}",
        "direct_distance": order.direct_m,
        "travel_distance": order.travel_m,
        **order.predictions(now),
        "requested_pickup_time": int(order.plan[Status.DEPARTED]),
        "requested_delivery_time": int(order.plan[Status.COMPLETED]),
    }
