"""The order engine: what the screens call, and what they listen to.

Queries read the cache. Actions are checked against the state machine, then written to the outbox
and sent by the :class:`OutboxWorker`; the screen gets the outbox row at once ("sending…") and an
update when Keeta answers. Updates go out as :class:`OrderUpdate` events on the worker's hub
(``engine/hub.py``); ``ui/bridge.py`` turns them into Qt signals.
Thread contract: everything here runs on the app's event loop (the Qt thread under qasync).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from posapp.domain.actions import OrderAction, check
from posapp.domain.commands import (
    AgreeRefund,
    Cancel,
    Collect,
    Confirm,
    OrderCommand,
    PartialRefund,
    Prepare,
    RejectRefund,
    kind_of,
    to_payload,
)
from posapp.domain.order import Order
from posapp.domain.outbox_action import ActionState, OutboxAction
from posapp.domain.refund import RefundRequest
from posapp.engine.apply import AppliedEvent
from posapp.engine.background import BackgroundTasks
from posapp.engine.outbox import ActionChanged, OutboxWorker
from posapp.keeta.client import KeetaClient
from posapp.keeta.codes import CancelCode, PartRefundType, RejectCode, reason_required
from posapp.keeta.errors import KeetaError
from posapp.keeta.order_parser import RefundPreview
from posapp.store import ingest, orders, refunds

log = logging.getLogger(__name__)

KEETA = "keeta"
DEFAULT_PREP_MINUTES = 15
PREP_MINUTES_MIN, PREP_MINUTES_MAX = 5, 90


class ActionRefused(Exception):
    """An action the order's state (or the input) does not allow; ``reason`` is for the cashier."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class OrderUpdate:
    order: Order
    new: bool = False  # first time the cache holds this order in full: ring, print, maybe auto-accept
    status_changed: bool = False
    refund_requested: bool = False


