"""Kitchen ticket, customer receipt, cancellation slip and test page, built from domain objects."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from posapp.domain.money import Money
from posapp.domain.order import Fulfilment, Order, OrderLine
from posapp.printing.ticket import Align, Block, Feed, Qr, Row, Rule, Size, Text, Ticket

# Hong Kong keeps UTC+8 all year; a fixed offset avoids needing tzdata on Windows.
HK_TZ = timezone(timedelta(hours=8), "HKT")

_FULFILMENT = {
    Fulfilment.DELIVERY: ("DELIVERY", "外賣速遞"),
    Fulfilment.PICKUP: ("PICKUP", "自取"),
}


def local_time(epoch: int | None, with_date: bool = False) -> str:
    if not epoch:
        return "--:--"
    moment = datetime.fromtimestamp(epoch, UTC).astimezone(HK_TZ)
    return moment.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


def _reprint_banner(reprint_no: int) -> list[Block]:
    if reprint_no <= 0:
        return []
    return [Text(f"REPRINT #{reprint_no} 重印", Size.LARGE, bold=True, align=Align.CENTER, invert=True)]


def _due(order: Order) -> int | None:
    if order.fulfilment is Fulfilment.PICKUP:
        return order.ready_eta or order.delivery_eta
    return order.ready_eta or order.delivery_eta


def _ready_or_due(order: Order) -> Text:
    """The promise made at Accept when there is one; else Keeta's time."""
    if order.ready_by:
        return Text(f"出餐 READY BY {local_time(order.ready_by)}", Size.LARGE, bold=True, align=Align.CENTER)
    return Text(f"DUE 取餐 {local_time(_due(order))}", Size.LARGE, bold=True, align=Align.CENTER)


def _kitchen_line(line: OrderLine) -> list[Block]:
    name = line.name_zh or line.name
    spec = f" ({line.spec})" if line.spec else ""
    blocks: list[Block] = [Text(f"{line.count} x {name}{spec}", Size.LARGE, bold=True)]
    if line.name_zh and line.name:
        blocks.append(Text(f"    {line.name}"))
    for option in line.options:
        label = " / ".join(part for part in (option.name_zh, option.name) if part)
        count = f" x{option.count}" if option.count > 1 else ""
        blocks.append(Text(f"  + {label}{count}", Size.LARGE if option.name_zh else Size.NORMAL))
    if line.remark:
        blocks.append(Text(f"  ** {line.remark}", Size.LARGE, bold=True))
    return blocks


def kitchen_ticket(
    order: Order, reprint_no: int = 0, lines: tuple[OrderLine, ...] | None = None, station: str = ""
) -> Ticket:
    """Read from across a kitchen: huge order number, pickup/delivery, items in Chinese, due time; the
    shop's name on top, so a counter serving several brands bags each order under the right one.

    A station's ticket (``station`` and its ``lines``) has the same header and only that station's
    items, and says how many of the order's items are elsewhere, so nobody waits for a missing dish."""
    en, zh = _FULFILMENT[order.fulfilment]
    shown = order.lines if lines is None else lines
    brand = [Text(order.shop_name, Size.LARGE, bold=True, align=Align.CENTER)] if order.shop_name else []
    blocks: list[Block] = [
        *_reprint_banner(reprint_no),
        *brand,
        *([Text(f"[ {station} ]", Size.LARGE, bold=True, align=Align.CENTER)] if station else []),
        Text(order.seq_no, Size.HUGE, bold=True, align=Align.CENTER),
        Text(f"{zh} {en}", Size.LARGE, bold=True, align=Align.CENTER, invert=True),
        _ready_or_due(order),
        Text(f"Order {order.order_view_id}  placed {local_time(order.placed_at)}", align=Align.CENTER),
        Rule("="),
    ]
    for line in shown:
        blocks.extend(_kitchen_line(line))
    blocks.append(Rule("="))
    cutlery = "需要餐具 CUTLERY: YES" if order.cutlery else "不要餐具 NO CUTLERY"
    blocks.append(Text(cutlery, Size.LARGE if order.cutlery else Size.NORMAL, bold=True))
    if order.remark:
        blocks.append(Text(f"備註 NOTE: {order.remark}", bold=True))
    count = sum(line.count for line in shown)
    if lines is not None and count != order.item_count:
        blocks.append(Text(f"{count} of {order.item_count} items 件 (rest at other stations 其餘在別處)"))
    else:
        blocks.append(Text(f"{order.item_count} items 件", align=Align.RIGHT))
    title = f"Kitchen {order.seq_no}" + (f" {station}" if station else "")
    return Ticket(tuple(blocks), title=title)


