"""Keep-awake follows the open orders; a desktop that cannot inhibit degrades to a log line."""

from __future__ import annotations

import logging

import pytest

from posapp.runtime import keep_awake
from posapp.runtime.keep_awake import KeepAwake, NoInhibitor


class RecordingInhibitor:
    def __init__(self, fail: bool = False) -> None:
        self.calls: list[str] = []
        self.fail = fail

    def inhibit(self) -> None:
        self.calls.append("inhibit")
        if self.fail:
            raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")

    def release(self) -> None:
        self.calls.append("release")


def test_inhibits_while_orders_are_open_and_releases_after() -> None:
    inhibitor = RecordingInhibitor()
    awake = KeepAwake(inhibitor)
    for count in (0, 1, 3, 2, 0, 0, 1):
        awake.update(count)
    assert inhibitor.calls == ["inhibit", "release", "inhibit"]
    assert awake.active


def test_a_failing_desktop_falls_back_to_logging(caplog: pytest.LogCaptureFixture) -> None:
    inhibitor = RecordingInhibitor(fail=True)
    awake = KeepAwake(inhibitor)
    with caplog.at_level(logging.INFO):
        awake.update(1)
        awake.update(0)
        awake.update(2)
    assert inhibitor.calls == ["inhibit"]  # not asked again once it failed
    assert "keep-awake on failed" in caplog.text
    assert "cannot keep the screen awake" in caplog.text


def test_without_a_session_bus_linux_gets_the_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keep_awake.sys, "platform", "linux")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/posapp-test-bus")
    assert isinstance(keep_awake.for_this_platform(), NoInhibitor)
