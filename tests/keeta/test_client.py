"""KeetaClient against httpx.MockTransport: envelope, signing, error mapping, retry and timeouts."""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from posapp.domain.money import Money
from posapp.domain.retry import Outcome
from posapp.keeta import codes
from posapp.keeta.client import KeetaClient
from posapp.keeta.codes import CancelCode, PartRefundType, RejectCode
from posapp.keeta.config import KeetaConfig, RetryPolicy
from posapp.keeta.errors import (
    KeetaAuthError,
    KeetaBusinessError,
    KeetaError,
    KeetaHttpStatusError,
    KeetaProtocolError,
    KeetaServerError,
    KeetaTransportError,
    MissingReasonError,
)
from posapp.keeta.signing import sign
from tests.conftest import load_fixture

BASE = "https://keeta.test/api/open"
SECRET = "unit-secret-XYZ"
TOKEN = "unit-token-ABC"
ORDER = 756823555555859

Handler = Callable[[httpx.Request], httpx.Response]


def ok(data: Any = None) -> httpx.Response:
    return httpx.Response(200, json={"code": 0, "message": "success", "data": data})


class Recorder:
    """Serves scripted answers in turn and keeps every request; an unscripted call fails the test."""

    def __init__(self, *answers: httpx.Response | Exception | Handler) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.answers:
            raise AssertionError(f"unexpected call {request.url}")
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer(request) if callable(answer) else answer

    def body(self, index: int = -1) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.requests[index].content)
        return result


class FakeTime:
    def __init__(self) -> None:
        self.now = 1764057600.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(seconds, 1.0)  # so each retry carries a new timestamp


def make_client(recorder: Recorder, clock: FakeTime, retries: int = 2) -> KeetaClient:
    config = KeetaConfig(
        app_id=10001,
        secret=SECRET,
        access_token=TOKEN,
        shop_id=880001,
        base_url=BASE,
        retry=RetryPolicy(first_delay=0.1, max_delay=0.4, max_attempts=retries + 1),
    )
    return KeetaClient(
        config, transport=httpx.MockTransport(recorder), now=clock, sleep=clock.sleep, rng=MidRandom()
    )


class MidRandom(random.Random):
    """Full jitter that always draws the middle of its range, so delays can be asserted."""

    def uniform(self, a: float, b: float) -> float:
        return (a + b) / 2


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


async def test_confirm_sends_signed_envelope(clock: FakeTime) -> None:
    recorder = Recorder(ok())
    async with make_client(recorder, clock) as keeta:
        await keeta.confirm(ORDER)
    request = recorder.requests[0]
    assert request.method == "POST" and str(request.url) == f"{BASE}/order/confirm"
    assert request.headers["content-type"].startswith("application/json")
    sent = recorder.body()
    assert sent["appId"] == 10001 and sent["accessToken"] == TOKEN and sent["timestamp"] == 1764057600
    assert sent["orderViewId"] == ORDER and sent["shopId"] == 880001
    unsigned = {k: v for k, v in sent.items() if k != "sig"}
    assert sent["sig"] == sign(f"{BASE}/order/confirm", unsigned, SECRET)


@pytest.mark.parametrize("method", ["prepare", "collect", "agree"])
async def test_simple_calls_hit_their_paths(clock: FakeTime, method: str) -> None:
    recorder = Recorder(ok())
    async with make_client(recorder, clock) as keeta:
        await getattr(keeta, method)(ORDER, shop_id=5)
    assert recorder.requests[0].url.path == f"/api/open/order/{method}"
    assert recorder.body()["shopId"] == 5


async def test_get_parses_the_order(clock: FakeTime) -> None:
    recorder = Recorder(ok({"orderInfo": load_fixture("keeta/order_info_delivery.json")}))
    async with make_client(recorder, clock) as keeta:
        order = await keeta.get(ORDER)
    assert order.order_view_id == ORDER and order.seq_no == "#58"


async def test_get_with_unreadable_order_is_a_protocol_error(clock: FakeTime) -> None:
    recorder = Recorder(ok({"orderInfo": {"baseOrder": {}}}))
    async with make_client(recorder, clock, retries=0) as keeta:
        with pytest.raises(KeetaProtocolError, match=r"baseOrder\.orderViewId"):
            await keeta.get(ORDER)


async def test_cancel_and_reject_codes(clock: FakeTime) -> None:
    recorder = Recorder(ok(), ok())
    async with make_client(recorder, clock) as keeta:
        await keeta.cancel(ORDER, CancelCode.STAFF_SHORTAGE)
        await keeta.reject(ORDER, RejectCode.OTHER, "食物已送出 Already delivered")
    assert recorder.body(0)["cancelCode"] == 500003 and recorder.body(0)["cancelReason"] == ""
    assert recorder.body(1)["rejectCode"] == 100000
    assert recorder.body(1)["rejectReason"] == "食物已送出 Already delivered"
    assert "食物已送出".encode() in recorder.requests[1].content  # not \\u-escaped: wire text == signed text


