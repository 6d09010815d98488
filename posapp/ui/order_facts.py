"""The facts of an order a cashier needs and that have no other place on screen: how it was paid, when
Keeta expects it delivered, who cancelled it and why, Keeta customer service's refund decisions, the
courier's phone and sub-order, and the Zeek booking (status, partner, requested times, distances,
Zeek's own page for it, why it was cancelled).

Plain rows of (label, text), so the order detail can lay them out however it is built.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from posapp.domain.delivery import DeliveryBooking
from posapp.domain.order import Fulfilment, Order, OrderStatus
from posapp.domain.refund import Actor, RefundRequest
from posapp.ui import labels
from posapp.ui.delivery.words import cancel_words, km, status_text
from posapp.ui.payment_words import payment_text
from posapp.ui.timefmt import local_hm

Row = tuple[str, str]
# Literal context and text at each call, so pyside6-lupdate finds every string.
translate = QCoreApplication.translate


def actor_text(actor: Actor | None) -> str:
    """Who did something, in words (Keeta's opType 0/10/20/30)."""
    return {
        Actor.SYSTEM: translate("OrderFacts", "Keeta's system"),
        Actor.CUSTOMER: translate("OrderFacts", "the customer"),
        Actor.MERCHANT: translate("OrderFacts", "the shop"),
        Actor.CUSTOMER_SERVICE: translate("OrderFacts", "Keeta customer service"),
        Actor.UNKNOWN: translate("OrderFacts", "someone at Keeta"),
        None: translate("OrderFacts", "Keeta"),
    }[actor]


def order_rows(order: Order) -> list[Row]:
    """Payment, Keeta's times, the cancellation and the courier's contact."""
    rows: list[Row] = []
    if order.pay_type:
        rows.append((translate("OrderFacts", "Payment"), payment_text(order.pay_type)))
    if order.delivery_eta and order.fulfilment is Fulfilment.DELIVERY:
        rows.append((translate("OrderFacts", "Keeta expects delivery by"), local_hm(order.delivery_eta)))
    if order.ready_eta and order.fulfilment is Fulfilment.PICKUP:
        rows.append((translate("OrderFacts", "Customer comes at about"), local_hm(order.ready_eta)))
    if order.status is OrderStatus.CANCELLED:
        who = translate("OrderFacts", "Cancelled by {0}").format(actor_text(order.cancelled_by))
        rows.append((who, order.cancel_reason or translate("OrderFacts", "no reason given")))
    courier = order.courier
    if order.fulfilment is Fulfilment.DELIVERY and (courier.name or courier.phone):
        contact = " · ".join(part for part in (courier.name, courier.phone) if part)
        rows.append((translate("OrderFacts", "Courier"), contact))
    if courier.sub_order_id:
        rows.append((translate("OrderFacts", "Delivery part (big order)"), courier.sub_order_id))
    for refund in order.refunds:
        decision = refund_decision(refund)
        if decision is not None:
            rows.append(decision)
    return rows


def refund_decision(refund: RefundRequest) -> Row | None:
    """Who decided a refund request and why, when someone other than the shop did (or it is an appeal)."""
    label = labels.refund_kind_text(refund.kind)
    if refund.is_appeal:
        label = translate("OrderFacts", "{0} (customer appealed)").format(label)
    if refund.handled_by in (None, Actor.MERCHANT) and not refund.is_appeal:
        return None
    text = labels.refund_status_text(refund.status)
    if refund.handled_by is not None:
        text = translate("OrderFacts", "{0} by {1}").format(text, actor_text(refund.handled_by))
    if refund.handle_reason:
        text = f"{text}: {refund.handle_reason}"
    return label, text


def booking_rows(booking: DeliveryBooking) -> list[Row]:
    """The Zeek booking as the counter needs it: status, pickup code, partner, times and distances."""
    rows: list[Row] = [
        (translate("OrderFacts", "Zeek"), status_text(booking)),
        (translate("OrderFacts", "Pickup code"), booking.pickup_code),
    ]
    partner = booking.partner
    if partner is not None and (partner.name or partner.phone):
        rows.append(
            (translate("OrderFacts", "Partner"), " · ".join(p for p in (partner.name, partner.phone) if p))
        )
    if booking.requested_pickup_time:
        rows.append((translate("OrderFacts", "Pickup asked for"), local_hm(booking.requested_pickup_time)))
    if booking.requested_delivery_time:
        rows.append(
            (translate("OrderFacts", "Delivery asked for"), local_hm(booking.requested_delivery_time))
        )
    if booking.travel_distance_m is not None:
        distance = km(booking.travel_distance_m)
        if booking.direct_distance_m is not None:
            distance = translate("OrderFacts", "{0} by road ({1} direct)").format(
                distance, km(booking.direct_distance_m)
            )
        rows.append((translate("OrderFacts", "Distance"), distance))
    if booking.cancellation is not None and not booking.status.is_final:
        rows.append((translate("OrderFacts", "Cancellation"), cancel_words(booking.cancellation)))
    if booking.order_url:
        rows.append((translate("OrderFacts", "Zeek's page"), booking.order_url))
    return rows
