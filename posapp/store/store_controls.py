"""Busy mode and sold-out items in the cache (tables from migrations/m0012_store_controls.py).

Each function is one short transaction on the app's event-loop thread, like the rest of ``store``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from posapp.store.db import database_proxy
from posapp.store.models import MenuItemRecord, SoldOutRecord, StorePauseRecord, StoreStatusRecord

# --- the store's status and this app's pause ------------------------------------------------------------


@dataclass(frozen=True)
class Pause:
    started_at: int
    until: int | None  # None: until a person reopens the store
    reminded_at: int | None = None


def store_status(shop_id: int) -> tuple[int, int] | None:
    """Keeta's last known status of the store and when it was learnt, or None if never."""
    row = StoreStatusRecord.get_or_none(StoreStatusRecord.shop_id == shop_id)
    return None if row is None else (int(row.status), int(row.changed_at))


def save_store_status(shop_id: int, status: int, at: int | None = None) -> None:
    when = int(time.time()) if at is None else at
    StoreStatusRecord.insert(shop_id=shop_id, status=status, changed_at=when).on_conflict(
        conflict_target=[StoreStatusRecord.shop_id],
        update={StoreStatusRecord.status: status, StoreStatusRecord.changed_at: when},
    ).execute()


def pause(shop_id: int) -> Pause | None:
    row = StorePauseRecord.get_or_none(StorePauseRecord.shop_id == shop_id)
    if row is None:
        return None
    until = None if row.until is None else int(row.until)
    reminded = None if row.reminded_at is None else int(row.reminded_at)
    return Pause(int(row.started_at), until, reminded)


def start_pause(shop_id: int, started_at: int, until: int | None) -> Pause:
    with database_proxy.atomic():
        StorePauseRecord.delete().where(StorePauseRecord.shop_id == shop_id).execute()
        StorePauseRecord.create(shop_id=shop_id, started_at=started_at, until=until)
    return Pause(started_at, until)


def end_pause(shop_id: int) -> None:
    StorePauseRecord.delete().where(StorePauseRecord.shop_id == shop_id).execute()


def mark_reminded(shop_id: int, at: int) -> None:
    StorePauseRecord.update(reminded_at=at).where(StorePauseRecord.shop_id == shop_id).execute()


# --- the item list and sold-out items ------------------------------------------------------------------


@dataclass(frozen=True)
class KnownItem:
    spu_id: int
    name: str
    name_zh: str = ""
    code: str = ""
    category: str = ""
    from_menu: bool = False


def remember_items(shop_id: int, items: Iterable[KnownItem], at: int | None = None) -> None:
    """Add or refresh items; a name from Keeta's menu is not overwritten by one seen in an order."""
    when = int(time.time()) if at is None else at
    with database_proxy.atomic():
        for item in items:
            if item.spu_id <= 0:
                continue
            row = {
                "shop_id": shop_id,
                "spu_id": item.spu_id,
                "name": item.name,
                "name_zh": item.name_zh,
                "code": item.code,
                "category": item.category,
                "from_menu": int(item.from_menu),
                "seen_at": when,
            }
            query = MenuItemRecord.insert(**row)
            if item.from_menu:
                query = query.on_conflict_replace()
            else:
                query = query.on_conflict(
                    conflict_target=[MenuItemRecord.shop_id, MenuItemRecord.spu_id],
                    update={MenuItemRecord.seen_at: when},
                )
            query.execute()


def known_items(shop_id: int) -> list[KnownItem]:
    rows = MenuItemRecord.select().where(MenuItemRecord.shop_id == shop_id).order_by(MenuItemRecord.name)
    return [
        KnownItem(int(r.spu_id), str(r.name), str(r.name_zh), str(r.code), str(r.category), bool(r.from_menu))
        for r in rows
    ]


def sold_out(shop_id: int) -> dict[int, int]:
    """spuId → when this app marked it sold out."""
    rows = SoldOutRecord.select().where(SoldOutRecord.shop_id == shop_id)
    return {int(r.spu_id): int(r.marked_at) for r in rows}


def set_sold_out(shop_id: int, spu_ids: Iterable[int], sold: bool, at: int | None = None) -> None:
    when = int(time.time()) if at is None else at
    ids = list(spu_ids)
    with database_proxy.atomic():
        if sold:
            for spu_id in ids:
                SoldOutRecord.insert(
                    shop_id=shop_id, spu_id=spu_id, marked_at=when
                ).on_conflict_ignore().execute()
        elif ids:
            chosen = (SoldOutRecord.shop_id == shop_id) & SoldOutRecord.spu_id.in_(ids)
            SoldOutRecord.delete().where(chosen).execute()
