"""New-order alerts: a chime that repeats until someone touches the order, window raise and flash,
taskbar alert, optional spoken prompt. Without sound hardware it degrades to visual alerts and says so.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from posapp.assets import chime_path
from posapp.domain.order import Order
from posapp.ui.sound_stream import SoundStream

log = logging.getLogger(__name__)

REPEAT_MS = 4000


def _optional_module(name: str) -> Any | None:
    # QtMultimedia fails to import without libpulse; QtTextToSpeech is an optional add-on.
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        log.warning("%s unavailable: %s", name, exc)
        return None


class Chime:
    """One short sound; ``problem`` says why it cannot play (None when it can)."""

    def __init__(self, parent: QObject | None = None) -> None:
        self.problem: str | None = None
        self.plays = 0
        self._effect: SoundStream | None = None
        multimedia = _optional_module("PySide6.QtMultimedia")
        if multimedia is None:
            self.problem = QCoreApplication.translate(
                "Alerts", "No sound: this computer's audio system is missing. Alerts are visual only."
            )
            return
        if multimedia.QMediaDevices.defaultAudioOutput().isNull():
            self.problem = QCoreApplication.translate(
                "Alerts", "No sound: no speaker found. Alerts are visual only."
            )
            return
        self._effect = SoundStream(multimedia, chime_path(), parent)

    @property
    def available(self) -> bool:
        return self._effect is not None

    def play(self) -> None:
        self.plays += 1
        if self._effect is not None:
            self._effect.play()

    async def play_and_confirm(self, within_s: float = 5.0) -> str | None:
        """Plays once and waits until the audio system says the sound started and ended; the problem,
        or None."""
        effect = self._effect
        if effect is None:
            return self.problem or "no sound"
        started = asyncio.Event()

        def on_change() -> None:
            if effect.is_playing():
                started.set()

        effect.playing_changed.connect(on_change)
        try:
            self.play()
            if effect.error:
                return f"the sound system refused the chime ({effect.error})"
            on_change()
            try:
                await asyncio.wait_for(started.wait(), within_s)
            except TimeoutError:
                return "the sound system did not start playing the chime"
            if not await _signalled(effect.playing_changed, lambda: not effect.is_playing(), within_s):
                return "the chime did not finish playing"
        finally:
            effect.playing_changed.disconnect(on_change)
        return f"the sound system failed while playing ({effect.error})" if effect.error else None


async def _signalled(signal: Any, condition: Callable[[], bool], within_s: float) -> bool:
    """Waits for ``condition`` to hold, re-checked each time ``signal`` fires."""
    if condition():
        return True
    reached = asyncio.Event()

    def check() -> None:
        if condition():
            reached.set()

    signal.connect(check)
    try:
        await asyncio.wait_for(reached.wait(), within_s)
    except TimeoutError:
        return False
    finally:
        signal.disconnect(check)
    return True


class Voice:
    """Optional spoken prompt (Keeta's own tablet speaks; cashiers expect it)."""

    def __init__(self, parent: QObject | None = None) -> None:
        module = _optional_module("PySide6.QtTextToSpeech")
        self._speech: Any = module.QTextToSpeech(parent) if module is not None else None

    def say(self, text: str) -> None:
        if self._speech is not None:
            self._speech.say(text)


class Alerter(QObject):
    """Rings for each untouched new order until :meth:`touch`; flashes ``window`` every round."""

    ringing_changed = Signal()
    sound_problem = Signal(str)

    def __init__(self, window: QWidget | None = None, chime: Chime | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.chime = chime or Chime(self)
        self._voice: Voice | None = None
        self.chime_enabled = True
        self._ringing: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(REPEAT_MS)
        self._timer.timeout.connect(self._round)

    @property
    def ringing(self) -> frozenset[int]:
        return frozenset(self._ringing)

    def set_spoken(self, enabled: bool) -> None:
        if not enabled:
            self._voice = None
        elif self._voice is None:
            self._voice = Voice(self)

    def new_order(self, order: Order) -> None:
        if order.order_view_id in self._ringing:
            return
        self._ringing.add(order.order_view_id)
        if self.chime.problem:
            self.sound_problem.emit(self.chime.problem)
        if self._voice is not None:
            self._voice.say(
                QCoreApplication.translate("Alerts", "New Keeta order, number {0}").format(order.seq_no)
            )
        self._round()
        if not self._timer.isActive():
            self._timer.start()
        self.ringing_changed.emit()

    def touch(self, order_view_id: int) -> None:
        """Someone looked at or acted on the order: stop ringing for it."""
        if order_view_id not in self._ringing:
            return
        self._ringing.discard(order_view_id)
        if not self._ringing:
            self._timer.stop()
        self.ringing_changed.emit()

    def _round(self) -> None:
        if self.chime_enabled:
            self.chime.play()
        window = self._window
        if window is not None:
            if window.isMinimized():
                window.showNormal()
            window.raise_()
            window.activateWindow()
            QApplication.alert(window, 0)
