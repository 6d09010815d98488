"""The Bridge: the screens' one way to hear the engine, as typed Qt signals, gone with its QObject."""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from pytestqt.qtbot import QtBot

from posapp.engine.hub import EventHub
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
