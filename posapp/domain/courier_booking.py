"""Who may book a Zeek courier for a Keeta order: the delivery mode decides (keeta.md §4.3, §6).

Keeta's own riders ("1001") and drones ("1098") carry their orders: a Zeek courier booked for one of
them is a second courier the shop pays for. Only merchant self-delivery ("9001") orders are the
shop's to carry, and only those are booked on Zeek and reported back with /order/dispatched and
/order/delivered. The delivery tab (greyed entries) and the booking engine (refusal) both ask here.
"""

from __future__ import annotations

from posapp.domain.actions import Verdict
from posapp.domain.order import Courier, Fulfilment, Order, OrderStatus

KEETA_RIDER = "Keeta's rider delivers this order."
KEETA_DRONE = "Keeta's drone delivers this order."
PICKUP = "The customer collects this order at the counter."
NOT_KNOWN_YET = "The order's delivery details have not arrived yet."
CANCELLED = "This order is cancelled."
COMPLETED = "This order is already completed."

_REFUSED_BY_COURIER = {
    Courier.KEETA: KEETA_RIDER,
    Courier.DRONE: KEETA_DRONE,
    Courier.NONE: NOT_KNOWN_YET,
}


def is_self_delivery(order: Order) -> bool:
    """The shop carries this order itself (``deliveryMode`` "9001")."""
    return order.fulfilment is Fulfilment.DELIVERY and order.courier_kind is Courier.MERCHANT


def courier_booking(order: Order) -> Verdict:
    """May a Zeek courier be booked for ``order``? When not, ``reason`` says why in a cashier's words."""
    if order.fulfilment is Fulfilment.PICKUP:
        return Verdict(False, PICKUP)
    refused = _REFUSED_BY_COURIER.get(order.courier_kind)
    if refused is not None:
        return Verdict(False, refused)
    if order.status is OrderStatus.CANCELLED:
        return Verdict(False, CANCELLED)
    if order.status is OrderStatus.COMPLETED:
        return Verdict(False, COMPLETED)
    return Verdict(True)
