"""What the Zeek simulator remembers about merchants, orders and partners, and how it shows them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from posapp.sim.clock import TimerHandle
from posapp.sim.zeek.auth import Meta
from posapp.sim.zeek.codes import FINAL, STATUS_DESC, CancelCode, Status
from posapp.sim.zeek.geo import LatLng, Path
from posapp.sim.zeek.quotes import minutes_range
from posapp.sim.zeek.validation import CreateRequest

# The partner app uploads a position this often (seconds on the simulator clock). STAND-IN.
POSITION_INTERVAL_S = 5


@dataclass(frozen=True)
class Merchant:
    merchant_id: str
    name: str
    location: LatLng
    brand_id: int = 1
    brand_key: str = "sim-brand"


@dataclass(frozen=True)
class Partner:
    name: str
    phone: str
    carno: str
    vehicle: str


@dataclass(frozen=True)
class Leg:
    """Moving along ``path`` from ``t0`` to ``t1`` (simulator-clock seconds)."""

    t0: float
    t1: float
    path: Path

    def at(self, t: float) -> LatLng:
        span = self.t1 - self.t0
        return self.path.at_fraction(1.0 if span <= 0 else (t - self.t0) / span)


@dataclass
class Stint:
    """One partner's time on an order; a reassignment ends a stint and a new partner starts another."""

    partner: Partner
    start: float
    legs: list[Leg]
    end: float | None = None

    def position_at(self, t: float) -> LatLng:
        point = self.legs[0].path.start
        for leg in self.legs:
            if t < leg.t0:
                break
            point = leg.at(min(t, leg.t1))
        return point

    def samples(self, until: float, interval: float) -> list[tuple[int, LatLng]]:
        stop = until if self.end is None else min(until, self.end)
        count = max(0, math.floor((stop - self.start) / interval) + 1)
        return [
            (int(self.start + i * interval), self.position_at(self.start + i * interval))
            for i in range(count)
        ]


@dataclass
class Cancellation:
    code: CancelCode
    reason: str
    user: str
    at: float
    kind: str
    fee_cents: int = 0


@dataclass
class CallbackRecord:
    status: int
    data: dict[str, Any]
    attempts: list[dict[str, Any]] = field(default_factory=list)
    delivered: bool = False
    gave_up: bool = False
    next_attempt_at: float | None = None


@dataclass
class ZeekOrder:
    order_id: str
    request: CreateRequest
    meta: Meta
    merchant: Merchant
    created_at: float
    mode: str
    direct_m: int
    travel_m: int
    status: Status = Status.CREATED
    history: list[tuple[int, float]] = field(default_factory=list)
    stints: list[Stint] = field(default_factory=list)
    plan: dict[Status, float] = field(default_factory=dict)
    cancel: Cancellation | None = None
    done_at: float | None = None
    timers: list[TimerHandle] = field(default_factory=list)
    callbacks: list[CallbackRecord] = field(default_factory=list)

    @property
    def final(self) -> bool:
        return self.status in FINAL

    @property
    def partner(self) -> Partner | None:
        # A reassignment closes the stint; a final status does not, so the last partner stays on record.
        if not self.stints or self.stints[-1].end is not None:
            return None
        return self.stints[-1].partner

    def position_at(self, t: float) -> LatLng | None:
        if not self.stints:
            return None
        return self.stints[-1].position_at(t if self.done_at is None else min(t, self.done_at))

    def track(self, now: float, interval: float = POSITION_INTERVAL_S) -> list[tuple[int, LatLng]]:
        until = now if self.done_at is None else min(now, self.done_at)
        return [s for stint in self.stints for s in stint.samples(until, interval)]

    def minutes_until(self, status: Status, now: float) -> int | None:
        """Whole minutes until a planned milestone, or None once it has happened (or never will)."""
        due = self.plan.get(status)
        if due is None or self.final or any(code == status for code, _ in self.history):
            return None
        return max(0, math.ceil((due - now) / 60))

    def predictions(self, now: float) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, status in (
            ("accept", Status.ACCEPTED),
            ("showup", Status.AT_MERCHANT),
            ("delivery", Status.COMPLETED),
        ):
            minutes = self.minutes_until(status, now)
            out[f"predicted_{name}_time"] = minutes
            out[f"predicted_{name}_time_range"] = None if minutes is None else minutes_range(minutes)
        return out


def info_wire(order: ZeekOrder, now: float) -> dict[str, Any]:
    """The seed's API-3.4.1 / 3.4.4 answer."""
    partner, cancel, req = order.partner, order.cancel, order.request
    return {
        "order_id": order.order_id,
        "client_order_id": req.client_order_id,
        "order_url": f"https://ap1-track.zeek.one/{order.order_id}",
        "delivery_type": req.delivery_type,
        "brand_id": order.merchant.brand_id,
        "brand_key": order.merchant.brand_key,
        "merchant_location": order.merchant.location.text(),
        "user_location": req.receiver.location.text(),
        "direct_distance": order.direct_m,
        "travel_distance": order.travel_m,
        "addtime": int(order.created_at),
        "appointment_time": int(req.appoint_at) if req.appoint_at else 0,
        "name": f"{order.merchant.name} delivery",
        "remark_text": req.remark,
        "merchant_remark": req.merchant_remark,
        "partner_name": partner.name if partner else "",
        "partner_phone": partner.phone if partner else "",
        "partner_carno": partner.carno if partner else "",
        "order_status": int(order.status),
        "cancel_code": str(int(cancel.code)) if cancel else "",
        "cancel_user": cancel.user if cancel else "",
        "cancel_type": cancel.kind if cancel else "",
        "cancel_reason": cancel.reason if cancel else "",
        "cancel_time": int(cancel.at) if cancel else 0,
        "actual_done_time": int(order.done_at) if order.done_at and not cancel else 0,
        "requested_pickup_time": int(order.plan.get(Status.DEPARTED, 0)),
        "requested_delivery_time": int(order.plan.get(Status.COMPLETED, 0)),
        "lastmodify": int(order.history[-1][1]) if order.history else int(order.created_at),
    }


def callback_data(order: ZeekOrder, at: float) -> dict[str, Any]:
    """The seed's API-3.9.1 callback ``data`` (without ``meta``, which the sender adds)."""
    partner, cancel = order.partner, order.cancel
    position = order.position_at(at)
    return {
        "order_id": order.order_id,
        "client_order_id": order.request.client_order_id,
        "timestamp": int(at),
        "order_status": int(order.status),
        "status_desc": STATUS_DESC[order.status],
        "partner": {
            "partner_name": partner.name,
            "partner_phone": partner.phone,
            "partner_location": position.text() if position else "",
        }
        if partner
        else None,
        "cancel": {
            "cancel_reason": cancel.reason,
            "code": str(int(cancel.code)),
            "cancel_user": cancel.user,
            "cancel_time": str(int(cancel.at)),
        }
        if cancel
        else None,
        **order.predictions(at),
    }
