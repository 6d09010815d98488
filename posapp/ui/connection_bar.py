"""Relay / Keeta / Zeek / printer health, the age of the last event, and a digest after a reconnect.

The statuses sit in the top bar's strip of fixed height (status_strip.py): two rows, each status whole,
shortened or cut after a whole word when room is short, the full words in its tooltip. What happened
(a digest after a reconnect, parts of the app restarting, others' alerts such as a printer that is
down) goes in ``notices``, a row the window puts under the top bar, shown only while it says something.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from posapp.domain.order import OrderStatus
from posapp.engine.orders import OrderUpdate
from posapp.engine.supervisor import TaskHealth
from posapp.engine.sync import ConnectionStatus, LinkState
from posapp.ui.status_strip import Status, StatusStrip
from posapp.ui.timefmt import Clock

DIGEST_WINDOW_SECONDS = 30  # catch-up events arrive in a burst right after the stream reopens
PARTS = ("keeta", "zeek", "printer")


class ConnectionBar(QWidget):
    def __init__(self, clock: Clock = time.time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._status: ConnectionStatus | None = None
        self._health: dict[str, bool | None] = {"keeta": None, "zeek": None, "printer": None}
        # What is set up at all: a part that is not says so, instead of looking offline or unknown.
        self._configured: dict[str, bool] = {"relay": True, "keeta": True, "zeek": True, "printer": True}
        self._was_offline = False
        self._reconnected_at: float | None = None
        self._digest = {"new": 0, "changed": 0, "cancelled": 0}
        self.strip = StatusStrip()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.strip)
        # Full sentences that wrap; the window lays this out under the top bar (a child until then).
        self.notices = QWidget(self)
        self._notice_list = QVBoxLayout(self.notices)
        self._notice_list.setContentsMargins(6, 0, 6, 0)
        self._notice_list.setSpacing(2)
        self.tasks = QLabel()  # parts of the app that died and are being restarted
        self.tasks.setProperty("role", "problem")
        self.digest = QLabel()
        self.digest.setProperty("role", "banner")
        self._down: dict[str, TaskHealth] = {}
        for label in (self.digest, self.tasks):
            label.setWordWrap(True)
            label.hide()
            self.add_notice(label)
        self.tick()

    @property
    def relay(self) -> QLabel:
        """The relay's status as shown (its full words in the tooltip)."""
        return self.strip.labels["relay"]

    def status_label(self, name: str) -> QLabel:
        """``name``'s ("relay", "keeta", "zeek", "printer") status as shown."""
        return self.strip.labels[name]

    def add_notice(self, widget: QWidget) -> None:
        """A notice of another area (e.g. a printer that is down), shown under the top bar while visible."""
        self._notice_list.addWidget(widget)
        widget.installEventFilter(self)
        self._show_notices()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._show_notices()
        return False

    def _show_notices(self) -> None:
        items = (self._notice_list.itemAt(i) for i in range(self._notice_list.count()))
        widgets = [item.widget() for item in items if item is not None]
        self.notices.setVisible(any(w is not None and not w.isHidden() for w in widgets))

    def set_status(self, status: ConnectionStatus) -> None:
        if status.state is LinkState.OFFLINE:
            self._was_offline = True
        elif status.state is LinkState.CONNECTED and self._was_offline:
            self._was_offline = False
            self._reconnected_at = self._clock()
            self._digest = {"new": 0, "changed": 0, "cancelled": 0}
        self._status = status
        self.tick()

    def set_health(self, name: str, ok: bool | None) -> None:
        self._health[name] = ok
        if ok is not None:
            self._configured[name] = True  # a part that answered (or failed to) is set up
        self.tick()

    def set_configured(self, name: str, configured: bool) -> None:
        """``name`` ("relay", "keeta", "zeek", "printer") is set up in Settings, or not."""
        self._configured[name] = configured
        self.tick()

    def platform_text(self, name: str) -> str:
        """One part's word on the bar, e.g. "Zeek ✔ OK" or "Printer: not set up"."""
        names = {"keeta": "Keeta", "zeek": "Zeek", "printer": self.tr("Printer")}
        if not self._configured.get(name, True):
            return self.tr("{0}: not set up").format(names[name])
        ok = self._health[name]
        if ok is None:
            return self.tr("{0}: not used yet").format(names[name])
        return f"{names[name]} " + (self.tr("✔ OK") if ok else self.tr("✖ problem"))

    def set_task_health(self, health: TaskHealth) -> None:
        """A supervised part died (shown until it runs again) or is back."""
        if health.down:
            self._down[health.name] = health
        else:
            self._down.pop(health.name, None)
        self._show_tasks()

    def _show_tasks(self) -> None:
        if not self._down:
            self.tasks.hide()
            return
        names = ", ".join(self._task_name(name) for name in sorted(self._down))
        self.tasks.setText(self.tr("✖ Stopped, restarting: {0}").format(names))
        self.tasks.show()

    def _task_name(self, name: str) -> str:
        names = {
            "relay-sync": self.tr("relay sync"),
            "relay-ack": self.tr("relay receipts"),
            "outbox": self.tr("sending to Keeta/Zeek"),
            "printing": self.tr("printing"),
            "keeta-token": self.tr("Keeta sign-in"),
            "degraded-poller": self.tr("order refresh"),
            "zeek-tracking": self.tr("delivery tracking"),
            "delivery-automation": self.tr("automatic delivery booking"),
        }
        base, _, shop = name.rpartition("-")
        if base in ("relay-sync", "relay-ack") and shop.isdigit():  # a further brand's connection
            return f"{names[base]} ({shop})"
        return names.get(name, name)

    def order_update(self, update: OrderUpdate) -> None:
        """Counts what arrives in the catch-up burst after a reconnect."""
        if self._reconnected_at is None or self._clock() - self._reconnected_at > DIGEST_WINDOW_SECONDS:
            return
        if update.new:
            self._digest["new"] += 1
        elif update.status_changed and update.order.status is OrderStatus.CANCELLED:
            self._digest["cancelled"] += 1
        elif update.status_changed or update.refund_requested:
            self._digest["changed"] += 1
        self._show_digest()

    def _show_digest(self) -> None:
        d = self._digest
        if not any(d.values()):
            self.digest.hide()
            return
        text = self.tr("While offline: {0} new, {1} changed, {2} cancelled")
        self.digest.setText(text.format(d["new"], d["changed"], d["cancelled"]))
        self.digest.show()

    def tick(self) -> None:
        state = self._relay_state()
        relay = Status("relay", state + self._relay_age(), self._relay_short(), problem="✖" in state)
        parts = [
            Status(name, self.platform_text(name), problem=self._health[name] is False) for name in PARTS
        ]
        self.strip.set_statuses([relay, *parts])
        self.relay.setToolTip(
            self.tr("Without the relay, orders arrive only by refreshing: set it up in Settings.")
            if not self._configured["relay"]
            else relay.text
        )

    def _relay_state(self) -> str:
        status = self._status
        if not self._configured["relay"]:
            return self.tr("Relay: not set up")
        if status is None:
            return self.tr("Relay: connecting…")
        return {
            LinkState.CONNECTING: self.tr("Relay: connecting…"),
            LinkState.CONNECTED: self.tr("Relay: ✔ connected"),
            LinkState.OFFLINE: self.tr("Relay: ✖ OFFLINE – reconnecting"),
            LinkState.REFUSED: self.tr("Relay: ✖ refused the store token – check Settings"),
        }[status.state]

    def _relay_short(self) -> str:
        """The relay's state in the fewest words, for a narrow bar (the full words in the tooltip)."""
        state = self._status.state if self._status is not None and self._configured["relay"] else None
        if state is LinkState.OFFLINE:
            return self.tr("Relay: ✖ OFFLINE")
        if state is LinkState.REFUSED:
            return self.tr("Relay: ✖ token refused")
        return self._relay_state()

    def _relay_age(self) -> str:
        """ ", last event 12 s ago" (the short form leaves it out)."""
        status = self._status
        if not self._configured["relay"] or status is None or status.last_event_at is None:
            return ""
        seconds = int(max(0, self._clock() - status.last_event_at))
        if seconds < 120:
            return self.tr(", last event {0} s ago").format(seconds)
        return self.tr(", last event {0} min ago").format(seconds // 60)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.tick()
            self._show_digest()
            self._show_tasks()
        super().changeEvent(event)
