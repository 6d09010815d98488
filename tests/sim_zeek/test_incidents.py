"""Incidents (only with SimConfig.incidents): 7001 assign timeout and 8001 reassignment."""

from __future__ import annotations

import dataclasses

import pytest

from posapp.sim.config import SimConfig
from tests.sim_zeek.helpers import Receiver, ZeekCaller


@pytest.fixture
def sim_config(receiver: Receiver) -> SimConfig:
    return dataclasses.replace(SimConfig(port=0), zeek_callback_url=receiver.url, incidents=True, seed=3)


async def test_assign_timeout_cancels_with_7001(zeek: ZeekCaller, receiver: Receiver) -> None:
    zeek.zeek.settings.incident_rates = {"assign_timeout": 1.0}
    order_id = (await zeek.create())["order_id"]
    await zeek.advance(599)
    assert (await zeek.view(order_id))["status"] == 9001
    await zeek.advance(2)
    assert receiver.statuses(order_id) == [9025]
    assert receiver.bodies[-1]["data"]["cancel"]["code"] == "7001"
    assert (await zeek.info(order_id))["cancel_code"] == "7001"


async def test_reassignment_brings_a_new_partner(zeek: ZeekCaller, receiver: Receiver) -> None:
    zeek.zeek.settings.incident_rates = {"reassign": 1.0}
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 9021)
    statuses = receiver.statuses(order_id)
    assert statuses[:2] == [9005, 8001]
    assert statuses[2:] == [9005, 9010, 9011, 8012, 9015, 9017, 9021]
    reassigned = next(b["data"] for b in receiver.bodies if b["data"]["order_status"] == 8001)
    assert reassigned["partner"] is None
    assert len((await zeek.view(order_id))["partners"]) == 2


async def test_no_incident_at_zero_rates(zeek: ZeekCaller, receiver: Receiver) -> None:
    zeek.zeek.settings.incident_rates = {}
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 9021)
    assert 8001 not in receiver.statuses(order_id)


async def test_control_route_forces_a_reassignment(zeek: ZeekCaller, receiver: Receiver) -> None:
    zeek.zeek.settings.incident_rates = {}
    order_id = (await zeek.create())["order_id"]
    url = f"{zeek.server.base_url}/sim/zeek/orders/{order_id}/reassign"
    assert (await zeek.http.post(url)).json()["status"] == 9001  # nobody to take it from yet
    await zeek.advance_until(order_id, 9005, step=15)
    assert (await zeek.http.post(url)).json()["status"] == 8001
    await receiver.wait_for(lambda: 8001 in receiver.statuses(order_id))
    await zeek.advance_until(order_id, 9021)
