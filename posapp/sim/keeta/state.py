"""One simulated Keeta order: its ``orderInfo``, status machine, refunds and courier history.

Status codes (keeta.md §5): 10 new → 30 confirmed → 35 ready → 40 completed; 50 cancelled from any
open state. A refused transition raises :class:`ApiError` with the code and message Keeta answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from posapp.keeta import codes
from posapp.keeta.signing import compact_json
from posapp.sim.clock import TimerHandle

NEW, CONFIRMED, READY, COMPLETED, CANCELLED = 10, 30, 35, 40, 50
_STATUS_TIME_FIELD = {
    CONFIRMED: "confirmedStatusTime",
    READY: "readiedStatusTime",
    COMPLETED: "completedStatusTime",
    CANCELLED: "canceledStatusTime",
}


class ApiError(Exception):
    """A Keeta ``{code, message}`` failure answer."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def invalid_state(action: str) -> ApiError:
    # The wording Keeta's FAQ gives for a repeated or out-of-order transition.
    return ApiError(codes.INVALID_STATE, f"order status is not in a valid state for {action}")


@dataclass
class SimRefund:
    after_sale_order_id: int
    partial: bool
    status: int
    money: int
    apply_op_type: int
    apply_reason: str
    pictures: list[str]
    requested_at_ms: int
    # Each: {"id", "spuId", "skuId", "count", "name", "nameI18n", "refundPrice"}.
    products: list[dict[str, Any]] = field(default_factory=list)
    handle_op_type: int | None = None
    handle_reason: str = ""
    handled_at_ms: int | None = None
    part_refund_type: int | None = None
    timer: TimerHandle | None = None

    @property
    def pending(self) -> bool:
        return self.status % 10 == 1

    def body(self, order_view_id: int, shop_id: int, op_time_ms: int) -> dict[str, Any]:
        """The 1005/1007 webhook body (and a ``refundInfos`` entry) for this request's current status."""
        body: dict[str, Any] = {
            "orderViewId": order_view_id,
            "shopId": shop_id,
            "status": self.status,
            "afterSaleOrderId": self.after_sale_order_id,
            "isAppeal": 0,
            "pictures": _json_list(self.pictures),
            "money": self.money,
            "currency": "HKD",
            "applyOpType": self.apply_op_type,
            "applyReason": self.apply_reason,
            "opTime": op_time_ms,
        }
        if self.handle_op_type is not None:
            body["handleOpType"] = self.handle_op_type
            body["handleReason"] = self.handle_reason
        if self.partial:
            body["refundProducts"] = [dict(p) for p in self.products]
        if self.part_refund_type is not None:
            body["partRefundType"] = self.part_refund_type
        return body


def _json_list(urls: list[str]) -> str:
    # Keeta sends pictures as a JSON array *string*, not an array.
    return compact_json(urls)


@dataclass
class SimOrder:
    info: dict[str, Any]
    refunds: list[SimRefund] = field(default_factory=list)
    # Keeta courier history: {"logisticsStatus", "courierName", "courierPhone", "opTime"}.
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    # Line id → count already refunded (agreed partial refunds and merchant partial refunds).
    refunded: dict[int, int] = field(default_factory=dict)
    timers: list[TimerHandle] = field(default_factory=list)
    cancel_reason: str = ""
    cancel_op_type: int | None = None

    @property
    def order_view_id(self) -> int:
        return int(self.info["baseOrder"]["orderViewId"])

    @property
    def shop_id(self) -> int:
        return int(self.info["merchantOrder"]["shopId"])

    @property
    def status(self) -> int:
        return int(self.info["merchantOrder"]["status"])

    @property
    def mode(self) -> str:
        return str(self.info["merchantOrder"]["userGetMode"])

    @property
    def is_keeta_delivery(self) -> bool:
        deliveries = self.info["merchantOrderDeliveries"]
        return self.mode == "delivery" and bool(deliveries) and deliveries[0]["deliveryMode"] == "1001"

    @property
    def pending_refund(self) -> SimRefund | None:
        return next((r for r in self.refunds if r.pending), None)

    @property
    def pay_total(self) -> int:
        return int(self.info["feeDtl"]["customerFee"]["payTotal"])

    def line(self, line_id: int) -> dict[str, Any] | None:
        return next((p for p in self.info["products"] if p["id"] == line_id), None)

    def refundable(self, line: dict[str, Any]) -> int:
        return int(line["count"]) - self.refunded.get(int(line["id"]), 0)

    def require(self, action: str, *allowed: int) -> None:
        if self.status not in allowed:
            raise invalid_state(action)

    def set_status(self, status: int, now_ms: int) -> None:
        merchant = self.info["merchantOrder"]
        merchant["status"] = status
        merchant[_STATUS_TIME_FIELD[status]] = now_ms

    def stop_timers(self) -> None:
        for timer in self.timers:
            timer.cancel()
        self.timers.clear()

    def record_delivery(self, entry: dict[str, Any]) -> None:
        self.deliveries.append(entry)
        block = self.info["merchantOrderDeliveries"][0]
        block["deliveryStatus"] = entry["logisticsStatus"]
        block["courierName"] = entry["courierName"]
        block["courierPhone"] = entry["courierPhone"]
        block["deliveryStatusTime"] = entry["opTime"]
        block["merchantOrderDeliveryHisList"].append(
            {"opTime": entry["opTime"], "deliveryStatus": entry["logisticsStatus"]}
        )

    def refresh_refund_infos(self) -> None:
        self.info["refundInfos"] = [
            r.body(self.order_view_id, self.shop_id, r.handled_at_ms or r.requested_at_ms)
            for r in self.refunds
        ]
