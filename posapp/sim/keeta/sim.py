"""The simulated Keeta platform: orders, their state machine, refunds and the timed platform behaviour.

:class:`KeetaSim` is both what the HTTP routes call and the Python API the in-process demo uses
(``create_order``, ``raise_refund``, ``customer_cancel``, ``view``). Call it on the simulator's event
loop: timers and pushes run there. Timed behaviour (auto-cancel after 5 minutes, couriers, refund
auto-agree after 15 minutes) runs on the business clock, so ``/sim/clock/advance`` drives it.
"""

from __future__ import annotations

import copy
import random
import time
from typing import TYPE_CHECKING, Any

from posapp.domain.refund import RefundStatus
from posapp.keeta import codes
from posapp.sim.clock import TimerHandle
from posapp.sim.keeta import photos, refunds
from posapp.sim.keeta.courier import CourierRun
from posapp.sim.keeta.generator import OrderSeed, generate_order
from posapp.sim.keeta.incidents import Incidents
from posapp.sim.keeta.push import Pusher, PushIdentity
from posapp.sim.keeta.self_delivery import SelfDelivery
from posapp.sim.keeta.shop import SimShop
from posapp.sim.keeta.state import (
    CANCELLED,
    COMPLETED,
    CONFIRMED,
    NEW,
    READY,
    ApiError,
    SimOrder,
    SimRefund,
    invalid_state,
)
from posapp.sim.keeta.tokens import Tokens

if TYPE_CHECKING:
    from posapp.sim.server import SimContext

CONFIRM_WINDOW = 300.0
REFUND_WINDOW = 900.0
# Keeta completes a ready pickup order by itself after a preset time if nobody calls collect.
PICKUP_AUTO_COMPLETE = 3600.0
HEARTBEAT_SECONDS = 60.0
CANCEL_AFTER_COMPLETION_MS = 48 * 3600 * 1000
HK_UTC_OFFSET = 8 * 3600
OP_SYSTEM, OP_CUSTOMER, OP_MERCHANT = 0, 10, 20
AUTO_CANCEL_REASON = "商家未接單 Merchant did not confirm in time"


