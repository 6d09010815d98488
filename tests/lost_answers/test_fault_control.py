"""POST /sim/faults: arming, listing, disarming and refusing what it cannot play."""

from __future__ import annotations

import httpx

from posapp.sim.server import SimServer


async def test_faults_are_armed_listed_consumed_and_disarmed(sim: SimServer) -> None:
    async with httpx.AsyncClient(base_url=sim.base_url) as http:
        await http.post(
            "/sim/faults", json={"path": "/keeta/api/open/order/get", "mode": "http-500", "count": 2}
        )
        await http.post("/sim/faults", json={"path": "order/takeaway/create", "mode": "timeout"})
        listed = (await http.get("/sim/faults")).json()["faults"]
        assert listed == [
            {"path": "order/get", "mode": "http-500", "count": 2},
            {"path": "order/takeaway/create", "mode": "timeout", "count": 1},
        ]
        # Only platform calls are affected: the simulator's own control paths answer as usual.
        assert (await http.get("/sim/clock")).status_code == 200
        failed = await http.post("/keeta/api/open/order/get", json={})
        assert failed.status_code == 500
        assert (await http.get("/sim/faults")).json()["faults"][0]["count"] == 1
        await http.post("/sim/faults", json={"path": "order/get", "mode": "http-500", "count": 0})
        assert (await http.get("/sim/faults")).json()["faults"] == [
            {"path": "order/takeaway/create", "mode": "timeout", "count": 1}
        ]


async def test_a_fault_it_cannot_play_is_refused(sim: SimServer) -> None:
    async with httpx.AsyncClient(base_url=sim.base_url) as http:
        for body in (
            {"path": "order/get", "mode": "explode"},
            {"path": "order/get", "mode": "http-500", "count": -1},
            {"path": "order/get", "mode": "http-500", "count": True},
            {"path": "", "mode": "http-500"},
            {"mode": "http-500"},
        ):
            answer = await http.post("/sim/faults", json=body)
            assert answer.status_code == 400, body
        assert (await http.post("/sim/faults", content=b"\xff")).status_code == 400
        assert (await http.get("/sim/faults")).json() == {"faults": []}
