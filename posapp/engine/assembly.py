"""The one builder of the app without its screens: settings + secrets + clock + transports → :class:`AppCore`.

The product (``posapp/app.py``), the demo (``posapp/demo/runner.py``), the screen-test harness and every
test that needs more than one part call :func:`build_core`; nothing else constructs an ``AppCore``
(``tests/app/test_one_builder.py`` keeps it so). Tests change only what they must: fakes for the
transports, a clock, and shorter timings in :class:`Tuning` — never their own wiring.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from posapp.brands import other_brands, relay_token_name
from posapp.domain.retry import RetryPolicy
from posapp.engine.acker import RelayAcker
from posapp.engine.apply import AppliedEvent, EventApplier
from posapp.engine.brand_clients import brand_clients
from posapp.engine.brand_controls import BrandControls, shops_served
from posapp.engine.brand_links import BrandLink, brand_link
from posapp.engine.busy_mode import BusyMode
from posapp.engine.core import AppCore, RelayLink
from posapp.engine.delivery.settings import DeliverySettings, delivery_settings
from posapp.engine.delivery.setup import DeliveryEngine, build_delivery_engine, zeek_config
from posapp.engine.delivery.zeek_sender import ZeekActionSender
from posapp.engine.hub import EventHub
from posapp.engine.keeta_sender import KeetaActionSender
from posapp.engine.orders import OrderService, OrderUpdate
from posapp.engine.outbox import ActionSender, OutboxWorker
from posapp.engine.poller import DegradedPoller, PollSettings
from posapp.engine.printing_hooks import build_printing
from posapp.engine.relay_source import EventSource, LongPollSource, SseSource
from posapp.engine.sold_out import SoldOut
from posapp.engine.stream_fallback import FallbackSource
from posapp.engine.supervisor import Supervisor
from posapp.engine.sync import SyncEngine
from posapp.engine.token_keeper import TokenKeeper, TokenVault
from posapp.engine.transport import ApiMode, PlatformAccess, platform_access
from posapp.engine.unreadable import UnreadableEvents
from posapp.engine.zeek_events import DeliveryEvents, DeliveryUpdate
from posapp.http_tls import client_tls
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import KeetaConfig
from posapp.printing.queue import PrinterPolicy
from posapp.secrets import SecretStore
from posapp.settings import (
    SECRET_KEETA_APP_SECRET,
    SECRET_KEETA_REFRESH,
    SECRET_KEETA_TOKEN,
    SECRET_RELAY_TOKEN,
    SECRET_ZEEK_SECRET,
    Settings,
)
from posapp.store.db import open_database
from posapp.zeek.client import ZeekClient
from posapp.zeek.config import ZeekConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True, repr=False)  # repr would print the secrets
class SessionSecrets:
    """The keyring values one session needs, read once (off the GUI thread, ``posapp/app_secrets.py``)
    and handed down; nothing below reads the keyring for them again."""

    keeta_app_secret: str = ""
    keeta_token: str = ""
    zeek_secret: str = ""
    relay_token: str = ""
    keeta_refresh: str = ""
    # The relay store token of each brand after the main shop (posapp/brands.py), by shop id.
    brand_relay_tokens: tuple[tuple[int, str], ...] = ()
    # Why the keyring could not be read ("" when it could): the app then runs on its cache alone.
    problem: str = ""

    def by_name(self) -> dict[str, str]:
        """The values under their keyring names (what Settings shows)."""
        return {
            SECRET_KEETA_APP_SECRET: self.keeta_app_secret, SECRET_KEETA_TOKEN: self.keeta_token,
            SECRET_KEETA_REFRESH: self.keeta_refresh, SECRET_ZEEK_SECRET: self.zeek_secret,
            SECRET_RELAY_TOKEN: self.relay_token,
        }  # fmt: skip

    def values(self) -> tuple[str, ...]:
        """Every secret, for the log filter that masks them."""
        plain = (f.name for f in dataclasses.fields(self) if f.name not in ("problem", "brand_relay_tokens"))
        return tuple(getattr(self, name) for name in plain) + tuple(t for _, t in self.brand_relay_tokens)


def read_session_secrets(store: SecretStore, settings: Settings | None = None) -> SessionSecrets:
    """Blocking keyring reads (a locked keyring may wait on the user): call it off the GUI thread.
    Raises :class:`~posapp.secrets.SecretsUnavailable` when there is no usable password store.
    With ``settings``, each further brand's relay token is read too (a brand without one is skipped)."""
    brand_tokens: list[tuple[int, str]] = []
    for brand in other_brands(settings) if settings is not None else ():
        token = store.get(relay_token_name(brand.shop_id))
        if token:
            brand_tokens.append((brand.shop_id, token))
    # The main shop's token keeps the name it had before brands (Settings' "Relay store token").
    main_token = store.get(SECRET_RELAY_TOKEN)
    return SessionSecrets(
        brand_relay_tokens=tuple(brand_tokens),
        keeta_app_secret=store.get(SECRET_KEETA_APP_SECRET) or "",
        keeta_token=store.get(SECRET_KEETA_TOKEN) or "",
        zeek_secret=store.get(SECRET_ZEEK_SECRET) or "",
        relay_token=main_token or "",
        keeta_refresh=store.get(SECRET_KEETA_REFRESH) or "",
    )


