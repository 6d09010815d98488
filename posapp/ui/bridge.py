"""The one place where the engine's events become Qt signals.

The engine publishes typed events on its hub (``posapp/engine/hub.py``) and stays Qt-free, testable
without a QApplication; the Bridge is the only subscriber on the screen side, and widgets connect only
to its typed signals (never to the engine). Thread contract: the hub delivers on the app's event loop,
which under qasync is the Qt thread, so the signals are emitted directly. The Bridge cancels its
subscriptions when its C++ object is destroyed, so an engine that outlives a window never calls into
a deleted one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, SignalInstance

from posapp.domain.outbox_action import OutboxAction
from posapp.domain.store_state import StoreState
from posapp.engine.busy_mode import PauseReminder, StoreStateChanged
from posapp.engine.delivery.automation import DeliveryAlert
from posapp.engine.delivery.service import DeliveryChange
from posapp.engine.hub import EventHub, Subscription
from posapp.engine.orders import OrderUpdate
from posapp.engine.outbox import ActionChanged
from posapp.engine.sold_out import ItemsChanged, SoldOutChange
from posapp.engine.supervisor import TaskHealth
from posapp.engine.sync import ConnectionStatus
from posapp.engine.token_keeper import TokenHealth
from posapp.engine.unreadable import UnreadableChanged
from posapp.printing.events import PrintNotice

E = TypeVar("E")


class Bridge(QObject):
    order_changed = Signal(OrderUpdate)
    action_changed = Signal(OutboxAction)
    connection_changed = Signal(ConnectionStatus)
    print_event = Signal(PrintNotice)  # JobChanged, JobNeedsAttention, PrinterDown or PrinterRecovered
    unreadable_changed = Signal(list)  # list[posapp.store.sync_state.UnreadableEvent]
    task_health = Signal(TaskHealth)
    token_health = Signal(TokenHealth)
    delivery_changed = Signal(DeliveryChange)
    delivery_alert = Signal(DeliveryAlert)
    store_changed = Signal(StoreState)
    store_reminder = Signal(StoreState)  # paused longer than the shop's limit
    items_changed = Signal(list)  # list[posapp.engine.sold_out.ItemView]
    sold_out_settled = Signal(SoldOutChange)

    def __init__(self, hub: EventHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        subscriptions: list[Subscription] = []
        self._subscriptions = subscriptions
        self._relay(OrderUpdate, self.order_changed)
        self._relay(ActionChanged, self.action_changed, lambda changed: changed.action)
        self._relay(ConnectionStatus, self.connection_changed)
        self._relay(PrintNotice, self.print_event)
        self._relay(UnreadableChanged, self.unreadable_changed, lambda changed: list(changed.items))
        self._relay(TaskHealth, self.task_health)
        self._relay(TokenHealth, self.token_health)
        self._relay(DeliveryChange, self.delivery_changed)
        self._relay(DeliveryAlert, self.delivery_alert)
        self._relay(StoreStateChanged, self.store_changed, lambda changed: changed.state)
        self._relay(PauseReminder, self.store_reminder, lambda reminder: reminder.state)
        self._relay(ItemsChanged, self.items_changed, lambda changed: list(changed.items))
        self._relay(SoldOutChange, self.sold_out_settled)
        # Not a bound method: the slot must run after the Python side of this object may be gone.
        self.destroyed.connect(lambda *_: _cancel_all(subscriptions))

    def close(self) -> None:
        """Stop hearing the engine (the window that owned this Bridge is going away)."""
        _cancel_all(self._subscriptions)

    def _relay(
        self, event_type: type[E], signal: SignalInstance, payload: Callable[[E], Any] | None = None
    ) -> None:
        def emit(event: E) -> None:
            if shiboken6.isValid(self):
                signal.emit(event if payload is None else payload(event))

        self._subscriptions.append(self.hub.subscribe(event_type, emit))


def _cancel_all(subscriptions: list[Subscription]) -> None:
    for subscription in subscriptions:
        subscription.cancel()
    subscriptions.clear()
