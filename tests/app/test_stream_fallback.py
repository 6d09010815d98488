"""Long-poll fallback: behind a proxy that refuses streaming responses, events still arrive."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import OrderStatus
from posapp.domain.retry import RetryPolicy
from posapp.engine.assembly import Tuning, build_core
from posapp.engine.stream_fallback import Channel
from posapp.engine.sync import LinkState
from posapp.keeta.client import KeetaClient
from posapp.serving import LoopServer, free_port
from tests.app.support import KEETA_ONLY
from tests.app.test_end_to_end import Watch, create_order, status_is


class StreamRefusingProxy:
    """A reverse proxy on 127.0.0.1 that answers 502 to ``/v1/stream`` and forwards ``/v1/events``."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.port = free_port()
        self.stream_attempts = 0
        self._http = httpx.AsyncClient(timeout=90)
        app = Starlette(
            routes=[
                Route("/v1/stream", self._stream, methods=["GET"]),
                Route("/v1/events", self._events, methods=["GET"]),
            ]
        )
        # A forwarded long-poll may still wait on the relay at teardown: do not wait out its 25 s.
        self._server = LoopServer(app, port=self.port, timeout_graceful_shutdown=1)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _stream(self, request: Request) -> Response:
        self.stream_attempts += 1
        return PlainTextResponse("streaming responses are not allowed through this proxy", status_code=502)

    async def _events(self, request: Request) -> Response:
        answer = await self._http.get(
            f"{self.upstream}/v1/events",
            params=dict(request.query_params),
            headers={"Authorization": request.headers.get("authorization", "")},
        )
        return Response(answer.content, answer.status_code, media_type=answer.headers.get("content-type"))

    async def start(self) -> None:
        await self._server.start()

    async def stop(self) -> None:
        await self._server.stop()
        await self._http.aclose()


@pytest.fixture
async def behind_proxy(tmp_path: Path) -> AsyncIterator[tuple[StackInfo, StreamRefusingProxy]]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    proxy = StreamRefusingProxy(info.relay_url)
    await proxy.start()
    try:
        yield info, proxy
    finally:
        await proxy.stop()
        await platforms.stop()


async def test_sse_refused_repeatedly_switches_to_long_poll_and_nothing_is_missed(
    behind_proxy: tuple[StackInfo, StreamRefusingProxy], tmp_path: Path
) -> None:
    info, proxy = behind_proxy
    early = await create_order(info)  # waiting in the relay before the app starts
    core = build_core(
        tmp_path / "cache.sqlite3",
        info.settings(relay_url=proxy.url, **KEETA_ONLY),
        info.secrets(),
        tuning=Tuning(
            sync_backoff=RetryPolicy(first_delay=0.02, max_delay=0.05, max_attempts=0),
            sse_failures_before_long_poll=2,
        ),
    )
    watch = Watch(core)
    core.start()
    try:
        await watch.until(status_is(core, early, OrderStatus.NEW))
        assert core.source is not None and core.source.channel is Channel.LONG_POLL
        assert proxy.stream_attempts == 2 and core.status.state is LinkState.CONNECTED

        later = await create_order(info)  # wakes the long-poll that is waiting in the relay
        await watch.until(status_is(core, later, OrderStatus.NEW))
        async with KeetaClient(info.keeta_config()) as tablet:
            await tablet.confirm(later)
        await watch.until(status_is(core, later, OrderStatus.ACCEPTED))
        assert sorted(o.order_view_id for o in core.orders.open_orders()) == sorted([early, later])
        assert proxy.stream_attempts == 2  # no SSE retries while long-poll works
    finally:
        await core.stop()
