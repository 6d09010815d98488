"""Items seen in orders join the sold-out list; an order that repeats known items writes nothing (each
new order's write was a cache commit on the Qt thread, ahead of the order reaching the screen)."""

from __future__ import annotations

import dataclasses

import peewee
import pytest

from posapp.engine.outbox import OutboxWorker
from posapp.engine.sold_out import SoldOut
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import KeetaConfig
from posapp.store import store_controls
from tests.store import factories


def test_items_of_orders_join_the_list_once(
    db: peewee.SqliteDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeta = KeetaClient(KeetaConfig(app_id=1, secret="s", access_token="t", shop_id=factories.SHOP_ID))
    sold_out = SoldOut(keeta, OutboxWorker({}))
    writes: list[list[int]] = []
    real = store_controls.remember_items

    def counted(shop_id: int, items: list[store_controls.KnownItem], at: int | None = None) -> None:
        writes.append([item.spu_id for item in items])
        real(shop_id, items, at)

    monkeypatch.setattr(store_controls, "remember_items", counted)
    first = factories.order()
    sold_out.order_seen(first)
    sold_out.order_seen(dataclasses.replace(first, order_view_id=first.order_view_id + 1))
    renamed = dataclasses.replace(first.lines[0], name="Beef brisket noodles (large)")
    sold_out.order_seen(dataclasses.replace(first, order_view_id=first.order_view_id + 2, lines=(renamed,)))
    assert writes == [[10, 11], [10]]  # the repeat wrote nothing; a new name is written
    assert {item.spu_id for item in store_controls.known_items(factories.SHOP_ID)} == {10, 11}
