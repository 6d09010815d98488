"""The ``10k`` scene's history: a very busy day of finished orders, copied from the scene's real ones.

The copies take new order numbers, times spread over the hours before now and the final states a day
ends with (collected, a few cancelled), and are written into the cache in one transaction, the way a
day of streamed events would have left them. The history tab then opens on a day of 10,000 orders.
"""

from __future__ import annotations

import dataclasses
import time

from posapp.domain.order import Order, OrderStatus
from posapp.store import ingest
from posapp.store.db import database_proxy

FIRST_ID = 6_000_000_000_000
SPACING_SECONDS = 3  # 10,000 orders: the last eight hours


def seed_history(count: int, templates: list[Order], now: float | None = None) -> int:
    """Writes ``count`` finished copies of ``templates`` placed before ``now``; returns how many."""
    if not templates:
        return 0
    start = int(now if now is not None else time.time()) - count * SPACING_SECONDS
    with database_proxy.atomic():
        for index in range(count):
            template = templates[index % len(templates)]
            placed = start + index * SPACING_SECONDS
            status = OrderStatus.CANCELLED if index % 25 == 24 else OrderStatus.COMPLETED
            copy = dataclasses.replace(
                template,
                order_view_id=FIRST_ID + index,
                seq_no=f"#{index % 9999 + 1}",
                status=status,
                placed_at=placed,
                updated_at=placed + 1200,
                refunds=(),
            )
            ingest.upsert_order(copy)
    return count
