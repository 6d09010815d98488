"""The simulator clock: jobs run in time order when business time passes, never before."""

from __future__ import annotations

from posapp.sim.clock import SimClock


async def test_advance_runs_due_jobs_in_time_order_only() -> None:
    clock = SimClock()
    ran: list[str] = []
    clock.schedule_in(300, lambda: ran.append("auto-cancel"))
    clock.schedule_in(60, lambda: ran.append("retry"))
    handle = clock.schedule_in(120, lambda: ran.append("cancelled job"))
    handle.cancel()

    assert await clock.advance(59) == 0
    assert ran == []
    await clock.advance(200)
    assert ran == ["retry"]
    await clock.advance(50)
    assert ran == ["retry", "auto-cancel"]
    assert clock.pending() == 0


async def test_jobs_scheduled_by_jobs_run_when_due() -> None:
    clock = SimClock()
    ran: list[int] = []

    async def first() -> None:
        ran.append(1)
        clock.schedule_in(10, lambda: ran.append(2))

    clock.schedule_in(5, first)
    await clock.advance(100)
    assert ran == [1, 2]
