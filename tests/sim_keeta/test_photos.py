"""Refund requests carry customer photos the simulator serves itself, so the refund desk works offline."""

from __future__ import annotations

import json

from tests.sim_keeta.helpers import KeetaCaller


async def test_refund_request_photos_are_served_as_png(keeta: KeetaCaller) -> None:
    order_id = await keeta.create("delivery")
    assert (await keeta.order("order/confirm", order_id))["code"] == 0
    answer = await keeta.http.post(
        f"{keeta.sim.base_url}/sim/keeta/orders/{order_id}/refund-request", json={"partial": False}
    )
    assert answer.status_code == 200
    fetched = await keeta.order("order/get", order_id)
    pictures = json.loads(fetched["data"]["orderInfo"]["refundInfos"][0]["pictures"])
    assert 1 <= len(pictures) <= 9
    assert all(url.startswith(keeta.sim.base_url) for url in pictures)
    photo = await keeta.http.get(pictures[0])
    assert photo.status_code == 200
    assert photo.headers["content-type"] == "image/png"
    assert photo.content.startswith(b"\x89PNG")
    assert (await keeta.http.get(f"{keeta.sim.base_url}/sim/keeta/photos/1/9.png")).status_code == 404
