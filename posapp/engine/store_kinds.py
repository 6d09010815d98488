"""Keeta's store and menu writes as outbox action kinds (keeta.md §6a): pause and reopen the store,
mark items sold out and back.

Each is sent once per attempt. When an answer is lost, Keeta's own state says whether it took effect:
``scm/shop/base/get`` for the store's status, ``product/spu/list`` for the items' status. Setting a
state twice changes nothing, so NOT_DONE (the state is not the one asked for) simply allows the send
again. Items Keeta refused in a partial success are not an error of the action: they are kept in its
result (``refused``) for the screen to name.
"""

from __future__ import annotations

from typing import Any

from posapp.domain.outbox_action import OutboxAction
from posapp.engine.action_kinds import ActionKind, Check, Checked, register
from posapp.keeta.client import KeetaClient
from posapp.keeta.store_api import SHOP_OPERATING, SHOP_SUSPENDED, StoreApi

KEETA = "keeta"
SHOP_REST = "shop_rest"
SHOP_OPEN = "shop_open"
ITEMS_OFF = "items_off"
ITEMS_ON = "items_on"
STORE_ACTIONS = (SHOP_REST, SHOP_OPEN, ITEMS_OFF, ITEMS_ON)


def shop_ref(shop_id: int) -> str:
    return f"shop:{shop_id}"


def items_ref(shop_id: int, spu_ids: list[int]) -> str:
    """One open action per store and set of items: a second tap on the same items joins the first."""
    return f"menu:{shop_id}:{','.join(str(s) for s in sorted(set(spu_ids)))}"


def items_payload(spu_ids: list[int], linkage: bool = True) -> dict[str, Any]:
    return {"spu_ids": sorted(set(spu_ids)), "linkage": linkage}


def shop_of_ref(order_ref: str) -> int | None:
    """The shop a store or menu action acts for (``shop:N`` or ``menu:N:…``); None when not one."""
    kind, _, rest = order_ref.partition(":")
    if kind not in ("shop", "menu"):
        return None
    digits = rest.partition(":")[0]
    return int(digits) if digits.isdigit() else None


def _api(client: KeetaClient, action: OutboxAction) -> StoreApi:
    """The store and menu calls of the action's own shop (a further brand's through its own client)."""
    return StoreApi(client.for_shop(shop_of_ref(action.order_ref)))


def _spu_ids(action: OutboxAction) -> list[int]:
    return [int(s) for s in action.payload["spu_ids"]]


def _status_reached(status: int) -> Any:
    async def check(client: KeetaClient, action: OutboxAction) -> Checked:
        shop = await _api(client, action).shop_info(once=True)
        return Checked(Check.DONE if shop.status == status else Check.NOT_DONE, {"store_status": shop.status})

    return check


async def _rest(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    await _api(client, action).rest()
    return {}


async def _open(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    await _api(client, action).reopen()
    return {}


def _set_items(available: bool) -> Any:
    async def send(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
        linkage = bool(action.payload.get("linkage", True))
        result = await _api(client, action).set_available(_spu_ids(action), available, linkage=linkage)
        return result.as_json()

    return send


def _items_reached(available: bool) -> Any:
    async def check(client: KeetaClient, action: OutboxAction) -> Checked:
        menu = {item.spu_id: item for item in await _api(client, action).menu(once=True)}
        asked = _spu_ids(action)
        shows = {"available": {str(s): menu[s].available for s in asked if s in menu}}
        done = all(s in menu and menu[s].available is available for s in asked)
        return Checked(Check.DONE if done else Check.NOT_DONE, shows)

    return check


def register_all() -> None:
    """Called where Keeta's delivery is assembled (keeta_delivery.py), so the kinds exist with it."""
    register(KEETA, SHOP_REST, ActionKind(_rest, _status_reached(SHOP_SUSPENDED)))
    register(KEETA, SHOP_OPEN, ActionKind(_open, _status_reached(SHOP_OPERATING)))
    register(KEETA, ITEMS_OFF, ActionKind(_set_items(False), _items_reached(False)))
    register(KEETA, ITEMS_ON, ActionKind(_set_items(True), _items_reached(True)))
