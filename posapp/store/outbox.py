"""The outbox table: every cashier action is written here before anything is sent.

States: ``pending`` (waiting for its attempt time) → ``sending`` (committed just before the request
leaves, so a crash mid-request is visible at restart) → ``done`` or ``failed``, or ``needs_person``
when the platform's state cannot tell whether a write whose answer was lost took effect. A pending
action with ``needs_check`` set is checked against the platform before it may be sent again: the
idempotency key never gets a second send unless that check, or a person, says the first did not
happen. Call from the app's event-loop thread only; each function is one short transaction.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import peewee

from posapp.domain.outbox_action import ActionState, OutboxAction
from posapp.store.db import database_proxy
from posapp.store.models import OutboxActionRecord

__all__ = ["ActionState", "OutboxAction"]  # the values this table holds (posapp/domain/outbox_action.py)


# An action waiting for a person still holds its key: a second click must not start another send.
OPEN_STATES = (ActionState.PENDING.value, ActionState.SENDING.value, ActionState.NEEDS_PERSON.value)


def action_from(row: OutboxActionRecord) -> OutboxAction:
    return OutboxAction(
        id=int(row.id),
        key=str(row.idempotency_key),
        platform=str(row.platform),
        action=str(row.action),
        order_ref=str(row.order_ref),
        payload=json.loads(str(row.payload)),
        state=ActionState(row.state),
        attempts=int(row.attempts),
        next_attempt_at=float(row.next_attempt_at),
        last_error=str(row.last_error),
        error_code=None if row.error_code is None else int(row.error_code),
        needs_check=bool(row.needs_check),
        platform_view=json.loads(str(row.platform_view)) if row.platform_view else None,
        created_at=int(row.created_at),
        checks=int(row.checks),
    )


def enqueue(
    platform: str, action: str, order_ref: str, payload: dict[str, Any], key: str | None = None
) -> tuple[OutboxAction, bool]:
    """Write an action durably; a second click on the same open action returns the first.

    Returns ``(action, created)``.
    """
    now = int(time.time())
    with database_proxy.atomic():
        existing = (
            OutboxActionRecord.select()
            .where(
                (OutboxActionRecord.order_ref == order_ref)
                & (OutboxActionRecord.action == action)
                & (OutboxActionRecord.platform == platform)
                & (OutboxActionRecord.state.in_(OPEN_STATES))
            )
            .first()
        )
        if existing is not None:
            return action_from(existing), False
        if key is not None:
            same_key = OutboxActionRecord.get_or_none(OutboxActionRecord.idempotency_key == key)
            if same_key is not None:
                return action_from(same_key), False
        row = OutboxActionRecord.create(
            idempotency_key=key or uuid.uuid4().hex,
            platform=platform,
            action=action,
            order_ref=order_ref,
            payload=json.dumps(payload, ensure_ascii=False),
            state=ActionState.PENDING.value,
            created_at=now,
            updated_at=now,
        )
    return action_from(row), True


def get(action_id: int) -> OutboxAction:
    return action_from(OutboxActionRecord.get_by_id(action_id))


def result_of(action_id: int) -> dict[str, Any]:
    """What the platform answered to a done action, as its kind's ``send`` kept it ({} otherwise)."""
    raw = str(OutboxActionRecord.get_by_id(action_id).result or "")
    value = json.loads(raw) if raw else {}
    return value if isinstance(value, dict) else {}


def due(now: float, limit: int = 20) -> list[OutboxAction]:
    rows = (
        OutboxActionRecord.select()
        .where(
            (OutboxActionRecord.state == ActionState.PENDING.value)
            & (OutboxActionRecord.next_attempt_at <= now)
        )
        .order_by(OutboxActionRecord.next_attempt_at, OutboxActionRecord.id)
        .limit(limit)
    )
    return [action_from(row) for row in rows]


def interrupted() -> list[OutboxAction]:
    """Actions that were on their way when the app stopped: their outcome must be checked, not assumed."""
    rows = OutboxActionRecord.select().where(OutboxActionRecord.state == ActionState.SENDING.value)
    return [action_from(row) for row in rows.order_by(OutboxActionRecord.id)]


