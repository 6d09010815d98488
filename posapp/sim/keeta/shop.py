"""The simulated store and its menu: Keeta's Store and Menu APIs (keeta.md §6a, posapp/keeta/store_api.py).

- ``scm/shop/status/rest`` / ``open`` suspend (4) and reopen (3) the store; every change of status is
  pushed as a signed 1102 ``{shopId, fromStatus, toStatus}``. A suspended store takes no new orders.
- ``scm/shop/base/get`` answers the store's name and status.
- ``product/spu/list`` lists the menu (every dish with its status); ``product/spu/batchcheck`` names the
  choice groups an SPU would leave with no option if it went unavailable with linkage;
  ``product/spustatus/batchupdate`` marks SPUs available (1) or not (0), at most 200 a call, with
  partial success: an SPU the store does not have, or one locked by the platform, comes back in
  ``errorList`` while the rest change. With ``needLinkage`` 1 the options linked to an SPU follow it
  (unless that would empty their choice group, which Keeta refuses to do).
- The menu calls allow 10 a second per appId; the 11th within a second answers ``RATE_LIMITED``.

Control (``GET/POST /sim/keeta/shop``, contract.md): the state, and what Keeta's own staff can do —
``{"status": 3|4}`` (Keeta opens or suspends the store itself, pushed as 1102 like any change) and
``{"locked": [spuId, ...]}`` (SPUs the platform refuses to change: a partial failure on demand).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from posapp.keeta import codes, store_api
from posapp.keeta.store_api import SHOP_OPERATING, SHOP_SUSPENDED
from posapp.sim.keeta import menu
from posapp.sim.keeta.state import ApiError

if TYPE_CHECKING:
    from posapp.sim.keeta.sim import KeetaSim

# Pushes about the store are queued apart from every order's (the pusher keeps per-key order).
SHOP_PUSH_KEY = 0
RATE_WINDOW = 1.0
# Calls a second per appId, as each menu endpoint's reference page gives them [Doc].
RATE_LIMITS = {
    store_api.MENU_STATUS_PATH: store_api.MENU_CALLS_PER_SECOND,
    store_api.MENU_LIST_PATH: 50,
    store_api.MENU_CHECK_PATH: 50,
}


class SimShop:
    def __init__(self, sim: KeetaSim, wall_clock: Callable[[], float] = time.monotonic) -> None:
        self.sim = sim
        self.status = SHOP_OPERATING
        self.sold_out: set[int] = set()
        self.options_off: set[int] = set()
        self.locked: set[int] = set()
        self._wall = wall_clock
        self._calls: dict[str, deque[float]] = {}
        self.dishes = {dish.spu_id: dish for dish in menu.MENU}

    # ---- store status --------------------------------------------------------------------------

    @property
    def suspended(self) -> bool:
        return self.status == SHOP_SUSPENDED

    def set_status(self, status: int) -> None:
        if status not in (SHOP_OPERATING, SHOP_SUSPENDED):
            raise ApiError(codes.PARAM_ERROR, f"store status {status!r} is not 3 or 4")
        if status == self.status:
            return  # nothing changed, nothing pushed
        before, self.status = self.status, status
        body = {"shopId": self.sim.config.shop_id, "fromStatus": before, "toStatus": status}
        self.sim.pusher.push(store_api.STORE_STATUS_EVENT, body, SHOP_PUSH_KEY)

    def info(self) -> dict[str, Any]:
        return {
            "shopId": self.sim.config.shop_id,
            "name": self.sim.config.shop_name,
            "enName": self.sim.config.shop_name,
            "status": self.status,
        }

    # ---- menu ----------------------------------------------------------------------------------

    def available_dishes(self) -> tuple[menu.Dish, ...]:
        return tuple(d for d in menu.MENU if d.spu_id not in self.sold_out)

    def menu_list(self) -> list[dict[str, Any]]:
        return [self._spu(dish) for dish in menu.MENU]

    def _spu(self, dish: menu.Dish) -> dict[str, Any]:
        return {
            "id": dish.spu_id,
            "name": dish.en,
            "sourceLanguageType": "en",
            "nameTranslation": dish.zh,
            "targetLanguageType": "zh-HK",
            "openItemCode": dish.code,
            "status": 0 if dish.spu_id in self.sold_out else 1,
            "shopCategoryList": [{"name": _category(dish)}],
            "skuList": [{"id": s.sku_id, "spec": s.en, "price": f"{s.price / 100:.2f}"} for s in dish.specs],
        }

    def _groups(self) -> dict[int, menu.OptionGroup]:
        return {g.group_id: g for dish in menu.MENU for g in dish.groups}

    def _would_empty(self, spu_ids: set[int]) -> dict[int, list[int]]:
        """SPU → the choice groups it would leave with no option (linked options going off with it)."""
        broken: dict[int, list[int]] = {}
        for group in self._groups().values():
            linked = {o.sku_id for o in group.options if o.related_spu in spu_ids}
            if not linked:
                continue
            left = [o for o in group.options if o.sku_id not in self.options_off | linked]
            if len(left) < max(group.min_pick, 1):
                for o in group.options:
                    if o.related_spu in spu_ids:
                        broken.setdefault(o.related_spu, []).append(group.group_id)
        return broken

    def batch_check(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        spu_ids = _spu_list(body, "spuIdList")
        broken = self._would_empty(set(spu_ids) | self.sold_out)
        return [{"spuId": s, "choiceGroupIdList": sorted(set(broken.get(s, [])))} for s in spu_ids]

    def batch_update(self, body: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        spu_ids = _spu_list(body, "spuIdList")
        status = body.get("status")
        if status not in (0, 1):
            raise ApiError(codes.PARAM_ERROR, "status must be 1 (available) or 0 (unavailable)")
        linkage = body.get("needLinkage") == 1
        changed: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        for spu_id in dict.fromkeys(spu_ids):
            dish = self.dishes.get(spu_id)
            if dish is None:
                errors.append(
                    _item_error(spu_id, "", store_api.SPU_NOT_FOUND, "spu does not belong to the shop")
                )
                continue
            if spu_id in self.locked:
                errors.append(
                    _item_error(spu_id, dish.en, store_api.SPU_LOCKED, "spu is locked by the platform")
                )
                continue
            if status == 0:
                self.sold_out.add(spu_id)
            else:
                self.sold_out.discard(spu_id)
            if linkage:
                self._link_options(spu_id, available=status == 1)
            changed.append(self._spu(dish))
        return changed, {"errorList": errors}

    def _link_options(self, spu_id: int, *, available: bool) -> None:
        for group in self._groups().values():
            for option in group.options:
                if option.related_spu != spu_id:
                    continue
                if available:
                    self.options_off.discard(option.sku_id)
                elif not self._would_empty({spu_id}).get(spu_id):
                    # Keeta leaves an option on when turning it off would break its group's rule.
                    self.options_off.add(option.sku_id)

    def count_call(self, path: str) -> None:
        """Keeta's per-appId limit on a menu path, over the last second of real time."""
        now = self._wall()
        calls = self._calls.setdefault(path, deque())
        while calls and now - calls[0] >= RATE_WINDOW:
            calls.popleft()
        if len(calls) >= RATE_LIMITS[path]:
            raise ApiError(store_api.RATE_LIMITED, "request too frequent, please retry later")
        calls.append(now)

    # ---- views and control ---------------------------------------------------------------------

    def view(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "soldOut": sorted(self.sold_out),
            "optionsOff": sorted(self.options_off),
            "locked": sorted(self.locked),
        }

    def control(self, body: dict[str, Any]) -> dict[str, Any]:
        if "locked" in body:
            locked = body["locked"]
            if not isinstance(locked, list) or not all(isinstance(s, int) for s in locked):
                raise ValueError("locked must be a list of SPU ids")
            self.locked = set(locked)
        if "status" in body:
            if body["status"] not in (SHOP_OPERATING, SHOP_SUSPENDED):
                raise ValueError("status must be 3 (operating) or 4 (suspended)")
            self.set_status(int(body["status"]))
        return self.view()


