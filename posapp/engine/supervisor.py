"""Owns the app's long-running tasks (relay sync, outbox, printing, token, delivery tracking, poller).

A task that dies is never silent: its traceback is logged, it is restarted after a growing pause, and
its health goes to the screen so the connection bar can say that part is down. ``stop`` cancels every
task and waits for each, whatever the others do.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from posapp.domain.retry import RetryPolicy
from posapp.engine.hub import EventHub
from posapp.engine.unreadable import describe

log = logging.getLogger(__name__)

# A task that ran this long before failing starts its back-off from the beginning again.
STABLE_SECONDS = 60.0


@dataclass(frozen=True)
class TaskHealth:
    """One task's state; published on the hub whenever it changes."""

    name: str
    running: bool  # false while it waits to be restarted (or after it finished on its own)
    failures: int = 0  # failures in a row (reset once it has run STABLE_SECONDS)
    error: str = ""  # the last failure, one line
    finished: bool = False  # it returned on its own: not restarted, not a problem

    @property
    def down(self) -> bool:
        return not self.running and not self.finished


Runner = Callable[[], Awaitable[None]]
FailureHook = Callable[[str], None]


class Supervisor:
    def __init__(
        self,
        backoff: RetryPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        seed: int | None = None,
        *,
        hub: EventHub | None = None,
    ) -> None:
        self.hub = hub if hub is not None else EventHub()
        self._backoff = backoff or RetryPolicy(first_delay=1.0, max_delay=60.0, max_attempts=0)
        self._clock = clock
        self._rng = random.Random(seed)
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self.health: dict[str, TaskHealth] = {}
        self._stopping = False

    def start(self, name: str, run: Runner, on_failure: FailureHook | None = None) -> None:
        """Run ``run()`` as task ``name`` on the running loop, restarting it whenever it raises."""
        if name in self._tasks and not self._tasks[name].done():
            raise RuntimeError(f"task {name!r} is already running")
        self._set(TaskHealth(name, running=True))
        loop = asyncio.get_running_loop()
        self._tasks[name] = loop.create_task(self._keep(name, run, on_failure), name=name)

    @property
    def down(self) -> list[TaskHealth]:
        return [health for health in self.health.values() if health.down]

    async def _keep(self, name: str, run: Runner, on_failure: FailureHook | None) -> None:
        failures = 0
        while True:
            started = self._clock()
            try:
                await run()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if self._stopping:  # it failed while being cancelled: report, never restart
                    raise
                failures = 1 if self._clock() - started >= STABLE_SECONDS else failures + 1
                delay = self._backoff.delay(failures, self._rng)
                log.exception("task %s died (%d in a row); restarting in %.1f s", name, failures, delay)
                error = describe(exc)
                if on_failure is not None:  # first, so listeners hearing "down" see its effect
                    _call(on_failure, error, name)
                self._set(TaskHealth(name, running=False, failures=failures, error=error))
                await asyncio.sleep(delay)
                log.info("task %s restarting", name)
                self._set(TaskHealth(name, running=True, failures=failures, error=error))
                continue
            log.info("task %s finished", name)
            self._set(TaskHealth(name, running=False, failures=failures, finished=True))
            return

    def _set(self, health: TaskHealth) -> None:
        self.health[health.name] = health
        self.hub.publish(health)

    async def stop(self) -> None:
        """Cancel every task and wait for each; one that fails while stopping is logged, not raised."""
        self._stopping = True
        tasks = list(self._tasks.items())
        self._tasks.clear()
        for _, task in tasks:
            task.cancel()
        results = await asyncio.gather(*(task for _, task in tasks), return_exceptions=True)
        for (name, _), result in zip(tasks, results, strict=True):
            if isinstance(result, Exception):
                log.error("task %s failed while stopping: %s", name, describe(result))


def _call(hook: Callable[[Any], None], arg: Any, what: str) -> None:
    try:
        hook(arg)
    except Exception:
        log.exception("%s: a hook failed", what)
