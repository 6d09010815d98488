"""Sold out ("86"): mark items unavailable on Keeta and back, from a searchable item list.

The list comes from Keeta's menu (``product/spu/list``) when it can be read, and otherwise from the
items seen in orders (each line carries its SPU id, keeta.md §4.6); both are kept in the cache. Before
an item goes off, Keeta is asked which choice groups it would empty (``product/spu/batchcheck``); the
screen shows those and the cashier decides. The change goes through the outbox (store_kinds.py), in
batches of at most 200 and at most 10 calls a second. What this app marked sold out is kept
(``sold_out``) so the day's list can be put back in one tap at closing; items Keeta refused in a
partial success are taken off that list again and named to the cashier.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from posapp.domain.actions import OrderAction
from posapp.domain.order import Order
from posapp.engine.hub import EventHub
from posapp.engine.outbox import ActionChanged, OutboxWorker
from posapp.engine.store_kinds import ITEMS_OFF, ITEMS_ON, KEETA, items_payload, items_ref
from posapp.keeta.client import KeetaClient
from posapp.keeta.codes import CancelCode, PartRefundType
from posapp.keeta.errors import KeetaError
from posapp.keeta.store_api import Conflict, StoreApi
from posapp.store import outbox, store_controls
from posapp.store.outbox import ActionState, OutboxAction
from posapp.store.store_controls import KnownItem

log = logging.getLogger(__name__)

MENU_RETRY_S = (2.0, 10.0, 30.0, 120.0)


@dataclass(frozen=True)
class ItemView:
    spu_id: int
    name: str
    name_zh: str = ""
    category: str = ""
    sold_out: bool = False  # marked sold out here, or unavailable on Keeta's menu
    marked_here: bool = False  # on this app's "sold out today" list
    sending: bool = False

    def matches(self, text: str) -> bool:
        wanted = text.strip().casefold()
        return not wanted or any(wanted in s.casefold() for s in (self.name, self.name_zh, self.category))


@dataclass(frozen=True)
class ItemsChanged:
    """Published on the hub when the item list (names, sold out, sending) may read differently."""

    items: tuple[ItemView, ...]
    shop_id: int = 0  # whose menu (several brands on one counter)


@dataclass(frozen=True)
class SoldOutChange:
    """Published on the hub when an outbox action on items settled: which went through and which Keeta
    refused."""

    action: OutboxAction
    sold_out: bool
    changed: tuple[int, ...]
    refused: tuple[str, ...]  # item names, for the cashier
    failed: bool = False


def offer_for(action: OutboxAction, order: Order) -> list[tuple[int, str, bool]] | None:
    """After a cancel or partial refund given "insufficient ingredients": the order's items as
    (spuId, name, proposed), the refunded ones proposed; None when the reason is another one."""
    if action.platform != KEETA:
        return None
    refunded: set[int] = set()
    if (
        action.action == OrderAction.CANCEL.value
        and action.payload.get("code") == CancelCode.INSUFFICIENT_INGREDIENTS
    ):
        pass
    elif (
        action.action == OrderAction.PARTIAL_REFUND.value
        and action.payload.get("type") == PartRefundType.INSUFFICIENT_INGREDIENTS
    ):
        refunded = {int(line) for line, _count in action.payload.get("products", [])}
    else:
        return None
    offer: dict[int, tuple[int, str, bool]] = {}
    for line in order.lines:
        if line.spu_id <= 0:
            continue
        name = f"{line.name}  {line.name_zh}".strip()
        proposed = line.line_id in refunded or (line.spu_id in offer and offer[line.spu_id][2])
        offer[line.spu_id] = (line.spu_id, name, proposed)
    return list(offer.values()) or None


class SoldOut:
    def __init__(
        self,
        keeta: KeetaClient,
        worker: OutboxWorker,
        clock: Callable[[], float] = time.time,
        hub: EventHub | None = None,
    ) -> None:
        self.api = StoreApi(keeta)
        self.shop_id = keeta.config.shop_id
        self.worker = worker
        self.clock = clock
        self._off_on_keeta: set[int] = set()
        # Items already written from an order since start: most orders repeat them, and a write per
        # order was a cache commit on the Qt thread ahead of the new order reaching the screen.
        self._remembered: set[KnownItem] = set()
        self.hub = hub if hub is not None else worker.hub
        worker.hub.subscribe(ActionChanged, lambda changed: self._action_changed(changed.action))

    # --- the list -------------------------------------------------------------------------------

    def items(self, search: str = "") -> list[ItemView]:
        marked = store_controls.sold_out(self.shop_id)
        sending = self._sending()
        views = [
            ItemView(
                spu_id=item.spu_id,
                name=item.name,
                name_zh=item.name_zh,
                category=item.category,
                sold_out=item.spu_id in marked or item.spu_id in self._off_on_keeta,
                marked_here=item.spu_id in marked,
                sending=item.spu_id in sending,
            )
            for item in store_controls.known_items(self.shop_id)
        ]
        return [v for v in views if v.matches(search)]

    def sold_out_today(self) -> list[ItemView]:
        return [v for v in self.items() if v.marked_here]

    async def refresh_menu(self) -> bool:
        """Read Keeta's menu into the list; False when it could not be read (the seen items stay)."""
        try:
            menu = await self.api.menu()
        except KeetaError as exc:
            log.info("sold out: Keeta's menu could not be read (%s); using the items seen in orders", exc)
            return False
        store_controls.remember_items(
            self.shop_id,
            (KnownItem(m.spu_id, m.name, m.name_zh, m.code, m.category, from_menu=True) for m in menu),
            int(self.clock()),
        )
        self._off_on_keeta = {m.spu_id for m in menu if not m.available}
        self._emit_items()
        return True

    async def run(self) -> None:
        """Read Keeta's menu once at start, trying a few times; the seen items serve meanwhile."""
        for pause in MENU_RETRY_S:
            if await self.refresh_menu():
                return
            await asyncio.sleep(pause)

    def order_seen(self, order: Order) -> None:
        """Items of an order join the list (the list when Keeta's menu cannot be read); an item seen
        before since start, under the same names, is not written again."""
        if order.shop_id and order.shop_id != self.shop_id:
            return  # another brand's menu
        seen = {
            KnownItem(line.spu_id, line.name, line.name_zh, line.item_code)
            for line in order.lines
            if line.spu_id
        }
        fresh = seen - self._remembered
        if fresh:
            store_controls.remember_items(
                self.shop_id, sorted(fresh, key=lambda i: i.spu_id), int(self.clock())
            )
            self._remembered |= fresh

    # --- marking --------------------------------------------------------------------------------

    async def conflicts(self, spu_ids: Sequence[int]) -> list[Conflict]:
        """Choice groups these items would leave empty; raises KeetaError when Keeta cannot be asked."""
        return await self.api.conflicts(list(spu_ids))

    def mark(self, spu_ids: Sequence[int], sold_out: bool) -> OutboxAction:
        ids = sorted(set(int(s) for s in spu_ids))
        if not ids:
            raise ValueError("no items to mark")
        store_controls.set_sold_out(self.shop_id, ids, sold_out, int(self.clock()))
        if not sold_out:
            self._off_on_keeta -= set(ids)
        kind = ITEMS_OFF if sold_out else ITEMS_ON
        action = self.worker.submit(KEETA, kind, items_ref(self.shop_id, ids), items_payload(ids))
        self._emit_items()
        return action

    def restore_all(self) -> OutboxAction | None:
        """Put back everything on the "sold out today" list in one action (closing time)."""
        ids = list(store_controls.sold_out(self.shop_id))
        return self.mark(ids, False) if ids else None

    # --- the outbox's word ----------------------------------------------------------------------

    def _sending(self) -> set[int]:
        ids: set[int] = set()
        for action in outbox.open_for_prefix(items_ref(self.shop_id, [])):
            ids.update(int(s) for s in action.payload.get("spu_ids", []))
        return ids

    def _action_changed(self, action: OutboxAction) -> None:
        if action.platform != KEETA or action.action not in (ITEMS_OFF, ITEMS_ON):
            return
        if not action.order_ref.startswith(items_ref(self.shop_id, [])):
            return
        sold = action.action == ITEMS_OFF
        asked = [int(s) for s in action.payload.get("spu_ids", [])]
        if action.state is ActionState.DONE:
            result = outbox.result_of(action.id)
            refused = [r for r in result.get("refused", []) if isinstance(r, dict)]
            refused_ids = [int(r["spuId"]) for r in refused if isinstance(r.get("spuId"), int)]
            if refused_ids:
                # Keeta kept these as they were: the list must say what Keeta shows.
                store_controls.set_sold_out(self.shop_id, refused_ids, not sold)
            names = self._names(refused_ids)
            changed = tuple(s for s in asked if s not in refused_ids)
            self._emit_change(SoldOutChange(action, sold, changed, names))
        elif action.state in (ActionState.FAILED, ActionState.NEEDS_PERSON):
            if action.state is ActionState.FAILED:
                store_controls.set_sold_out(self.shop_id, asked, not sold)
            self._emit_change(SoldOutChange(action, sold, (), self._names(asked), failed=True))
        self._emit_items()

    def _names(self, spu_ids: Sequence[int]) -> tuple[str, ...]:
        known = {i.spu_id: i.name for i in store_controls.known_items(self.shop_id)}
        return tuple(known.get(s, str(s)) for s in spu_ids)

    def _emit_items(self) -> None:
        self.hub.publish(ItemsChanged(tuple(self.items()), self.shop_id))

    def _emit_change(self, change: SoldOutChange) -> None:
        self.hub.publish(change)
