"""The print queue's worker: asyncio on the app's loop, printer I/O in a thread (never on the Qt thread).

Jobs for one printer go out in order, one at a time; a printer that fails backs off exponentially
without holding up the others. After ``failover_after`` failures its jobs go to its failover printer
(while the primary's back-off lasts; then the primary is tried again). After ``alert_after`` failures
a :class:`PrinterDown` event is published, once, until it prints again. A job is retried only when
nothing reached the printer; otherwise it becomes ``uncertain`` and waits for the cashier.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from posapp.domain.print_job import JobState, JobView
from posapp.domain.retry import RetryPolicy
from posapp.printing.events import (
    JobChanged,
    JobNeedsAttention,
    PrinterDown,
    PrinterRecovered,
    PrintEvent,
    Publish,
)
from posapp.printing.printers import Printed, Printer, PrintError, send_ticket
from posapp.printing.ticket import Ticket
from posapp.store import print_jobs as jobs

log = logging.getLogger(__name__)

SendTicket = Callable[[Printer, Ticket], Printed]


# A local printer has no crowd of tills to spread out, so no jitter; it is retried while the app runs.
PRINTER_BACKOFF = RetryPolicy(first_delay=2.0, max_delay=60.0, max_attempts=0, jitter=False)


@dataclass(frozen=True)
class PrinterPolicy:
    """When a failing printer is tried again, when its jobs go to the failover, when a person is told."""

    backoff: RetryPolicy = PRINTER_BACKOFF
    failover_after: int = 2
    alert_after: int = 3

    def delay(self, failures: int) -> float:
        return self.backoff.delay(failures)


@dataclass
class _Health:
    failures: int = 0
    retry_at: float = 0.0
    alerted: bool = False
    last_error: str = ""


@dataclass
class _State:
    health: dict[str, _Health] = field(default_factory=dict)
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    draining: set[str] = field(default_factory=set)


class PrintQueue:
    def __init__(
        self,
        printers: Mapping[str, Printer],
        publish: Publish | None = None,
        policy: PrinterPolicy | None = None,
        send_fn: SendTicket = send_ticket,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.printers = dict(printers)
        self.policy = policy or PrinterPolicy()
        self._publish = publish
        self._send = send_fn
        self._clock = clock
        self._state = _State()
        self._wake = asyncio.Event()
        self._runner: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    # -- life cycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Recover from a crash, then start printing on a task of its own (see :meth:`run`)."""
        self.recover()
        self._runner = asyncio.create_task(self.run(), name="print-queue")

    def recover(self) -> None:
        """Jobs caught mid-send when the app stopped need a person: once, before the first :meth:`run`."""
        for job in jobs.interrupted():
            changed = jobs.set_state(job.id, JobState.UNCERTAIN, last_error="app stopped while printing")
            self.emit(JobNeedsAttention(changed, "The app stopped while this ticket was printing."))

    async def stop(self) -> None:
        if self._runner:
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
        # A send already in its thread cannot be interrupted; let it finish and record its outcome.
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def wake(self) -> None:
        self._wake.set()

    # -- scheduling -------------------------------------------------------------------------------
    async def run(self) -> None:
        """Print until cancelled (the app's supervisor runs this, and restarts it if it dies)."""
        while True:
            self._wake.clear()
            delay = self._dispatch()
            # asyncio.timeout, not wait_for: on 3.11 wait_for swallows a cancel that lands just as the
            # event is set, and stop() then waits for ever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await self._wake.wait()

    def _dispatch(self) -> float | None:
        """Start draining every printer that may print now; seconds until the next back-off ends."""
        # One clock reading for both: a back-off ending between two readings left the queue asleep.
        now = self._clock()
        waits: list[float] = []
        for name in jobs.queued_printers():
            if name in self._state.draining:
                continue
            if name not in self.printers:
                log.warning("print job for unknown printer %r waits until it is configured", name)
                continue
            retry_at = self._health(self.target_for(name).name).retry_at
            if retry_at > now:
                waits.append(retry_at - now)
                continue
            self._state.draining.add(name)
            task = asyncio.create_task(self._drain(name))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return max(min(waits), 0.01) if waits else None

    def _health(self, name: str) -> _Health:
        return self._state.health.setdefault(name, _Health())

    def target_for(self, name: str) -> Printer:
        """The printer that should take ``name``'s next job: the failover while the primary is down."""
        primary = self.printers[name]
        health = self._health(name)
        failover = self.printers.get(primary.failover or "")
        if failover is None or health.failures < self.policy.failover_after:
            return primary
        if health.retry_at <= self._clock():
            return primary  # back-off over: try the primary again, so it takes its jobs back
        if self._health(failover.name).failures >= self.policy.failover_after:
            return primary
        return failover

    # -- sending ----------------------------------------------------------------------------------
    async def _drain(self, name: str) -> None:
        try:
            while (job := jobs.next_queued(name)) is not None:
                if not await self._attempt(job):
                    break
        finally:
            self._state.draining.discard(name)
            self.wake()

    async def _attempt(self, job: JobView) -> bool:
        target = self.target_for(job.printer)
        if target.name != job.printer:
            self._alert(job.printer, failover=target.name)
        lock = self._state.locks.setdefault(target.name, asyncio.Lock())
        async with lock:
            ticket = Ticket.from_json(jobs.ticket_of(job.id))
            jobs.start_sending(job.id)
            loop = asyncio.get_running_loop()
            try:
                printed = await loop.run_in_executor(None, self._send, target, ticket)
            except PrintError as exc:
                return self._failed(job, target, exc)
            except Exception as exc:  # a bug in rendering: never guess, ask the cashier
                log.exception("print job %d failed unexpectedly", job.id)
                self._uncertain(job, f"internal error: {exc}")
                return False
        state = JobState.CONFIRMED if printed.confirmed else JobState.SENT
        done = jobs.set_state(job.id, state, printed_on=target.name, last_error="")
        self._succeeded(target.name)
        self.emit(JobChanged(done))
        return True

    def _failed(self, job: JobView, target: Printer, exc: PrintError) -> bool:
        log.warning("print job %d on %s failed: %s", job.id, target.name, exc)
        if exc.maybe_printed:
            self._uncertain(job, str(exc))
        else:
            self.emit(JobChanged(jobs.set_state(job.id, JobState.QUEUED, last_error=str(exc))))
        self._record_failure(target.name, str(exc))
        return False

    def _uncertain(self, job: JobView, reason: str) -> None:
        changed = jobs.set_state(job.id, JobState.UNCERTAIN, last_error=reason)
        self.emit(JobNeedsAttention(changed, reason))

    def _record_failure(self, name: str, error: str) -> None:
        health = self._health(name)
        health.failures += 1
        health.last_error = error
        health.retry_at = self._clock() + self.policy.delay(health.failures)
        if health.failures >= self.policy.alert_after:
            self._alert(name)

    def _alert(self, name: str, failover: str | None = None) -> None:
        health = self._health(name)
        if health.alerted:
            return
        health.alerted = True
        self.emit(PrinterDown(name, health.last_error, jobs.count_queued(name), failover))

    def _succeeded(self, name: str) -> None:
        health = self._health(name)
        was_down = health.alerted
        self._state.health[name] = _Health()
        if was_down:
            self.emit(PrinterRecovered(name))

    def emit(self, event: PrintEvent) -> None:
        if self._publish is None:
            return
        try:
            self._publish(event)
        except Exception:  # a subscriber's bug must not stop the printing
            log.exception("print event subscriber failed on %r", event)
