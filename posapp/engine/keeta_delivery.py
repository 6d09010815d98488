"""How outbox actions for Keeta are sent, and how their effect is checked after a crash or timeout."""

from __future__ import annotations

from typing import Any

from posapp.domain.actions import OrderAction
from posapp.domain.order import Order, OrderStatus
from posapp.domain.refund import RefundStatus
from posapp.engine.delivery import keeta_reports
from posapp.keeta.client import KeetaClient
from posapp.keeta.codes import CancelCode, PartRefundType, RejectCode
from posapp.store.outbox import OutboxAction

# The status an order reaches when each action took effect; checked with order/get.
_REACHES = {
    OrderAction.CONFIRM.value: OrderStatus.ACCEPTED,
    OrderAction.PREPARE.value: OrderStatus.READY,
    OrderAction.COLLECT.value: OrderStatus.COMPLETED,
    OrderAction.CANCEL.value: OrderStatus.CANCELLED,
}


class KeetaDelivery:
    def __init__(self, client: KeetaClient) -> None:
        self._client = client

    async def send(self, action: OutboxAction) -> dict[str, Any]:
        order_id = int(action.order_ref)
        payload = action.payload
        name = action.action
        if name == OrderAction.CONFIRM.value:
            await self._client.confirm(order_id)
        elif name == OrderAction.PREPARE.value:
            await self._client.prepare(order_id)
        elif name == OrderAction.COLLECT.value:
            await self._client.collect(order_id)
        elif name == OrderAction.CANCEL.value:
            await self._client.cancel(order_id, CancelCode(payload["code"]), payload.get("reason", ""))
        elif name == OrderAction.AGREE_REFUND.value:
            await self._client.agree(order_id)
        elif name == OrderAction.REJECT_REFUND.value:
            await self._client.reject(order_id, RejectCode(payload["code"]), payload.get("reason", ""))
        elif name == OrderAction.PARTIAL_REFUND.value:
            products = [(int(line), int(count)) for line, count in payload["products"]]
            data = await self._client.partial_refund_apply(
                order_id, products, PartRefundType(payload["type"]), payload.get("reason", "")
            )
            return {"data": data}
        elif name in keeta_reports.REPORTS:
            return await keeta_reports.send_report(self._client, action)
        else:
            raise ValueError(f"unknown Keeta action {name!r}")
        return {}

    async def already_applied(self, action: OutboxAction) -> bool | None:
        order = await self._client.get(int(action.order_ref))
        return reached(order, action)


def reached(order: Order, action: OutboxAction) -> bool | None:
    """Does Keeta's copy of the order show that ``action`` took effect? None: it cannot tell."""
    if action.action in keeta_reports.REPORTS:
        return keeta_reports.report_reached(order, action)
    target = _REACHES.get(action.action)
    if target is not None:
        return order.status.rank >= target.rank
    if action.action in (OrderAction.AGREE_REFUND.value, OrderAction.REJECT_REFUND.value):
        wanted = (
            RefundStatus.AGREED if action.action == OrderAction.AGREE_REFUND.value else RefundStatus.REJECTED
        )
        return any(refund.status is wanted for refund in order.refunds)
    # A partial refund cannot be told apart from an earlier identical one: a person must decide.
    return None
