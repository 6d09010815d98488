"""Keeta's Store and Menu APIs (keeta.md §6a): pause and reopen the store, read its status, list the
menu, check choice groups and mark items sold out or back.

Same host, envelope and signature as the Order API; every call goes through :meth:`KeetaClient.call`.
What Keeta documents is used as documented [Doc]; what it does not is a STAND-IN kept in this module
so the real answer replaces it in one place:

- ``scm/shop/base/get`` answers ``data`` with ``shopId``, ``name`` ... and the store ``status``
  (3 operating, 4 suspended, as in the 1102 push). [Doc for the fields listed; STAND-IN: the status
  field's name is ``status``, read also as ``shopStatus``.]
- ``scm/shop/status/rest`` / ``open`` answer ``{code, message}``; a store already in the asked state
  answers success (STAND-IN: Keeta does not say).
- ``product/spu/list`` ``{shopId}`` answers every valid SPU of the store as ``data: [SPU]`` with
  ``id``, ``name``, ``nameTranslation``, ``status`` (1 available, 0 not) [Doc]; ``openItemCode`` and
  the category (``shopCategoryList[].name`` or ``shopCategoryName``) are read when present.
- ``product/spu/batchcheck`` answers ``data: [{spuId, choiceGroupIdList}]`` [Doc].
- ``product/spustatus/batchupdate`` answers ``data`` = the SPUs changed and ``errorList`` = those not
  changed, each ``{id, name, code?, message?}`` [Doc; ``code``/``message`` per item are STAND-IN].
- At most 200 SPUs a call and 10 calls a second per appId on the status and list calls [Doc]. A call
  over the rate answers :data:`RATE_LIMITED` (STAND-IN code in Keeta's server range, so it is retried).
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from posapp.keeta.client import KeetaClient
from posapp.keeta.codes import EventId
from posapp.keeta.errors import KeetaProtocolError
from posapp.keeta.payload import KeetaPayloadError, Obj, as_int

SHOP_GET_PATH = "scm/shop/base/get"
SHOP_REST_PATH = "scm/shop/status/rest"
SHOP_OPEN_PATH = "scm/shop/status/open"
MENU_LIST_PATH = "product/spu/list"
MENU_CHECK_PATH = "product/spu/batchcheck"
MENU_STATUS_PATH = "product/spustatus/batchupdate"
STORE_PATHS = (SHOP_GET_PATH, SHOP_REST_PATH, SHOP_OPEN_PATH)
MENU_PATHS = (MENU_LIST_PATH, MENU_CHECK_PATH, MENU_STATUS_PATH)

# Store status, as in the 1102 push ``{shopId, fromStatus, toStatus}`` and shop/base/get [Doc].
SHOP_OPERATING = 3
SHOP_SUSPENDED = 4
STORE_STATUS_EVENT = int(EventId.STORE_STATUS)
STATUS_KEYS = ("status", "shopStatus")  # STAND-IN: the second name is a guess kept for safety

# SPU availability [Doc].
SPU_AVAILABLE = 1
SPU_UNAVAILABLE = 0
MAX_SPUS_PER_CALL = 200
MENU_CALLS_PER_SECOND = 10
RATE_LIMITED = 315000129  # STAND-IN: Keeta publishes the 10 QPS limit, not the code it answers
SPU_NOT_FOUND = 115000210  # STAND-IN: an errorList item for an SPU the store does not have
SPU_LOCKED = 115000211  # STAND-IN: an errorList item for an SPU Keeta will not change now


@dataclass(frozen=True)
class ShopInfo:
    shop_id: int
    name: str
    status: int  # SHOP_OPERATING or SHOP_SUSPENDED (another value is kept as given)

    @property
    def operating(self) -> bool:
        return self.status == SHOP_OPERATING


@dataclass(frozen=True)
class MenuItem:
    spu_id: int
    name: str
    name_zh: str = ""
    code: str = ""  # the shop's own openItemCode
    category: str = ""
    available: bool = True


@dataclass(frozen=True)
class ItemError:
    spu_id: int
    name: str
    code: int | None
    message: str


@dataclass(frozen=True)
class StatusResult:
    """What one or more ``batchupdate`` calls changed and what Keeta refused, item by item."""

    changed: tuple[int, ...] = ()
    refused: tuple[ItemError, ...] = ()

    def merged(self, other: StatusResult) -> StatusResult:
        return StatusResult(self.changed + other.changed, self.refused + other.refused)

    def as_json(self) -> dict[str, Any]:
        return {
            "changed": list(self.changed),
            "refused": [
                {"spuId": e.spu_id, "name": e.name, "code": e.code, "message": e.message}
                for e in self.refused
            ],
        }


@dataclass(frozen=True)
class Conflict:
    """Choice groups that would break (no option left) if ``spu_id`` went unavailable with linkage."""

    spu_id: int
    group_ids: tuple[int, ...] = field(default_factory=tuple)


class CallSpacer:
    """Keeps one Keeta application's menu calls at most ``per_second`` a second (Keeta's 10 QPS)."""

    def __init__(self, per_second: int = MENU_CALLS_PER_SECOND) -> None:
        # A fifth under the limit: calls bunch up on the way, and Keeta counts them as they arrive.
        self._gap = 1.2 / per_second
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            if self._next > now:
                await asyncio.sleep(self._next - now)
                now = self._next
            self._next = now + self._gap


# One spacer per client: every menu call of an application shares it, whoever makes it.
_SPACERS: weakref.WeakKeyDictionary[KeetaClient, CallSpacer] = weakref.WeakKeyDictionary()


def spacer_for(client: KeetaClient) -> CallSpacer:
    spacer = _SPACERS.get(client)
    if spacer is None:
        spacer = _SPACERS[client] = CallSpacer()
    return spacer


def share_spacer(owner: KeetaClient, other: KeetaClient) -> None:
    """``other`` calls for another shop of the same application: its menu calls count with ``owner``'s."""
    _SPACERS[other] = spacer_for(owner)


