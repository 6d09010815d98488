"""The chime's sound: one audio stream opened at the first chime and kept open, fed the WAV's samples.

QSoundEffect restarts its audio stream on every ``play()``; with PulseAudio (Qt 6.11) that restart
races with Qt's audio thread, which toggles a socket notifier owned by the Qt thread ("Socket notifiers
cannot be enabled or disabled from another thread"), and from then on the Qt thread spins at full CPU
on a closed socket ("Invalid socket N … disabling", millions of times a minute) — the app never idles
again and cannot quit. One long-lived QAudioSink in push mode has no restart: between chimes the stream
sits idle (an underrun, silence) and costs nothing.
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

FEED_MS = 20  # top the device buffer up this often while a chime is still being written


class SoundStream(QObject):
    """Plays one WAV file on demand through a single, persistent QAudioSink."""

    playing_changed = Signal()

    def __init__(self, multimedia: Any, wav: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        with wave.open(str(wav), "rb") as source:
            self._samples = source.readframes(source.getnframes())
            audio_format = multimedia.QAudioFormat()
            audio_format.setSampleRate(source.getframerate())
            audio_format.setChannelCount(source.getnchannels())
            widths = {1: "UInt8", 2: "Int16", 4: "Int32"}
            sample_format = getattr(multimedia.QAudioFormat.SampleFormat, widths[source.getsampwidth()])
            audio_format.setSampleFormat(sample_format)
        self._multimedia = multimedia
        self._sink = multimedia.QAudioSink(audio_format, self)
        self._sink.setVolume(1.0)
        self._sink.stateChanged.connect(self._state_changed)  # no argument: PySide cannot convert it
        self._device: Any = None
        self._pending = b""
        self._feeder = QTimer(self)
        self._feeder.setInterval(FEED_MS)
        self._feeder.timeout.connect(self._feed)

    @property
    def error(self) -> str | None:
        """The sink's error (its enum name), or None."""
        name = str(self._sink.error().name)  # QtAudio.Error in Qt ≥ 6.7, QAudio.Error before
        return None if name == "NoError" else name

    def play(self) -> None:
        """From the start again (a chime that is still sounding restarts rather than queueing up)."""
        if self._device is None:
            self._device = self._sink.start()
            if self._device is None:
                return
        self._pending = self._samples
        self._feed()

    def is_playing(self) -> bool:
        return bool(self._pending) or self._sink.state().name == "ActiveState"

    def _state_changed(self) -> None:
        self.playing_changed.emit()

    def _feed(self) -> None:
        if self._device is None:
            return
        room = self._sink.bytesFree()
        if room > 0 and self._pending:
            written = int(self._device.write(self._pending[:room]))
            self._pending = self._pending[max(written, 0) :]
        if self._pending and not self._feeder.isActive():
            self._feeder.start()
        elif not self._pending:
            self._feeder.stop()