@pytest.mark.parametrize(
    "call",
    [
        lambda k: k.cancel(ORDER, CancelCode.OTHER),
        lambda k: k.cancel(ORDER, CancelCode.OTHER, "   "),
        lambda k: k.reject(ORDER, RejectCode.OTHER),
        lambda k: k.partial_refund_apply(ORDER, [(1, 1)], PartRefundType.OTHER, ""),
    ],
)
async def test_missing_reason_is_refused_before_sending(clock: FakeTime, call: Any) -> None:
    recorder = Recorder()
    async with make_client(recorder, clock) as keeta:
        with pytest.raises(MissingReasonError, match="reason is required"):
            await call(keeta)
    assert recorder.requests == []


@pytest.mark.parametrize("products", [[], [(1, 0)], [(1, -2)]])
async def test_bad_partial_refund_products_are_refused(
    clock: FakeTime, products: list[tuple[int, int]]
) -> None:
    recorder = Recorder()
    async with make_client(recorder, clock) as keeta:
        with pytest.raises(ValueError):
            await keeta.partial_refund_apply(ORDER, products, PartRefundType.WRONG_ITEM)
    assert recorder.requests == []


async def test_partial_refund_apply_signs_products_as_compact_json(clock: FakeTime) -> None:
    recorder = Recorder(ok())
    async with make_client(recorder, clock) as keeta:
        await keeta.partial_refund_apply(ORDER, [(9001001, 1), (9001002, 1)], PartRefundType.MISSING_ITEMS)
    raw = recorder.requests[0].content.decode()
    products_text = '[{"orderProductId":9001001,"refundCount":1},{"orderProductId":9001002,"refundCount":1}]'
    assert products_text in raw
    sent = recorder.body()
    assert sent["partRefundType"] == 200003
    assert sent["sig"] == sign(
        f"{BASE}/order/refund/part/apply", {k: v for k, v in sent.items() if k != "sig"}, SECRET
    )


async def test_partial_refund_preview(clock: FakeTime) -> None:
    data = {
        "products": [
            {
                "id": 9001001,
                "spuId": 3001,
                "skuId": 4001,
                "count": 2,
                "refundableCount": 2,
                "refundAmount": 4500,
            }
        ],
        "totalRefundAmount": 4500,
    }
    recorder = Recorder(ok({"products": []}), ok(data))
    async with make_client(recorder, clock) as keeta:
        empty = await keeta.partial_refund_preview(ORDER)
        preview = await keeta.partial_refund_preview(ORDER, [(9001001, 1)])
    assert "products" not in recorder.body(0)
    assert recorder.body(1)["products"] == [{"orderProductId": 9001001, "refundCount": 1}]
    assert empty.lines == ()
    assert preview.lines[0].refundable_count == 2 and preview.total == Money(4500)


async def test_refresh_token_reads_top_level_fields(clock: FakeTime) -> None:
    grant = {
        "accessToken": "new-token",
        "tokenType": "bearer",
        "expiresIn": 7776000,
        "refreshToken": "r2",
        "scope": "all",
        "issuedAtTime": 1764057600123,
    }
    recorder = Recorder(httpx.Response(200, json=grant))
    async with make_client(recorder, clock) as keeta:
        token = await keeta.refresh_token("r1")
        keeta.use_token(token.access_token)
    sent = recorder.body()
    assert recorder.requests[0].url.path == "/api/open/base/oauth/token"
    assert "accessToken" not in sent
    assert sent["grantType"] == "refresh_token" and sent["refreshToken"] == "r1"
    assert token.access_token == "new-token" and token.refresh_token == "r2"
    assert token.issued_at == 1764057600 and token.expires_at == 1764057600 + 7776000
    assert "new-token" not in repr(token)
    assert keeta.config.access_token == "new-token"


async def test_refresh_token_error_code(clock: FakeTime) -> None:
    recorder = Recorder(httpx.Response(200, json={"code": codes.REFRESH_TOKEN_INVALID, "message": "used"}))
    async with make_client(recorder, clock) as keeta:
        with pytest.raises(KeetaAuthError):
            await keeta.refresh_token("r1")
    assert len(recorder.requests) == 1


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (codes.SIG_ERROR, KeetaAuthError),
        (115000200, KeetaAuthError),
        (codes.INVALID_STATE, KeetaBusinessError),
        (codes.PARAM_ERROR, KeetaBusinessError),
        (999, KeetaBusinessError),
    ],
)
async def test_auth_and_business_errors_are_never_retried(clock: FakeTime, code: int, error: type) -> None:
    recorder = Recorder(httpx.Response(200, json={"code": code, "message": "nope"}))
    async with make_client(recorder, clock) as keeta:
        with pytest.raises(error) as caught:
            await keeta.confirm(ORDER)
    assert caught.value.code == code and caught.value.endpoint == "order/confirm"
    assert len(recorder.requests) == 1 and clock.sleeps == []


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(503, text="<html>busy</html>"),
        httpx.Response(200, json={"code": codes.SERVER_ERROR, "message": "system busy"}),
        httpx.Response(200, text="<html>gateway</html>"),
        httpx.Response(200, json=[1, 2]),
        httpx.Response(200, json={"message": "no code"}),
        httpx.Response(429),
        httpx.ReadTimeout("slow"),
        httpx.ConnectError("refused"),
    ],
)
async def test_retryable_failure_then_success(clock: FakeTime, failure: httpx.Response | Exception) -> None:
    recorder = Recorder(failure, ok({"orderInfo": load_fixture("keeta/order_info_delivery.json")}))
    async with make_client(recorder, clock) as keeta:
        await keeta.get(ORDER)
    assert len(recorder.requests) == 2
    first, second = recorder.body(0), recorder.body(1)
    assert second["timestamp"] > first["timestamp"]  # fresh timestamp ...
    assert second["sig"] != first["sig"]  # ... and signature per attempt
    assert clock.sleeps == [pytest.approx(0.05)]  # full jitter over 0.1 s, drawn at its middle


