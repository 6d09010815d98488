"""Several brands on one counter: the kitchen ticket and the receipt say which shop the order is for,
so the kitchen bags it under the right brand."""

from __future__ import annotations

import dataclasses

from posapp.domain.order import Order
from posapp.printing.layouts import customer_receipt, kitchen_ticket
from posapp.printing.ticket import Text


def _texts(blocks: tuple[object, ...]) -> list[str]:
    return [block.text for block in blocks if isinstance(block, Text)]


def test_each_brands_ticket_and_receipt_head_with_its_shop(order: Order) -> None:
    noodles = dataclasses.replace(order, shop_id=1, shop_name="Noodle House 麵家")
    burgers = dataclasses.replace(order, shop_id=2, shop_name="Burger Lab")
    assert _texts(kitchen_ticket(noodles).blocks)[0] == "Noodle House 麵家"
    assert _texts(kitchen_ticket(burgers).blocks)[0] == "Burger Lab"
    assert _texts(customer_receipt(burgers).blocks)[0] == "Burger Lab"
    assert _texts(kitchen_ticket(dataclasses.replace(order, shop_name="")).blocks)[0] == order.seq_no
