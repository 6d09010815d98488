"""Domain objects for the store tests, built directly (the webhook parser is tested elsewhere)."""

from __future__ import annotations

import itertools

from posapp.domain.events import (
    CourierChanged,
    EventMeta,
    OrderPlaced,
    OrderStatusChanged,
    RefundChanged,
)
from posapp.domain.money import Money
from posapp.domain.order import (
    Courier,
    CourierInfo,
    CourierStatus,
    Customer,
    Fulfilment,
    MoneyBreakdown,
    Order,
    OrderLine,
    OrderOption,
    OrderStatus,
)
from posapp.domain.refund import Actor, RefundItem, RefundKind, RefundRequest, RefundStatus

ORDER_ID = 756823555555859
SHOP_ID = 880001
PLACED_AT = 1_764_057_600
_messages = itertools.count(1)

EVENT_IDS = {
    OrderStatus.ACCEPTED: 1002,
    OrderStatus.COMPLETED: 1003,
    OrderStatus.CANCELLED: 1004,
}


def hkd(cents: int) -> Money:
    return Money(cents, "HKD")


def meta(event_id: int, message_id: str | None = None, at: int = PLACED_AT) -> EventMeta:
    source = message_id or f"msg-{next(_messages)}"
    return EventMeta(source_id=source, event_id=event_id, shop_id=SHOP_ID, received_at=at, pushed_at=at)


_MILK_TEA_REFUND = RefundItem(
    spu_id=11, sku_id=111, count=1, name="凍奶茶 Iced milk tea", amount=Money(2800, "HKD"), line_id=2
)


def refund(
    status: RefundStatus = RefundStatus.PENDING,
    after_sale_order_id: int = 9001,
    amount: int = 2800,
    kind: RefundKind = RefundKind.PARTIAL,
) -> RefundRequest:
    return RefundRequest(
        after_sale_order_id=after_sale_order_id,
        order_view_id=ORDER_ID,
        kind=kind,
        status=status,
        amount=hkd(amount),
        requested_at=PLACED_AT + 600,
        reason="凍奶茶冇咗 Milk tea missing",
        requested_by=Actor.CUSTOMER,
        handled_by=None if status is RefundStatus.PENDING else Actor.MERCHANT,
        handle_reason="" if status is RefundStatus.PENDING else "Merchant agree refund",
        pictures=("https://img.example/1.jpg", "https://img.example/2.jpg"),
        items=(
            RefundItem(
                spu_id=11, sku_id=111, count=1, name="凍奶茶 Iced milk tea", amount=hkd(2800), line_id=2
            ),
        )
        if kind is RefundKind.PARTIAL
        else (),
        is_appeal=False,
        platform_status=5001 if kind is RefundKind.PARTIAL else 2001,
    )


def order(
    status: OrderStatus = OrderStatus.NEW,
    order_view_id: int = ORDER_ID,
    courier: CourierInfo | None = None,
    refunds: tuple[RefundRequest, ...] = (),
    placed_at: int = PLACED_AT,
) -> Order:
    """A Hong Kong delivery order with options, remarks and Chinese names."""
    lines = (
        OrderLine(
            line_id=1,
            name="Beef brisket noodles",
            name_zh="牛腩麵",
            count=2,
            unit_price=hkd(5800),
            total=hkd(12600),
            spec="Large 大",
            options=(
                OrderOption(name="Extra noodles", name_zh="加麵", group="Add-ons 加配", price=hkd(500)),
                OrderOption(name="No spring onion", name_zh="走蔥", group="Preferences"),
            ),
            remark="少辣 less spicy",
            spu_id=10,
            sku_id=101,
            item_code="N-01",
        ),
        OrderLine(
            line_id=2,
            name="Iced milk tea",
            name_zh="凍奶茶",
            count=1,
            unit_price=hkd(2800),
            total=hkd(2800),
            options=(OrderOption(name="Less ice", name_zh="少冰", count=2),),
            spu_id=11,
            sku_id=111,
        ),
    )
    money = MoneyBreakdown(
        items=hkd(15400),
        delivery_fee=hkd(1200),
        platform_fee=hkd(300),
        discounts=hkd(-2000),
        tip=hkd(1000),
        total_paid=hkd(15900),
        merchant_receivable=hkd(12100),
        commission=hkd(2310),
    )
    return Order(
        order_view_id=order_view_id,
        shop_id=SHOP_ID,
        seq_no="#58",
        status=status,
        fulfilment=Fulfilment.DELIVERY,
        courier_kind=Courier.KEETA,
        lines=lines,
        money=money,
        placed_at=placed_at,
        shop_name="Sheung Wan Noodle House 上環麵家",
        customer=Customer(
            name="ENC_abc",
            phone="ENC_def",
            address="香港上環皇后大道中 1 號",
            latitude=22.2866,
            longitude=114.1522,
        ),
        cutlery=True,
        remark="請按門鐘 Please ring the bell",
        pay_type="applepay",
        delivery_eta=placed_at + 1800,
        ready_eta=placed_at + 900,
        courier=courier or CourierInfo(),
        refunds=refunds,
        updated_at=placed_at,
    )


def placed(message_id: str | None = None, **kwargs: object) -> OrderPlaced:
    return OrderPlaced(meta=meta(1001, message_id), order=order(**kwargs))  # type: ignore[arg-type]


def status_changed(
    status: OrderStatus, message_id: str | None = None, at: int = PLACED_AT + 60, reason: str = ""
) -> OrderStatusChanged:
    return OrderStatusChanged(
        meta=meta(EVENT_IDS[status], message_id, at),
        order_view_id=ORDER_ID,
        status=status,
        at=at,
        reason=reason,
        by=Actor.CUSTOMER if status is OrderStatus.CANCELLED else None,
    )


def refund_changed(request: RefundRequest, message_id: str | None = None) -> RefundChanged:
    event_id = 1007 if request.kind is RefundKind.PARTIAL else 1005
    return RefundChanged(meta=meta(event_id, message_id, PLACED_AT + 700), refund=request)


def courier_changed(status: CourierStatus, op_time: int, name: str = "陳大文") -> CourierChanged:
    info = CourierInfo(status=status, name=name, phone="+852 9123 4567", updated_at=op_time)
    return CourierChanged(meta=meta(1006, at=PLACED_AT + 300), order_view_id=ORDER_ID, courier=info)
