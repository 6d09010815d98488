"""The relay's Prometheus metrics (``GET /metrics``).

One registry per relay app, so several relays in one process (tests, the demo) keep their own
counts. Push outcomes are counted in one place, the request log (request_log.py), from what the
handlers noted about each request; so a push refused before any handler ran (a body over the
limit, a timeout) is counted too.
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from posapp.relay.storage.base import Storage, StorageUnavailable

__all__ = ["BACKLOG_TOP", "CONTENT_TYPE_LATEST", "RelayMetrics"]

BACKLOG_TOP = 20  # stores listed by name in the backlog gauge; the total covers the rest
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
SOURCES = ("keeta", "zeek")

disable_created_metrics()  # the *_created series double the output and tell an operator nothing


class RelayMetrics:
    def __init__(self) -> None:
        self.registry = r = CollectorRegistry(auto_describe=True)
        self.received = Counter(
            "posapp_relay_pushes_received", "Platform pushes received", ["source"], registry=r
        )
        self.stored = Counter(
            "posapp_relay_pushes_stored",
            "Pushes stored and acknowledged (new events)",
            ["source"],
            registry=r,
        )
        self.unreadable = Counter(
            "posapp_relay_pushes_unreadable",
            "Authentic pushes stored although their message could not be parsed (also in stored)",
            ["source"],
            registry=r,
        )
        self.duplicates = Counter(
            "posapp_relay_pushes_duplicate",
            "Pushes acknowledged as already stored (platform retries)",
            ["source"],
            registry=r,
        )
        self.refused = Counter(
            "posapp_relay_pushes_refused",
            "Pushes refused (4xx), by reason, or not stored because the database was down (503)",
            ["source", "reason"],
            registry=r,
        )
        self.ingest_seconds = Histogram(
            "posapp_relay_ingest_seconds",
            "Push request start to answer, for pushes acknowledged",
            ["source"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.delivery_seconds = Histogram(
            "posapp_relay_webhook_to_stream_seconds",
            "Push received to event written to an app's stream or long-poll (live events only)",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.open_streams = Gauge(
            "posapp_relay_open_streams",
            "Apps connected: SSE streams and waiting long-polls",
            ["transport"],
            registry=r,
        )
        self.backlog = Gauge(
            "posapp_relay_unacked_events",
            f"Unacknowledged events of the {BACKLOG_TOP} stores with most",
            ["shop_id"],
            registry=r,
        )
        self.backlog_total = Gauge(
            "posapp_relay_unacked_events_all_stores",
            "Unacknowledged events over all active stores",
            registry=r,
        )
        self.commit_seconds = Histogram(
            "posapp_relay_db_commit_seconds",
            "One write of pushes (one or a batch) until committed",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.listening = Gauge(
            "posapp_relay_listen_connected",
            "1 while the PostgreSQL LISTEN connection (wake-ups between processes) is up; -1: none used",
            registry=r,
        )
        self.writer_busy = Gauge(
            "posapp_relay_writer_busy_seconds", "How long the write in flight has been running", registry=r
        )
        self.database_up = Gauge(
            "posapp_relay_database_up", "1 when the last probe of the database answered", registry=r
        )
        self.alerts = Counter(
            "posapp_relay_alerts",
            "Unacknowledged-order alerts this process sent to owners' alert URLs, by outcome",
            ["outcome"],
            registry=r,
        )
        for outcome in ("sent", "failed"):
            self.alerts.labels(outcome)
        for source in SOURCES:  # present from the start, so rates work before the first push
            self.received.labels(source)
            self.stored.labels(source)
            self.unreadable.labels(source)
            self.duplicates.labels(source)
        for transport in ("sse", "longpoll"):
            self.open_streams.labels(transport)

    def push_done(self, source: str, outcome: str, reason: str, seconds: float) -> None:
        self.received.labels(source).inc()
        if outcome in ("stored", "unreadable"):
            self.stored.labels(source).inc()
            if outcome == "unreadable":
                self.unreadable.labels(source).inc()
        elif outcome == "duplicate":
            self.duplicates.labels(source).inc()
        elif outcome in ("refused", "unavailable"):
            self.refused.labels(source, reason or outcome).inc()
        if outcome in ("stored", "unreadable", "duplicate", "heartbeat"):
            self.ingest_seconds.labels(source).observe(seconds)

    async def render(self, storage: Storage) -> bytes:
        """The text exposition, with the database-derived gauges read now."""
        health = storage.health()
        self.writer_busy.set(health.writer_busy_seconds)
        self.listening.set(-1 if health.listening is None else int(health.listening))
        try:
            top, total = await storage.backlog(BACKLOG_TOP)
        except StorageUnavailable:  # the other metrics still matter, and this one says why backlog is stale
            self.database_up.set(0)
        else:
            self.database_up.set(1)
            self.backlog.clear()
            for shop_id, count in top:
                self.backlog.labels(str(shop_id)).set(count)
            self.backlog_total.set(total)
        return generate_latest(self.registry)
