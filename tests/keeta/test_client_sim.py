"""KeetaClient against the real simulator over HTTP on 127.0.0.1, every endpoint and its error paths.

The simulator's signed pushes go to a receiver in the test and are read back with the relay's
verified parse, so the client, the webhook parser and the simulator are checked against each other.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from posapp.domain.events import CourierChanged, OrderPlaced, OrderStatusChanged, RefundChanged
from posapp.domain.order import Courier, CourierStatus, Fulfilment, OrderStatus
from posapp.domain.refund import Actor, RefundKind, RefundStatus
from posapp.domain.retry import Outcome
from posapp.keeta import codes
from posapp.keeta.client import KeetaClient
from posapp.keeta.codes import CancelCode, PartRefundType, RejectCode
from posapp.keeta.config import KeetaConfig
from posapp.keeta.errors import KeetaAuthError, KeetaBusinessError, KeetaTransportError, MissingReasonError
from posapp.keeta.signing import verify_webhook
from posapp.keeta.webhooks import parse_webhook
from posapp.sim.keeta.incidents import ApiFault
from posapp.sim.server import SimServer
from tests.keeta.conftest import WebhookReceiver


class Sim:
    """The simulator's control API and the pushes it made, parsed as the relay would."""

    def __init__(self, server: SimServer, receiver: WebhookReceiver) -> None:
        self.server = server
        self.receiver = receiver
        self.http = httpx.AsyncClient(base_url=server.base_url, timeout=5.0)

    async def create(self, mode: str) -> int:
        answer = await self.http.post("/sim/keeta/orders", json={"mode": mode})
        answer.raise_for_status()
        order_view_id: int = answer.json()["orderViewId"]
        return order_view_id

    async def refund_request(self, order_view_id: int, partial: bool) -> int:
        answer = await self.http.post(
            f"/sim/keeta/orders/{order_view_id}/refund-request", json={"partial": partial}
        )
        answer.raise_for_status()
        after_sale: int = answer.json()["afterSaleOrderId"]
        return after_sale

    async def view(self, order_view_id: int) -> dict[str, Any]:
        answer = await self.http.get(f"/sim/keeta/orders/{order_view_id}")
        answer.raise_for_status()
        view: dict[str, Any] = answer.json()
        return view

    async def advance(self, seconds: float) -> None:
        (await self.http.post("/sim/clock/advance", json={"seconds": seconds})).raise_for_status()

    def parse(self, raw: bytes) -> Any:
        c = self.server.ctx.config
        assert verify_webhook(json.loads(raw), self.receiver.url, c.secret, c.app_id).ok
        return parse_webhook(raw)

    async def events(self, match: Callable[[Any], bool], count: int = 1) -> list[Any]:
        """Wait until ``count`` received pushes satisfy ``match``; return those events."""

        def found(bodies: list[bytes]) -> list[Any]:
            return [e for e in (self.parse(b) for b in bodies if b.strip()) if match(e)]

        await self.receiver.wait_for(lambda bodies: len(found(bodies)) >= count)
        return found(self.receiver.bodies)


@pytest.fixture
async def control(sim: SimServer, receiver: WebhookReceiver) -> AsyncIterator[Sim]:
    helper = Sim(sim, receiver)
    yield helper
    await helper.http.aclose()


def about(order_view_id: int, kind: type, **fields: Any) -> Callable[[Any], bool]:
    def match(event: Any) -> bool:
        if not isinstance(event, kind):
            return False
        oid = (
            event.order.order_view_id
            if isinstance(event, OrderPlaced)
            else (event.refund.order_view_id if isinstance(event, RefundChanged) else event.order_view_id)
        )
        return oid == order_view_id and all(_get(event, k) == v for k, v in fields.items())

    return match


