"""The ``10k`` scene's history: a very busy day of finished orders, copied from the scene's real ones.

The copies take new order numbers, times spread over the hours before now and the final states a day
ends with (collected, a few cancelled), and are written into the cache in one transaction, the way a
day of streamed events would have left them. The history tab then opens on a day of 10,000 orders.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import datetime

from posapp.domain.order import Order, OrderStatus
from posapp.store import ingest
from posapp.store.db import database_proxy

FIRST_ID = 6_000_000_000_000
SPACING_SECONDS = 3  # at most: 10,000 orders over the last eight hours


def seed_history(count: int, templates: list[Order], now: float | None = None) -> int:
    """Writes ``count`` finished copies of ``templates`` placed before ``now``; returns how many."""
    if not templates:
        return 0
    end = int(now if now is not None else time.time())
    # All on today's page of the history: spread over the hours since midnight when they are few.
    midnight = int(datetime.fromtimestamp(end).replace(hour=0, minute=0, second=0, microsecond=0).timestamp())
    start = max(midnight, end - count * SPACING_SECONDS)
    spacing = (end - start) / count
    with database_proxy.atomic():
        for index in range(count):
            template = templates[index % len(templates)]
            placed = start + int(index * spacing)
            status = OrderStatus.CANCELLED if index % 25 == 24 else OrderStatus.COMPLETED
            copy = dataclasses.replace(
                template,
                order_view_id=FIRST_ID + index,
                seq_no=f"#{(index + 100) % 9999 + 1}",  # clear of the scene's own #1, #2…
                status=status,
                placed_at=placed,
                updated_at=placed + 1200,
                refunds=(),
            )
            ingest.upsert_order(copy)
    return count