class OrderService:
    def __init__(
        self,
        client: KeetaClient,
        worker: OutboxWorker,
        clock: Callable[[], float] = time.time,
        default_prep_minutes: int = DEFAULT_PREP_MINUTES,
    ) -> None:
        self._client = client
        self._clock = clock
        # Used when an order is accepted without a chosen time (auto-accept); Settings keeps it.
        self.default_prep_minutes = default_prep_minutes
        self._worker = worker
        self.hub = worker.hub  # one hub: the outbox's answers and the order updates reach the same screens
        self._background = BackgroundTasks("order service")
        self.hub.subscribe(ActionChanged, self._action_changed)

    # --- queries -----------------------------------------------------------------------------------

    def open_orders(self) -> list[Order]:
        return orders.open_orders()

    def new_orders_since(self, since: int) -> list[Order]:
        """Orders not accepted yet, placed at or after ``since`` (epoch seconds), oldest first."""
        return orders.new_orders_since(since)

    def open_order_count(self) -> int:
        return orders.open_order_count()

    def open_stored_orders_in_worker(self) -> list[orders.StoredOrder]:
        """The open orders' rows, not decoded (the board decodes those it shows), for a worker thread."""
        return orders.open_stored_orders_in_worker()

    def open_self_delivery_orders_in_worker(self) -> list[Order]:
        """The open orders the shop delivers itself, for a worker thread."""
        return orders.open_self_delivery_orders_in_worker()

    def open_orders_in_worker(self) -> list[Order]:
        """The same, for a worker thread (the one exception to this module's thread contract: a read on
        the thread's own connection, so the board's first read never holds the Qt thread)."""
        return orders.open_orders_in_worker()

    def orders_since(self, since: int) -> list[Order]:
        """Every order placed at or after ``since`` (epoch seconds), oldest first: the history panel's
        day, including orders completed or cancelled before this run of the app."""
        return orders.orders_since(since)

    def orders_between(self, start: int, end: int) -> list[Order]:
        """Every order placed in [start, end) (epoch seconds), oldest first: history of any date range."""
        return orders.orders_between(start, end)

    def order(self, order_view_id: int) -> Order | None:
        return orders.get_order(order_view_id)

    def pending_refunds(self) -> list[RefundRequest]:
        return refunds.pending_refunds()

    # --- actions -----------------------------------------------------------------------------------

    def confirm(self, order_view_id: int, prep_minutes: int | None = None) -> OutboxAction:
        """Accept, promising the food ready in ``prep_minutes`` (5–90; the default when not given).

        Keeta's confirm has no field for it (keeta.md §8: orderViewId and shopId only), so the promise
        lives here: the kitchen ticket, the board's countdown and Zeek's booking time follow it.
        """
        minutes = prep_minutes if prep_minutes is not None else self.default_prep_minutes
        action = self.submit(order_view_id, Confirm(minutes))
        if action.attempts == 0 and orders.promise_ready_by(order_view_id, int(self._clock()) + minutes * 60):
            promised = orders.get_order(order_view_id)
            if promised is not None:
                self._emit(OrderUpdate(promised))
        return action

    def prepare(self, order_view_id: int) -> OutboxAction:
        return self.submit(order_view_id, Prepare())

    def collect(self, order_view_id: int) -> OutboxAction:
        return self.submit(order_view_id, Collect())

    def cancel(self, order_view_id: int, code: CancelCode, reason: str = "") -> OutboxAction:
        return self.submit(order_view_id, Cancel(int(code), reason.strip()))

    def agree_refund(self, order_view_id: int) -> OutboxAction:
        return self.submit(order_view_id, AgreeRefund())

    def reject_refund(self, order_view_id: int, code: RejectCode, reason: str = "") -> OutboxAction:
        return self.submit(order_view_id, RejectRefund(int(code), reason.strip()))

    async def preview_partial_refund(
        self, order_view_id: int, products: Sequence[tuple[int, int]] | None = None
    ) -> RefundPreview:
        """A read, not an action: asks Keeta directly what the chosen lines would refund."""
        self._allowed(order_view_id, OrderAction.PARTIAL_REFUND)
        return await self._client.partial_refund_preview(order_view_id, products)

    def apply_partial_refund(
        self,
        order_view_id: int,
        products: Sequence[tuple[int, int]],
        refund_type: PartRefundType,
        reason: str = "",
    ) -> OutboxAction:
        lines = tuple((int(line), int(count)) for line, count in products)
        return self.submit(order_view_id, PartialRefund(lines, int(refund_type), reason.strip()))

    def submit(self, order_view_id: int, command: OrderCommand) -> OutboxAction:
        """The one way a cashier's action enters the outbox: the command is checked (its input, then
        the order's state), written durably and sent by the worker; a repeated click returns the
        action already open."""
        _refuse_bad_input(command)
        kind = kind_of(command)
        self._allowed(order_view_id, kind)
        return self._worker.submit(KEETA, kind.value, str(order_view_id), to_payload(command))

    def settle(self, action_id: int, went_through: bool) -> OutboxAction:
        """A person's answer for an action whose lost answer the platform's state could not settle."""
        return self._worker.settle(action_id, went_through)

    async def refresh(self, order_view_id: int) -> Order | None:
        """Fetch Keeta's copy with order/get and merge it (monotonic, like a push)."""
        try:
            fetched = await self._client.get(order_view_id)
        except KeetaError as error:
            log.warning("refresh of %s failed: %s", order_view_id, error)
            return None
        result = ingest.upsert_order(fetched)
        if result.order is not None:
            self._emit(OrderUpdate(result.order, new=result.new_order, status_changed=result.status_changed))
        return result.order

    # --- hooks from the sync engine and the outbox ----------------------------------------------------

    def event_applied(self, applied: AppliedEvent) -> None:
        result = applied.result
        if result is None or result.order_view_id is None or result.duplicate:
            return
        if result.needs_refresh:
            self._background.spawn(self.refresh(result.order_view_id))
        order = result.order  # the store hands back what it holds now: no read-back
        if order is None or (not result.applied and not result.new_order):
            return
        requested = result.refund_after is not None and result.refund_before != result.refund_after
        self._emit(
            OrderUpdate(
                order,
                new=result.new_order,
                status_changed=result.status_changed,
                refund_requested=requested and order.pending_refund is not None,
            )
        )

    def _action_changed(self, changed: ActionChanged) -> None:
        action = changed.action
        order_view_id = action.order_view_id  # None for store and menu actions (engine/store_kinds.py)
        if order_view_id is not None and action.state in (ActionState.DONE, ActionState.FAILED):
            # Keeta's own push follows, but the screen should not wait for it (or miss it offline).
            self._background.spawn(self.refresh(order_view_id))

    # --- helpers -----------------------------------------------------------------------------------

    def _allowed(self, order_view_id: int, action: OrderAction) -> Order:
        order = orders.get_order(order_view_id)
        if order is None:
            raise ActionRefused("This order is not in the app yet; refresh and try again.")
        verdict = check(order, action, self._clock())
        if not verdict:
            raise ActionRefused(verdict.reason)
        return order

    def _emit(self, update: OrderUpdate) -> None:
        self.hub.publish(update)

    async def aclose(self) -> None:
        await self._background.aclose()


def _refuse_bad_input(command: OrderCommand) -> None:
    """What the cashier typed or chose, before the order's state is asked (ActionRefused when wrong)."""
    match command:
        case Confirm(minutes) if not PREP_MINUTES_MIN <= minutes <= PREP_MINUTES_MAX:
            raise ActionRefused("Preparation time must be 5 to 90 minutes.")
        case Cancel(code, reason):
            _need_reason(reason_required(CancelCode(code)), reason)
        case RejectRefund(code, reason):
            _need_reason(reason_required(RejectCode(code)), reason)
        case PartialRefund(products, refund_type, reason):
            if not products or any(count <= 0 for _, count in products):
                raise ActionRefused("Choose at least one item and a count above zero.")
            _need_reason(reason_required(PartRefundType(refund_type)), reason)


def _need_reason(required: bool, reason: str) -> None:
    if required and not reason.strip():
        raise ActionRefused("Please write a reason when you choose “Other”.")
