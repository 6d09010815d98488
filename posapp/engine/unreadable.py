"""Events the app could not read: which order they were about, what the cashier is told, the follow-up.

The applier keeps such an event whole (``sync_state.keep_unparsed``) and moves on. This module digs
the order id out of the raw push so the notice can name the order, asks Keeta's ``order/get`` for a
readable copy, and settles the item when that copy (or any later readable event of the order) is in
the cache, or when the cashier dismisses it. Everything here runs on the app's loop thread.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from posapp.engine.background import BackgroundTasks
from posapp.engine.hub import EventHub
from posapp.store import sync_state
from posapp.store.sync_state import UnreadableEvent

log = logging.getLogger(__name__)

# Only the head of a push is searched: enough for any envelope, bounded whatever the body's size.
_SEARCH_LIMIT = 256 * 1024
# Keeta's order id (any of its spellings) or the Keeta order a Zeek booking belongs to. Inside the
# push's ``message`` string the quotes are escaped, hence the optional backslashes.
_ORDER_ID = re.compile(r'(?:orderViewId|order_view_id|client_order_id)\\*"\s*:\s*\\*"?(\d{1,20})(?!\d)')
# Ids the cache can hold (SQLite INTEGER); a larger one is still named on the notice, never fetched.
MAX_ORDER_ID = 2**63 - 1
ERROR_LIMIT = 500


def order_ref_of(body: bytes) -> str | None:
    """The order id a push names, as digits (possibly beyond 64-bit), or ``None`` if none is found."""
    text = body[:_SEARCH_LIMIT].decode("utf-8", errors="replace")
    match = _ORDER_ID.search(text)
    if match is None:
        return None
    digits = match.group(1).lstrip("0")
    return digits or None


def fetchable_id(order_ref: str | None) -> int | None:
    """The id to ask ``order/get`` for, when the reference is one the platform could have issued."""
    if order_ref is None or not order_ref.isdigit():
        return None
    value = int(order_ref)
    return value if 0 < value <= MAX_ORDER_ID else None


def describe(error: BaseException) -> str:
    """The error as one bounded line of valid text (it may quote a lone surrogate or a huge value)."""
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    text = text.encode("utf-8", errors="replace").decode("utf-8").replace("\n", " ")
    return text if len(text) <= ERROR_LIMIT else text[: ERROR_LIMIT - 1] + "…"


class AppliedOutcome(Protocol):
    """What the sync engine reports after each event (``engine.apply.AppliedEvent``)."""

    @property
    def problem(self) -> str: ...

    @property
    def platform(self) -> str: ...

    @property
    def order_view_id(self) -> int | None: ...


Refresher = Callable[[int], Awaitable[object]]


@dataclass(frozen=True)
class UnreadableChanged:
    """The whole list of open "could not read" items, published whenever it changes."""

    items: tuple[UnreadableEvent, ...]


class UnreadableEvents:
    """The open "could not read" items: :class:`UnreadableChanged` carries the whole list on the hub."""

    def __init__(
        self, refresh: Refresher, clock: Callable[[], float] = time.time, *, hub: EventHub | None = None
    ) -> None:
        self.hub = hub if hub is not None else EventHub()
        self._refresh = refresh
        self._clock = clock
        self._background = BackgroundTasks("unreadable events")
        self._open: list[UnreadableEvent] = []
        self._open_refs: set[str] = set()

    def load(self) -> list[UnreadableEvent]:
        """Read the open items from the cache (at start: the notice survives restarts)."""
        self._open = sync_state.open_unreadable()
        self._open_refs = {item.order_ref for item in self._open if item.order_ref}
        return list(self._open)

    @property
    def items(self) -> list[UnreadableEvent]:
        return list(self._open)

    def follow_up(self) -> None:
        """Ask Keeta for a readable copy of every open item's order (at start, after a restart)."""
        for ref in sorted(self._open_refs):
            self._fetch(ref)

    def event_applied(self, applied: AppliedOutcome) -> None:
        """The sync engine's hook, after each committed event."""
        if applied.problem:
            self.load()
            self._changed()
            newest = self._open[-1] if self._open else None
            if newest is not None and newest.order_ref and newest.kind == "keeta":
                self._fetch(newest.order_ref)
            return
        oid = applied.order_view_id
        if oid is not None and applied.platform == "keeta" and str(oid) in self._open_refs:
            self.order_read(oid)

    def order_read(self, order_view_id: int) -> None:
        """A readable copy of this order is in the cache: its unread events are settled."""
        ref = str(order_view_id)
        if ref not in self._open_refs:
            return
        settled = sync_state.acknowledge_order(ref, int(self._clock()))
        log.info("order %s read again; %d unread event(s) settled", ref, settled)
        self.load()
        self._changed()

    def dismiss(self, ids: list[int] | None = None) -> None:
        """The cashier checked these in Keeta (all open items when ``ids`` is None)."""
        chosen = [item.id for item in self._open] if ids is None else ids
        settled = sync_state.acknowledge(chosen, int(self._clock()))
        log.info("cashier dismissed %d unread event(s)", settled)
        self.load()
        self._changed()

    def _fetch(self, ref: str) -> None:
        oid = fetchable_id(ref)
        if oid is not None:
            self._background.spawn(self._fetch_and_settle(oid))

    async def _fetch_and_settle(self, order_view_id: int) -> None:
        try:
            order: Any = await self._refresh(order_view_id)
        except Exception as exc:  # the notice stays; the cashier can still check the order in Keeta
            log.warning("order/get for unread order %s failed: %s", order_view_id, describe(exc))
            return
        if order is not None:
            self.order_read(order_view_id)

    def _changed(self) -> None:
        self.hub.publish(UnreadableChanged(tuple(self._open)))

    async def aclose(self) -> None:
        await self._background.aclose()
