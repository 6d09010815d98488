"""Keeta's outbox action kinds: how each is sent, and how ``order/get`` (and the partial-refund preview)
tell whether one whose answer was lost took effect."""

from __future__ import annotations

from typing import Any, TypeVar

from posapp.domain.actions import OrderAction
from posapp.domain.commands import Cancel, OrderCommand, PartialRefund, RejectRefund, from_payload
from posapp.domain.order import Order, OrderStatus
from posapp.domain.outbox_action import OutboxAction, keeta_order_of
from posapp.domain.refund import Actor, RefundKind, RefundRequest, RefundStatus
from posapp.engine import store_kinds
from posapp.engine.action_kinds import (
    DONE,
    NOT_DONE,
    ActionKind,
    Check,
    Checked,
    PlatformActionSender,
    register,
)
from posapp.engine.delivery import keeta_reports
from posapp.keeta.client import KeetaClient
from posapp.keeta.codes import CancelCode, PartRefundType, RejectCode
from posapp.keeta.errors import KeetaError

KEETA = "keeta"
C = TypeVar("C", bound=OrderCommand)


class KeetaActionSender(PlatformActionSender):
    def __init__(self, client: KeetaClient) -> None:
        super().__init__(KEETA, client)


_order_id = keeta_order_of


def _command(action: OutboxAction, kind: type[C]) -> C:
    """The typed command an outbox row holds (posapp/domain/commands.py)."""
    command = from_payload(OrderAction(action.action), action.payload)
    if not isinstance(command, kind):
        raise ValueError(f"outbox action {action.id} holds {command!r}, not a {kind.__name__}")
    return command


# --- status transitions: order/get's status says whether they happened ------------------------------


def _reaches(target: OrderStatus) -> Any:
    async def check(client: KeetaClient, action: OutboxAction) -> Checked:
        order = await client.get(_order_id(action), once=True)
        shows = {"status": order.status.value}
        return Checked(Check.DONE if order.status.rank >= target.rank else Check.NOT_DONE, shows)

    return check


