"""A cashier action as the outbox holds it: what the screens show ("sending…", "needs you") and what
the senders read. The table behind it lives in ``posapp/store/outbox.py``; this is the plain value the
store returns, the engine publishes (``ActionChanged``) and the screens draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

KEETA = "keeta"


class ActionState(Enum):
    PENDING = "pending"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"
    NEEDS_PERSON = "needs_person"


@dataclass(frozen=True)
class OutboxAction:
    id: int
    key: str
    platform: str
    action: str
    order_ref: str  # Keeta: the order's orderViewId in digits; Zeek: the booking's client_order_id
    payload: dict[str, Any]
    state: ActionState
    attempts: int
    next_attempt_at: float
    last_error: str = ""
    error_code: int | None = None
    # The last attempt may have reached the platform: check before sending again.
    needs_check: bool = False
    # What the platform showed when a check could not decide (for the person who settles it).
    platform_view: dict[str, Any] | None = None
    created_at: int = 0
    checks: int = 0

    @property
    def order_view_id(self) -> int | None:
        """The Keeta order this action is about (None for a Zeek booking's actions)."""
        if self.platform != KEETA or not self.order_ref.isdigit():
            return None
        return int(self.order_ref)


def keeta_order_of(action: OutboxAction) -> int:
    """The Keeta order a Keeta action is about; ValueError for an action that names none."""
    order_view_id = action.order_view_id
    if order_view_id is None:
        raise ValueError(f"not a Keeta order action: {action.platform} {action.order_ref!r}")
    return order_view_id
