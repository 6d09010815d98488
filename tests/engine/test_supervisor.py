"""The supervisor: a task that dies is logged with its traceback, restarted, and its health reported."""

from __future__ import annotations

import asyncio
import logging

import pytest

from posapp.domain.retry import RetryPolicy
from posapp.engine.supervisor import Supervisor, TaskHealth
from tests.waiting import until

QUICK = RetryPolicy(first_delay=0.01, max_delay=0.05, max_attempts=0, jitter=False)


async def test_a_task_that_dies_is_logged_restarted_and_reported(caplog: pytest.LogCaptureFixture) -> None:
    supervisor = Supervisor(QUICK)
    seen: list[TaskHealth] = []
    failures: list[str] = []
    supervisor.hub.subscribe(TaskHealth, seen.append)
    runs = 0
    resumed = asyncio.Event()

    async def flaky() -> None:
        nonlocal runs
        runs += 1
        if runs <= 2:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        resumed.set()
        await asyncio.Event().wait()  # then it keeps running

    with caplog.at_level(logging.ERROR, logger="posapp.engine.supervisor"):
        supervisor.start("relay-sync", flaky, on_failure=failures.append)
        await asyncio.wait_for(resumed.wait(), 5)
    try:
        assert runs == 3
        downs = [h for h in seen if h.down]
        assert [h.failures for h in downs] == [1, 2]
        assert downs[0].error == "OverflowError: Python int too large to convert to SQLite INTEGER"
        assert failures == [downs[0].error, downs[1].error]
        assert supervisor.health["relay-sync"].running and supervisor.down == []
        died = [r for r in caplog.records if "task relay-sync died" in r.getMessage()]
        assert len(died) == 2 and all(r.exc_info is not None for r in died)  # the traceback is logged
    finally:
        await supervisor.stop()


async def test_a_task_that_finishes_is_not_restarted_nor_shown_as_down() -> None:
    supervisor = Supervisor(QUICK)
    runs = 0

    async def once() -> None:
        nonlocal runs
        runs += 1

    supervisor.start("printing-start", once)
    await until(lambda: supervisor.health["printing-start"].finished)
    assert runs == 1 and supervisor.down == []
    await supervisor.stop()


async def test_a_failing_hook_or_listener_does_not_stop_the_restart() -> None:
    supervisor = Supervisor(QUICK)

    def broken(_: object) -> None:
        raise RuntimeError("screen gone")

    supervisor.hub.subscribe(TaskHealth, broken)
    runs = 0

    async def dies_once() -> None:
        nonlocal runs
        runs += 1
        if runs == 1:
            raise ValueError("bad")
        await asyncio.Event().wait()

    supervisor.start("outbox", dies_once, on_failure=broken)
    await until(lambda: runs == 2)
    await supervisor.stop()


async def test_stop_ends_every_task_even_when_one_fails_while_stopping() -> None:
    supervisor = Supervisor(QUICK)
    cancelled = asyncio.Event()
    started = asyncio.Event()

    async def stubborn() -> None:
        try:
            started.set()
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            raise RuntimeError("cleanup failed") from None

    async def polite() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            cancelled.set()

    supervisor.start("stubborn", stubborn)
    supervisor.start("polite", polite)
    await started.wait()
    await supervisor.stop()  # does not raise
    assert cancelled.is_set()
