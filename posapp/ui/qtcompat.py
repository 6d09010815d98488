"""Work-arounds for bugs in the Qt binding, in one place.

PySide6 6.12 on CPython 3.11: ``Signal.emit()`` returns ``True`` without owning a reference to it, so
every emit from Python code lowers ``True``'s reference count by one. After a few thousand emits the
interpreter aborts ("bool_dealloc: deallocating True or False"). :func:`emit` gives the reference
back when (and only when) the running binding shows the bug.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import qasync
from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_loses_bool_reference() -> bool:
    probe = _Probe()
    rounds = 8
    before = sys.getrefcount(True)
    for _ in range(rounds):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    return lost >= rounds // 2


_BUGGY = _emit_loses_bool_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, balancing the reference the binding may drop."""
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if _BUGGY and isinstance(result, bool):
        _incref(result)


class EventLoop(qasync.QEventLoop):
    """qasync's loop whose thread hand-off (``call_soon_threadsafe``: every DNS lookup and executor
    job) emits through :func:`emit`. Use this class wherever a ``qasync.QEventLoop`` would be made."""

    def call_soon_threadsafe(self, callback: Any, *args: Any, context: Any = None) -> None:
        emit(self._QEventLoop__call_soon_signal, callback, args)
