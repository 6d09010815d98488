"""Sends the outbox's actions to the platforms: the one place where a write is retried.

Clients send a write once and say what the attempt came to (``Outcome``, posapp/domain/retry.py):
- NOT_SENT / NOT_DONE: nothing happened at the platform; sent again after the policy's back-off.
- REFUSED: a final no; when it carries a code, the platform's state is read first, because a repeat
  of a transition that did happen ("already confirmed") also answers no.
- UNKNOWN (timeout, dropped connection, answer unreadable; or the app stopped mid-send): the action's
  kind reads the platform's state (posapp/engine/action_kinds.py). DONE ends it, NOT_DONE allows one
  more send, UNCLEAR stops it in ``needs_person`` with what the platform shows. Nothing is resent on a
  lost answer unless the check, or a person, says the first send did not take effect.

Requests per cashier click are bounded: at most ``policy.max_attempts`` attempts (each one send, or a
kind's baseline reads until they succeed once), one check after each send whose answer was lost, and
at most ``MAX_CHECKS`` checks in all that cannot reach the platform. A check reads once (one or two
reads; the clients do not retry them): with the defaults, 25 requests for a status change, 50 for a
partial refund (tests/lost_answers/test_fault_matrix.py asserts the same formula).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from posapp.domain.outbox_action import ActionState, OutboxAction
from posapp.domain.retry import Outcome, RetryPolicy
from posapp.engine.action_kinds import ActionKind, Check, Checked
from posapp.engine.hub import EventHub
from posapp.store import outbox

log = logging.getLogger(__name__)

# Checks that could not reach the platform before the action waits for a person.
MAX_CHECKS = 5
OUTBOX_POLICY = RetryPolicy(first_delay=1.0, max_delay=60.0, max_attempts=10)

__all__ = [
    "MAX_CHECKS",
    "OUTBOX_POLICY",
    "ActionChanged",
    "ActionSender",
    "OutboxWorker",
    "RetryPolicy",
    "is_open",
]


class ActionSender(Protocol):
    """How actions of one platform reach it (``action_kinds.PlatformActionSender``)."""

    async def before(self, action: OutboxAction) -> dict[str, Any] | None: ...

    async def send(self, action: OutboxAction) -> dict[str, Any]: ...

    async def check(self, action: OutboxAction) -> Checked: ...

    def kind(self, action: OutboxAction) -> ActionKind: ...


@dataclass(frozen=True)
class ActionChanged:
    """An outbox action was written, moved on, or needs a person again (published on the hub)."""

    action: OutboxAction


UNKNOWN_OUTCOME = "The app stopped while this was being sent; check the order before trying again."
UNCLEAR = "The answer was lost and the platform's state does not show whether this went through."
UNREACHABLE = "The answer was lost and the platform could not be asked whether this went through."


def _outcome(error: BaseException) -> Outcome | None:
    outcome = getattr(error, "outcome", None)
    return outcome if isinstance(outcome, Outcome) else None


def _code(error: BaseException) -> int | None:
    code = getattr(error, "code", None)
    return code if isinstance(code, int) else None


class OutboxWorker:
    """One task that drains the outbox. Runs on the app's event loop; sends one action at a time."""

    def __init__(
        self,
        senders: dict[str, ActionSender],
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        seed: int | None = None,
        *,
        hub: EventHub | None = None,
    ) -> None:
        self.hub = hub if hub is not None else EventHub()
        self._senders = senders
        self._policy = policy or OUTBOX_POLICY
        self._clock = clock
        self._rng = random.Random(seed)
        self._wake = asyncio.Event()

    def submit(
        self, platform: str, action: str, order_ref: str, payload: dict[str, Any], key: str | None = None
    ) -> OutboxAction:
        """Write the action durably and wake the worker; a repeated click returns the open action."""
        if platform not in self._senders:
            raise ValueError(f"no sender for platform {platform!r}")
        written, created = outbox.enqueue(platform, action, order_ref, payload, key)
        if created:
            self._emit(written)
            self._wake.set()
        return written

    def settle(self, action_id: int, went_through: bool) -> OutboxAction:
        """A person's answer for an action in ``needs_person``: it went through, or send it again."""
        settled = outbox.settle_by_person(action_id, went_through)
        log.warning("outbox: %s %s settled by a person: %s", settled.action, settled.order_ref,
                    "went through" if went_through else "send again")  # fmt: skip
        self._emit(settled)
        self._wake.set()
        return settled

    async def run(self) -> None:
        await self.resume_interrupted()
        while True:
            await self.drain()
            await self._sleep_until_next()

    async def resume_interrupted(self) -> None:
        """Actions in flight when the app stopped: their outcome is checked before anything is resent.

        Actions still waiting for a person from an earlier run are announced again for the screens."""
        for waiting in outbox.needing_person():
            self._emit(waiting)
        for action in outbox.interrupted():
            log.warning("outbox: action %s %s was in flight at shutdown; checking", action.id, action.action)
            self._emit(outbox.mark_unknown(action.id, self._clock(), UNKNOWN_OUTCOME))

    async def drain(self) -> int:
        """Attempt (or check) every due action once; returns how many were handled."""
        handled = 0
        for action in outbox.due(self._clock()):
            if action.needs_check:
                await self._check(action)
            else:
                await self._attempt(action)
            handled += 1
        return handled

    async def _attempt(self, action: OutboxAction) -> None:
        sender = self._senders[action.platform]
        if "before" not in action.payload:  # read until it succeeds once, always before the first send
            try:
                before = await sender.before(action)
            except Exception as error:  # nothing was sent: this is a failed attempt to begin
                self._emit(self._failed_before_sending(action, error))
                return
            if before is not None:
                action = outbox.set_payload(action.id, {**action.payload, "before": before})
        sending = outbox.mark_sending(action.id)
        self._emit(sending)
        try:
            result = await sender.send(sending)
        except Exception as error:
            await self._after_failure(sending, error)
            return
        self._emit(outbox.mark_done(action.id, result))

    def _failed_before_sending(self, action: OutboxAction, error: Exception) -> OutboxAction:
        if _outcome(error) in (Outcome.NOT_SENT, Outcome.NOT_DONE, Outcome.UNKNOWN):
            # Its reads failed; count it as an attempt so an unreachable platform still ends.
            failed = outbox.mark_sending(action.id)
            return self._retry_or_give_up(failed, error)
        log.warning("outbox: %s could not start: %s", action.action, error)
        return outbox.mark_failed(action.id, str(error), _code(error))

    def _retry_or_give_up(self, action: OutboxAction, error: BaseException) -> OutboxAction:
        code = _code(error)
        if self._policy.exhausted(action.attempts):
            log.error("outbox: %s gave up after %d attempts: %s", action.action, action.attempts, error)
            return outbox.mark_failed(action.id, str(error), code)
        retry_after = getattr(error, "retry_after", None)
        delay = self._policy.delay(action.attempts, self._rng, retry_after)
        log.info("outbox: %s not done (%s), sending again in %.1f s", action.action, error, delay)
        return outbox.mark_retry(action.id, self._clock() + delay, str(error), code)

    async def _after_failure(self, action: OutboxAction, error: Exception) -> None:
        outcome = _outcome(error)
        if outcome is Outcome.UNKNOWN:
            if self._senders[action.platform].kind(action).resend_is_safe:
                self._emit(self._retry_or_give_up(action, error))
                return
            log.warning("outbox: %s %s answer lost (%s); checking", action.action, action.order_ref, error)
            unknown = outbox.mark_unknown(action.id, self._clock(), str(error))
            self._emit(unknown)
            await self._check(unknown)
            return
        if outcome is not None and outcome.may_resend:
            self._emit(self._retry_or_give_up(action, error))
            return
        code = _code(error)
        if code is not None and await self._shows_done(action):
            log.info("outbox: %s answered %s but had already taken effect", action.action, code)
            self._emit(outbox.mark_done(action.id, {"verified": True}))
            return
        if outcome is None:
            log.exception("outbox: %s failed unexpectedly", action.action, exc_info=error)
        else:
            log.warning("outbox: %s refused: %s", action.action, error)
        self._emit(outbox.mark_failed(action.id, str(error), code))

    async def _check(self, action: OutboxAction) -> None:
        """Read the platform's state for an action whose last send may have reached it."""
        try:
            checked = await self._senders[action.platform].check(action)
        except Exception as error:
            self._emit(self._check_failed(action, error))
            return
        if checked.verdict is Check.DONE:
            log.info("outbox: %s %s had taken effect (checked)", action.action, action.order_ref)
            self._emit(outbox.mark_done(action.id, {"verified": True, "shows": checked.shows}))
        elif checked.verdict is Check.NOT_DONE:
            log.info("outbox: %s %s had not taken effect; sending again", action.action, action.order_ref)
            self._emit(self._retry_or_give_up(action, RuntimeError(action.last_error or "not done")))
        else:
            log.warning("outbox: %s %s unclear, needs a person: %s", action.action, action.order_ref,
                        checked.shows)  # fmt: skip
            self._emit(outbox.mark_needs_person(action.id, checked.shows, UNCLEAR))

    def _check_failed(self, action: OutboxAction, error: Exception) -> OutboxAction:
        if _outcome(error) is Outcome.REFUSED or action.checks + 1 >= MAX_CHECKS:
            log.warning("outbox: could not check %s (%s); needs a person", action.action, error)
            return outbox.mark_needs_person(action.id, {"error": str(error)}, UNREACHABLE)
        delay = self._policy.delay(action.checks + 1, self._rng, getattr(error, "retry_after", None))
        log.info("outbox: could not check %s (%s); asking again in %.1f s", action.action, error, delay)
        return outbox.mark_check_failed(action.id, self._clock() + delay, str(error))

    async def _shows_done(self, action: OutboxAction) -> bool:
        try:
            checked = await self._senders[action.platform].check(action)
        except Exception as error:
            log.warning("outbox: could not verify %s: %s", action.action, error)
            return False
        return checked.verdict is Check.DONE

    async def _sleep_until_next(self) -> None:
        self._wake.clear()
        next_due = outbox.next_due_time()
        timeout = None if next_due is None else max(0.0, next_due - self._clock())
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=timeout)
        except TimeoutError:
            return

    def _emit(self, action: OutboxAction) -> None:
        self.hub.publish(ActionChanged(action))


def is_open(action: OutboxAction) -> bool:
    return action.state in (ActionState.PENDING, ActionState.SENDING)
