"""The client against scripted answers (httpx.MockTransport): retries, timeouts, duplicates, paging."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from posapp.domain.delivery import DeliveryStatus
from posapp.domain.delivery_request import DeliveryValidationError
from posapp.domain.money import Money
from posapp.domain.retry import Outcome, RetryPolicy
from posapp.zeek.client import ZeekClient
from posapp.zeek.config import ZeekConfig
from posapp.zeek.errors import (
    ZeekAuthError,
    ZeekCancelRefused,
    ZeekDuplicateOrder,
    ZeekError,
    ZeekOrderError,
    ZeekParameterError,
    ZeekProtocolError,
    ZeekServerError,
    ZeekTransportError,
)
from posapp.zeek.signing import verify
from tests.conftest import load_fixture
from tests.zeek.conftest import CUSTOMER_LOCATION, make_request

Answer = httpx.Response | Exception


class Script:
    """Answers calls in order and keeps every request body it saw."""

    def __init__(self, *answers: Answer | Callable[[dict[str, Any]], Answer]) -> None:
        self.answers = list(answers)
        self.bodies: list[dict[str, Any]] = []
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        self.paths.append(request.url.path)
        answer = self.answers.pop(0)
        if callable(answer) and not isinstance(answer, httpx.Response):
            answer = answer(body)
        if isinstance(answer, Exception):
            raise answer
        return answer


def ok(data: Any, **extra: Any) -> httpx.Response:
    return httpx.Response(200, json={"error": 0, "data": data, **extra})


def err(code: int, message: str = "", data: Any = None) -> httpx.Response:
    return httpx.Response(200, json={"error": code, "err_msg": message, "data": data})


def client_for(config: ZeekConfig, script: Script) -> tuple[ZeekClient, list[float]]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    return ZeekClient(config, transport=httpx.MockTransport(script), sleep=sleep), slept


CREATED = load_fixture("zeek/create_response.json")["data"]


async def test_requests_are_signed_with_meta_and_posted_to_the_path(zeek_config: ZeekConfig) -> None:
    script = Script(ok(load_fixture("zeek/info_response.json")["data"]))
    client, _ = client_for(zeek_config, script)
    async with client:
        await client.info("FD1")
    body = script.bodies[0]
    assert script.paths == ["/v1.3/order/takeaway/info"]
    assert body["data"] == {
        "meta": {"lang": "zh-HK", "region": "HK"},
        "order_id": "FD1",
        "client_merchant_id": "STORE-123",
    }
    assert verify(body, appid=zeek_config.appid, secret=zeek_config.secret, now=body["auth"]["timestamp"]).ok


async def test_timed_out_create_is_sent_once_and_resent_with_the_same_id(zeek_config: ZeekConfig) -> None:
    script = Script(httpx.ReadTimeout("slow"), ok(CREATED))
    client, slept = client_for(zeek_config, script)
    async with client:
        with pytest.raises(ZeekTransportError) as caught:
            await client.create(make_request())
        assert caught.value.outcome is Outcome.UNKNOWN and slept == []
        booking = await client.create(make_request())  # the outbox's resend
    ids = [b["data"]["client_order_id"] for b in script.bodies]
    assert ids == ["POS-20240101-0042", "POS-20240101-0042"]
    assert booking.order_id == "FD20180615080181522"


async def test_duplicate_after_a_timeout_is_the_existing_booking(zeek_config: ZeekConfig) -> None:
    info = dict(
        load_fixture("zeek/info_response.json")["data"], order_status=9005, cancel_code="", cancel_reason=""
    )
    script = Script(
        httpx.ReadTimeout("answer lost"),
        err(3003, "duplicate client_order_id", {"order_id": "FD-EXISTING"}),
        ok(dict(info, order_id="FD-EXISTING")),
    )
    client, _ = client_for(zeek_config, script)
    async with client:
        with pytest.raises(ZeekTransportError):
            await client.create(make_request())
        booking = await client.create(make_request())
    assert booking.order_id == "FD-EXISTING"
    assert booking.status is DeliveryStatus.ACCEPTED
    assert booking.pickup_code == "0042"
    assert {b["data"]["client_order_id"] for b in script.bodies[:2]} == {"POS-20240101-0042"}
    assert script.paths[-1].endswith("/order/takeaway/info")


async def test_duplicate_without_an_order_id_is_an_error(zeek_config: ZeekConfig) -> None:
    client, _ = client_for(zeek_config, Script(err(3003, "duplicate")))
    async with client:
        with pytest.raises(ZeekDuplicateOrder):
            await client.create(make_request())


async def test_invalid_request_is_refused_before_sending(zeek_config: ZeekConfig) -> None:
    script = Script()
    client, _ = client_for(zeek_config, script)
    async with client:
        with pytest.raises(DeliveryValidationError, match="pickup code"):
            await client.create(make_request(pickup_code="42"))
    assert script.bodies == []


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (err(2001, "receive.user_name is required"), ZeekParameterError),
        (err(1003, "signature mismatch"), ZeekAuthError),
        (err(3005, "cannot cancel"), ZeekCancelRefused),
        (err(3999, "something new"), ZeekOrderError),
    ],
)
async def test_non_retryable_errors_are_sent_once(
    zeek_config: ZeekConfig, answer: httpx.Response, error: type[Exception]
) -> None:
    script = Script(answer)
    client, slept = client_for(zeek_config, script)
    async with client:
        with pytest.raises(error) as caught:
            await client.info("FD1")
    assert len(script.bodies) == 1 and slept == []
    assert "Zeek error" in str(caught.value)


async def test_retryable_errors_back_off_and_give_up_after_max_attempts(zeek_config: ZeekConfig) -> None:
    policy = RetryPolicy(first_delay=0.5, max_delay=8.0, max_attempts=3, jitter=False)
    config = ZeekConfig(**{**zeek_config.__dict__, "retry": policy})
    script = Script(err(5000, "internal"), httpx.Response(502, text="<html>bad gateway</html>"), err(4290))
    client, slept = client_for(config, script)
    async with client:
        with pytest.raises(ZeekError) as caught:
            await client.info("FD1")
    assert caught.value.attempts == 3 and caught.value.code == 4290
    assert slept == [0.5, 1.0]
    assert len({b["auth"]["signature"] for b in script.bodies}) >= 1


async def test_connection_errors_and_garbage_are_retried(zeek_config: ZeekConfig) -> None:
    info = load_fixture("zeek/info_response.json")["data"]
    script = Script(httpx.ConnectError("refused"), httpx.Response(200, text="not json"), ok(info))
    client, slept = client_for(zeek_config, script)
    async with client:
        update = await client.info("FD2019010484047222")
    assert update.order_id == "FD2019010484047222" and len(slept) == 2


async def test_timeout_that_never_recovers_is_a_transport_error(zeek_config: ZeekConfig) -> None:
    script = Script(*[httpx.ReadTimeout("slow")] * 4)
    client, _ = client_for(zeek_config, script)
    async with client:
        with pytest.raises(ZeekTransportError) as caught:
            await client.info("FD1")
    assert caught.value.timed_out and caught.value.attempts == 4


async def test_a_connection_that_never_opened_sent_nothing(zeek_config: ZeekConfig) -> None:
    client, _ = client_for(zeek_config, Script(httpx.ConnectError("refused")))
    async with client:
        with pytest.raises(ZeekTransportError) as caught:
            await client.create(make_request())
    assert caught.value.outcome is Outcome.NOT_SENT and caught.value.attempts == 1


async def test_conversion_table_sends_location_only(zeek_config: ZeekConfig) -> None:
    script = Script(ok(load_fixture("zeek/estimates_response.json")["data"]))
    client, _ = client_for(zeek_config, script)
    async with client:
        table = await client.conversion_table(CUSTOMER_LOCATION)
    assert len(table) == 3
    assert "product" not in script.bodies[0]["data"]
    assert script.bodies[0]["data"]["recipient"] == {"location": CUSTOMER_LOCATION}


async def test_quote_sends_dollars_and_picks_the_one_quotation(zeek_config: ZeekConfig) -> None:
    one = load_fixture("zeek/estimates_response.json")["data"]["quotations"][1]
    script = Script(ok({"quotations": [one]}))
    client, _ = client_for(zeek_config, script)
    async with client:
        quote = await client.quote(CUSTOMER_LOCATION, Money(30_050))
    assert script.bodies[0]["data"]["product"] == {"total_price": 300.5}
    assert quote.fee == Money(1050)
    with pytest.raises(DeliveryValidationError):
        await client.quote(CUSTOMER_LOCATION, Money(0))


async def test_track_gathers_every_page(zeek_config: ZeekConfig) -> None:
    def page(body: dict[str, Any]) -> httpx.Response:
        number, size, total = body["data"]["page"], body["data"]["pagesize"], 1203
        start = (number - 1) * size
        items = [
            {"partner_location": f"22.28,114.{1000 + i}", "upload_time": 1_700_000_000 + i}
            for i in range(start, min(total, start + size))
        ]
        pageinfo = {"total": total, "pagecount": -(-total // size), "pagesize": size, "curpage": number}
        return ok(items, pageinfo=pageinfo)

    script = Script(page, page, page)
    client, _ = client_for(zeek_config, script)
    async with client:
        fixes = await client.position_track("FD1")
    assert [b["data"]["page"] for b in script.bodies] == [1, 2, 3]
    assert {b["data"]["pagesize"] for b in script.bodies} == {500}
    assert len(fixes) == 1203 and fixes[-1].at == 1_700_001_202
    with pytest.raises(DeliveryValidationError):
        await client.position_track("FD1", pagesize=501)


async def test_cancel_whose_answer_was_lost_is_sent_once(zeek_config: ZeekConfig) -> None:
    script = Script(httpx.ReadTimeout("lost"))
    client, _ = client_for(zeek_config, script)
    async with client:
        with pytest.raises(ZeekTransportError) as caught:
            await client.cancel("FD1", "customer asked")
    assert caught.value.outcome is Outcome.UNKNOWN and len(script.bodies) == 1


async def test_cancel_refused_on_first_try_is_an_error(zeek_config: ZeekConfig) -> None:
    client, _ = client_for(zeek_config, Script(err(3005, "picked up")))
    async with client:
        with pytest.raises(ZeekCancelRefused):
            await client.cancel("FD1")
        with pytest.raises(DeliveryValidationError, match="staff number"):
            await client.cancel("FD1", user_code="1")


async def test_info_by_phone_accepts_one_object_or_a_list(zeek_config: ZeekConfig) -> None:
    info = load_fixture("zeek/info_by_phone_response.json")["data"]
    script = Script(ok(info), ok([info, info]), ok(None))
    client, _ = client_for(zeek_config, script)
    async with client:
        assert len(await client.info_by_phone("91234567")) == 1
        assert len(await client.info_by_phone("91234567", "852")) == 2
        assert await client.info_by_phone("91234567") == []
        with pytest.raises(DeliveryValidationError, match="country code"):
            await client.info_by_phone("+85291234567")
    assert script.bodies[0]["data"]["user_phone_country_code"] == "852"


async def test_position_latest_before_any_fix_is_none(zeek_config: ZeekConfig) -> None:
    script = Script(
        ok({"order_id": "FD1", "partner_location": ""}),
        ok(load_fixture("zeek/position_latest_response.json")["data"]),
    )
    client, _ = client_for(zeek_config, script)
    async with client:
        assert await client.position_latest("FD1") is None
        fix = await client.position_latest("FD1")
    assert fix is not None and fix.order_id == "FD20180615080181522"


def test_server_error_is_retryable_protocol_too() -> None:
    assert ZeekServerError("x").retryable and ZeekProtocolError("x").retryable
    assert not ZeekParameterError("x").retryable
