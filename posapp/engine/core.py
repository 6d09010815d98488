"""The app without its screens: cache, platform clients, outbox worker, order service, relay sync,
Zeek callbacks and the degraded poller.

:func:`posapp.engine.assembly.build_core` builds it; ``posapp/session.py`` puts the Qt window on top.
Nothing here imports Qt. :meth:`AppCore.start` spawns the background tasks on the running loop.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from posapp.engine.acker import RelayAcker
from posapp.engine.brand_controls import BrandControls
from posapp.engine.brand_links import BrandLink
from posapp.engine.busy_mode import BusyMode
from posapp.engine.delivery.setup import DeliveryEngine
from posapp.engine.hub import EventHub
from posapp.engine.orders import OrderService
from posapp.engine.outbox import OutboxWorker
from posapp.engine.poller import DegradedPoller
from posapp.engine.printing_hooks import Printing
from posapp.engine.sold_out import SoldOut
from posapp.engine.stream_fallback import FallbackSource
from posapp.engine.supervisor import Supervisor
from posapp.engine.sync import ConnectionStatus, SyncEngine
from posapp.engine.token_keeper import TokenKeeper
from posapp.engine.transport import PlatformAccess
from posapp.engine.unreadable import UnreadableEvents
from posapp.engine.zeek_events import DeliveryEvents
from posapp.keeta.client import KeetaClient
from posapp.store.db import CacheDatabase
from posapp.zeek.client import ZeekClient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelayLink:
    url: str
    token: str

    @property
    def stream_key(self) -> str:
        return f"relay:{self.url.rstrip('/')}"


@dataclass(kw_only=True)
class AppCore:
    """The running engine's parts; built only by :func:`posapp.engine.assembly.build_core`."""

    db: CacheDatabase
    hub: EventHub  # the one event path from every part to the screens (ui/bridge.py) and to each other
    problems: list[str]  # set-up problems for the screen to show (never raised at start)
    access: PlatformAccess
    keeta: KeetaClient
    tokens: TokenKeeper | None
    zeek: ZeekClient | None
    worker: OutboxWorker
    orders: OrderService
    delivery: DeliveryEngine | None
    deliveries: DeliveryEvents
    unreadable: UnreadableEvents
    http: httpx.AsyncClient
    sync: SyncEngine | None
    source: FallbackSource | None
    acker: RelayAcker | None
    brands: list[BrandLink] = field(default_factory=list)  # one relay connection per further brand
    printing: Printing | None
    poller: DegradedPoller
    supervisor: Supervisor
    busy: BusyMode  # pause / reopen the store, with the app's own timer (issue 17)
    sold_out: SoldOut  # sold-out items
    # Busy mode and sold out of every brand by shop id (``busy`` and ``sold_out`` are the main shop's).
    controls: BrandControls

    @property
    def status(self) -> ConnectionStatus:
        """The link to the relay (with ``degraded`` when polling), or the poller's own without a relay."""
        return self.sync.status if self.sync is not None else self.poller.status

    def start(self) -> None:
        """Every long-running part under the supervisor: a part that dies is logged, restarted, shown."""
        self.unreadable.follow_up()
        run = self.supervisor.start
        if self.tokens is not None:
            run("keeta-token", self.tokens.run)
        run("outbox", self.worker.run)
        for name, runner in self.controls.runners().items():
            run(name, runner)
        if self.sync is not None:
            run("relay-sync", self.sync.run, on_failure=self.sync.mark_stopped)
        if self.acker is not None:
            run("relay-ack", self.acker.run)
        for link in self.brands:
            run(f"relay-sync-{link.shop_id}", link.sync.run, on_failure=link.sync.mark_stopped)
            run(f"relay-ack-{link.shop_id}", link.acker.run)
        run("degraded-poller", self.poller.run)
        if self.delivery is not None:
            self.delivery.begin()
            for name, runner in self.delivery.runners().items():
                run(name, runner)
        if self.printing is not None:
            run("printing", self.printing.run)

    async def stop(self) -> None:
        """Close every part; one that fails to close is logged and the others still close."""
        steps: list[tuple[str, Callable[[], Awaitable[object]]]] = []
        if self.acker is not None:
            steps.append(("relay acknowledgements", self.acker.flush))
        steps += [(f"relay acknowledgements, shop {link.shop_id}", link.acker.flush) for link in self.brands]
        steps.append(("background tasks", self.supervisor.stop))
        if self.printing is not None:
            steps.append(("printing", self.printing.stop))  # before the database closes: jobs live there
        steps += [("unread events", self.unreadable.aclose), ("orders", self.orders.aclose)]
        steps.append(("Keeta client", self.keeta.aclose))
        if self.delivery is not None:
            steps.append(("delivery", self.delivery.stop))  # closes the Zeek client too
        elif self.zeek is not None:
            steps.append(("Zeek client", self.zeek.aclose))
        steps.append(("HTTP client", self.http.aclose))
        for name, step in steps:
            try:
                await step()
            except Exception:
                log.exception("stopping %s failed; closing the rest", name)
        try:
            self.db.close()
        except Exception:
            log.exception("closing the cache failed")
