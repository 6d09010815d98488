"""position_track: every upload since acceptance, in pages of at most 500."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sim_zeek.helpers import SHA_TIN, ZeekCaller

PATH = "tasker/takeaway/position_track"


def ask(zeek: ZeekCaller, order_id: str, **extra: Any) -> dict[str, Any]:
    return {"order_id": order_id, "client_merchant_id": zeek.config.merchant_id, **extra}


async def test_paging_past_500_points(zeek: ZeekCaller) -> None:
    order_id = (await zeek.create(receive={"user_location": SHA_TIN}))["order_id"]
    await zeek.advance_until(order_id, 9021, step=300)
    first = await zeek.call(PATH, ask(zeek, order_id, page=1, pagesize=500))
    total = first["pageinfo"]["total"]
    assert total > 500
    assert first["pageinfo"] == {"total": total, "pagecount": 2, "pagesize": 500, "curpage": 1}
    second = await zeek.call(PATH, ask(zeek, order_id, page=2, pagesize=500))
    assert len(first["data"]) == 500 and len(second["data"]) == total - 500
    points = first["data"] + second["data"]
    times = [p["upload_time"] for p in points]
    assert times == sorted(times) and len(set(times)) == total
    assert points[0]["partner_location"] != points[-1]["partner_location"]
    past_end = await zeek.call(PATH, ask(zeek, order_id, page=3, pagesize=500))
    assert past_end["data"] == [] and past_end["pageinfo"]["curpage"] == 3
    # The track stops once the order is done.
    await zeek.advance(600)
    assert (await zeek.call(PATH, ask(zeek, order_id, page=1)))["pageinfo"]["total"] == total


async def test_default_page_size_is_20(zeek: ZeekCaller) -> None:
    order_id = (await zeek.create())["order_id"]
    answer = await zeek.call(PATH, ask(zeek, order_id, page=1))
    assert answer["data"] == [] and answer["pageinfo"]["total"] == 0
    await zeek.advance_until(order_id, 9011, step=60)
    answer = await zeek.call(PATH, ask(zeek, order_id, page=1))
    assert len(answer["data"]) == 20 and answer["pageinfo"]["pagesize"] == 20


@pytest.mark.parametrize("extra", [{"page": 1, "pagesize": 501}, {"page": 0}, {}, {"page": 1, "pagesize": 0}])
async def test_bad_paging(zeek: ZeekCaller, extra: dict[str, int]) -> None:
    order_id = (await zeek.create())["order_id"]
    assert (await zeek.call(PATH, ask(zeek, order_id, **extra)))["error"] == 2001
