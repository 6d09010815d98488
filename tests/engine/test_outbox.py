"""The outbox: written before sending, resent only when nothing happened, a lost answer checked first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee
import pytest

from posapp.domain.retry import RetryPolicy
from posapp.engine.action_kinds import ActionKind, Check, Checked
from posapp.engine.outbox import MAX_CHECKS, ActionChanged, OutboxWorker
from posapp.keeta.errors import KeetaBusinessError, KeetaServerError, KeetaTransportError
from posapp.store import outbox
from posapp.store.db import open_database
from posapp.store.outbox import ActionState, OutboxAction
from tests import peek


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class ScriptedDelivery:
    """Answers each send with the next scripted outcome and records what was sent."""

    def __init__(
        self, outcomes: list[Exception | None], applied: bool | None = False, resend_is_safe: bool = False
    ) -> None:
        self.outcomes = outcomes
        self.sent: list[str] = []
        self.applied = applied
        self.verifications = 0
        self.resend_is_safe = resend_is_safe

    def kind(self, action: OutboxAction) -> ActionKind:
        return ActionKind(send=self._unused, resend_is_safe=self.resend_is_safe)

    async def _unused(self, context: Any, action: OutboxAction) -> dict[str, Any]:
        raise AssertionError("the worker calls the delivery, not the kind")

    async def before(self, action: OutboxAction) -> dict[str, Any] | None:
        return None

    async def send(self, action: OutboxAction) -> dict[str, Any]:
        self.sent.append(action.key)
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome
        return {"ok": True}

    async def check(self, action: OutboxAction) -> Checked:
        self.verifications += 1
        if self.applied is None:
            return Checked(Check.UNCLEAR, {"status": "accepted"})
        return Checked(Check.DONE if self.applied else Check.NOT_DONE, {})


@pytest.fixture
def db(tmp_path: Path) -> Iterator[peewee.SqliteDatabase]:
    database = open_database(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def make_worker(delivery: ScriptedDelivery, clock: FakeClock) -> OutboxWorker:
    policy = RetryPolicy(first_delay=2, max_delay=10, max_attempts=3, jitter=False)
    return OutboxWorker({"keeta": delivery}, policy=policy, clock=clock, seed=1)


async def test_second_click_returns_the_open_action(db: peewee.SqliteDatabase) -> None:
    worker = make_worker(ScriptedDelivery([]), FakeClock())
    first = worker.submit("keeta", "confirm", "42", {"orderViewId": 42})
    second = worker.submit("keeta", "confirm", "42", {"orderViewId": 42})
    assert second.id == first.id
    assert len(peek.open_actions("42")) == 1


async def test_retryable_failure_waits_then_succeeds_once(db: peewee.SqliteDatabase) -> None:
    clock = FakeClock()
    delivery = ScriptedDelivery([KeetaServerError("busy", code=315000100)])
    worker = make_worker(delivery, clock)
    action = worker.submit("keeta", "prepare", "7", {"orderViewId": 7})

    assert await worker.drain() == 1
    waiting = outbox.get(action.id)
    assert waiting.state is ActionState.PENDING
    assert waiting.error_code == 315000100
    assert await worker.drain() == 0  # not due before its back-off
    clock.now += 2
    assert await worker.drain() == 1
    assert outbox.get(action.id).state is ActionState.DONE
    assert delivery.sent == [action.key, action.key]


async def test_business_error_fails_at_once_with_the_platform_message(db: peewee.SqliteDatabase) -> None:
    delivery = ScriptedDelivery([KeetaBusinessError("order status is not in a valid state", code=115000301)])
    worker = make_worker(delivery, FakeClock())
    action = worker.submit("keeta", "confirm", "9", {})
    await worker.drain()
    failed = outbox.get(action.id)
    assert failed.state is ActionState.FAILED
    assert "valid state" in failed.last_error
    assert delivery.verifications == 1


async def test_business_error_for_an_action_that_did_arrive_counts_as_done(db: peewee.SqliteDatabase) -> None:
    clock = FakeClock()
    delivery = ScriptedDelivery(
        [KeetaTransportError("timed out"), KeetaBusinessError("already confirmed", code=115000301)],
        applied=True,
    )
    worker = make_worker(delivery, clock)
    action = worker.submit("keeta", "confirm", "5", {})
    await worker.drain()
    clock.now += 5
    await worker.drain()
    assert outbox.get(action.id).state is ActionState.DONE


async def test_gives_up_after_max_attempts(db: peewee.SqliteDatabase) -> None:
    clock = FakeClock()
    delivery = ScriptedDelivery([KeetaTransportError("down", sent=False)] * 5)
    worker = make_worker(delivery, clock)
    action = worker.submit("keeta", "collect", "3", {})
    for _ in range(5):
        await worker.drain()
        clock.now += 100
    assert outbox.get(action.id).state is ActionState.FAILED
    assert len(delivery.sent) == 3


async def test_action_in_flight_at_a_crash_is_verified_not_resent(db: peewee.SqliteDatabase) -> None:
    written, _ = outbox.enqueue("keeta", "confirm", "11", {})
    outbox.mark_sending(written.id)  # the app died after this commit, before Keeta answered

    delivery = ScriptedDelivery([], applied=True)
    worker = make_worker(delivery, FakeClock())
    await worker.resume_interrupted()
    await worker.drain()
    assert outbox.get(written.id).state is ActionState.DONE
    assert delivery.sent == []

    other, _ = outbox.enqueue("keeta", "prepare", "12", {})
    outbox.mark_sending(other.id)
    not_applied = ScriptedDelivery([], applied=False)
    clock = FakeClock()
    worker = make_worker(not_applied, clock)
    await worker.resume_interrupted()
    await worker.drain()
    clock.now += 100
    await worker.drain()
    assert not_applied.sent == [other.key]
    assert outbox.get(other.id).state is ActionState.DONE


async def test_a_lost_answer_is_checked_before_anything_is_resent(db: peewee.SqliteDatabase) -> None:
    clock = FakeClock()
    delivery = ScriptedDelivery([KeetaTransportError("timed out")], applied=True)
    worker = make_worker(delivery, clock)
    action = worker.submit("keeta", "confirm", "21", {})
    await worker.drain()
    assert outbox.get(action.id).state is ActionState.DONE
    assert delivery.sent == [action.key]
    assert delivery.verifications == 1


async def test_a_lost_answer_of_a_safely_repeatable_write_is_resent(db: peewee.SqliteDatabase) -> None:
    clock = FakeClock()
    delivery = ScriptedDelivery([KeetaTransportError("timed out")], applied=None, resend_is_safe=True)
    worker = make_worker(delivery, clock)
    action = worker.submit("keeta", "book", "B-1", {})
    await worker.drain()
    clock.now += 100
    await worker.drain()
    assert outbox.get(action.id).state is ActionState.DONE
    assert delivery.sent == [action.key, action.key]
    assert delivery.verifications == 0


async def test_listeners_see_every_state_change(db: peewee.SqliteDatabase) -> None:
    worker = make_worker(ScriptedDelivery([]), FakeClock())
    seen: list[ActionState] = []
    worker.hub.subscribe(ActionChanged, lambda changed: seen.append(changed.action.state))
    worker.submit("keeta", "agree", "1", {})
    await worker.drain()
    assert seen == [ActionState.PENDING, ActionState.SENDING, ActionState.DONE]


async def test_unclear_lost_answer_waits_for_a_person_who_settles_it(db: peewee.SqliteDatabase) -> None:
    written, _ = outbox.enqueue("keeta", "partial_refund", "13", {"products": [[1, 1]]})
    outbox.mark_sending(written.id)
    clock = FakeClock()
    delivery = ScriptedDelivery([], applied=None)
    worker = make_worker(delivery, clock)
    await worker.resume_interrupted()
    await worker.drain()
    waiting = outbox.get(written.id)
    assert waiting.state is ActionState.NEEDS_PERSON
    assert waiting.platform_view == {"status": "accepted"}
    assert delivery.sent == []
    # A second click while a person has not decided starts nothing new.
    again, created = outbox.enqueue("keeta", "partial_refund", "13", {"products": [[1, 1]]})
    assert (again.id, created) == (written.id, False)

    worker.settle(written.id, went_through=False)
    await worker.drain()
    assert delivery.sent == [written.key]
    assert outbox.get(written.id).state is ActionState.DONE

    other, _ = outbox.enqueue("keeta", "partial_refund", "14", {"products": [[1, 1]]})
    outbox.mark_sending(other.id)
    await worker.resume_interrupted()
    await worker.drain()
    assert worker.settle(other.id, went_through=True).state is ActionState.DONE
    assert delivery.sent == [written.key]


class UnreachableDelivery(ScriptedDelivery):
    async def check(self, action: OutboxAction) -> Checked:
        self.verifications += 1
        raise KeetaTransportError("down", sent=False)


async def test_a_platform_that_cannot_be_asked_ends_with_a_person(db: peewee.SqliteDatabase) -> None:
    clock = FakeClock()
    delivery = UnreachableDelivery([KeetaTransportError("timed out")])
    worker = make_worker(delivery, clock)
    action = worker.submit("keeta", "cancel", "15", {})
    for _ in range(MAX_CHECKS + 2):
        await worker.drain()
        clock.now += 1_000
    assert outbox.get(action.id).state is ActionState.NEEDS_PERSON
    assert delivery.verifications == MAX_CHECKS
    assert delivery.sent == [action.key]
