"""Sends the outbox's actions to the platforms: retry what may be retried, never act twice.

Each attempt is committed as ``sending`` before the request leaves. After a crash such an action is
not simply re-sent: :meth:`Delivery.already_applied` asks the platform (e.g. ``order/get``) whether
it took effect. The same check settles a business error that only says "already done", which is what
Keeta answers to a confirm whose first attempt timed out but did arrive.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from posapp.store import outbox
from posapp.store.outbox import ActionState, OutboxAction

log = logging.getLogger(__name__)


class Delivery(Protocol):
    """How actions of one platform reach it."""

    async def send(self, action: OutboxAction) -> dict[str, Any]: ...

    async def already_applied(self, action: OutboxAction) -> bool | None:
        """Whether the platform shows the action's effect; None when it cannot be told."""
        ...


@dataclass(frozen=True)
class RetryPolicy:
    first_delay: float = 1.0
    max_delay: float = 60.0
    max_attempts: int = 10
    jitter: float = 0.2

    def delay(self, attempts: int, rng: random.Random) -> float:
        base = min(self.max_delay, self.first_delay * 2 ** max(0, attempts - 1))
        return base * (1 + rng.uniform(-self.jitter, self.jitter))


Listener = Callable[[OutboxAction], None]

UNKNOWN_OUTCOME = "The app stopped while this was being sent; check the order before trying again."


def _is_retryable(error: BaseException) -> bool:
    return bool(getattr(error, "retryable", False))


def _code(error: BaseException) -> int | None:
    code = getattr(error, "code", None)
    return code if isinstance(code, int) else None


class OutboxWorker:
    """One task that drains the outbox. Runs on the app's event loop; sends one action at a time."""

    def __init__(
        self,
        deliveries: dict[str, Delivery],
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        seed: int | None = None,
    ) -> None:
        self._deliveries = deliveries
        self._policy = policy or RetryPolicy()
        self._clock = clock
        self._rng = random.Random(seed)
        self._wake = asyncio.Event()
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def submit(
        self, platform: str, action: str, order_ref: str, payload: dict[str, Any], key: str | None = None
    ) -> OutboxAction:
        """Write the action durably and wake the worker; a repeated click returns the open action."""
        if platform not in self._deliveries:
            raise ValueError(f"no delivery for platform {platform!r}")
        written, created = outbox.enqueue(platform, action, order_ref, payload, key)
        if created:
            self._emit(written)
            self._wake.set()
        return written

    async def run(self) -> None:
        await self.resume_interrupted()
        while True:
            await self.drain()
            await self._sleep_until_next()

    async def resume_interrupted(self) -> None:
        for action in outbox.interrupted():
            log.warning("outbox: action %s %s was in flight at shutdown; checking", action.id, action.action)
            try:
                applied = await self._deliveries[action.platform].already_applied(action)
            except Exception as error:
                # Offline at start-up: resending is safe where the platform refuses repeats (confirm …);
                # actions it cannot check answer None above rather than raising.
                log.warning("outbox: could not verify %s yet (%s); will send again", action.action, error)
                self._emit(outbox.mark_retry(action.id, self._clock(), str(error), action.error_code))
                continue
            if applied:
                self._emit(outbox.mark_done(action.id, {"verified": True}))
            elif applied is None:
                self._emit(outbox.mark_failed(action.id, UNKNOWN_OUTCOME, action.error_code))
            else:
                self._emit(outbox.mark_retry(action.id, self._clock(), action.last_error, action.error_code))

    async def drain(self) -> int:
        """Attempt every due action once; returns how many were attempted."""
        attempted = 0
        for action in outbox.due(self._clock()):
            await self._attempt(action)
            attempted += 1
        return attempted

    async def _attempt(self, action: OutboxAction) -> None:
        delivery = self._deliveries[action.platform]
        sending = outbox.mark_sending(action.id)
        self._emit(sending)
        try:
            result = await delivery.send(sending)
        except Exception as error:
            self._emit(await self._after_failure(sending, error))
            return
        self._emit(outbox.mark_done(action.id, result))

    async def _after_failure(self, action: OutboxAction, error: Exception) -> OutboxAction:
        code = _code(error)
        if _is_retryable(error):
            if action.attempts >= self._policy.max_attempts:
                log.error("outbox: %s gave up after %d attempts: %s", action.action, action.attempts, error)
                return outbox.mark_failed(action.id, str(error), code)
            delay = self._policy.delay(action.attempts, self._rng)
            log.info("outbox: %s failed (%s), retrying in %.1f s", action.action, error, delay)
            return outbox.mark_retry(action.id, self._clock() + delay, str(error), code)
        if code is not None and await self._applied(action):
            log.info("outbox: %s answered %s but had already taken effect", action.action, code)
            return outbox.mark_done(action.id, {"verified": True})
        if code is None and not hasattr(error, "retryable"):
            log.exception("outbox: %s failed unexpectedly", action.action, exc_info=error)
        else:
            log.warning("outbox: %s refused: %s", action.action, error)
        return outbox.mark_failed(action.id, str(error), code)

    async def _applied(self, action: OutboxAction) -> bool:
        try:
            return bool(await self._deliveries[action.platform].already_applied(action))
        except Exception as error:
            log.warning("outbox: could not verify %s: %s", action.action, error)
            return False

    async def _sleep_until_next(self) -> None:
        self._wake.clear()
        next_due = outbox.next_due_time()
        timeout = None if next_due is None else max(0.0, next_due - self._clock())
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=timeout)
        except TimeoutError:
            return

    def _emit(self, action: OutboxAction) -> None:
        for listener in self._listeners:
            try:
                listener(action)
            except Exception:
                log.exception("outbox listener failed")


def is_open(action: OutboxAction) -> bool:
    return action.state in (ActionState.PENDING, ActionState.SENDING)
