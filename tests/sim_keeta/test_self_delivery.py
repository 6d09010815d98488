"""The simulated Keeta's merchant self-delivery over real HTTP: the "9001" order, base/batchDecrypt,
/order/dispatched and /order/delivered (keeta.md §6), each checked as Keeta documents it."""

from __future__ import annotations

from posapp.keeta import codes
from posapp.keeta.codes import EventId
from posapp.sim.keeta.self_delivery import CUSTOMERS
from tests.sim_keeta.helpers import KeetaCaller, Receiver


async def _decrypt(keeta: KeetaCaller, items: list[tuple[int, str]]) -> dict[str, object]:
    wanted = [{"orderViewId": oid, "encryptData": value} for oid, value in items]
    return await keeta.call("base/batchDecrypt", {"shopId": keeta.config.shop_id, "decryptList": wanted})


async def test_a_self_delivery_order_carries_9001_and_encrypted_contacts_only_it_can_open(
    keeta: KeetaCaller, receiver: Receiver
) -> None:
    own, rider = await keeta.create("self-delivery"), await keeta.create("delivery")
    [placed] = await receiver.wait_event(EventId.ORDER_PLACED, own)
    info = placed["orderInfo"]
    assert info["merchantOrderDeliveries"][0]["deliveryMode"] == "9001"
    assert info["merchantOrder"]["userGetMode"] == "delivery"
    recipient = info["recipientInfo"]
    assert all(recipient[k].startswith("ENC_") for k in ("name", "phone", "addressName", "houseNumber"))
    rider_name = (await keeta.view(rider))["orderInfo"]["recipientInfo"]["name"]

    answer = await _decrypt(keeta, [(own, recipient["name"]), (own, recipient["phone"]), (rider, rider_name)])
    assert answer["code"] == 0
    name, phone, refused = answer["data"]["decryptList"]  # type: ignore[index]
    assert (name["decryptData"], phone["decryptData"]) in {(c[0], c[1]) for c in CUSTOMERS}
    assert "decryptData" not in refused and refused["code"] == codes.NOT_SELF_DELIVERY


async def test_batch_decrypt_takes_at_most_fifty_values(keeta: KeetaCaller) -> None:
    own = await keeta.create("self-delivery")
    name = (await keeta.view(own))["orderInfo"]["recipientInfo"]["name"]
    assert (await _decrypt(keeta, [(own, name)] * 50))["code"] == 0
    too_many = await _decrypt(keeta, [(own, name)] * 51)
    assert too_many["code"] == codes.PARAM_ERROR and "50" in str(too_many["message"])


async def test_dispatched_then_delivered_completes_the_order_and_repeats_are_refused(
    keeta: KeetaCaller, receiver: Receiver
) -> None:
    own = await keeta.create("self-delivery")
    assert (await keeta.order("order/confirm", own))["code"] == 0
    courier = {"courierName": "陳大文 Chan Tai Man", "courierPhone": "91234567"}
    assert (await keeta.order("order/dispatched", own, courierInfo=courier))["code"] == 0
    again = await keeta.order("order/dispatched", own)
    assert again["code"] == codes.INVALID_STATE
    assert (await keeta.order("order/delivered", own))["code"] == 0
    twice = await keeta.order("order/delivered", own)
    assert twice["code"] == codes.INVALID_STATE  # "duplicate calls are not supported"

    view = await keeta.view(own)
    assert view["status"] == 40 and [d["logisticsStatus"] for d in view["deliveries"]] == [30, 50]
    assert view["deliveries"][0]["courierName"] == courier["courierName"]
    await receiver.wait_event(EventId.ORDER_COMPLETED, own)


async def test_a_keeta_rider_order_cannot_be_reported_as_self_delivered(keeta: KeetaCaller) -> None:
    rider = await keeta.create("delivery")
    assert (await keeta.order("order/confirm", rider))["code"] == 0
    for path in ("order/dispatched", "order/delivered"):
        answer = await keeta.order(path, rider)
        assert answer["code"] == codes.NOT_SELF_DELIVERY
    assert (await keeta.view(rider))["status"] == 30
