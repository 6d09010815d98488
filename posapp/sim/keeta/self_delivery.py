"""Merchant self-delivery in the simulated Keeta (keeta.md §6, §2.3): "9001" orders the shop carries.

- ``{"mode": "self-delivery"}`` orders come with ``deliveryMode`` "9001" and the customer's name, phone
  and address as ``ENC_…`` values, like Keeta-rider orders; only these can be decrypted.
- ``base/batchDecrypt``: at most 50 values a call; a value of another kind of order is not decrypted
  (the item answers ``code`` 2090006003 instead). Field names are the STAND-IN of ``keeta/codes.py``.
- ``order/dispatched``: the shop's courier picked the food up (logistics status 30 on the order).
- ``order/delivered``: Keeta completes the order (status 40, a 1003 push); a repeat is refused,
  as Keeta documents ("duplicate calls are not supported"). A repeated dispatched is refused too.
Each accepted call is kept in the order's ``deliveries`` history, which the control view shows.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from posapp.keeta import codes
from posapp.sim.keeta.state import CONFIRMED, READY, ApiError, SimOrder, invalid_state

if TYPE_CHECKING:
    from posapp.sim.keeta.sim import KeetaSim

PICKED_UP, DELIVERED = 30, 50

# (name, phone without the country code, street address, flat) near the simulator's shop.
CUSTOMERS: tuple[tuple[str, str, str, str], ...] = (
    ("陳大明 Chan Tai Ming", "91234567", "88 Queen's Road Central", "Flat 12B, 15/F"),
    ("李嘉欣 Lee Ka Yan", "62345678", "200 Hollywood Road", "Flat 3A, 8/F"),
    ("黃志強 Wong Chi Keung", "53456789", "33 Des Voeux Road West", "Room 1201"),
    ("張美華 Cheung Mei Wah", "94567890", "9 Bonham Strand", "Flat C, 22/F"),
)
_ENCRYPTED_FIELDS = ("name", "phone", "addressName", "houseNumber")


class SelfDelivery:
    def __init__(self, sim: KeetaSim, rng: random.Random) -> None:
        self.sim = sim
        self._rng = rng
        # ENC_ value → (orderViewId, plain text): what only Keeta can read.
        self._plain: dict[str, tuple[int, str]] = {}

    # ---- new orders ----------------------------------------------------------------------------

    def make_self_delivery(self, order: SimOrder) -> None:
        """Turn a generated delivery order into one the shop carries, with decryptable contacts."""
        info = order.info
        for block in info["merchantOrderDeliveries"]:
            block["deliveryMode"] = codes.DELIVERY_MODE_SELF
        recipient = info["recipientInfo"]
        plain = dict(zip(_ENCRYPTED_FIELDS, self._rng.choice(CUSTOMERS), strict=True))
        for name in _ENCRYPTED_FIELDS:
            value = recipient.get(name)
            if isinstance(value, str) and value.startswith(codes.ENCRYPTED_PREFIX):
                self._plain[value] = (order.order_view_id, plain[name])

    # ---- base/batchDecrypt ---------------------------------------------------------------------

    def decrypt(self, body: dict[str, Any]) -> dict[str, Any]:
        if str(body.get("shopId")) != str(self.sim.config.shop_id):
            raise ApiError(codes.PARAM_ERROR, f"shopId {body.get('shopId')} is not an authorised store")
        items = body.get(codes.DECRYPT_LIST)
        if not isinstance(items, list) or not items:
            raise ApiError(codes.PARAM_ERROR, f"{codes.DECRYPT_LIST} must be a non-empty list")
        if len(items) > codes.DECRYPT_MAX_ITEMS:
            raise ApiError(codes.PARAM_ERROR, f"at most {codes.DECRYPT_MAX_ITEMS} items per call")
        return {codes.DECRYPT_LIST: [self._decrypt_one(item) for item in items]}

    def _decrypt_one(self, item: Any) -> dict[str, Any]:
        if not isinstance(item, dict) or not isinstance(item.get(codes.DECRYPT_IN), str):
            raise ApiError(codes.PARAM_ERROR, f"each item needs {codes.DECRYPT_ORDER} and {codes.DECRYPT_IN}")
        value, order_id = item[codes.DECRYPT_IN], item.get(codes.DECRYPT_ORDER)
        answer: dict[str, Any] = {codes.DECRYPT_ORDER: order_id, codes.DECRYPT_IN: value}
        known = self._plain.get(value)
        order = self.sim.orders.get(known[0]) if known else None
        if known is None or str(known[0]) != str(order_id) or order is None or not is_self_delivery(order):
            # Only merchant self-delivery orders' data can be decrypted (keeta.md §4.4).
            answer["code"] = codes.NOT_SELF_DELIVERY
            return answer
        answer[codes.DECRYPT_OUT] = known[1]
        return answer

    # ---- order/dispatched, order/delivered -----------------------------------------------------

    def dispatched(self, order: SimOrder, body: dict[str, Any]) -> None:
        self._require_self_delivery(order)
        order.require("dispatched", CONFIRMED, READY)
        if any(entry["logisticsStatus"] >= PICKED_UP for entry in order.deliveries):
            raise invalid_state("dispatched")
        self._record(order, PICKED_UP, body)

    def delivered(self, order: SimOrder, body: dict[str, Any]) -> None:
        self._require_self_delivery(order)
        order.require("delivered", CONFIRMED, READY)  # completed already: a repeat is refused
        self._record(order, DELIVERED, body)
        self.sim.complete(order)

    def _require_self_delivery(self, order: SimOrder) -> None:
        if not is_self_delivery(order):
            raise ApiError(codes.NOT_SELF_DELIVERY, "not a merchant self-delivery order")

    def _record(self, order: SimOrder, status: int, body: dict[str, Any]) -> None:
        courier = body.get("courierInfo")
        if courier is not None and not isinstance(courier, dict):
            raise ApiError(codes.SELF_DELIVERY_PARAM_ERROR, "courierInfo must be an object")
        courier = courier or {}
        order.record_delivery(
            {
                "logisticsStatus": status,
                "courierName": str(courier.get("courierName", "")),
                "courierPhone": str(courier.get("courierPhone", "")),
                "opTime": self.sim.now_ms(),
            }
        )


def is_self_delivery(order: SimOrder) -> bool:
    deliveries = order.info["merchantOrderDeliveries"]
    return bool(deliveries) and deliveries[0]["deliveryMode"] == codes.DELIVERY_MODE_SELF