def open_for(order_ref: str) -> list[OutboxAction]:
    """Open actions on one ``order_ref`` (an order, or a store: posapp/engine/store_kinds.py)."""
    rows = OutboxActionRecord.select().where(
        (OutboxActionRecord.order_ref == order_ref) & (OutboxActionRecord.state.in_(OPEN_STATES))
    )
    return [action_from(row) for row in rows.order_by(OutboxActionRecord.id)]


def open_for_prefix(prefix: str) -> list[OutboxAction]:
    """Open actions whose ``order_ref`` starts with ``prefix`` (several items of one store's menu)."""
    rows = OutboxActionRecord.select().where(
        OutboxActionRecord.order_ref.startswith(prefix) & (OutboxActionRecord.state.in_(OPEN_STATES))
    )
    return [action_from(row) for row in rows.order_by(OutboxActionRecord.id)]


def next_due_time() -> float | None:
    row = (
        OutboxActionRecord.select(peewee.fn.MIN(OutboxActionRecord.next_attempt_at).alias("first"))
        .where(OutboxActionRecord.state == ActionState.PENDING.value)
        .dicts()
        .first()
    )
    return None if row is None or row["first"] is None else float(row["first"])


def _update(action_id: int, **fields: Any) -> OutboxAction:
    fields["updated_at"] = int(time.time())
    with database_proxy.atomic():
        OutboxActionRecord.update(**fields).where(OutboxActionRecord.id == action_id).execute()
    return get(action_id)


def mark_sending(action_id: int) -> OutboxAction:
    return _update(action_id, state=ActionState.SENDING.value, attempts=OutboxActionRecord.attempts + 1)


def mark_done(action_id: int, result: dict[str, Any] | None = None) -> OutboxAction:
    return _update(
        action_id, state=ActionState.DONE.value, result=json.dumps(result or {}, ensure_ascii=False)
    )


def mark_retry(action_id: int, at: float, error: str, code: int | None) -> OutboxAction:
    """Send again at ``at``: the platform did not act on the last attempt."""
    return _update(
        action_id,
        state=ActionState.PENDING.value,
        next_attempt_at=at,
        last_error=error,
        error_code=code,
        needs_check=0,
    )


def mark_unknown(action_id: int, at: float, error: str) -> OutboxAction:
    """The last attempt may have reached the platform: at ``at``, check it before anything is resent."""
    return _update(
        action_id,
        state=ActionState.PENDING.value,
        next_attempt_at=at,
        last_error=error,
        error_code=None,
        needs_check=1,
    )


def set_payload(action_id: int, payload: dict[str, Any]) -> OutboxAction:
    """Keep what was read before the first send (the baseline a later check compares with)."""
    return _update(action_id, payload=json.dumps(payload, ensure_ascii=False))


def mark_check_failed(action_id: int, at: float, error: str) -> OutboxAction:
    """The platform could not be asked; ask again at ``at`` (still nothing is resent)."""
    return _update(action_id, next_attempt_at=at, last_error=error, checks=OutboxActionRecord.checks + 1)


def mark_needs_person(action_id: int, platform_view: dict[str, Any], error: str) -> OutboxAction:
    return _update(
        action_id,
        state=ActionState.NEEDS_PERSON.value,
        platform_view=json.dumps(platform_view, ensure_ascii=False),
        last_error=error,
        needs_check=0,
    )


def settle_by_person(action_id: int, went_through: bool) -> OutboxAction:
    """A person looked at the platform: it went through (done), or send it again now."""
    row = OutboxActionRecord.get_by_id(action_id)
    if row.state != ActionState.NEEDS_PERSON.value:
        return action_from(row)
    if went_through:
        return _update(
            action_id, state=ActionState.DONE.value, result=json.dumps({"confirmed_by_person": True})
        )
    return _update(
        action_id, state=ActionState.PENDING.value, next_attempt_at=0, needs_check=0, last_error=""
    )


def needing_person() -> list[OutboxAction]:
    rows = OutboxActionRecord.select().where(OutboxActionRecord.state == ActionState.NEEDS_PERSON.value)
    return [action_from(row) for row in rows.order_by(OutboxActionRecord.id)]


def mark_failed(action_id: int, error: str, code: int | None) -> OutboxAction:
    return _update(action_id, state=ActionState.FAILED.value, last_error=error, error_code=code)
