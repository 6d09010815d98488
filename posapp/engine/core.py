"""The app without its screens: cache, platform clients, outbox worker, order service, relay sync,
Zeek callbacks and the degraded poller.

``posapp/app.py`` puts the Qt window on top of this; tests and benchmarks use it as it is. Nothing
here imports Qt. :meth:`AppCore.start` spawns the background tasks on the running loop. ``api_mode``
("direct" or "gateway", from Settings) decides whether the clients sign locally or go through the relay.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import peewee

from posapp.domain.retry import RetryPolicy
from posapp.engine.acker import RelayAcker
from posapp.engine.apply import AppliedEvent, EventApplier
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.delivery.setup import DeliveryEngine, build_delivery_engine, zeek_delivery
from posapp.engine.hub import EventHub
from posapp.engine.keeta_delivery import KeetaDelivery
from posapp.engine.orders import OrderService, OrderUpdate
from posapp.engine.outbox import Delivery, OutboxWorker
from posapp.engine.poller import DegradedPoller, PollSettings
from posapp.engine.printing_hooks import Printing, build_printing
from posapp.engine.relay_source import LongPollSource, SseSource
from posapp.engine.stream_fallback import FallbackSource
from posapp.engine.supervisor import Supervisor
from posapp.engine.sync import ConnectionStatus, SyncEngine
from posapp.engine.token_keeper import TokenKeeper, TokenVault
from posapp.engine.transport import ApiMode, PlatformAccess, platform_access
from posapp.engine.unreadable import UnreadableEvents
from posapp.engine.zeek_events import DeliveryEvents, DeliveryUpdate
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import KeetaConfig
from posapp.settings import Settings
from posapp.store.db import open_database
from posapp.zeek.client import ZeekClient
from posapp.zeek.config import ZeekConfig

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
        sync_backoff: RetryPolicy | None = None,
        *,
        api_mode: str | ApiMode = ApiMode.DIRECT,
        zeek: ZeekConfig | None = None,
        poll: PollSettings | None = None,
        sse_failures_before_long_poll: int = 3,
        delivery_settings: DeliverySettings | None = None,
        default_prep_minutes: int = 15,
        printing: Settings | None = None,
        token_vault: TokenVault | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db: peewee.SqliteDatabase = open_database(db_path)
        # The one event path from every part to the screens (ui/bridge.py) and to each other.
        self.hub = EventHub()
        self.problems: list[str] = []  # set-up problems for the screen to show (never raised at start)
        self.access = self._access(api_mode, keeta, zeek, relay)
        self.keeta = KeetaClient(self.access.keeta, transport=self.access.transport())
        # Direct mode refreshes the Keeta token here; in gateway mode the relay holds and refreshes it.
        self.tokens: TokenKeeper | None = None
        if token_vault is not None and self.access.mode is ApiMode.DIRECT:
            self.tokens = TokenKeeper(self.keeta, token_vault, clock, hub=self.hub)
        self.zeek: ZeekClient | None = None
        if self.access.zeek is not None:
            self.zeek = ZeekClient(self.access.zeek, transport=self.access.transport())
        deliveries: dict[str, Delivery] = {"keeta": KeetaDelivery(self.keeta)}
        if self.zeek is not None:
            deliveries["zeek"] = zeek_delivery(self.zeek)
        self.worker = OutboxWorker(deliveries, policy=outbox_policy, hub=self.hub)
        self.orders = OrderService(self.keeta, self.worker, clock, default_prep_minutes)
        self.delivery: DeliveryEngine | None = None
        if self.zeek is not None:
            self.delivery = build_delivery_engine(
                self.zeek, self.worker, self.orders, delivery_settings, default_prep_minutes, self.keeta
            )
        self.deliveries = DeliveryEvents(self.hub)
        # Events that could not be read: shown until Keeta's copy of the order is read or dismissed.
        self.unreadable = UnreadableEvents(self.orders.refresh, clock, hub=self.hub)
        self.unreadable.load()
        self.hub.subscribe(OrderUpdate, lambda update: self.unreadable.order_read(update.order.order_view_id))
        self._http = httpx.AsyncClient()
        self.sync: SyncEngine | None = None
        self.source: FallbackSource | None = None
        self.acker: RelayAcker | None = None
        if relay is not None:
            applier = EventApplier(relay.stream_key, handlers={"zeek": self.deliveries.record})
            self.source = FallbackSource(
                SseSource(self._http, relay.url, relay.token),
                LongPollSource(self._http, relay.url, relay.token),
                switch_after=sse_failures_before_long_poll,
            )
            self.sync = SyncEngine(
                self.source, applier, applier.load_cursor, backoff=sync_backoff, hub=self.hub
            )
            self.hub.subscribe(AppliedEvent, self.orders.event_applied)
            self.hub.subscribe(AppliedEvent, self.deliveries.flush)
            self.hub.subscribe(AppliedEvent, self.unreadable.event_applied)
            self.acker = RelayAcker(self._http, relay.url, relay.token)
            self.hub.subscribe(AppliedEvent, self.acker.note)
        if self.delivery is not None:
            service = self.delivery.service
            self.hub.subscribe(DeliveryUpdate, lambda item: service.callback_applied(item.update.order_id))
        # Printers come from the settings; the queue's jobs live in the cache opened above.
        self.printing: Printing | None = None
        if printing is not None:
            bookings = self.delivery.service if self.delivery is not None else None
            self.printing = build_printing(printing, self.orders, deliveries=bookings)
        self.poller = DegradedPoller(self.orders, self.sync, poll)
        self.supervisor = Supervisor(hub=self.hub)

    def _access(
        self, mode: str | ApiMode, keeta: KeetaConfig, zeek: ZeekConfig | None, relay: RelayLink | None
    ) -> PlatformAccess:
        try:
            chosen = mode if isinstance(mode, ApiMode) else ApiMode.parse(mode)
        except ValueError as exc:
            self.problems.append(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc))
            chosen = ApiMode.DIRECT
        if chosen is ApiMode.GATEWAY and relay is None:
            # Starting anyway keeps the cached orders on screen; the problem tells the cashier why calls fail.
            self.problems.append("Gateway mode needs a relay URL and store token; calling Keeta directly.")
            log.error("api_mode is gateway but no relay is configured")
            chosen = ApiMode.DIRECT
        if chosen is ApiMode.GATEWAY and relay is not None:
            return platform_access(chosen, keeta, zeek, relay.url, relay.token)
        return platform_access(ApiMode.DIRECT, keeta, zeek)

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
        if self.sync is not None:
            run("relay-sync", self.sync.run, on_failure=self.sync.mark_stopped)
        if self.acker is not None:
            run("relay-ack", self.acker.run)
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
        steps.append(("background tasks", self.supervisor.stop))
        if self.printing is not None:
            steps.append(("printing", self.printing.stop))  # before the database closes: jobs live there
        steps += [("unread events", self.unreadable.aclose), ("orders", self.orders.aclose)]
        steps.append(("Keeta client", self.keeta.aclose))
        if self.delivery is not None:
            steps.append(("delivery", self.delivery.stop))  # closes the Zeek client too
        elif self.zeek is not None:
            steps.append(("Zeek client", self.zeek.aclose))
        steps.append(("HTTP client", self._http.aclose))
        for name, step in steps:
            try:
                await step()
            except Exception:
                log.exception("stopping %s failed; closing the rest", name)
        try:
            self.db.close()
        except Exception:
            log.exception("closing the cache failed")
