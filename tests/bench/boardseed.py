"""A cache full of open orders for the board benchmark, and signed pushes of new ones.

Orders vary the way a lunch counter's do: one to four dishes from a thirty-item menu, counts of one
to three, a few option combinations, pickup and delivery, phone numbers, a pending refund on one in
forty. All are open (new, in progress, ready), so every one of them is on the board.
"""

from __future__ import annotations

import dataclasses
import json
import random
import time
from pathlib import Path
from typing import Any

from posapp.domain.money import Money
from posapp.domain.order import (
    Courier,
    Customer,
    Fulfilment,
    MoneyBreakdown,
    Order,
    OrderLine,
    OrderOption,
    OrderStatus,
)
from posapp.domain.refund import Actor, RefundItem, RefundKind, RefundRequest, RefundStatus
from posapp.keeta.order_parser import parse_order
from posapp.store import ingest
from posapp.store.db import database_proxy, open_database
from tests.conftest import load_fixture
from tests.relay.helpers import keeta_push

BASE_ID = 7_000_000_000_000
PUSHED_ID = 8_000_000_000_000
DISHES = [
    ("Wonton Noodles in Soup", "鮮蝦雲吞麵", 4500), ("Beef Brisket Noodles", "牛腩麵", 5200),
    ("Fish Ball Noodles", "魚蛋麵", 3800), ("Char Siu Rice", "叉燒飯", 4800),
    ("Roast Goose Rice", "燒鵝飯", 6800), ("Soy Sauce Chicken Rice", "豉油雞飯", 5000),
    ("Congee with Century Egg", "皮蛋瘦肉粥", 3600), ("Beef Chow Fun", "乾炒牛河", 6200),
    ("Singapore Noodles", "星洲炒米", 5800), ("Fried Rice Yeung Chow", "揚州炒飯", 5600),
    ("Pineapple Bun with Butter", "菠蘿油", 1800), ("French Toast", "西多士", 2800),
    ("Macaroni with Ham", "火腿通粉", 3400), ("Instant Noodles with Egg", "餐蛋麵", 3600),
    ("Curry Fish Balls", "咖喱魚蛋", 2400), ("Siu Mai", "燒賣", 2600), ("Egg Tart", "蛋撻", 1200),
    ("Baked Pork Chop Rice", "焗豬扒飯", 6400), ("Claypot Rice", "煲仔飯", 7800),
    ("Beef Tendon Noodles", "牛筋麵", 5400), ("Shrimp Dumplings", "蝦餃", 3200),
    ("Stir-fried Choi Sum", "炒菜心", 3000), ("Sweet and Sour Pork", "咕嚕肉", 7200),
    ("Hong Kong Milk Tea", "港式奶茶", 2600), ("Yuenyeung", "鴛鴦", 2600),
    ("Lemon Tea", "檸檬茶", 2400), ("Horlicks", "好立克", 2400), ("Soy Milk", "豆漿", 1600),
    ("Red Bean Ice", "紅豆冰", 2800), ("Coke", "可樂", 1200),
]  # fmt: skip
OPTIONS = [
    (),
    (OrderOption("Less sugar", "少甜", "Sweetness 甜度"),),
    (OrderOption("Less ice", "少冰", "Ice 冰"), OrderOption("Less sugar", "少甜", "Sweetness 甜度")),
    (OrderOption("Extra wonton", "加雲吞", "Add-ons 加配", 1, Money(300)),),
    (OrderOption("Large", "大", "Size 大細", 1, Money(500)),),
]
OPEN = (OrderStatus.NEW, OrderStatus.ACCEPTED, OrderStatus.READY)


def _base() -> Order:
    return parse_order(load_fixture("keeta/order_info_delivery.json"))


def _line(rng: random.Random, order_index: int, position: int) -> OrderLine:
    name, name_zh, price = rng.choice(DISHES)
    options = rng.choice(OPTIONS)
    count = rng.choice((1, 1, 1, 2, 2, 3))
    unit = price + sum(o.price.cents for o in options)
    return OrderLine(
        line_id=order_index * 10 + position,
        name=name,
        count=count,
        unit_price=Money(unit),
        total=Money(unit * count),
        name_zh=name_zh,
        options=options,
        remark=rng.choice(("", "", "", "走葱 No spring onion", "少辣 Less spicy")),
        spu_id=3000 + DISHES.index((name, name_zh, price)),
    )


