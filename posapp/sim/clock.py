"""The simulator's business clock: real time plus an offset the control API can advance.

Timeouts, retries and courier movement are scheduled on this clock, so a test can move five minutes
forward in milliseconds. Signature timestamps never use it: they stay on wall-clock time.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import inspect
import itertools
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None] | None]


@dataclass(order=True)
class _Timer:
    due: float
    seq: int
    job: Job = field(compare=False)
    name: str = field(compare=False, default="")
    cancelled: bool = field(compare=False, default=False)


class TimerHandle:
    def __init__(self, timer: _Timer) -> None:
        self._timer = timer

    def cancel(self) -> None:
        self._timer.cancelled = True

    @property
    def due(self) -> float:
        return self._timer.due


class SimClock:
    """Business time and a timer queue. Jobs run on the event loop that called :meth:`start`."""

    def __init__(self, tick: float = 0.05) -> None:
        self._offset = 0.0
        self._timers: list[_Timer] = []
        self._seq = itertools.count()
        self._tick = tick
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def now(self) -> float:
        return time.time() + self._offset

    def schedule_at(self, due: float, job: Job, name: str = "") -> TimerHandle:
        timer = _Timer(due, next(self._seq), job, name)
        heapq.heappush(self._timers, timer)
        return TimerHandle(timer)

    def schedule_in(self, delay: float, job: Job, name: str = "") -> TimerHandle:
        return self.schedule_at(self.now() + delay, job, name)

    async def advance(self, seconds: float) -> int:
        """Move business time forward, stepping through each timer that falls due on the way.

        While a job runs, ``now()`` reads its due time, so a job that schedules another one inside the
        advanced span (a retry a minute later) sees it run in the same advance. Returns jobs run.
        """
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        target = self.now() + seconds
        ran = 0
        async with self._lock:
            while self._timers and self._timers[0].due <= target:
                timer = heapq.heappop(self._timers)
                if timer.cancelled:
                    continue
                if timer.due > self.now():
                    self._offset += timer.due - self.now()
                ran += await self._run_job(timer)
            if target > self.now():
                self._offset += target - self.now()
        return ran

    async def run_due(self) -> int:
        ran = 0
        async with self._lock:
            while self._timers and self._timers[0].due <= self.now():
                timer = heapq.heappop(self._timers)
                if not timer.cancelled:
                    ran += await self._run_job(timer)
        return ran

    @staticmethod
    async def _run_job(timer: _Timer) -> int:
        try:
            result = timer.job()
            if inspect.isawaitable(result):
                await result
        except Exception:
            log.exception("simulator job %r failed", timer.name)
        return 1

    def pending(self) -> int:
        return sum(1 for t in self._timers if not t.cancelled)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="sim-clock")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._tick)
            await self.run_due()
