"""Short slips beside the order tickets: an agreed refund, a booked Zeek courier's pickup code, and
the kitchen's warning that a new order is still waiting to be accepted."""

from __future__ import annotations

from posapp.domain.delivery import DeliveryBooking
from posapp.domain.delivery_request import DeliveryRequest
from posapp.domain.order import Order, OrderLine
from posapp.domain.refund import Actor, RefundItem, RefundKind, RefundRequest
from posapp.printing.layouts import local_time, printed_amount
from posapp.printing.ticket import Align, Block, Row, Rule, Size, Text, Ticket

_AGREED_BY = {
    Actor.MERCHANT: "shop 店舖",
    Actor.CUSTOMER_SERVICE: "Keeta CS 客服",
    Actor.SYSTEM: "auto 自動",
}


def _line_for(order: Order, item: RefundItem) -> OrderLine | None:
    """The order line a refunded item names: Keeta's refund items may carry only ids, not names."""
    for line in order.lines:
        if item.line_id and line.line_id == item.line_id:
            return line
    for line in order.lines:
        if item.sku_id and line.sku_id == item.sku_id and (not item.spu_id or line.spu_id == item.spu_id):
            return line
    return None


def _item_rows(order: Order, refund: RefundRequest) -> list[Block]:
    if not refund.items:
        # A full refund lists no items of its own: everything on the order goes back.
        return [Row(f"{line.count} x {line.name_zh or line.name}", "") for line in order.lines]
    rows: list[Block] = []
    for item in refund.items:
        line = _line_for(order, item)
        name = (line.name_zh or line.name) if line is not None else ""
        price = item.amount.format() if item.amount is not None else ""
        rows.append(Row(f"{item.count} x {name or item.name or f'SKU {item.sku_id}'}", price))
    return rows


def refund_slip(order: Order, refund: RefundRequest) -> Ticket:
    """Tells the counter money went back: which order, which items, how much, agreed by whom."""
    kind = "FULL 全單" if refund.kind is RefundKind.FULL else "PARTIAL 部分"
    by = _AGREED_BY.get(refund.handled_by or Actor.UNKNOWN, "")
    blocks: list[Block] = [
        Text("REFUND 退款", Size.LARGE, bold=True, align=Align.CENTER, invert=True),
        Text(order.seq_no, Size.HUGE, bold=True, align=Align.CENTER),
        Text(f"{kind} refund", Size.LARGE, bold=True, align=Align.CENTER),
        Text(f"Order {order.order_view_id}", align=Align.CENTER),
        Text(f"Refund {refund.after_sale_order_id}", align=Align.CENTER),
        Rule("="),
        *_item_rows(order, refund),
        Rule(),
        Row(
            "退款 TOTAL",
            printed_amount(None if refund.amount_unknown else refund.amount),
            Size.LARGE,
            bold=True,
        ),
    ]
    if refund.reason:
        blocks.append(Text(f"原因 Reason: {refund.reason}"))
    if by:
        blocks.append(Text(f"Agreed by 批准: {by}"))
    blocks.append(Text(f"Requested 申請 {local_time(refund.requested_at, with_date=True)}"))
    return Ticket(tuple(blocks), title=f"Refund {order.seq_no}")


def courier_slip(booking: DeliveryBooking, request: DeliveryRequest | None, order: Order | None) -> Ticket:
    """For the bag: the 4-digit code the Zeek partner shows at the counter, and where the food goes."""
    code = request.effective_pickup_code if request is not None else booking.pickup_code
    blocks: list[Block] = [
        Text("COURIER / 速遞", Size.LARGE, bold=True, align=Align.CENTER, invert=True),
        Text("Zeek 取貨碼 PICKUP CODE", bold=True, align=Align.CENTER),
        Text(code or booking.pickup_code, Size.HUGE, bold=True, align=Align.CENTER),
    ]
    if order is not None:
        blocks.append(Text(f"Keeta {order.seq_no}", Size.LARGE, bold=True, align=Align.CENTER))
        blocks.append(Text(f"Order {order.order_view_id}", align=Align.CENTER))
    elif booking.keeta_order_view_id is not None:
        blocks.append(Text(f"Keeta Order {booking.keeta_order_view_id}", align=Align.CENTER))
    blocks.append(Rule("="))
    if request is not None:
        blocks += [
            Text("客人 Customer:"),
            Text(request.customer_name, Size.LARGE, bold=True),
            Text(f"電話 Phone: {request.phone}"),
            Text("地址 Address:"),
            Text(request.address, bold=True),
        ]
        if request.remark:
            blocks.append(Text(f"備註 Note: {request.remark}"))
        if request.scheduled_at:
            blocks.append(Text(f"送達 Deliver at {local_time(request.scheduled_at)}", Size.LARGE, bold=True))
    blocks += [Rule(), Text(f"Booking {booking.client_order_id}", align=Align.CENTER)]
    return Ticket(tuple(blocks), title=f"Courier {code}")


KEETA_ACCEPT_WINDOW = 300  # seconds: Keeta cancels a new order nobody accepted in 5 minutes


def unaccepted_slip(order: Order, now: int) -> Ticket:
    """ "UNACCEPTED ORDER" on the kitchen printer: someone near it can walk to the counter and accept."""
    waited = max(0, now - order.placed_at) // 60
    blocks: list[Block] = [
        Text("UNACCEPTED ORDER 未接訂單", Size.LARGE, bold=True, align=Align.CENTER, invert=True),
        Text(order.seq_no, Size.HUGE, bold=True, align=Align.CENTER),
        Text("ACCEPT AT THE COUNTER NOW 請即到櫃檯接單", Size.LARGE, bold=True, align=Align.CENTER),
        Text(f"Waiting {waited} min 已等 {waited} 分鐘", bold=True, align=Align.CENTER),
        Text(
            f"Keeta cancels at {local_time(order.placed_at + KEETA_ACCEPT_WINDOW)} Keeta 自動取消",
            align=Align.CENTER,
        ),
        Text(f"Order {order.order_view_id}  placed {local_time(order.placed_at)}", align=Align.CENTER),
        Rule("="),
    ]
    for line in order.lines:
        blocks.append(Text(f"{line.count} x {line.name_zh or line.name}"))
    return Ticket(tuple(blocks), title=f"Unaccepted {order.seq_no}")