@dataclass(frozen=True)
class Tuning:
    """Timings the product leaves at their defaults and tests shorten (None: the product's value)."""

    keeta_retry: RetryPolicy | None = None
    keeta_timeout: float | None = None
    zeek_retry: RetryPolicy | None = None
    zeek_lang: str | None = None
    outbox_policy: RetryPolicy | None = None
    sync_backoff: RetryPolicy | None = None
    poll: PollSettings | None = None
    sse_failures_before_long_poll: int = 3
    delivery: DeliverySettings | None = None  # replaces the one read from Settings
    printer_policy: PrinterPolicy | None = None
    store_tick_s: float = 1.0  # how often busy mode looks at its timer


@dataclass(frozen=True)
class Transports:
    """How the app reaches the outside world. ``events`` stands in for the relay's stream (a test's
    webhook receiver); ``relay_http`` carries the relay stream and acknowledgements."""

    events: EventSource | None = None
    events_key: str = "test"
    relay_http: httpx.AsyncBaseTransport | None = None


def keeta_config(settings: Settings, secrets: SessionSecrets, tuning: Tuning = Tuning()) -> KeetaConfig:
    config = KeetaConfig(
        app_id=settings.keeta_app_id,
        secret=secrets.keeta_app_secret,
        access_token=secrets.keeta_token,
        shop_id=settings.keeta_shop_id,
        base_url=settings.keeta_base_url,
    )
    if tuning.keeta_retry is not None:
        config = dataclasses.replace(config, retry=tuning.keeta_retry)
    if tuning.keeta_timeout is not None:
        config = dataclasses.replace(config, timeout=tuning.keeta_timeout)
    return config


def zeek_config_for(
    settings: Settings, secrets: SessionSecrets, tuning: Tuning = Tuning()
) -> ZeekConfig | None:
    """Zeek is optional: without an appid the delivery tab stays hidden."""
    if not settings.zeek_app_id or secrets.problem:
        return None
    config = zeek_config(settings, secrets.zeek_secret)
    if tuning.zeek_retry is not None:
        config = dataclasses.replace(config, retry=tuning.zeek_retry)
    if tuning.zeek_lang is not None:
        config = dataclasses.replace(config, lang=tuning.zeek_lang)
    return config


def relay_link(settings: Settings, secrets: SessionSecrets) -> RelayLink | None:
    if not settings.relay_url or not secrets.relay_token:
        return None
    return RelayLink(settings.relay_url, secrets.relay_token)


