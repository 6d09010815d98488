"""The relay's ASGI app: routes, and a lifespan that opens storage, listens for wake-ups and prunes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from posapp.relay import health, ingest, stream
from posapp.relay.config import RelayConfig
from posapp.relay.fastpath import KeetaFastPath
from posapp.relay.gateway import Gateway
from posapp.relay.limits import BodyLimit
from posapp.relay.request_log import RequestLog
from posapp.relay.state import RelayState
from posapp.relay.storage import storage_for_url
from posapp.relay.storage.base import Storage, StorageUnavailable

log = logging.getLogger(__name__)


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    """The database went away mid-request: 503, so a platform retries and an app reconnects."""
    log.warning("database unavailable: %s", exc)
    return JSONResponse({"error": "the relay cannot reach its database; retry shortly"}, status_code=503)


async def _prune_forever(state: RelayState) -> None:
    config = state.config
    while True:
        try:
            gone = await state.storage.prune(time.time(), config.keep_acked_seconds, config.prune_batch)
            if gone:
                log.info("pruned %d acknowledged events", gone)
        except StorageUnavailable as exc:
            log.warning("pruning skipped: %s", exc)
        except Exception:  # a failed prune must not stop the next one
            log.exception("pruning failed")
        await asyncio.sleep(config.prune_every_seconds)  # a schedule, not a wait for a condition


def build_relay_app(config: RelayConfig, storage: Storage) -> Starlette:
    state = RelayState(config=config, storage=storage)
    gateway = Gateway()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        storage.observe_commits(state.metrics.commit_seconds.observe)
        await storage.open()
        await storage.listen(state.hub.wake, state.hub.wake_all)
        loop = asyncio.get_running_loop()
        pruner = loop.create_task(_prune_forever(state))
        tokens = loop.create_task(state.tokens.run(config.token_check_seconds), name="keeta-tokens")
        alarm = loop.create_task(state.alarm.run(), name="alarm")
        try:
            yield
        finally:
            for task in (pruner, tokens, alarm):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await state.alarm.aclose()
            await storage.close()
            await gateway.aclose()

    app = Starlette(
        routes=[
            Route("/keeta/webhook", ingest.keeta_webhook, methods=["POST"]),
            Route("/zeek/callback/{store}", ingest.zeek_callback, methods=["POST"]),
            Route("/v1/stream", stream.stream, methods=["GET"]),
            Route("/v1/events", stream.events, methods=["GET"]),
            Route("/v1/ack", stream.ack, methods=["POST"]),
            Route("/healthz", health.healthz, methods=["GET"]),
            Route("/readyz", health.readyz, methods=["GET"]),
            Route("/metrics", health.metrics, methods=["GET"]),
            *gateway.routes(),
        ],
        lifespan=lifespan,
        # RequestLog first, so it is outermost and sees every answer (a refusal before any route too).
        # BodyLimit next: a body over the limit is refused before routing, authentication or a read.
        middleware=[
            Middleware(RequestLog, metrics=state.metrics),
            Middleware(BodyLimit),
            Middleware(KeetaFastPath),
        ],
        exception_handlers={StorageUnavailable: _unavailable},
    )
    app.state.relay = state
    return app


def create_app(config: RelayConfig, db_url: str) -> Starlette:
    return build_relay_app(config, storage_for_url(db_url))
