"""pytest-qt pumps Qt events around each test phase (``pytestqt.plugin._process_events``), including
after the test's fixtures are torn down. Under qasync that steps asyncio callbacks while no loop runs,
and they die with "no running event loop" (pytest-qt has no qasync support: pytest-dev/pytest-qt#448).

A conftest that runs tests on qasync loops re-exports the three hooks below: they wrap pytest-qt's own
(tryfirst: outermost), so its pumping is off for the whole of every phase, teardown's last pump
included. The qasync loop pumps Qt itself while a test runs. (A function-scoped fixture could not do
this: its undo runs before pytest-qt's final pump.)
"""

from __future__ import annotations

from collections.abc import Generator

import pytest
import pytestqt.plugin


def _off() -> None:
    """In place of pytest-qt's pump."""


def _without_pumping() -> Generator[None, object, object]:
    original = pytestqt.plugin._process_events
    pytestqt.plugin._process_events = _off
    try:
        return (yield)
    finally:
        pytestqt.plugin._process_events = original


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _without_pumping())


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _without_pumping())


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, object, object]:
    return (yield from _without_pumping())
