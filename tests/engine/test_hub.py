"""The engine's one event path: typed subscriptions, unsubscribe, a failing listener stops nothing.

The last test keeps it the only path: a list of callbacks anywhere else in ``posapp`` fails it.
"""

from __future__ import annotations

import ast
import logging
from dataclasses import dataclass
from pathlib import Path

import pytest

from posapp.engine.hub import EventHub

PACKAGE = Path(__file__).resolve().parents[2] / "posapp"


@dataclass(frozen=True)
class Rang:
    order: int


@dataclass(frozen=True)
class Notice:
    text: str


@dataclass(frozen=True)
class PrinterNotice(Notice):
    printer: str


def test_a_listener_hears_only_its_event_type_in_the_order_published() -> None:
    hub = EventHub()
    rang: list[Rang] = []
    notices: list[Notice] = []
    hub.subscribe(Rang, rang.append)
    hub.subscribe(Notice, notices.append)

    hub.publish(Rang(1))
    hub.publish(Notice("paper low"))
    hub.publish(Rang(2))

    assert rang == [Rang(1), Rang(2)]
    assert notices == [Notice("paper low")]


def test_a_base_class_subscription_hears_its_subclasses_after_the_exact_type() -> None:
    hub = EventHub()
    heard: list[str] = []
    hub.subscribe(Notice, lambda notice: heard.append(f"base {notice.text}"))
    hub.subscribe(PrinterNotice, lambda notice: heard.append(f"printer {notice.printer}"))

    hub.publish(PrinterNotice("jammed", "kitchen"))

    assert heard == ["printer kitchen", "base jammed"]


def test_cancel_stops_delivery_and_is_safe_twice() -> None:
    hub = EventHub()
    heard: list[Rang] = []
    subscription = hub.subscribe(Rang, heard.append)
    hub.publish(Rang(1))

    subscription.cancel()
    subscription.cancel()
    hub.publish(Rang(2))

    assert heard == [Rang(1)]
    assert not subscription.active
    assert hub.listeners(Rang) == 0


def test_a_failing_listener_is_logged_and_the_others_still_hear(caplog: pytest.LogCaptureFixture) -> None:
    hub = EventHub()
    heard: list[int] = []

    def broken(_: Rang) -> None:
        raise RuntimeError("screen gone")

    hub.subscribe(Rang, lambda rang: heard.append(rang.order))
    hub.subscribe(Rang, broken)
    hub.subscribe(Rang, lambda rang: heard.append(rang.order * 10))

    with caplog.at_level(logging.ERROR, logger="posapp.engine.hub"):
        hub.publish(Rang(3))  # does not raise

    assert heard == [3, 30]
    failure = next(record for record in caplog.records if "failed" in record.getMessage())
    assert failure.exc_info is not None and "screen gone" in str(failure.exc_info[1])


def test_a_listener_cancelled_during_delivery_hears_nothing_more() -> None:
    hub = EventHub()
    heard: list[str] = []

    def first(_: Rang) -> None:
        heard.append("first")
        later.cancel()

    hub.subscribe(Rang, first)
    later = hub.subscribe(Rang, lambda _: heard.append("later"))
    hub.publish(Rang(1))
    hub.publish(Rang(2))

    assert heard == ["first", "first"]


# --- the hub is the only event path --------------------------------------------------------------------

LISTENER_WORDS = ("listener", "callback", "subscriber", "observer", "hook", "watcher")
LISTENER_TYPE_ENDINGS = ("Listener", "Callback", "Subscriber", "Observer", "Hook", "Publish")


def _callable_aliases(tree: ast.Module) -> set[str]:
    """Module-level names such as ``Listener = Callable[[X], None]``."""
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Subscript)
        and ast.unparse(node.value.value).split(".")[-1] == "Callable"
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _element_types(annotation: ast.expr) -> list[ast.expr]:
    if not isinstance(annotation, ast.Subscript):
        return []
    if ast.unparse(annotation.value).split(".")[-1] not in ("list", "List", "set", "Set", "deque"):
        return []
    inner = annotation.slice
    return list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]


def listener_lists(path: Path, root: Path = PACKAGE) -> list[str]:
    """Attributes that hold a list (or set) of callbacks to call when something happens."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = _callable_aliases(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign):
            name = ast.unparse(node.target).split(".")[-1].lower()
            for element in _element_types(node.annotation):
                type_name = ast.unparse(element).split("[")[0].split(".")[-1]
                listener_type = type_name.endswith(LISTENER_TYPE_ENDINGS)
                callable_type = type_name == "Callable" or type_name in aliases
                named_like_one = any(word in name for word in LISTENER_WORDS) or name.lstrip("_").startswith(
                    "on_"
                )
                if listener_type or (callable_type and named_like_one):
                    found.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(node.target)}")
        elif isinstance(node, ast.Assign) and isinstance(node.value, (ast.List, ast.Set, ast.Call)):
            for target in node.targets:
                name = ast.unparse(target).split(".")[-1].lower()
                if name.endswith(("listeners", "callbacks", "subscribers", "observers")):
                    found.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(target)}")
    return found


def test_no_listener_list_outside_the_hub() -> None:
    offenders = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "engine" / "hub.py"
        for hit in listener_lists(path)
    ]
    assert offenders == [], "publish a typed event on the engine's hub instead: " + ", ".join(offenders)


def test_the_scan_finds_the_listener_lists_it_forbids(tmp_path: Path) -> None:
    """The scan itself: each shape the engine used to have is found, a dispatch table is not."""
    sample = tmp_path / "sample.py"
    source = """
from collections.abc import Callable
from dataclasses import dataclass, field
Listener = Callable[[int], None]
Step = Callable[[int], None]
class Outbox:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._applied_listeners = []
        self.steps: list[Step] = []
        self.handlers: dict[str, Callable[[], None]] = {}
@dataclass
class Services:
    on_settings_saved: list[Callable[[str], None]] = field(default_factory=list)
    change: list[StatusListener] = field(default_factory=list)
"""
    sample.write_text(source, encoding="utf-8")
    found = sorted(hit.split(" ", 1)[1] for hit in listener_lists(sample, tmp_path))
    assert found == ["change", "on_settings_saved", "self._applied_listeners", "self._listeners"]
