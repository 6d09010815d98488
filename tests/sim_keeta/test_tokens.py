"""The simulator's tokens expire like Keeta's (keeta.md §2.3), on its business clock."""

from __future__ import annotations

from posapp.keeta import codes
from posapp.sim.keeta.tokens import EXPIRES_IN
from tests.sim_keeta.helpers import KeetaCaller


async def test_an_access_token_works_for_ninety_days_and_then_is_refused(keeta: KeetaCaller) -> None:
    await keeta.http.post(f"{keeta.sim.base_url}/sim/keeta/config", json={"heartbeatSeconds": 0})
    order_id = await keeta.create()
    await keeta.advance(EXPIRES_IN - 60)
    assert (await keeta.order("order/get", order_id))["code"] == 0
    await keeta.advance(61)
    assert (await keeta.order("order/get", order_id))["code"] == codes.TOKEN_INVALID
    assert codes.TOKEN_INVALID in codes.TOKEN_REJECTED


async def test_a_refreshed_token_gets_its_own_ninety_days(keeta: KeetaCaller) -> None:
    await keeta.http.post(f"{keeta.sim.base_url}/sim/keeta/config", json={"heartbeatSeconds": 0})
    order_id = await keeta.create()
    await keeta.advance(EXPIRES_IN - 3600)  # refreshed an hour before the old one expires
    fields = {"grantType": "refresh_token", "refreshToken": keeta.config.refresh_token}
    grant = await keeta.call("base/oauth/token", fields, with_token=False)
    assert grant["expiresIn"] == EXPIRES_IN
    keeta.token = grant["accessToken"]
    await keeta.advance(EXPIRES_IN - 60)
    assert (await keeta.order("order/get", order_id))["code"] == 0
    old = {"orderViewId": order_id, "shopId": keeta.config.shop_id}
    assert (await keeta.call("order/get", old, token=keeta.config.token))["code"] == codes.TOKEN_INVALID
    await keeta.advance(61)
    assert (await keeta.order("order/get", order_id))["code"] == codes.TOKEN_INVALID
