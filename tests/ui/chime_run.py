"""``python -m tests.ui.chime_run``: rings the chime the way the board does (again before the last one
has finished, then on a timer) and confirms one play; prints ``RESULT {json}``. Run by test_chime.py in
a process of its own, under a private PulseAudio server."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


async def ring() -> dict[str, object]:
    from posapp.ui.alerts import Chime

    chime = Chime()
    result: dict[str, object] = {"problem": chime.problem}
    if chime.problem:
        return result
    for _ in range(6):  # overlapping restarts: what made QSoundEffect spin
        chime.play()
        await asyncio.sleep(0.15)
    result["confirmed"] = await chime.play_and_confirm()
    started = time.process_time()
    await asyncio.sleep(2.0)  # idle after the chimes: the Qt thread must be asleep too
    result["idle_cpu_s"] = round(time.process_time() - started, 3)
    return result


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from posapp.ui.event_loop import QtEventLoop

    app = QApplication([])
    loop = QtEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        result = loop.run_until_complete(ring())
    sys.stdout.write("RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