def _spu_list(body: dict[str, Any], key: str) -> list[int]:
    value = body.get(key)
    if not isinstance(value, list) or not value:
        raise ApiError(codes.PARAM_ERROR, f"{key} must be a non-empty list of SPU ids")
    if len(value) > store_api.MAX_SPUS_PER_CALL:
        raise ApiError(codes.PARAM_ERROR, f"{key} takes at most {store_api.MAX_SPUS_PER_CALL} SPUs")
    if not all(isinstance(s, int) and not isinstance(s, bool) for s in value):
        raise ApiError(codes.PARAM_ERROR, f"{key} must hold SPU ids (integers)")
    return list(value)


def _item_error(spu_id: int, name: str, code: int, message: str) -> dict[str, Any]:
    return {"id": spu_id, "name": name, "openItemCode": "", "code": code, "message": message}


def _category(dish: menu.Dish) -> str:
    return dish.code.split("-", 1)[0].title()


def shop_handlers() -> dict[str, Callable[[KeetaSim, dict[str, Any]], tuple[Any, dict[str, Any]]]]:
    """Path → handler giving ``(data, extra top-level fields)`` for the simulator's API endpoint."""

    def rest(sim: KeetaSim, body: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        sim.shop.set_status(SHOP_SUSPENDED)
        return None, {}

    def reopen(sim: KeetaSim, body: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        sim.shop.set_status(SHOP_OPERATING)
        return None, {}

    def menu_call(
        path: str, call: Callable[[SimShop, dict[str, Any]], tuple[Any, dict[str, Any]]]
    ) -> Callable[[KeetaSim, dict[str, Any]], tuple[Any, dict[str, Any]]]:
        def handler(sim: KeetaSim, body: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
            sim.shop.count_call(path)
            return call(sim.shop, body)

        return handler

    return {
        store_api.SHOP_GET_PATH: lambda sim, body: (sim.shop.info(), {}),
        store_api.SHOP_REST_PATH: rest,
        store_api.SHOP_OPEN_PATH: reopen,
        store_api.MENU_LIST_PATH: menu_call(
            store_api.MENU_LIST_PATH, lambda shop, body: (shop.menu_list(), {})
        ),
        store_api.MENU_CHECK_PATH: menu_call(
            store_api.MENU_CHECK_PATH, lambda shop, body: (shop.batch_check(body), {})
        ),
        store_api.MENU_STATUS_PATH: menu_call(
            store_api.MENU_STATUS_PATH, lambda shop, body: shop.batch_update(body)
        ),
    }
