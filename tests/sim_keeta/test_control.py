"""The control API, the Python API, incidents and the ``posapp sim`` command line."""

from __future__ import annotations

import dataclasses
import io
import socket

import httpx
import pytest

from posapp.keeta import codes
from posapp.keeta.codes import EventId
from posapp.sim.cli import build_parser, config_from_args, describe, main
from posapp.sim.config import SimConfig
from posapp.sim.keeta.incidents import IncidentRates
from posapp.sim.scenario import LunchRush
from posapp.sim.server import SimServer
from tests.sim_keeta.helpers import KeetaCaller, Receiver


async def test_create_pushes_a_signed_1001_with_the_order_info_wrapper(
    keeta: KeetaCaller, receiver: Receiver
) -> None:
    order_id = await keeta.create("pickup")
    [placed] = await receiver.wait_event(EventId.ORDER_PLACED, order_id)
    info = placed["orderInfo"]
    assert info["merchantOrder"]["userGetMode"] == "pickup" and info["merchantOrder"]["status"] == 10
    envelope = receiver.delivered[0]
    assert set(envelope) == {"sig", "eventId", "appId", "messageId", "shopId", "message", "timestamp"}
    assert envelope["shopId"] == keeta.config.shop_id


async def test_seq_numbers_increase_and_orders_are_listed(keeta: KeetaCaller) -> None:
    ids = [await keeta.create() for _ in range(3)]
    listed = (await keeta.http.get(f"{keeta.sim.base_url}/sim/keeta/orders")).json()["orders"]
    assert [o["orderViewId"] for o in listed] == ids
    assert [o["seqNoStr"] for o in listed] == ["#1", "#2", "#3"]


async def test_control_errors(keeta: KeetaCaller) -> None:
    base = keeta.sim.base_url
    assert (await keeta.http.get(f"{base}/sim/keeta/orders/1")).status_code == 404
    assert (await keeta.http.post(f"{base}/sim/keeta/orders", json={"mode": "drone"})).status_code == 400
    new_order = await keeta.create()
    refused = await keeta.http.post(f"{base}/sim/keeta/orders/{new_order}/refund-request", json={})
    assert refused.status_code == 409, "a refund request needs an accepted order"


async def test_customer_cancel_before_accept(keeta: KeetaCaller, receiver: Receiver) -> None:
    order_id = await keeta.create()
    response = await keeta.http.post(f"{keeta.sim.base_url}/sim/keeta/orders/{order_id}/customer-cancel")
    assert response.status_code == 200
    [cancelled] = await receiver.wait_event(EventId.ORDER_CANCELLED, order_id)
    assert cancelled["opType"] == 10


async def test_webhook_url_can_be_changed_at_run_time(keeta: KeetaCaller, receiver: Receiver) -> None:
    base = keeta.sim.base_url
    off = await keeta.http.post(f"{base}/sim/keeta/config", json={"webhookUrl": ""})
    assert off.json()["webhookUrl"] == ""
    skipped = await keeta.create()
    await keeta.advance(0)
    await keeta.http.post(f"{base}/sim/keeta/config", json={"webhookUrl": receiver.url})
    delivered = await keeta.create()
    await receiver.wait_event(EventId.ORDER_PLACED, delivered)
    assert receiver.events(skipped) == []
    assert (await keeta.view(skipped))["pushes"][0]["state"] == "skipped"


async def test_python_api_on_the_context(keeta: KeetaCaller, receiver: Receiver) -> None:
    sim = keeta.sim.ctx.keeta
    assert sim is not None
    order_id = sim.create_order("delivery")
    await receiver.wait_event(EventId.ORDER_PLACED, order_id)
    assert sim.view(order_id)["status"] == 10


