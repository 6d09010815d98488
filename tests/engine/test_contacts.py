"""Customer contacts of self-delivery orders decrypted with base/batchDecrypt (≤ 50 values a call),
against the real simulator over HTTP; Keeta-rider orders stay masked and nothing plain reaches a log."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from posapp.demo.stack import keeta_config_for
from posapp.domain.delivery import DeliveryStatus
from posapp.domain.order import Order
from posapp.engine.delivery.contacts import ContactBook, encrypted_values, forget_old_contacts
from posapp.engine.keeta_sender import KeetaActionSender
from posapp.engine.orders import OrderService
from posapp.engine.outbox import OutboxWorker
from posapp.keeta.client import KeetaClient
from posapp.keeta.codes import DECRYPT_LIST, DECRYPT_PATH
from posapp.sim.server import SimServer
from posapp.store import booking_queries as queries
from posapp.store import deliveries
from posapp.store.models import BookingRecord
from tests.waiting import until
from tests.zeek.conftest import make_request


class RecordingTransport(httpx.AsyncHTTPTransport):
    """Real HTTP; keeps the body of every batchDecrypt call to count what each one carried."""

    def __init__(self) -> None:
        super().__init__()
        self.decrypt_calls: list[dict[str, object]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(DECRYPT_PATH):
            self.decrypt_calls.append(json.loads(request.content))
        return await super().handle_async_request(request)


async def _orders(sim: SimServer, keeta: KeetaClient, mode: str, n: int) -> list[Order]:
    fetched = []
    async with httpx.AsyncClient(timeout=10) as http:
        for _ in range(n):
            answer = await http.post(f"{sim.base_url}/sim/keeta/orders", json={"mode": mode})
            fetched.append(await keeta.get(int(answer.json()["orderViewId"])))
    return fetched


async def test_many_orders_are_decrypted_in_calls_of_at_most_fifty_values(
    db: object, sim: SimServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    transport = RecordingTransport()
    base_url = f"{sim.base_url}/keeta/api/open"
    async with KeetaClient(keeta_config_for(sim.ctx.config, base_url), transport=transport) as keeta:
        own = await _orders(sim, keeta, "self-delivery", 14)  # 4 encrypted values each: 56
        rider = (await _orders(sim, keeta, "delivery", 1))[0]
        contacts = ContactBook(keeta)
        opened = await contacts.decrypt([*own, rider])

    sizes = [len(call[DECRYPT_LIST]) for call in transport.decrypt_calls]  # type: ignore[arg-type]
    assert sizes == [50, 6] and opened == 56
    for order in own:
        customer = contacts.customer_for(order)
        assert encrypted_values(customer) == [] and customer.name and customer.phone.isdigit()
        # Plain values are in memory only: never in a log line.
        assert customer.name not in caplog.text and customer.phone not in caplog.text
    # A Keeta-rider order is never sent for decryption and stays masked.
    sent = {item["encryptData"] for call in transport.decrypt_calls for item in call[DECRYPT_LIST]}  # type: ignore[attr-defined]
    assert not sent & set(encrypted_values(rider.customer))
    assert contacts.customer_for(rider) == rider.customer and rider.customer.encrypted


async def test_a_new_self_delivery_order_is_decrypted_as_it_arrives_and_forgotten_when_it_ends(
    db: object, sim: SimServer
) -> None:
    base_url = f"{sim.base_url}/keeta/api/open"
    async with KeetaClient(keeta_config_for(sim.ctx.config, base_url)) as keeta:
        worker = OutboxWorker({"keeta": KeetaActionSender(keeta)})
        orders = OrderService(keeta, worker)
        contacts = ContactBook(keeta, orders)
        async with httpx.AsyncClient(timeout=10) as http:
            answer = await http.post(f"{sim.base_url}/sim/keeta/orders", json={"mode": "self-delivery"})
            order_view_id = int(answer.json()["orderViewId"])
            order = await orders.refresh(order_view_id)  # as a 1001 would: the order service tells
            assert order is not None and order.customer.encrypted
            await until(lambda: not contacts.customer_for(order).encrypted)
            assert contacts.calls == 1

            cancel = await http.post(f"{sim.base_url}/sim/keeta/orders/{order_view_id}/customer-cancel")
            cancel.raise_for_status()
            await orders.refresh(order_view_id)  # the cancellation reaches the order service
            assert contacts.customer_for(order).encrypted  # dropped once the order ended
        await orders.aclose()
        await contacts.aclose()


def test_the_customer_of_a_keeta_order_delivery_is_blanked_48_hours_after_it_ended(db: object) -> None:
    now = 1_800_000_000
    long_ago, recently = now - 49 * 3600, now - 3600
    cases = {
        "POS-K1-1": (1, DeliveryStatus.COMPLETED, long_ago),  # forgotten
        "POS-K2-1": (2, DeliveryStatus.COMPLETED, recently),  # still within the 48 h
        "POS-K3-1": (3, DeliveryStatus.DELIVERING, long_ago),  # not over
        "POS-M4": (None, DeliveryStatus.COMPLETED, long_ago),  # typed in by the cashier: kept
    }
    for client_order_id, (keeta_id, status, at) in cases.items():
        request = make_request(client_order_id=client_order_id, keeta_order_view_id=keeta_id)
        deliveries.save_request(request, "STORE-123", at)
        BookingRecord.update(status=status.value, updated_at=at).where(
            BookingRecord.client_order_id == client_order_id
        ).execute()

    assert forget_old_contacts(now) == 1
    assert forget_old_contacts(now) == 0  # nothing left to blank
    blanked = queries.request_for("POS-K1-1")
    assert blanked is not None
    assert (blanked.customer_name, blanked.phone, blanked.address, blanked.location) == ("", "", "", "")
    assert blanked.pickup_code and blanked.total.cents == 12_800  # the history keeps the rest
    for kept in ("POS-K2-1", "POS-K3-1", "POS-M4"):
        request = queries.request_for(kept)
        assert request is not None and request.customer_name == "Chan Tai Man"
