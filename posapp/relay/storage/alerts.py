"""What the unacknowledged-order alarm keeps in the relay's database (alarm.py decides when to send).

A policy per store (where to send, after how long, how often again). Each alert is a row keyed by
(store, order event seq, attempt): inserting it is the claim, so of several relay processes, or a
relay and its restarted self, exactly one sends a given attempt. A claim whose send never finished
(the process died mid-send, the receiver failed) may be taken again once it is ``stale`` seconds old,
by compare-and-swap on its claim time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

FORMATS = ("json", "text")  # json: {"text": …} and fields; text: plain body + ntfy-style headers


@dataclass(frozen=True)
class AlertPolicy:
    url: str
    after_seconds: float
    every_seconds: float
    format: str = "json"


@dataclass(frozen=True)
class PendingOrder:
    """A new-order push (Keeta 1001) the store's app has not acknowledged, with its alert so far."""

    store_id: int
    shop_id: int
    store_name: str
    seq: int
    received_at: float
    body: str
    policy: AlertPolicy
    last_attempt: int  # 0: no alert claimed yet
    last_claimed_at: float | None
    last_sent: bool


@dataclass(frozen=True)
class AlertRecord:
    store_id: int
    seq: int
    attempt: int
    due_at: float
    claimed_at: float
    sent_at: float | None
    outcome: str


class AlertStorage(Protocol):
    async def set_policy(self, store_id: int, policy: AlertPolicy, now: float) -> None: ...

    async def clear_policy(self, store_id: int) -> bool: ...

    async def policies(self) -> dict[int, AlertPolicy]:
        """Store id → policy, for every store that has one."""
        ...

    async def pending(self, now: float, window: float) -> list[PendingOrder]:
        """Unacknowledged 1001 pushes of active stores with a policy, received within ``window``
        seconds before ``now`` and at least the policy's ``after_seconds`` ago."""
        ...

    async def claim(self, store_id: int, seq: int, attempt: int, due_at: float, now: float) -> bool:
        """Insert the alert row; True only for the one caller whose insert landed."""
        ...

    async def reclaim(self, store_id: int, seq: int, attempt: int, was: float, now: float) -> bool:
        """Take over an unsent claim made at ``was``; True only if nobody changed it meanwhile."""
        ...

    async def finish(
        self, store_id: int, seq: int, attempt: int, sent_at: float | None, outcome: str
    ) -> None:
        """Record how the send went (``sent_at`` None: it failed and may be claimed again later)."""
        ...

    async def history(self, store_id: int) -> list[AlertRecord]: ...
