"""The one place where the engine's plain callbacks become Qt signals.

The engine (order service, outbox, sync) stays Qt-free and testable without a QApplication; widgets
connect only to these typed signals. Thread contract: the engine calls its listeners on the app's
event loop, which under qasync is the Qt thread, so the signals are emitted directly.
"""

from __future__ import annotations

from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, Signal, SignalInstance

from posapp.engine.busy_mode import BusyMode
from posapp.engine.orders import OrderService, OrderUpdate
from posapp.engine.printing_hooks import PrintEventHub
from posapp.engine.sold_out import SoldOut
from posapp.engine.supervisor import Supervisor
from posapp.engine.sync import ConnectionStatus, StatusListener
from posapp.engine.unreadable import UnreadableEvents
from posapp.store.outbox import OutboxAction


class StatusSource(Protocol):
    """The relay sync engine, or the app core (which also reports the degraded poller)."""

    def on_status(self, listener: StatusListener) -> None: ...


class Bridge(QObject):
    order_changed = Signal(object)  # OrderUpdate
    action_changed = Signal(object)  # OutboxAction
    connection_changed = Signal(object)  # ConnectionStatus
    print_event = Signal(object)  # posapp.printing.events.PrintEvent
    unreadable_changed = Signal(object)  # list[posapp.store.sync_state.UnreadableEvent]
    task_health = Signal(object)  # posapp.engine.supervisor.TaskHealth
    store_changed = Signal(object)  # posapp.domain.store_state.StoreState
    store_reminder = Signal(object)  # StoreState: paused longer than the shop's limit
    items_changed = Signal(object)  # list[posapp.engine.sold_out.ItemView]
    sold_out_settled = Signal(object)  # posapp.engine.sold_out.SoldOutChange

    def __init__(
        self, orders: OrderService, sync: StatusSource | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        orders.on_order(self._order)
        orders.on_action(self._action)
        if sync is not None:
            sync.on_status(self._status)

    def watch_printing(self, events: PrintEventHub) -> None:
        events.subscribe(self._print_event)

    def watch_unreadable(self, events: UnreadableEvents) -> None:
        events.on_change(self._unreadable)

    def watch_store(self, busy: BusyMode, sold_out: SoldOut) -> None:
        busy.on_change(lambda state: self._emit(self.store_changed, state))
        busy.on_reminder(lambda state: self._emit(self.store_reminder, state))
        sold_out.on_items(lambda items: self._emit(self.items_changed, items))
        sold_out.on_change(lambda change: self._emit(self.sold_out_settled, change))

    def _emit(self, signal: SignalInstance, value: object) -> None:
        if self._alive():
            signal.emit(value)

    def watch_tasks(self, supervisor: Supervisor) -> None:
        supervisor.on_health(self._task_health)

    def _task_health(self, health: object) -> None:
        if self._alive():
            self.task_health.emit(health)

    def _unreadable(self, items: object) -> None:
        if self._alive():
            self.unreadable_changed.emit(items)

    def _alive(self) -> bool:
        # The engine cannot unsubscribe; once the C++ object is gone its callbacks become no-ops.
        return shiboken6.isValid(self)

    def _order(self, update: OrderUpdate) -> None:
        if self._alive():
            self.order_changed.emit(update)

    def _action(self, action: OutboxAction) -> None:
        if self._alive():
            self.action_changed.emit(action)

    def _status(self, status: ConnectionStatus) -> None:
        if self._alive():
            self.connection_changed.emit(status)

    def _print_event(self, event: object) -> None:
        if self._alive():
            self.print_event.emit(event)
