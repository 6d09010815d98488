"""Busy mode and sold-out items of every brand on the counter (posapp/brands.py), by Keeta shop id.

Each brand has its own :class:`BusyMode` (its pause, timer, reminder and Keeta's word on its store,
kept per shop id in the cache) and its own :class:`SoldOut` (its menu, its "sold out today"), each
acting through that shop's own Keeta client. An 1102 push or an order goes to the brand it names.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from posapp.domain.order import Order
from posapp.domain.store_state import StoreState
from posapp.engine.apply import AppliedEvent
from posapp.engine.busy_mode import BusyMode
from posapp.engine.sold_out import SoldOut


class BrandControls:
    def __init__(self, busy: dict[int, BusyMode], sold_out: dict[int, SoldOut], main_shop: int) -> None:
        if main_shop not in busy:
            raise ValueError("the main shop needs its busy mode")
        self.busy = busy
        self.sold_out = sold_out
        self.main_shop = main_shop

    @property
    def shops(self) -> list[int]:
        """Every brand's shop id, the main shop first."""
        return [self.main_shop, *(shop for shop in self.busy if shop != self.main_shop)]

    def busy_of(self, shop_id: int) -> BusyMode:
        """The brand's busy mode; the main shop's for a shop this counter does not serve."""
        return self.busy.get(shop_id, self.busy[self.main_shop])

    def sold_out_of(self, shop_id: int) -> SoldOut:
        """The brand's sold-out list; the main shop's for a shop this counter does not serve."""
        return self.sold_out.get(shop_id) or self.sold_out[self.main_shop]

    def states(self) -> dict[int, StoreState]:
        return {shop: self.busy[shop].state for shop in self.shops}

    # --- what arrives -----------------------------------------------------------------------------

    def event_applied(self, applied: AppliedEvent) -> None:
        """An 1102 push of any brand's stream: each busy mode takes only its own shop's."""
        for busy in self.busy.values():
            busy.event_applied(applied)

    def order_seen(self, order: Order) -> None:
        """A new order's items join its own brand's list (an order of an unknown shop, the main's)."""
        self.sold_out_of(order.shop_id).order_seen(order)

    def set_limits(self, reminder_minutes: int, closing_time: str) -> None:
        for busy in self.busy.values():
            busy.set_limits(reminder_minutes, closing_time)

    def runners(self) -> dict[str, Callable[[], Awaitable[None]]]:
        """The long-running parts by task name (the main shop's keep the names they always had)."""
        tasks: dict[str, Callable[[], Awaitable[None]]] = {}
        for shop in self.shops:
            suffix = "" if shop == self.main_shop else f"-{shop}"
            tasks[f"busy-mode{suffix}"] = self.busy[shop].run
            if shop in self.sold_out:
                tasks[f"menu{suffix}"] = self.sold_out[shop].run
        return tasks


def shops_served(main_shop: int, brand_shops: Iterable[int]) -> list[int]:
    """The main shop and each further brand once."""
    return list(dict.fromkeys([main_shop, *brand_shops]))
