"""Busy mode: pause the Keeta store for a while and reopen it on time (keeta.md §6a).

Keeta suspends a store until told otherwise, so the timer is the app's, kept in the cache
(``store_pause``): the pause is written before ``scm/shop/status/rest`` goes to the outbox, and
:meth:`BusyMode.run` reopens the store when the time is up — also when the app was stopped at that
moment (the first pass after a start finds the pause overdue). Keeta's word on the store comes from
``shop/base/get`` at start and after each of our writes, and from the 1102 push; a store suspended
while this app has no pause on is "closed by Keeta". A pause that lasts longer than the shop's
reminder limit rings a reminder (then again each limit), and a pause still on at closing time is
flagged. Every call goes through the outbox (posapp/engine/store_kinds.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from posapp.domain.store_state import (
    DEFAULT_CLOSING_TIME,
    DEFAULT_PAUSE_REMINDER_MINUTES,
    PAUSE_CHOICES,
    StoreMode,
    StoreState,
    parse_hhmm,
)
from posapp.engine.apply import AppliedEvent
from posapp.engine.hub import EventHub
from posapp.engine.outbox import ActionChanged, OutboxWorker
from posapp.engine.store_kinds import KEETA, SHOP_OPEN, SHOP_REST, shop_ref
from posapp.keeta.client import KeetaClient
from posapp.keeta.errors import KeetaError
from posapp.keeta.store_api import SHOP_OPERATING, SHOP_SUSPENDED, StoreApi
from posapp.store import outbox, store_controls
from posapp.store.outbox import ActionState, OutboxAction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoreStateChanged:
    """Published on the hub when the store's state as shown (open, paused, sending…) changes."""

    state: StoreState


@dataclass(frozen=True)
class PauseReminder:
    """Published on the hub when a pause has lasted longer than the shop's reminder limit."""

    state: StoreState


READ_BACK_RETRY_S = (1.0, 2.0, 5.0, 10.0, 30.0)


