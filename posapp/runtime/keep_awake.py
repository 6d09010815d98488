"""Keep the display awake while orders are open, so a new order is never missed behind a dark screen.

Windows: ``SetThreadExecutionState`` on the GUI thread (the state holds until that thread resets it).
Linux: ``org.freedesktop.ScreenSaver.Inhibit`` over the session bus (the inhibition lives as long as our
bus connection, so a crash releases it); with no session bus it logs once and does nothing.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any, Protocol

log = logging.getLogger(__name__)

REASON = "Orders are open at the counter"

# winbase.h
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


class Inhibitor(Protocol):
    def inhibit(self) -> None: ...
    def release(self) -> None: ...


class NoInhibitor:
    def __init__(self, why: str) -> None:
        self.why = why

    def inhibit(self) -> None:
        log.info("cannot keep the screen awake (%s); set the PC's power plan to never sleep", self.why)

    def release(self) -> None:
        return


class WindowsInhibitor:
    def __init__(self) -> None:
        import ctypes

        self._call: Any = ctypes.windll.kernel32.SetThreadExecutionState  # type: ignore[attr-defined,unused-ignore]

    def inhibit(self) -> None:
        self._call(ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED)

    def release(self) -> None:
        self._call(ES_CONTINUOUS)


class DbusInhibitor:
    """Talks to the session bus with jeepney (already installed for keyring's Secret Service backend)."""

    def __init__(self) -> None:
        self._jeepney: Any = importlib.import_module("jeepney")
        blocking: Any = importlib.import_module("jeepney.io.blocking")
        self._connection = blocking.open_dbus_connection(bus="SESSION")
        self._address = self._jeepney.DBusAddress(
            "/org/freedesktop/ScreenSaver",
            bus_name="org.freedesktop.ScreenSaver",
            interface="org.freedesktop.ScreenSaver",
        )
        self._cookie: int | None = None

    def _call(self, method: str, signature: str, *args: Any) -> Any:
        message = self._jeepney.new_method_call(self._address, method, signature, args)
        return self._connection.send_and_get_reply(message, timeout=2).body

    def inhibit(self) -> None:
        if self._cookie is None:
            self._cookie = int(self._call("Inhibit", "ss", "posapp", REASON)[0])

    def release(self) -> None:
        if self._cookie is not None:
            cookie, self._cookie = self._cookie, None
            self._call("UnInhibit", "u", cookie)


def for_this_platform() -> Inhibitor:
    if sys.platform == "win32":
        return WindowsInhibitor()
    try:
        return DbusInhibitor()
    except Exception as exc:  # no bus, no jeepney, no permission: all mean "cannot", never "crash"
        return NoInhibitor(f"no session bus: {exc}")


class KeepAwake:
    """``update(open_orders)`` inhibits while any order is open and releases when none is."""

    def __init__(self, inhibitor: Inhibitor) -> None:
        self._inhibitor = inhibitor
        self.active = False

    def update(self, open_orders: int) -> None:
        wanted = open_orders > 0
        if wanted == self.active:
            return
        try:
            if wanted:
                self._inhibitor.inhibit()
            else:
                self._inhibitor.release()
        except Exception as exc:  # a desktop without the ScreenSaver service answers with an error
            log.warning("keep-awake %s failed: %s", "on" if wanted else "off", exc)
            self._inhibitor = NoInhibitor(str(exc))
        self.active = wanted
        log.info("screen kept awake: %s (%d open orders)", wanted, open_orders)
