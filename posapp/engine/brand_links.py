"""One relay connection per further brand (posapp/brands.py): its own stream, cursor and
acknowledgements, all applied into the one cache and order service as the main shop's are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx

from posapp.domain.retry import RetryPolicy
from posapp.engine.acker import RelayAcker
from posapp.engine.apply import AppliedEvent, EventApplier, PlatformHandler
from posapp.engine.hub import EventHub
from posapp.engine.relay_source import LongPollSource, SseSource
from posapp.engine.stream_fallback import FallbackSource
from posapp.engine.sync import SyncEngine


@dataclass
class BrandLink:
    shop_id: int
    source: FallbackSource
    acker: RelayAcker
    sync: SyncEngine


def stream_key(main_key: str, shop_id: int) -> str:
    """Each store token is its own stream on the relay, so each keeps its own cursor."""
    return f"{main_key}#shop:{shop_id}"


def brand_link(
    http: httpx.AsyncClient,
    relay_url: str,
    main_key: str,
    shop_id: int,
    token: str,
    *,
    handlers: dict[str, PlatformHandler],
    applied: list[Callable[[AppliedEvent], None]],
    switch_after: int,
    backoff: RetryPolicy | None,
) -> BrandLink:
    applier = EventApplier(stream_key(main_key, shop_id), handlers=handlers)
    source = FallbackSource(
        SseSource(http, relay_url, token), LongPollSource(http, relay_url, token), switch_after=switch_after
    )
    acker = RelayAcker(http, relay_url, token)
    # Its own hub: the main shop's listeners (its acknowledgements, its store status, the connection
    # bar's link state) must not take this shop's cursor or status for their own.
    hub = EventHub()
    sync = SyncEngine(source, applier, applier.load_cursor, backoff=backoff, hub=hub)
    for listener in [*applied, acker.note]:
        hub.subscribe(AppliedEvent, listener)
    return BrandLink(shop_id, source, acker, sync)