class KeetaSim:
    def __init__(self, ctx: SimContext, heartbeat_seconds: float | None = HEARTBEAT_SECONDS) -> None:
        config = ctx.config
        self.ctx = ctx
        self.config = config
        self.clock = ctx.clock
        self._rng = random.Random(f"keeta-orders-{config.seed}")
        self._refund_rng = random.Random(f"keeta-refunds-{config.seed}")
        self.incidents = Incidents(config.incidents, config.seed)
        self.pusher = Pusher(
            ctx.clock,
            ctx.http,
            PushIdentity(config.app_id, config.shop_id, config.secret),
            config.webhook_url,
            self.incidents.lose_push,
        )
        self.couriers = CourierRun(self, random.Random(f"keeta-couriers-{config.seed}"))
        self.self_delivery: SelfDelivery = SelfDelivery(self, random.Random(f"keeta-self-{config.seed}"))
        self.tokens = Tokens(config.token, config.refresh_token, ctx.clock.now())
        self.shop = SimShop(self)
        self.orders: dict[int, SimOrder] = {}
        # Ids differ between runs (a relay keeps what it saw); contents repeat with the seed.
        self._next_id = 750_000_000_000_000 + int(time.time() * 1000) % 10**12
        self._next_after_sale = 800_000_000_000_000 + int(time.time() * 1000) % 10**12
        self._next_line_id = 9_001_001
        self._seq_by_day: dict[int, int] = {}
        self.heartbeat_seconds = 0.0
        self._heartbeat_timer: TimerHandle | None = None
        self.set_heartbeat(heartbeat_seconds or 0.0)

    # ---- helpers -------------------------------------------------------------------------------

    def now_ms(self) -> int:
        return int(self.clock.now() * 1000)

    def order(self, order_view_id: Any, shop_id: Any = None) -> SimOrder:
        try:
            order = self.orders.get(int(order_view_id))
        except (TypeError, ValueError) as exc:
            raise ApiError(codes.PARAM_ERROR, "orderViewId must be a number") from exc
        if order is None:
            raise ApiError(codes.ORDER_NOT_FOUND, f"order {order_view_id} does not exist")
        if shop_id is not None and str(shop_id) != str(order.shop_id):
            raise ApiError(codes.PARAM_ERROR, f"shopId {shop_id} does not match the order's shop")
        return order

    def push(self, order: SimOrder, event_id: int, body: dict[str, Any]) -> None:
        self.pusher.push(event_id, body, order.order_view_id)

    def _status_body(self, order: SimOrder) -> dict[str, Any]:
        return {
            "opTime": self.now_ms(),
            "orderViewId": order.order_view_id,
            "shopId": order.shop_id,
            "status": order.status,
        }

    def set_webhook_url(self, url: str) -> None:
        self.pusher.webhook_url = url

    def set_heartbeat(self, seconds: float) -> None:
        """Empty-body heartbeat POSTs every ``seconds`` of business time; 0 turns them off."""
        if self._heartbeat_timer is not None:
            self._heartbeat_timer.cancel()
            self._heartbeat_timer = None
        self.heartbeat_seconds = max(0.0, seconds)
        if self.heartbeat_seconds:
            self._heartbeat_timer = self.clock.schedule_in(
                self.heartbeat_seconds, self._heartbeat, "heartbeat"
            )

    async def _heartbeat(self) -> None:
        self._heartbeat_timer = self.clock.schedule_in(self.heartbeat_seconds, self._heartbeat, "heartbeat")
        await self.pusher.heartbeat()

    def settings(self) -> dict[str, Any]:
        return {
            "webhookUrl": self.pusher.webhook_url,
            "appId": self.config.app_id,
            "shopId": self.config.shop_id,
            "heartbeatSeconds": self.heartbeat_seconds,
            "incidents": self.incidents.enabled,
            "seed": self.config.seed,
        }

    # ---- customer side (control API / demo) ----------------------------------------------------

    def create_order(self, mode: str | None = None) -> int:
        """``mode``: "delivery" (Keeta's rider), "pickup", or "self-delivery" (the shop's courier)."""
        if mode not in (None, "delivery", "pickup", "self-delivery"):
            raise ValueError("mode must be 'delivery', 'pickup' or 'self-delivery'")
        if self.shop.suspended:
            # Keeta hides a suspended store from customers: nobody can order from it (keeta.md §6a).
            raise ApiError(codes.INVALID_STATE, "the store is paused (status 4): it takes no new orders")
        dishes = self.shop.available_dishes()
        if not dishes:
            raise ApiError(codes.INVALID_STATE, "every dish is sold out: the store takes no new orders")
        chosen = (
            "delivery"
            if mode == "self-delivery"
            else mode or ("delivery" if self._rng.random() < 0.7 else "pickup")
        )
        order_view_id = self._next_id
        self._next_id += 1 + self._rng.randint(0, 997)
        day = (int(self.clock.now()) + HK_UTC_OFFSET) // 86400
        self._seq_by_day[day] = self._seq_by_day.get(day, 0) + 1
        seed = OrderSeed(
            order_view_id, self.config.shop_id, self.config.shop_name, chosen,
            self._seq_by_day[day], self.now_ms(), self._next_line_id,
            dishes, frozenset(self.shop.options_off),
        )  # fmt: skip
        order = SimOrder(generate_order(self._rng, seed))
        self._next_line_id += len(order.info["products"])
        if mode == "self-delivery":
            self.self_delivery.make_self_delivery(order)
        self.orders[order_view_id] = order
        order.timers.append(
            self.clock.schedule_in(CONFIRM_WINDOW, lambda: self._auto_cancel(order), name="auto-cancel")
        )
        self.push(order, codes.EventId.ORDER_PLACED, {"orderInfo": copy.deepcopy(order.info)})
        return order_view_id

    def customer_cancel(self, order_view_id: int) -> None:
        """The customer cancels before the merchant accepted (afterwards they must ask for a refund)."""
        order = self.order(order_view_id)
        order.require("customer cancel", NEW)
        self._cancel(order, OP_CUSTOMER, "顧客取消 Customer cancelled")

    def raise_refund(self, order_view_id: int, partial: bool) -> int:
        order = self.order(order_view_id)
        order.require("refund request", CONFIRMED, READY, COMPLETED)
        if order.pending_refund is not None:
            raise ApiError(codes.INVALID_STATE, "a refund request is already pending for this order")
        after_sale = self._next_after_sale
        self._next_after_sale += 1 + self._refund_rng.randint(0, 97)
        rng = self._refund_rng
        if partial:
            products = refunds.customer_partial_pick(rng, order)
            if not products:
                raise ApiError(codes.INVALID_STATE, "nothing left to refund on this order")
            money, reason = sum(p["refundPrice"] for p in products), rng.choice(refunds.CUSTOMER_REASONS)
        else:
            products, reason = [], rng.choice(refunds.FULL_REASONS)
            money = order.pay_total - sum(r.money for r in order.refunds if _agreed(r))
        refund = SimRefund(
            after_sale, partial, codes.refund_code(partial, RefundStatus.PENDING), money, OP_CUSTOMER, reason,
            photos.picture_urls(rng, self.ctx.base_url, after_sale), self.now_ms(), products,
        )  # fmt: skip
        order.refunds.append(refund)
        refund.timer = self.clock.schedule_in(
            REFUND_WINDOW, lambda: self._resolve(order, refund, RefundStatus.AUTO_AGREED, OP_SYSTEM, ""),
            name="refund auto-agree",
        )  # fmt: skip
        self._refund_changed(order, refund)
        return after_sale

    # ---- merchant side (Order API) -------------------------------------------------------------

    def confirm(self, order: SimOrder) -> None:
        order.require("confirm", NEW)
        order.stop_timers()
        order.set_status(CONFIRMED, self.now_ms())
        self.push(order, codes.EventId.ORDER_ACCEPTED, self._status_body(order))

    def prepare(self, order: SimOrder) -> None:
        order.require("prepare", CONFIRMED)
        order.set_status(READY, self.now_ms())
        if order.is_keeta_delivery:
            self.couriers.start(order)
        elif order.mode == "pickup":
            order.timers.append(
                self.clock.schedule_in(
                    PICKUP_AUTO_COMPLETE, lambda: self._auto_complete(order), name="pickup"
                )
            )

    def collect(self, order: SimOrder) -> None:
        if order.mode != "pickup":
            raise ApiError(codes.PARAM_ERROR, "collect is only for pickup orders")
        order.require("collect", READY)
        self.complete(order)

    def cancel(self, order: SimOrder, code: Any, reason: Any) -> None:
        label = _reason_label(codes.CancelCode, code, reason, "cancelCode", "cancelReason")
        if order.status == COMPLETED:
            # Keeta: a merchant may cancel up to 48 h after completion (keeta.md §5).
            completed_ms = int(order.info["merchantOrder"].get("completedStatusTime") or 0)
            if self.now_ms() - completed_ms > CANCEL_AFTER_COMPLETION_MS:
                raise invalid_state("cancel")
        else:
            order.require("cancel", NEW, CONFIRMED, READY)
        self._cancel(order, OP_MERCHANT, label)

    def agree(self, order: SimOrder) -> None:
        refund = self._pending(order)
        self._resolve(order, refund, RefundStatus.AGREED, OP_MERCHANT, "Merchant agree refund")

    def reject(self, order: SimOrder, code: Any, reason: Any) -> None:
        label = _reason_label(codes.RejectCode, code, reason, "rejectCode", "rejectReason")
        refund = self._pending(order)
        self._resolve(order, refund, RefundStatus.REJECTED, OP_MERCHANT, label)

    def partial_preview(self, order: SimOrder, products: Any) -> dict[str, Any]:
        order.require("partial refund", CONFIRMED, READY)
        return refunds.preview(order, refunds.parse_products(products, required=False))

    def partial_apply(self, order: SimOrder, products: Any, kind: Any, reason: Any) -> dict[str, Any]:
        label = _reason_label(codes.PartRefundType, kind, reason, "partRefundType", "partRefundReason")
        wanted = refunds.parse_products(products, required=True)
        order.require("partial refund", CONFIRMED, READY)
        lines = [refunds.refund_product(line, n) for line, n in refunds.checked_lines(order, wanted)]
        after_sale = self._next_after_sale
        self._next_after_sale += 1
        now = self.now_ms()
        refund = SimRefund(
            after_sale_order_id=after_sale,
            partial=True,
            status=codes.refund_code(True, RefundStatus.AGREED),
            money=sum(p["refundPrice"] for p in lines),
            apply_op_type=OP_MERCHANT,
            apply_reason=label,
            pictures=[],
            requested_at_ms=now,
            products=lines,
            handle_op_type=OP_MERCHANT,
            handle_reason=label,
            handled_at_ms=now,
            part_refund_type=int(kind),
        )
        order.refunds.append(refund)
        refunds.record_refunded(order, lines)
        self._refund_changed(order, refund)
        return {"afterSaleOrderId": after_sale, "refundAmount": refund.money, "currency": "HKD"}

    # ---- shared transitions --------------------------------------------------------------------

    def complete(self, order: SimOrder) -> None:
        order.stop_timers()
        order.set_status(COMPLETED, self.now_ms())
        self.push(order, codes.EventId.ORDER_COMPLETED, self._status_body(order))

    def _cancel(self, order: SimOrder, op_type: int, reason: str) -> None:
        order.stop_timers()
        order.cancel_reason, order.cancel_op_type = reason, op_type
        order.set_status(CANCELLED, self.now_ms())
        body = self._status_body(order) | {"cancelReason": reason, "opType": op_type}
        self.push(order, codes.EventId.ORDER_CANCELLED, body)

    def _auto_cancel(self, order: SimOrder) -> None:
        if order.status == NEW:
            self._cancel(order, OP_SYSTEM, AUTO_CANCEL_REASON)

    def _auto_complete(self, order: SimOrder) -> None:
        if order.status == READY:
            self.complete(order)

    def _pending(self, order: SimOrder) -> SimRefund:
        refund = order.pending_refund
        if refund is None:
            raise ApiError(codes.REFUND_NOT_PENDING, "there is no pending refund request for this order")
        return refund

    def _resolve(self, order: SimOrder, refund: SimRefund, status: RefundStatus, op: int, why: str) -> None:
        if not refund.pending:
            return
        if refund.timer is not None:
            refund.timer.cancel()
        refund.status = codes.refund_code(refund.partial, status)
        refund.handle_op_type, refund.handle_reason, refund.handled_at_ms = op, why, self.now_ms()
        if refund.partial and _agreed(refund):
            refunds.record_refunded(order, refund.products)
        self._refund_changed(order, refund)
        if not refund.partial and _agreed(refund) and order.status != CANCELLED:
            self._cancel(order, OP_CUSTOMER, refund.apply_reason)

    def _refund_changed(self, order: SimOrder, refund: SimRefund) -> None:
        order.refresh_refund_infos()
        event = codes.EventId.PARTIAL_REFUND if refund.partial else codes.EventId.REFUND
        self.push(order, event, refund.body(order.order_view_id, order.shop_id, self.now_ms()))

    # ---- views ---------------------------------------------------------------------------------

    def view(self, order_view_id: int) -> dict[str, Any]:
        order = self.order(order_view_id)
        return {
            "orderViewId": order.order_view_id,
            "shopId": order.shop_id,
            "status": order.status,
            "mode": order.mode,
            "deliveryMode": next((d["deliveryMode"] for d in order.info["merchantOrderDeliveries"]), ""),
            "seqNoStr": order.info["merchantOrder"]["seqNoStr"],
            "cancelReason": order.cancel_reason,
            "cancelOpType": order.cancel_op_type,
            "refunds": [r.body(order.order_view_id, order.shop_id, r.handled_at_ms or r.requested_at_ms)
                        for r in order.refunds],
            "refundedCounts": {str(k): v for k, v in order.refunded.items()},
            "deliveries": list(order.deliveries),
            "pushes": [p.view() for p in self.pusher.for_order(order.order_view_id)],
            "orderInfo": order.info,
        }  # fmt: skip

    def summary(self) -> list[dict[str, Any]]:
        return [
            {
                "orderViewId": o.order_view_id,
                "status": o.status,
                "mode": o.mode,
                "seqNoStr": o.info["merchantOrder"]["seqNoStr"],
                "payTotal": o.pay_total,
                "pendingRefund": o.pending_refund is not None,
            }
            for o in self.orders.values()
        ]


def _agreed(refund: SimRefund) -> bool:
    return codes.refund_status(refund.status) in (RefundStatus.AGREED, RefundStatus.AUTO_AGREED)


def _reason_label(enum: Any, code: Any, reason: Any, code_field: str, reason_field: str) -> str:
    """Validate a reason code (its OTHER member needs free text) and return the words to record."""
    try:
        member = enum(int(code))
    except (TypeError, ValueError) as exc:
        raise ApiError(codes.PARAM_ERROR, f"{code_field} {code!r} is not a valid value") from exc
    text = reason.strip() if isinstance(reason, str) else ""
    if member.name == "OTHER" and not text:
        raise ApiError(codes.PARAM_ERROR, f"{reason_field} is required when {code_field} is {int(member)}")
    return text or member.name.replace("_", " ").lower()
