"""The one place where the engine's plain callbacks become Qt signals.

The engine (order service, outbox, sync) stays Qt-free and testable without a QApplication; widgets
connect only to these typed signals. Thread contract: the engine calls its listeners on the app's
event loop, which under qasync is the Qt thread, so the signals are emitted directly.
"""

from __future__ import annotations

from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, Signal

from posapp.engine.orders import OrderService, OrderUpdate
from posapp.engine.printing_hooks import PrintEventHub
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