def _get(event: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        event = getattr(event, part)
    return event


async def test_get_matches_the_pushed_order(keeta: KeetaClient, control: Sim) -> None:
    oid = await control.create("delivery")
    (placed,) = await control.events(about(oid, OrderPlaced))
    order = await keeta.get(oid)
    assert order.order_view_id == oid and order.status is OrderStatus.NEW
    assert order.fulfilment is Fulfilment.DELIVERY and order.courier_kind is not Courier.NONE
    assert order.lines and all(line.count > 0 and line.name for line in order.lines)
    assert order.money.items.cents == sum(line.total.cents for line in order.lines)
    assert placed.order.seq_no == order.seq_no and placed.order.lines == order.lines
    assert placed.meta.shop_id == order.shop_id


async def test_confirm_then_confirm_again_is_a_business_error(keeta: KeetaClient, control: Sim) -> None:
    oid = await control.create("delivery")
    await keeta.confirm(oid)
    await control.events(about(oid, OrderStatusChanged, status=OrderStatus.ACCEPTED))
    assert (await keeta.get(oid)).status is OrderStatus.ACCEPTED
    with pytest.raises(KeetaBusinessError) as caught:
        await keeta.confirm(oid)
    assert caught.value.code == codes.INVALID_STATE


async def test_unknown_order_is_a_business_error(keeta: KeetaClient, control: Sim) -> None:
    with pytest.raises(KeetaBusinessError) as caught:
        await keeta.get(1)
    assert caught.value.code == codes.ORDER_NOT_FOUND


async def test_pickup_prepare_and_collect(keeta: KeetaClient, control: Sim) -> None:
    oid = await control.create("pickup")
    with pytest.raises(KeetaBusinessError):
        await keeta.prepare(oid)  # not accepted yet
    await keeta.confirm(oid)
    await keeta.prepare(oid)
    assert (await keeta.get(oid)).status is OrderStatus.READY
    await keeta.collect(oid)
    await control.events(about(oid, OrderStatusChanged, status=OrderStatus.COMPLETED))
    assert (await keeta.get(oid)).status is OrderStatus.COMPLETED
    with pytest.raises(KeetaBusinessError):
        await keeta.collect(oid)


async def test_collect_on_a_delivery_order_is_refused(keeta: KeetaClient, control: Sim) -> None:
    oid = await control.create("delivery")
    await keeta.confirm(oid)
    await keeta.prepare(oid)
    with pytest.raises(KeetaBusinessError):
        await keeta.collect(oid)


async def test_delivery_courier_progress_is_pushed(keeta: KeetaClient, control: Sim) -> None:
    for _ in range(10):  # the simulator mixes in merchant-delivered orders; take a Keeta-courier one
        oid = await control.create("delivery")
        if (await keeta.get(oid)).courier_kind is Courier.KEETA:
            break
    else:
        pytest.fail("the simulator made no Keeta-courier delivery order")
    await keeta.confirm(oid)
    await keeta.prepare(oid)
    await control.advance(3600)
    await control.events(about(oid, OrderStatusChanged, status=OrderStatus.COMPLETED))
    statuses = [e.courier.status for e in await control.events(about(oid, CourierChanged))]
    assert statuses[-1] is CourierStatus.DELIVERED
    assert CourierStatus.PICKED_UP in statuses


async def test_cancel_needs_a_reason_for_other(keeta: KeetaClient, control: Sim) -> None:
    oid = await control.create("delivery")
    with pytest.raises(MissingReasonError):
        await keeta.cancel(oid, CancelCode.OTHER)
    assert (await control.view(oid))["status"] == codes.STATUS_CODE[OrderStatus.NEW]
    await keeta.cancel(oid, CancelCode.OTHER, "爐頭壞咗 Stove broken")
    (event,) = await control.events(about(oid, OrderStatusChanged, status=OrderStatus.CANCELLED))
    assert event.by is Actor.MERCHANT and event.reason == "爐頭壞咗 Stove broken"
    with pytest.raises(KeetaBusinessError):
        await keeta.cancel(oid, CancelCode.STAFF_SHORTAGE)


async def test_unconfirmed_order_is_auto_cancelled(keeta: KeetaClient, control: Sim) -> None:
    oid = await control.create("pickup")
    await control.advance(301)
    (event,) = await control.events(about(oid, OrderStatusChanged, status=OrderStatus.CANCELLED))
    assert event.by is Actor.SYSTEM
    assert (await keeta.get(oid)).status is OrderStatus.CANCELLED


async def test_full_refund_request_rejected(keeta: KeetaClient, control: Sim) -> None:
    oid = await control.create("delivery")
    await keeta.confirm(oid)
    after_sale = await control.refund_request(oid, partial=False)
    (asked,) = await control.events(about(oid, RefundChanged, **{"refund.status": RefundStatus.PENDING}))
    assert asked.refund.after_sale_order_id == after_sale and asked.refund.kind is RefundKind.FULL
    with pytest.raises(MissingReasonError):
        await keeta.reject(oid, RejectCode.OTHER, "")
    await keeta.reject(oid, RejectCode.MEAL_PREPARED)
    (done,) = await control.events(about(oid, RefundChanged, **{"refund.status": RefundStatus.REJECTED}))
    assert done.refund.handled_by is Actor.MERCHANT
    with pytest.raises(KeetaBusinessError) as caught:
        await keeta.agree(oid)  # nothing pending any more
    assert caught.value.code == codes.REFUND_NOT_PENDING


async def test_partial_refund_request_agreed(keeta: KeetaClient, control: Sim) -> None:
    oid = await control.create("delivery")
    await keeta.confirm(oid)
    await control.refund_request(oid, partial=True)
    (asked,) = await control.events(about(oid, RefundChanged, **{"refund.status": RefundStatus.PENDING}))
    assert asked.refund.kind is RefundKind.PARTIAL and asked.refund.items
    assert asked.refund.amount.cents == sum(i.amount.cents for i in asked.refund.items if i.amount)
    await keeta.agree(oid)
    (done,) = await control.events(about(oid, RefundChanged, **{"refund.status": RefundStatus.AGREED}))
    assert done.refund.after_sale_order_id == asked.refund.after_sale_order_id
    assert any(r.status is RefundStatus.AGREED for r in (await keeta.get(oid)).refunds)


async def test_partial_refund_preview_and_apply(keeta: KeetaClient, control: Sim) -> None:
    oid = await control.create("delivery")
    with pytest.raises(KeetaBusinessError):
        await keeta.partial_refund_preview(oid)  # not accepted yet
    await keeta.confirm(oid)
    order = await keeta.get(oid)
    everything = await keeta.partial_refund_preview(oid)
    assert [p.line_id for p in everything.lines] == [line.line_id for line in order.lines]
    assert all(p.refundable_count == p.count_bought for p in everything.lines)
    assert everything.total.cents == 0
    line = order.lines[0]
    one = await keeta.partial_refund_preview(oid, [(line.line_id, 1)])
    assert one.total == line.unit_price
    with pytest.raises(KeetaBusinessError) as caught:
        await keeta.partial_refund_apply(oid, [(line.line_id, line.count + 1)], PartRefundType.MISSING_ITEMS)
    assert caught.value.code == codes.REFUND_COUNT_EXCEEDED
    with pytest.raises(MissingReasonError):
        await keeta.partial_refund_apply(oid, [(line.line_id, 1)], PartRefundType.OTHER)
    data = await keeta.partial_refund_apply(
        oid, [(line.line_id, 1)], PartRefundType.OTHER, "湯瀉咗 Soup spilled"
    )
    assert data["refundAmount"] == line.unit_price.cents
    after = await keeta.partial_refund_preview(oid)
    assert after.lines[0].refundable_count == line.count - 1
    (event,) = await control.events(about(oid, RefundChanged))
    assert event.refund.kind is RefundKind.PARTIAL and event.refund.status is RefundStatus.AGREED


async def test_wrong_secret_is_a_sig_error(config: KeetaConfig, control: Sim) -> None:
    oid = await control.create("delivery")
    async with KeetaClient(dataclasses.replace(config, secret="not-the-secret")) as bad:
        with pytest.raises(KeetaAuthError) as caught:
            await bad.confirm(oid)
    assert caught.value.code == codes.SIG_ERROR
    assert (await control.view(oid))["status"] == codes.STATUS_CODE[OrderStatus.NEW]


async def test_wrong_token_is_an_auth_error(config: KeetaConfig, control: Sim) -> None:
    oid = await control.create("delivery")
    async with KeetaClient(dataclasses.replace(config, access_token="stolen")) as bad:
        with pytest.raises(KeetaAuthError) as caught:
            await bad.get(oid)
    assert caught.value.code == codes.TOKEN_INVALID


async def test_refresh_token_rotates(keeta: KeetaClient, control: Sim, sim: SimServer) -> None:
    grant = await keeta.refresh_token(sim.ctx.config.refresh_token)
    assert grant.access_token and grant.refresh_token != sim.ctx.config.refresh_token
    assert grant.expires_in == 7_776_000
    keeta.use_token(grant.access_token)
    oid = await control.create("pickup")
    await keeta.confirm(oid)
    with pytest.raises(KeetaAuthError) as caught:
        await keeta.refresh_token(sim.ctx.config.refresh_token)  # single use
    assert caught.value.code == codes.REFRESH_TOKEN_INVALID


async def test_server_errors_then_retry_succeeds(
    keeta: KeetaClient, control: Sim, sim: SimServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    oid = await control.create("delivery")
    faults = [ApiFault.HTTP_5XX, ApiFault.SERVER_CODE]
    assert sim.ctx.keeta is not None
    monkeypatch.setattr(sim.ctx.keeta.incidents, "api_fault", lambda: faults.pop(0) if faults else None)
    assert (await keeta.get(oid)).status is OrderStatus.NEW  # a read rides over both failures
    assert faults == []


async def test_a_write_whose_answer_is_dropped_is_sent_once(
    keeta: KeetaClient, control: Sim, sim: SimServer
) -> None:
    oid = await control.create("delivery")
    async with httpx.AsyncClient(base_url=sim.base_url) as http:
        armed = await http.post(
            "/sim/faults", json={"path": "order/confirm", "mode": "drop-answer", "count": 1}
        )
        assert armed.json()["faults"] == [{"path": "order/confirm", "mode": "drop-answer", "count": 1}]
        with pytest.raises(KeetaTransportError) as caught:
            await keeta.confirm(oid)
        assert (await http.get("/sim/faults")).json() == {"faults": []}
    assert caught.value.outcome is Outcome.UNKNOWN
    assert (await keeta.get(oid)).status is OrderStatus.ACCEPTED  # carried out, answer lost


async def test_a_completed_order_can_be_cancelled_for_48_hours(keeta: KeetaClient, control: Sim) -> None:
    early, late = await control.create("pickup"), await control.create("pickup")
    for oid in (early, late):
        await keeta.confirm(oid)
        await keeta.prepare(oid)
        await keeta.collect(oid)
    await keeta.cancel(early, CancelCode.STORE_CLOSED)
    assert (await keeta.get(early)).status is OrderStatus.CANCELLED
    # Two days of heartbeats would be thousands of pushes; they are not what this is about.
    (await control.http.post("/sim/keeta/config", json={"heartbeatSeconds": 0})).raise_for_status()
    (await control.http.post("/sim/clock/advance", json={"seconds": 48 * 3600 + 60})).raise_for_status()
    with pytest.raises(KeetaBusinessError):
        await keeta.cancel(late, CancelCode.STORE_CLOSED)
    assert (await keeta.get(late)).status is OrderStatus.COMPLETED