async def test_incidents_fail_answers_and_lose_pushes(receiver: Receiver) -> None:
    config = SimConfig(port=0, webhook_url=receiver.url, incidents=True, seed=5)
    server = SimServer(config)
    await server.start()
    try:
        async with httpx.AsyncClient(timeout=10.0) as http:
            keeta = KeetaCaller(server, http)
            assert server.ctx.keeta is not None
            server.ctx.keeta.incidents.rates = IncidentRates(
                slow=0, http_5xx=0, server_code=1.0, lost_push=1.0, courier_cancel=1.0
            )
            order_id = await keeta.create()
            await keeta.advance(0)
            assert receiver.attempts == [], "the first try of a push is lost"
            await keeta.advance(60)
            await receiver.wait_event(EventId.ORDER_PLACED, order_id)
            busy = await keeta.order("order/confirm", order_id)
            assert busy["code"] == codes.SERVER_ERROR and busy["code"] in codes.SERVER_RANGE

            server.ctx.keeta.incidents.rates = IncidentRates(slow=0, http_5xx=1.0, courier_cancel=1.0)
            gateway = await http.post(keeta.url("order/confirm"), json={})
            assert gateway.status_code == 502

            server.ctx.keeta.incidents.rates = IncidentRates(
                slow=0, http_5xx=0, server_code=0, courier_cancel=1.0
            )
            assert (await keeta.order("order/confirm", order_id))["code"] == 0
            await keeta.order("order/prepare", order_id)
            await keeta.advance(1500)
            await receiver.wait_event(EventId.ORDER_COMPLETED, order_id)
            statuses = [m["logisticsStatus"] for m in receiver.messages(EventId.COURIER, order_id)]
            assert statuses == [10, 20, 99, 10, 20, 25, 30, 50]
    finally:
        await server.stop()


def test_cli_arguments_become_the_config() -> None:
    args = build_parser().parse_args(
        ["--port", "9000", "--webhook-url", "http://127.0.0.1:1/keeta/webhook", "--zeek-callback-url",
         "http://127.0.0.1:1/zeek", "--app-id", "7", "--secret", "s", "--token", "t", "--shop-id", "8",
         "--zeek-appid", "9", "--zeek-secret", "z", "--merchant-id", "M", "--incidents", "--seed", "3"]
    )  # fmt: skip
    config = config_from_args(args)
    assert config == dataclasses.replace(
        SimConfig(), port=9000, webhook_url="http://127.0.0.1:1/keeta/webhook",
        zeek_callback_url="http://127.0.0.1:1/zeek", app_id=7, secret="s", token="t", shop_id=8,
        zeek_appid=9, zeek_secret="z", merchant_id="M", incidents=True, seed=3,
    )  # fmt: skip
    assert config_from_args(build_parser().parse_args([])) == SimConfig()
    text = describe(config, "http://127.0.0.1:9000")
    assert "http://127.0.0.1:9000" in text and "appId=7" in text and "secret=s" in text


def test_cli_reports_a_port_it_cannot_use(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = io.StringIO()
        assert main(["--port", str(port)], out=out) == 1
    assert out.getvalue() == ""  # no banner claiming a port it never got
    (line,) = capsys.readouterr().err.splitlines()
    assert f"port {port} on 127.0.0.1 is already in use" in line


async def test_shop_control_refuses_what_keeta_staff_cannot_do(sim: SimServer) -> None:
    async with httpx.AsyncClient(base_url=sim.base_url) as http:
        for body in ({"status": 5}, {"status": "4"}, {"locked": "3001"}, {"locked": [3001, "x"]}, [1]):
            answer = await http.post("/sim/keeta/shop", json=body)
            assert answer.status_code == 400, body
        assert (await http.post("/sim/keeta/shop", content=b"{")).status_code == 400
        view = (await http.get("/sim/keeta/shop")).json()
        assert view == {"status": 3, "soldOut": [], "optionsOff": [], "locked": []}


async def test_the_lunch_rush_skips_while_the_store_is_paused(sim: SimServer) -> None:
    rush = LunchRush(sim.base_url)
    async with httpx.AsyncClient(base_url=sim.base_url) as http:
        (await http.post("/sim/keeta/shop", json={"status": 4})).raise_for_status()
        await rush._new_order(http)
        assert (rush.created, rush.skipped) == (0, 1)
        (await http.post("/sim/keeta/shop", json={"status": 3})).raise_for_status()
        await rush._new_order(http)
        assert (rush.created, rush.skipped) == (1, 1)
        assert len((await http.get("/sim/keeta/orders")).json()["orders"]) == 1