async def _confirm(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    await client.confirm(_order_id(action))
    return {}


async def _prepare(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    await client.prepare(_order_id(action))
    return {}


async def _collect(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    await client.collect(_order_id(action))
    return {}


async def _cancel(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    command = _command(action, Cancel)
    await client.cancel(_order_id(action), CancelCode(command.code), command.reason)
    return {}


async def _cancelled(client: KeetaClient, action: OutboxAction) -> Checked:
    order = await client.get(_order_id(action), once=True)
    done = order.status is OrderStatus.CANCELLED
    return Checked(Check.DONE if done else Check.NOT_DONE, {"status": order.status.value})


# --- answers to a customer's refund request: the request's state says -------------------------------


async def _agree(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    await client.agree(_order_id(action))
    return {}


async def _reject(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    command = _command(action, RejectRefund)
    await client.reject(_order_id(action), RejectCode(command.code), command.reason)
    return {}


def _answered(wanted: RefundStatus) -> Any:
    async def check(client: KeetaClient, action: OutboxAction) -> Checked:
        order = await client.get(_order_id(action), once=True)
        asked = [r for r in order.refunds if r.requested_by is not Actor.MERCHANT]
        latest = max(asked, key=lambda r: (r.requested_at, r.after_sale_order_id), default=None)
        shows = {"refund": None if latest is None else latest.status.value}
        if latest is None:
            return Checked(Check.UNCLEAR, shows)
        if latest.status is wanted:
            return Checked(Check.DONE, shows)
        if latest.is_pending:
            return Checked(Check.NOT_DONE, shows)
        # Settled some other way (auto-agreed, withdrawn): sending again cannot change it.
        return Checked(Check.UNCLEAR, shows)

    return check


# --- merchant partial refund: refund records and refundable counts against a baseline ---------------


def asked_products(action: OutboxAction) -> dict[int, int]:
    wanted: dict[int, int] = {}
    for line, count in _command(action, PartialRefund).products:
        wanted[line] = wanted.get(line, 0) + count
    return wanted


def _partial_refunds(order: Order) -> list[RefundRequest]:
    return [r for r in order.refunds if r.kind is RefundKind.PARTIAL]


def _lines(refund: RefundRequest) -> dict[int, int]:
    lines: dict[int, int] = {}
    for item in refund.items:
        lines[item.line_id] = lines.get(item.line_id, 0) + item.count
    return lines


async def _refundable(client: KeetaClient, order_view_id: int) -> dict[str, int] | None:
    """Line id (as text, for JSON) → count still refundable; None when Keeta will not preview."""
    try:
        preview = await client.partial_refund_preview(order_view_id, once=True)
    except KeetaError as error:
        if error.code is None:
            raise  # not an answer: the check itself must be tried again
        return None
    return {str(line.line_id): line.refundable_count for line in preview.lines}


async def _refund_baseline(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    order_id = _order_id(action)
    order = await client.get(order_id, once=True)
    return {
        "refund_ids": [r.after_sale_order_id for r in _partial_refunds(order)],
        "refundable": await _refundable(client, order_id),
    }


async def _partial_refund(client: KeetaClient, action: OutboxAction) -> dict[str, Any]:
    command = _command(action, PartialRefund)
    data = await client.partial_refund_apply(
        _order_id(action), list(command.products), PartRefundType(command.refund_type), command.reason
    )
    return {"data": data}


async def _partial_refunded(client: KeetaClient, action: OutboxAction) -> Checked:
    order_id = _order_id(action)
    before = action.payload.get("before") or {}
    known = {int(i) for i in before.get("refund_ids", [])}
    order = await client.get(order_id, once=True)
    new = [r for r in _partial_refunds(order) if r.after_sale_order_id not in known]
    now = await _refundable(client, order_id)
    asked = asked_products(action)
    shows: dict[str, Any] = {
        "new_refunds": [
            {"lines": {str(k): v for k, v in _lines(r).items()}, "amount": r.amount.cents} for r in new
        ],
        "refundable_before": before.get("refundable"),
        "refundable_now": now,
    }
    if any(_lines(r) == asked for r in new):
        return Checked(Check.DONE, shows)
    then = before.get("refundable")
    unchanged = (
        now is not None
        and then is not None
        and all(now.get(str(line)) == then.get(str(line)) for line in asked)
    )
    if not new and unchanged:
        return Checked(Check.NOT_DONE, shows)
    return Checked(Check.UNCLEAR, shows)


async def _reported(client: KeetaClient, action: OutboxAction) -> Checked:
    order = await client.get(_order_id(action), once=True)
    done = keeta_reports.report_reached(order, action)
    shows = {"status": order.status.value, "courier": order.courier.status.value}
    return Checked(Check.DONE if done else Check.NOT_DONE, shows)


# Keeta's dispatch table: each cashier command's kind → how it is sent and how order/get checks it.
KEETA_COMMANDS: dict[OrderAction, ActionKind] = {
    OrderAction.CONFIRM: ActionKind(_confirm, _reaches(OrderStatus.ACCEPTED)),
    OrderAction.PREPARE: ActionKind(_prepare, _reaches(OrderStatus.READY)),
    OrderAction.COLLECT: ActionKind(_collect, _reaches(OrderStatus.COMPLETED)),
    OrderAction.CANCEL: ActionKind(_cancel, _cancelled),
    OrderAction.AGREE_REFUND: ActionKind(_agree, _answered(RefundStatus.AGREED)),
    OrderAction.REJECT_REFUND: ActionKind(_reject, _answered(RefundStatus.REJECTED)),
    OrderAction.PARTIAL_REFUND: ActionKind(_partial_refund, _partial_refunded, before=_refund_baseline),
}


def _register() -> None:
    for kind, sending in KEETA_COMMANDS.items():
        register(KEETA, kind.value, sending)
    # Self-delivery reports (keeta.md §6): order/get's courier state says whether Keeta took them.
    for report in keeta_reports.REPORTS:
        register(KEETA, report, ActionKind(keeta_reports.send_report, _reported))


_register()
store_kinds.register_all()

__all__ = ["DONE", "NOT_DONE", "KeetaActionSender", "asked_products"]