def batches(spu_ids: Sequence[int], size: int = MAX_SPUS_PER_CALL) -> Iterator[list[int]]:
    for start in range(0, len(spu_ids), size):
        yield list(spu_ids[start : start + size])


class StoreApi:
    """The store and menu calls of one Keeta client. Writes are sent once (the outbox retries)."""

    def __init__(self, client: KeetaClient) -> None:
        self.client = client

    # --- store status ---------------------------------------------------------------------------

    async def shop_info(self, *, once: bool = False) -> ShopInfo:
        payload = await self.client.call(SHOP_GET_PATH, {}, read=not once)
        try:
            return parse_shop_info(payload.get("data"), self.client.config.shop_id)
        except KeetaPayloadError as exc:
            raise KeetaProtocolError(f"unreadable store: {exc}", endpoint=SHOP_GET_PATH) from exc

    async def rest(self) -> None:
        """Suspend the store (status 4) until :meth:`reopen`; Keeta keeps no timer."""
        await self.client.call(SHOP_REST_PATH, {}, read=False)

    async def reopen(self) -> None:
        await self.client.call(SHOP_OPEN_PATH, {}, read=False)

    # --- menu -----------------------------------------------------------------------------------

    async def menu(self, *, once: bool = False) -> list[MenuItem]:
        await spacer_for(self.client).wait()
        payload = await self.client.call(MENU_LIST_PATH, {}, read=not once)
        rows = payload.get("data")
        if not isinstance(rows, list):
            raise KeetaProtocolError("menu answer has no list", endpoint=MENU_LIST_PATH)
        return list(_menu_items(rows))

    async def conflicts(self, spu_ids: Sequence[int]) -> list[Conflict]:
        """Choice groups each SPU would break if it went unavailable (checked before marking)."""
        found: list[Conflict] = []
        for batch in batches(spu_ids):
            await spacer_for(self.client).wait()
            payload = await self.client.call(MENU_CHECK_PATH, {"spuIdList": batch}, read=True)
            found.extend(_conflicts(payload.get("data")))
        return [c for c in found if c.group_ids]

    async def set_available(
        self, spu_ids: Sequence[int], available: bool, *, linkage: bool = True
    ) -> StatusResult:
        """Mark SPUs available or sold out, 200 a call; items Keeta refused come back in ``refused``.

        A later batch is not sent when an earlier one fails as a whole: the error says nothing was
        changed by that batch, and the caller (the outbox) checks the menu before sending again.
        """
        result = StatusResult()
        for batch in batches(spu_ids):
            await spacer_for(self.client).wait()
            fields = {
                "spuIdList": batch,
                "status": SPU_AVAILABLE if available else SPU_UNAVAILABLE,
                "needLinkage": 1 if linkage else 0,
            }
            payload = await self.client.call(MENU_STATUS_PATH, fields, read=False)
            result = result.merged(_status_result(payload, batch))
        return result


