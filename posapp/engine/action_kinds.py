"""The registry of outbox action kinds: for each (platform, action), how it is sent and how Keeta's or
Zeek's state tells whether it took effect.

A write is sent once per attempt (the clients never resend one). When its answer is lost, the outbox
asks the kind's ``check``: DONE ends it, NOT_DONE allows one more send, UNCLEAR stops it for a person
with ``shows`` (what the platform shows) next to the action's payload (what was asked). A kind whose
resend is harmless (Zeek create reuses its ``client_order_id``) says so with ``resend_is_safe``.

Add a kind with :func:`register` next to the code that sends it (see ``keeta_sender.py``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from posapp.domain.outbox_action import OutboxAction


class Check(Enum):
    DONE = "done"
    NOT_DONE = "not_done"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Checked:
    verdict: Check
    # What the platform shows, in plain JSON (status names, refund lines …), kept for the person.
    shows: dict[str, Any] = field(default_factory=dict)


DONE = Checked(Check.DONE)
NOT_DONE = Checked(Check.NOT_DONE)

# ``context`` is the platform's client (KeetaClient) or the platform's delivery context (Zeek).
Send = Callable[[Any, OutboxAction], Awaitable[dict[str, Any]]]
Verify = Callable[[Any, OutboxAction], Awaitable[Checked]]
Before = Callable[[Any, OutboxAction], Awaitable[dict[str, Any]]]


async def _resend(context: Any, action: OutboxAction) -> Checked:
    return NOT_DONE


@dataclass(frozen=True)
class ActionKind:
    send: Send
    check: Verify = _resend
    # Read before the first send and kept in the payload under "before": the baseline a check compares
    # with when "did it happen?" cannot be read from a status alone (a second identical partial refund).
    before: Before | None = None
    resend_is_safe: bool = False


_KINDS: dict[tuple[str, str], ActionKind] = {}


def register(platform: str, action: str, kind: ActionKind) -> None:
    _KINDS[(platform, action)] = kind


def kind_for(platform: str, action: str) -> ActionKind:
    try:
        return _KINDS[(platform, action)]
    except KeyError:
        raise ValueError(f"unknown {platform} action {action!r}") from None


def kinds(platform: str) -> list[str]:
    return sorted(action for (owner, action) in _KINDS if owner == platform)


class PlatformActionSender:
    """``posapp.engine.outbox.ActionSender`` for one platform: every call goes through the registry."""

    def __init__(self, platform: str, context: Any) -> None:
        self.platform = platform
        self.context = context

    def kind(self, action: OutboxAction) -> ActionKind:
        return kind_for(self.platform, action.action)

    async def before(self, action: OutboxAction) -> dict[str, Any] | None:
        kind = self.kind(action)
        return None if kind.before is None else await kind.before(self.context, action)

    async def send(self, action: OutboxAction) -> dict[str, Any]:
        return await self.kind(action).send(self.context, action)

    async def check(self, action: OutboxAction) -> Checked:
        return await self.kind(action).check(self.context, action)
