"""The app without its screens: cache, Keeta client, outbox worker, order service and relay sync.

``posapp/app.py`` puts the Qt window on top of this; tests and benchmarks use it as it is. Nothing
here imports Qt. :meth:`AppCore.start` spawns the background tasks on the running loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

import httpx
import peewee

from posapp.engine.apply import EventApplier
from posapp.engine.keeta_delivery import KeetaDelivery
from posapp.engine.orders import OrderService
from posapp.engine.outbox import OutboxWorker, RetryPolicy
from posapp.engine.relay_source import SseSource
from posapp.engine.sync import Backoff, SyncEngine
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import KeetaConfig
from posapp.store.db import open_database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelayLink:
    url: str
    token: str

    @property
    def stream_key(self) -> str:
        return f"relay:{self.url.rstrip('/')}"


class AppCore:
    def __init__(
        self,
        db_path: Path,
        keeta: KeetaConfig,
        relay: RelayLink | None,
        outbox_policy: RetryPolicy | None = None,
        sync_backoff: Backoff | None = None,
    ) -> None:
        self.db: peewee.SqliteDatabase = open_database(db_path)
        self.keeta = KeetaClient(keeta)
        self.worker = OutboxWorker({"keeta": KeetaDelivery(self.keeta)}, policy=outbox_policy)
        self.orders = OrderService(self.keeta, self.worker)
        self._http = httpx.AsyncClient()
        self.sync: SyncEngine | None = None
        if relay is not None:
            applier = EventApplier(relay.stream_key)
            source = SseSource(self._http, relay.url, relay.token)
            self.sync = SyncEngine(source, applier, applier.load_cursor, backoff=sync_backoff)
            self.sync.on_applied(self.orders.event_applied)
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._tasks.append(loop.create_task(self.worker.run(), name="outbox"))
        if self.sync is not None:
            self._tasks.append(loop.create_task(self.sync.run(), name="relay-sync"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        await self.orders.aclose()
        await self.keeta.aclose()
        await self._http.aclose()
        self.db.close()
