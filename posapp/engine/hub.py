"""The engine's one event path: parts publish typed events, listeners subscribe by event type.

Every event is a frozen dataclass (or another immutable value) naming what happened; a listener
subscribes to its type (or a base class) and gets back a :class:`Subscription` to cancel. Delivery is
synchronous, in subscription order, on the caller's thread — the app's event loop, which under qasync
is the Qt thread, so ``ui/bridge.py`` can emit Qt signals straight from a handler. One failing listener
is logged with its traceback and never stops the others or the part that published.

Nothing here imports Qt: the engine stays testable without a QApplication.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

log = logging.getLogger(__name__)

E = TypeVar("E")
Handler = Callable[[Any], None]


@dataclass(eq=False)
class Subscription:
    """What :meth:`EventHub.subscribe` returns; :meth:`cancel` stops delivery (safe to call twice)."""

    _hub: EventHub | None
    event_type: type
    handler: Handler

    @property
    def active(self) -> bool:
        return self._hub is not None

    def cancel(self) -> None:
        hub, self._hub = self._hub, None
        if hub is not None:
            hub._remove(self)


@dataclass
class EventHub:
    """Typed publish/subscribe for one running app (the composition root owns exactly one)."""

    _subscriptions: dict[type, list[Subscription]] = field(default_factory=dict)

    def subscribe(self, event_type: type[E], handler: Callable[[E], None]) -> Subscription:
        """Call ``handler(event)`` for every published ``event_type`` (subclasses included)."""
        subscription = Subscription(self, event_type, handler)
        self._subscriptions.setdefault(event_type, []).append(subscription)
        return subscription

    def publish(self, event: object) -> None:
        """Deliver ``event`` to its type's listeners, then to those of its base classes, in order."""
        for event_type in type(event).__mro__:
            # A copy: a handler may subscribe or cancel while the event is being delivered.
            for subscription in list(self._subscriptions.get(event_type, ())):
                if not subscription.active:
                    continue
                try:
                    subscription.handler(event)
                except Exception:  # one listener's bug must not stop the others or the publisher
                    log.exception("event listener %r failed on %r", subscription.handler, event)

    def listeners(self, event_type: type) -> int:
        """How many handlers hear ``event_type`` itself (for tests and the log)."""
        return len(self._subscriptions.get(event_type, ()))

    def _remove(self, subscription: Subscription) -> None:
        listeners = self._subscriptions.get(subscription.event_type, [])
        if subscription in listeners:
            listeners.remove(subscription)