def build_core(
    db_path: Path,
    settings: Settings,
    secrets: SessionSecrets,
    *,
    clock: Callable[[], float] = time.time,
    transports: Transports = Transports(),
    tuning: Tuning = Tuning(),
    token_vault: TokenVault | None = None,
    printing: bool = True,
) -> AppCore:
    """Every part of the running engine, wired once. The cache opens here (callers on the GUI thread
    call this through ``posapp/ui/ops.py`` so the open and its migrations never block painting)."""
    db = open_database(db_path)
    hub = EventHub()  # every part publishes here; the Bridge is the screens' one subscriber
    problems: list[str] = []
    relay = relay_link(settings, secrets)
    access = _access(settings.api_mode, keeta_config(settings, secrets, tuning),
                     zeek_config_for(settings, secrets, tuning), relay, problems)  # fmt: skip
    keeta = KeetaClient(access.keeta, transport=access.transport())
    # Direct mode refreshes the Keeta token here; in gateway mode the relay holds and refreshes it.
    tokens = None
    if token_vault is not None and access.mode is ApiMode.DIRECT:
        tokens = TokenKeeper(keeta, token_vault, clock, hub=hub)
    zeek = ZeekClient(access.zeek, transport=access.transport()) if access.zeek is not None else None
    senders: dict[str, ActionSender] = {"keeta": KeetaActionSender(keeta)}
    if zeek is not None:
        senders["zeek"] = ZeekActionSender(zeek)
    worker = OutboxWorker(senders, policy=tuning.outbox_policy, hub=hub)
    orders = OrderService(keeta, worker, clock, settings.default_prep_minutes)
    # Each further brand's calls name its shop and, in gateway mode, carry its own relay token.
    further = [brand.shop_id for brand in other_brands(settings)]
    clients = brand_clients(keeta, access, further, dict(secrets.brand_relay_tokens))
    if further:
        keeta.route_orders(lambda order_view_id: _shop_of(orders, order_view_id), clients)
    # Busy mode and sold-out items (issue 17), per brand: their own timers, through the same outbox and hub.
    busy_by_shop: dict[int, BusyMode] = {}
    sold_out_by_shop: dict[int, SoldOut] = {}
    for shop_id in shops_served(keeta.config.shop_id, further):
        client = keeta.for_shop(shop_id)
        if client.config.shop_id != shop_id:
            continue  # gateway mode without this brand's relay token: nothing can act for it
        busy_by_shop[shop_id] = BusyMode(
            client, worker, clock, reminder_minutes=settings.pause_reminder_minutes,
            closing_time=settings.closing_time, tick_s=tuning.store_tick_s, hub=hub,
        )  # fmt: skip
        sold_out_by_shop[shop_id] = SoldOut(client, worker, clock, hub=hub)
    controls = BrandControls(busy_by_shop, sold_out_by_shop, keeta.config.shop_id)
    busy, sold_out = busy_by_shop[keeta.config.shop_id], sold_out_by_shop[keeta.config.shop_id]
    hub.subscribe(OrderUpdate, lambda update: controls.order_seen(update.order) if update.new else None)
    delivery: DeliveryEngine | None = None
    if zeek is not None:
        chosen = tuning.delivery or delivery_settings(settings)
        delivery = build_delivery_engine(zeek, worker, orders, chosen, settings.default_prep_minutes, keeta)
    deliveries = DeliveryEvents(hub)
    # Events that could not be read: shown until Keeta's copy of the order is read or dismissed.
    unreadable = UnreadableEvents(orders.refresh, clock, hub=hub)
    unreadable.load()
    hub.subscribe(OrderUpdate, lambda update: unreadable.order_read(update.order.order_view_id))
    http = httpx.AsyncClient(transport=transports.relay_http, verify=client_tls(transports.relay_http))
    sync = source = acker = None
    if transports.events is not None or relay is not None:
        key = relay.stream_key if relay is not None and transports.events is None else transports.events_key
        applier = EventApplier(key, handlers={"zeek": deliveries.record})
        if transports.events is not None:
            stream: EventSource = transports.events
        else:
            assert relay is not None
            source = FallbackSource(
                SseSource(http, relay.url, relay.token),
                LongPollSource(http, relay.url, relay.token),
                switch_after=tuning.sse_failures_before_long_poll,
            )
            stream = source
            acker = RelayAcker(http, relay.url, relay.token)
        sync = SyncEngine(stream, applier, applier.load_cursor, backoff=tuning.sync_backoff, hub=hub)
        hub.subscribe(AppliedEvent, orders.event_applied)
        hub.subscribe(AppliedEvent, deliveries.flush)
        hub.subscribe(AppliedEvent, unreadable.event_applied)
        hub.subscribe(AppliedEvent, controls.event_applied)
        if acker is not None:
            hub.subscribe(AppliedEvent, acker.note)
    brands: list[BrandLink] = []
    if relay is not None and transports.events is None:
        for shop_id, token in secrets.brand_relay_tokens:
            brands.append(brand_link(
                http, relay.url, relay.stream_key, shop_id, token, handlers={"zeek": deliveries.record},
                applied=[orders.event_applied, deliveries.flush, unreadable.event_applied,
                         controls.event_applied],
                switch_after=tuning.sse_failures_before_long_poll, backoff=tuning.sync_backoff,
            ))  # fmt: skip
    if delivery is not None:
        service = delivery.service
        hub.subscribe(DeliveryUpdate, lambda item: service.callback_applied(item.update.order_id))
    # Printers come from the settings; the queue's jobs live in the cache opened above.
    bookings = delivery.service if delivery is not None else None
    printer = None
    if printing:
        printer = build_printing(settings, orders, tuning.printer_policy, deliveries=bookings)
    return AppCore(
        db=db, hub=hub, problems=problems, access=access, keeta=keeta, tokens=tokens, zeek=zeek,
        worker=worker, orders=orders, delivery=delivery, deliveries=deliveries, unreadable=unreadable,
        http=http, sync=sync, source=source, acker=acker, brands=brands, printing=printer,
        poller=DegradedPoller(orders, sync, tuning.poll), supervisor=Supervisor(hub=hub), busy=busy,
        sold_out=sold_out, controls=controls,
    )  # fmt: skip


def _shop_of(orders: OrderService, order_view_id: int) -> int | None:
    order = orders.order(order_view_id)
    return order.shop_id if order is not None else None


def _access(
    mode: str, keeta: KeetaConfig, zeek: ZeekConfig | None, relay: RelayLink | None, problems: list[str]
) -> PlatformAccess:
    try:
        chosen = ApiMode.parse(mode)
    except ValueError as exc:
        problems.append(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc))
        chosen = ApiMode.DIRECT
    if chosen is ApiMode.GATEWAY and relay is None:
        # Starting anyway keeps the cached orders on screen; the problem tells the cashier why calls fail.
        problems.append("Gateway mode needs a relay URL and store token; calling Keeta directly.")
        log.error("api_mode is gateway but no relay is configured")
        chosen = ApiMode.DIRECT
    if chosen is ApiMode.GATEWAY and relay is not None:
        return platform_access(chosen, keeta, zeek, relay.url, relay.token)
    return platform_access(ApiMode.DIRECT, keeta, zeek)