def _receipt_lines(order: Order) -> list[Block]:
    blocks: list[Block] = []
    for line in order.lines:
        name = f"{line.name_zh} {line.name}".strip() if line.name_zh else line.name
        spec = f" ({line.spec})" if line.spec else ""
        blocks.append(Row(f"{line.count} x {name}{spec}", line.total.format()))
        for option in line.options:
            label = " / ".join(part for part in (option.name_zh, option.name) if part)
            price = option.price.times(option.count).format() if option.price.cents else ""
            blocks.append(Row(f"   + {label}", price))
        if line.remark:
            blocks.append(Text(f"   ({line.remark})"))
    return blocks


UNKNOWN_AMOUNT = "金額不明 amount unknown"


def printed_amount(amount: Money | None) -> str:
    """An amount on paper, or the words for one Keeta sent that could not be read."""
    return UNKNOWN_AMOUNT if amount is None else amount.format()


def _money_rows(order: Order) -> list[Block]:
    money = order.money
    rows: list[Block] = [Row("小計 Subtotal", printed_amount(money.shown("items")))]
    if money.packaging.cents:
        rows.append(Row("包裝費 Packaging", money.packaging.format()))
    if money.delivery_fee.cents:
        rows.append(Row("運費 Delivery fee", money.delivery_fee.format()))
    if money.platform_fee.cents:
        rows.append(Row("平台費 Platform fee", money.platform_fee.format()))
    if money.discounts.cents:
        rows.append(Row("折扣 Discount", money.discounts.times(-1).format()))
    if money.tip.cents:
        rows.append(Row("小費 Tip", money.tip.format()))
    rows.append(Rule())
    rows.append(Row("合計 TOTAL", printed_amount(money.shown("total_paid")), Size.LARGE, bold=True))
    if order.pay_type:
        rows.append(Row("付款 Paid by", order.pay_type))
    return rows


def customer_receipt(order: Order, reprint_no: int = 0) -> Ticket:
    """Bilingual receipt for the bag: items, money breakdown, pickup code and a QR of the order number."""
    en, zh = _FULFILMENT[order.fulfilment]
    blocks: list[Block] = [*_reprint_banner(reprint_no)]
    if order.shop_name:
        blocks.append(Text(order.shop_name, Size.LARGE, bold=True, align=Align.CENTER))
    blocks += [
        Text("顧客收據 CUSTOMER RECEIPT", bold=True, align=Align.CENTER),
        Text(f"{zh} {en}", align=Align.CENTER),
        Text("取餐編號 Pickup code", bold=True, align=Align.CENTER),
        Text(order.seq_no, Size.LARGE, bold=True, align=Align.CENTER),
        Text(f"訂單 Order {order.order_view_id}", align=Align.CENTER),
        Text(f"下單 Placed {local_time(order.placed_at, with_date=True)}", align=Align.CENTER),
        Rule(),
        *_receipt_lines(order),
        Rule(),
        *_money_rows(order),
    ]
    if order.remark:
        blocks.append(Text(f"備註 Note: {order.remark}"))
    blocks += [
        Feed(),
        Qr(str(order.order_view_id), caption=f"Keeta {order.order_view_id}"),
        Text("多謝惠顧 Thank you!", bold=True, align=Align.CENTER),
    ]
    return Ticket(tuple(blocks), title=f"Receipt {order.seq_no}")


def cancelled_slip(order: Order) -> Ticket:
    """Tells the kitchen to stop: the order number and items, under a banner no one can miss."""
    blocks: list[Block] = [
        Text("CANCELLED 已取消", Size.LARGE, bold=True, align=Align.CENTER, invert=True),
        Text(order.seq_no, Size.HUGE, bold=True, align=Align.CENTER),
        Text("STOP - DO NOT MAKE 停止製作", Size.LARGE, bold=True, align=Align.CENTER),
        Text(f"Order {order.order_view_id}", align=Align.CENTER),
        Rule("="),
    ]
    for line in order.lines:
        blocks.append(Text(f"{line.count} x {line.name_zh or line.name}", Size.LARGE))
    if order.cancel_reason:
        blocks.append(Text(f"原因 Reason: {order.cancel_reason}"))
    return Ticket(tuple(blocks), title=f"Cancelled {order.seq_no}")


def test_page(encoding: str, printer: str = "") -> Ticket:
    """The guided test page: the cashier keeps the encoding whose Chinese line reads correctly."""
    blocks: list[Block] = [
        Text("TEST 測試", Size.HUGE, bold=True, align=Align.CENTER),
        Text(f"Encoding 編碼: {encoding}", Size.LARGE, bold=True),
        *([Text(f"Printer: {printer}")] if printer else []),
        Rule(),
        Text("If the line below reads 香港茶餐廳 叉燒飯 測試,"),
        Text("keep this encoding. 下行正確便選用此編碼"),
        Text("香港茶餐廳 叉燒飯 測試", Size.LARGE, bold=True),
        Text("HKSCS: 堃 峯 綉 (rare HK characters)"),
        Row("ABC 123 $", "HK$88.00"),
        Rule(),
        Qr("TEST 測試", caption="QR"),
    ]
    return Ticket(tuple(blocks), title="Test page")