@pytest.mark.parametrize(
    ("failure", "outcome"),
    [
        (httpx.Response(503, text="busy"), Outcome.NOT_DONE),
        (httpx.Response(200, json={"code": codes.SERVER_ERROR, "message": "busy"}), Outcome.NOT_DONE),
        (httpx.Response(200, text="<html>gateway</html>"), Outcome.UNKNOWN),
        (httpx.ReadTimeout("slow"), Outcome.UNKNOWN),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), Outcome.UNKNOWN),
        (httpx.ConnectError("refused"), Outcome.NOT_SENT),
        (httpx.Response(200, json={"code": 115000301, "message": "bad state"}), Outcome.REFUSED),
    ],
)
async def test_a_write_is_sent_once_and_says_what_it_may_have_done(
    clock: FakeTime, failure: httpx.Response | Exception, outcome: Outcome
) -> None:
    recorder = Recorder(failure)
    async with make_client(recorder, clock, retries=3) as keeta:
        with pytest.raises(KeetaError) as caught:
            await keeta.partial_refund_apply(ORDER, [(1, 1)], PartRefundType.SLOW_PREPARATION)
    assert caught.value.outcome is outcome
    assert len(recorder.requests) == 1 and clock.sleeps == []


async def test_retry_after_is_a_floor_for_the_next_read(clock: FakeTime) -> None:
    busy = httpx.Response(429, headers={"Retry-After": "3"})
    recorder = Recorder(busy, ok({"orderInfo": load_fixture("keeta/order_info_delivery.json")}))
    async with make_client(recorder, clock) as keeta:
        await keeta.get(ORDER)
    assert clock.sleeps == [pytest.approx(3.0)]


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (lambda: httpx.Response(502), KeetaServerError),
        (lambda: httpx.ReadTimeout("slow"), KeetaTransportError),
        (lambda: httpx.Response(200, text="oops"), KeetaProtocolError),
    ],
)
async def test_retries_are_bounded_with_exponential_backoff(
    clock: FakeTime, failure: Any, error: type
) -> None:
    recorder = Recorder(*(failure() for _ in range(4)))
    async with make_client(recorder, clock, retries=3) as keeta:
        with pytest.raises(error):
            await keeta.get(ORDER)
    assert len(recorder.requests) == 4
    assert clock.sleeps == [pytest.approx(0.05), pytest.approx(0.1), pytest.approx(0.2)]


async def test_unexpected_4xx_is_not_retried(clock: FakeTime) -> None:
    recorder = Recorder(httpx.Response(404, text="not found"))
    async with make_client(recorder, clock) as keeta:
        with pytest.raises(KeetaHttpStatusError):
            await keeta.confirm(ORDER)
    assert len(recorder.requests) == 1


async def test_real_timeout_maps_to_transport_error() -> None:
    """A server that never answers, over real sockets on 127.0.0.1, with a tiny timeout."""
    release = asyncio.Event()

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1)
        await release.wait()
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    config = KeetaConfig(
        app_id=1,
        secret=SECRET,
        access_token=TOKEN,
        shop_id=1,
        base_url=f"http://127.0.0.1:{port}",
        timeout=0.2,
        connect_timeout=0.2,
        retry=RetryPolicy(max_attempts=1),
    )
    try:
        async with KeetaClient(config) as keeta:
            with pytest.raises(KeetaTransportError, match="timed out"):
                await keeta.confirm(ORDER)
    finally:
        release.set()
        server.close()
        await server.wait_closed()


async def test_secret_and_token_never_logged(clock: FakeTime, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    recorder = Recorder(
        httpx.Response(500), httpx.Response(200, json={"code": codes.INVALID_STATE, "message": "x"})
    )
    async with make_client(recorder, clock) as keeta:
        with pytest.raises(KeetaBusinessError):
            await keeta.get(ORDER)
    text = caplog.text
    assert str(codes.INVALID_STATE) in text  # the platform code is logged ...
    assert SECRET not in text and TOKEN not in text  # ... the credentials never
    assert SECRET not in repr(keeta.config) and TOKEN not in repr(keeta.config)