class BusyMode:
    def __init__(
        self,
        keeta: KeetaClient,
        worker: OutboxWorker,
        clock: Callable[[], float] = time.time,
        *,
        reminder_minutes: int = DEFAULT_PAUSE_REMINDER_MINUTES,
        closing_time: str = DEFAULT_CLOSING_TIME,
        tick_s: float = 1.0,
        hub: EventHub | None = None,
    ) -> None:
        self.api = StoreApi(keeta)
        self.shop_id = keeta.config.shop_id
        self.worker = worker
        self.clock = clock
        self.reminder_minutes = reminder_minutes
        self.closing_time = closing_time
        self.tick_s = tick_s
        self.hub = hub if hub is not None else worker.hub
        self._problem: tuple[str, int | None] = ("", None)
        self._state = StoreState(shop_id=self.shop_id)
        self._wake = asyncio.Event()
        worker.hub.subscribe(ActionChanged, lambda changed: self._action_changed(changed.action))
        self._refresh()

    # --- what the screens call ------------------------------------------------------------------

    @property
    def state(self) -> StoreState:
        return self._state

    def pause(self, minutes: int | None) -> OutboxAction:
        """Pause for ``minutes`` (one of PAUSE_CHOICES) or, with None, until :meth:`reopen`."""
        if minutes not in PAUSE_CHOICES:
            raise ValueError(f"a pause is one of {PAUSE_CHOICES} minutes")
        now = int(self.clock())
        until = None if minutes is None else now + minutes * 60
        store_controls.start_pause(self.shop_id, now, until)
        self._problem = ("", None)
        action = self.worker.submit(KEETA, SHOP_REST, shop_ref(self.shop_id), {"until": until})
        log.info(
            "busy mode: store %s paused %s",
            self.shop_id,
            f"for {minutes} min" if minutes else "until reopened",
        )
        self._refresh()
        self._wake.set()
        return action

    def reopen(self) -> OutboxAction:
        store_controls.end_pause(self.shop_id)
        self._problem = ("", None)
        action = self.worker.submit(KEETA, SHOP_OPEN, shop_ref(self.shop_id), {})
        self._refresh()
        return action

    def set_limits(self, reminder_minutes: int, closing_time: str) -> None:
        self.reminder_minutes = reminder_minutes
        self.closing_time = closing_time
        self._refresh()

    # --- Keeta's word ---------------------------------------------------------------------------

    def event_applied(self, applied: AppliedEvent) -> None:
        """A sync listener: an 1102 push was stored (its status is already in the cache)."""
        result = applied.result
        if result is None or result.store_status is None:
            return
        if result.store_shop_id not in (None, self.shop_id):
            return  # another brand's store (each brand has its own busy mode)
        self._keeta_said(result.store_status)

    async def read_back(self) -> bool:
        """shop/base/get once; False when Keeta could not be asked."""
        try:
            shop = await self.api.shop_info()
        except KeetaError as exc:
            log.warning("busy mode: could not read the store's status: %s", exc)
            return False
        store_controls.save_store_status(self.shop_id, shop.status, int(self.clock()))
        self._keeta_said(shop.status)
        return True

    def _keeta_said(self, status: int) -> None:
        if (
            status == SHOP_OPERATING
            and store_controls.pause(self.shop_id) is not None
            and not self._pausing()
        ):
            # Reopened elsewhere (Keeta's merchant app, Keeta's staff): their word wins, our timer ends.
            log.info("busy mode: store %s was reopened outside this app; pause ended", self.shop_id)
            store_controls.end_pause(self.shop_id)
        self._refresh()

    def _pausing(self) -> bool:
        return any(a.action == SHOP_REST for a in outbox.open_for(shop_ref(self.shop_id)))

    # --- the timer ------------------------------------------------------------------------------

    async def run(self) -> None:
        attempt = 0
        while not await self.read_back():
            await self._sleep(READ_BACK_RETRY_S[min(attempt, len(READ_BACK_RETRY_S) - 1)])
            attempt += 1
        while True:
            self.due()
            await self._sleep(self.tick_s)

    async def _sleep(self, seconds: float) -> None:
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)

    def due(self) -> None:
        """Reopen a pause whose time is up; ring the reminder; flag a pause left on at closing."""
        pause = store_controls.pause(self.shop_id)
        now = int(self.clock())
        if pause is not None and pause.until is not None and now >= pause.until:
            log.info("busy mode: pause of store %s is over; reopening", self.shop_id)
            self.reopen()
            return
        if pause is not None:
            limit = self.reminder_minutes * 60
            since = pause.reminded_at or pause.started_at
            if (
                limit > 0
                and now - since >= limit
                and (pause.until is None or pause.until - pause.started_at > limit)
            ):
                store_controls.mark_reminded(self.shop_id, now)
                self._refresh()
                self.hub.publish(PauseReminder(self._state))
                return
        self._refresh()

    # --- the outbox's word ----------------------------------------------------------------------

    def _action_changed(self, action: OutboxAction) -> None:
        if action.platform != KEETA or action.order_ref != shop_ref(self.shop_id):
            return
        if action.state is ActionState.DONE:
            status = SHOP_SUSPENDED if action.action == SHOP_REST else SHOP_OPERATING
            store_controls.save_store_status(self.shop_id, status, int(self.clock()))
        elif action.state in (ActionState.FAILED, ActionState.NEEDS_PERSON):
            self._problem = (action.last_error, action.error_code)
            if action.action == SHOP_REST:
                store_controls.end_pause(self.shop_id)  # Keeta did not pause: no timer to keep
        self._refresh()

    # --- the state shown ------------------------------------------------------------------------

    def _refresh(self) -> None:
        state = self._compute()
        if state != self._state:
            self._state = state
            self.hub.publish(StoreStateChanged(state))

    def _compute(self) -> StoreState:
        pause = store_controls.pause(self.shop_id)
        known = store_controls.store_status(self.shop_id)
        sending = bool(outbox.open_for(shop_ref(self.shop_id)))
        now = int(self.clock())
        problem, code = self._problem
        if pause is not None:
            limit = self.reminder_minutes * 60
            return StoreState(
                mode=StoreMode.PAUSED,
                shop_id=self.shop_id,
                paused_since=pause.started_at,
                pause_until=pause.until,
                sending=sending,
                over_limit=limit > 0 and pause.reminded_at is not None,
                left_on_at_closing=self._after_closing(now),
                problem=problem,
                problem_code=code,
            )
        reopening = any(a.action == SHOP_OPEN for a in outbox.open_for(shop_ref(self.shop_id)))
        if reopening:
            mode = StoreMode.OPEN  # shown as "reopening…" while it is sent
        elif known is None:
            mode = StoreMode.UNKNOWN
        else:
            mode = StoreMode.OPEN if known[0] == SHOP_OPERATING else StoreMode.CLOSED_BY_KEETA
        return StoreState(
            mode=mode, shop_id=self.shop_id, sending=sending, problem=problem, problem_code=code
        )

    def _after_closing(self, now: int) -> bool:
        closing = parse_hhmm(self.closing_time)
        if closing is None:
            return False
        local = time.localtime(now)
        return local.tm_hour * 60 + local.tm_min >= closing