def _refund(order_view_id: int, lines: tuple[OrderLine, ...], at: int) -> RefundRequest:
    line = lines[0]
    return RefundRequest(
        after_sale_order_id=order_view_id + 1,
        order_view_id=order_view_id,
        kind=RefundKind.PARTIAL,
        status=RefundStatus.PENDING,
        amount=line.unit_price,
        requested_at=at,
        reason="凍奶茶冇咗 Milk tea missing",
        requested_by=Actor.CUSTOMER,
        items=(RefundItem(line.spu_id, 0, 1, line.name, line.unit_price, line.line_id),),
    )


def make_order(base: Order, rng: random.Random, index: int, order_view_id: int, placed_at: int) -> Order:
    lines = tuple(_line(rng, index, p) for p in range(rng.choice((1, 2, 2, 3, 3, 4))))
    items = sum(line.total.cents for line in lines)
    delivery = rng.random() < 0.7
    fee = 1200 if delivery else 0
    money = MoneyBreakdown(
        items=Money(items), delivery_fee=Money(fee), platform_fee=Money(300), discounts=Money(0),
        tip=Money(0), total_paid=Money(items + fee + 300), merchant_receivable=Money(items * 82 // 100),
        commission=Money(items * 18 // 100),
    )  # fmt: skip
    status = OPEN[index % 3]
    refunds = (_refund(order_view_id, lines, placed_at + 300),) if index % 40 == 39 else ()
    return dataclasses.replace(
        base,
        order_view_id=order_view_id,
        seq_no=f"#{index % 9999 + 1}",
        status=status,
        fulfilment=Fulfilment.DELIVERY if delivery else Fulfilment.PICKUP,
        courier_kind=Courier.KEETA if delivery else Courier.NONE,
        lines=lines,
        money=money,
        placed_at=placed_at,
        updated_at=placed_at,
        customer=Customer("陳大文 Chan Tai Man", f"+852 9{rng.randrange(10**7):07d}", "上環德輔道中 1 號"),
        ready_eta=placed_at + 900 if status is not OrderStatus.NEW else None,
        refunds=refunds,
    )


def seed_cache(path: Path, count: int, seed: int = 13) -> float:
    """Write ``count`` open orders into a fresh cache at ``path``; returns the seconds it took."""
    rng = random.Random(seed)
    base = _base()
    now = int(time.time())
    start = time.perf_counter()
    db = open_database(path)
    with database_proxy.atomic():
        for i in range(count):
            placed = now - (count - i) * 2  # the last few hours of a very busy counter
            ingest.upsert_order(make_order(base, rng, i, BASE_ID + i, placed))
    db.close()
    return time.perf_counter() - start


def order_info(order_view_id: int, seq: int) -> dict[str, Any]:
    """The canonical orderInfo fixture as a brand-new order placed now."""
    info = load_fixture("keeta/order_info_delivery.json")
    text = json.dumps(info).replace(str(info["baseOrder"]["orderViewId"]), str(order_view_id))
    fresh: dict[str, Any] = json.loads(text)
    now_ms = int(time.time()) * 1000
    fresh["baseOrder"]["ctime"] = now_ms
    fresh["baseOrder"]["deliveryTime"] = now_ms + 1_800_000
    fresh["merchantOrder"].update(ctime=now_ms, unconfirmedStatusTime=now_ms, seqNoStr=f"#{seq}")
    return fresh


def push_bodies(
    count: int, shop_id: int, app_id: int, secret: str, relay_url: str
) -> list[tuple[int, bytes]]:
    """Signed 1001 pushes of ``count`` new orders, exactly as Keeta would send them to the relay."""
    url = relay_url.rstrip("/") + "/keeta/webhook"
    pushes = []
    for i in range(count):
        oid = PUSHED_ID + i
        body = keeta_push(1001, {"orderInfo": order_info(oid, 500 + i)}, shop_id=shop_id, app_id=app_id,
                          secret=secret, url=url)  # fmt: skip
        pushes.append((oid, body))
    return pushes
