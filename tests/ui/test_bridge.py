"""The Bridge: the screens' one way to hear the engine, as typed Qt signals, gone with its QObject."""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from pytestqt.qtbot import QtBot

from posapp.domain.store_state import StoreMode, StoreState
from posapp.engine.busy_mode import PauseReminder, StoreStateChanged
from posapp.engine.hub import EventHub
from posapp.engine.sold_out import ItemsChanged, ItemView
from posapp.engine.supervisor import TaskHealth
from posapp.engine.sync import ConnectionStatus, LinkState
from posapp.engine.unreadable import UnreadableChanged
from posapp.session import bridge_for

UI = Path(__file__).resolve().parents[2] / "posapp" / "ui"


def test_hub_events_arrive_as_typed_signals(qtbot: QtBot) -> None:
    hub = EventHub()
    bridge = bridge_for(hub)
    down = TaskHealth("outbox", running=False, failures=2, error="boom")
    with qtbot.waitSignal(bridge.task_health) as health:
        hub.publish(down)
    with qtbot.waitSignal(bridge.connection_changed) as link:
        hub.publish(ConnectionStatus(LinkState.OFFLINE, 10.0, detail="no route"))
    with qtbot.waitSignal(bridge.unreadable_changed) as unread:
        hub.publish(UnreadableChanged(()))

    assert health.args == [down]
    assert link.args == [ConnectionStatus(LinkState.OFFLINE, 10.0, detail="no route")]
    assert unread.args == [[]]
    shiboken6.delete(bridge)


def test_busy_mode_and_sold_out_events_arrive_as_typed_signals(qtbot: QtBot) -> None:
    hub = EventHub()
    bridge = bridge_for(hub)
    paused = StoreState(mode=StoreMode.PAUSED, paused_since=100, pause_until=1900)
    milk_tea = ItemView(3011, "Hong Kong Milk Tea", sold_out=True, marked_here=True)
    with qtbot.waitSignal(bridge.store_changed) as changed:
        hub.publish(StoreStateChanged(paused))
    with qtbot.waitSignal(bridge.store_reminder) as reminder:
        hub.publish(PauseReminder(paused))
    with qtbot.waitSignal(bridge.items_changed) as items:
        hub.publish(ItemsChanged((milk_tea,)))

    assert changed.args == [paused]
    assert reminder.args == [paused]
    assert items.args == [[milk_tea]]
    shiboken6.delete(bridge)
    assert hub.listeners(StoreStateChanged) == 0 and hub.listeners(ItemsChanged) == 0


def test_a_deleted_bridge_leaves_the_hub(qtbot: QtBot) -> None:
    hub = EventHub()
    bridge = bridge_for(hub)
    assert hub.listeners(TaskHealth) == 1

    shiboken6.delete(bridge)

    assert hub.listeners(TaskHealth) == 0
    hub.publish(TaskHealth("outbox", running=True))  # reaches no deleted object


def test_no_screen_but_the_bridge_subscribes_to_the_engine() -> None:
    subscribing = re.compile(r"\.subscribe\(|\bEventHub\b|\.hub\b")
    offenders = [
        f"{path.relative_to(UI)}:{number}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "bridge.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if subscribing.search(line)
    ]
    assert offenders == []