def parse_shop_info(data: Any, default_shop_id: int) -> ShopInfo:
    body = Obj(data, "data")
    status = next(
        (as_int(body.data.get(k)) for k in STATUS_KEYS if as_int(body.data.get(k)) is not None), None
    )
    if status is None:
        raise KeetaPayloadError("data.status", "the store's status is missing")
    return ShopInfo(
        shop_id=body.opt_int("shopId", default_shop_id) or default_shop_id,
        name=body.opt_str("name"),
        status=status,
    )


def _menu_items(rows: Iterable[Any]) -> Iterator[MenuItem]:
    for index, row in enumerate(rows):
        try:
            spu = Obj(row, f"data[{index}]")
            yield MenuItem(
                spu_id=spu.req_id("id"),
                name=spu.opt_str("name"),
                name_zh=spu.opt_str("nameTranslation"),
                code=spu.opt_str("openItemCode"),
                category=_category(spu.data),
                available=spu.opt_int("status", SPU_AVAILABLE) == SPU_AVAILABLE,
            )
        except KeetaPayloadError:
            continue  # one unreadable SPU must not hide the rest of the menu


def _category(spu: dict[str, Any]) -> str:
    cats = spu.get("shopCategoryList")
    if isinstance(cats, list) and cats and isinstance(cats[0], dict) and isinstance(cats[0].get("name"), str):
        return str(cats[0]["name"])
    name = spu.get("shopCategoryName")
    return name if isinstance(name, str) else ""


def _conflicts(data: Any) -> Iterator[Conflict]:
    if not isinstance(data, list):
        return
    for row in data:
        if not isinstance(row, dict):
            continue
        spu_id = as_int(row.get("spuId"))
        groups = row.get("choiceGroupIdList")
        if spu_id is None or not isinstance(groups, list):
            continue
        yield Conflict(spu_id, tuple(g for g in (as_int(x) for x in groups) if g is not None))


def _status_result(payload: dict[str, Any], asked: list[int]) -> StatusResult:
    refused: list[ItemError] = []
    for row in payload.get("errorList") or []:
        if not isinstance(row, dict) or as_int(row.get("id")) is None:
            continue
        code = as_int(row.get("code"))
        message = row.get("message")
        refused.append(
            ItemError(
                spu_id=int(row["id"]),
                name=row["name"] if isinstance(row.get("name"), str) else "",
                code=code,
                message=message if isinstance(message, str) else "",
            )
        )
    not_changed = {e.spu_id for e in refused}
    # ``data`` lists the SPUs changed; where it is missing, all not refused were changed.
    data = payload.get("data")
    if isinstance(data, list):
        changed_ids = {as_int(r.get("id")) if isinstance(r, dict) else as_int(r) for r in data}
        changed = tuple(s for s in asked if s in changed_ids)
    else:
        changed = tuple(s for s in asked if s not in not_changed)
    return StatusResult(changed, tuple(refused))
