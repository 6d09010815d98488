"""Relay settings, from the command line or the test that builds the app."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RelayConfig:
    public_url: str  # e.g. https://relay.example.com, no trailing slash
    keeta_app_id: int
    keeta_secret: str
    zeek_appid: int | None = None
    zeek_secret: str = ""
    # Push timestamps further than this from wall-clock time are replays (stand-in windows: the
    # platforms do not document theirs; Keeta retries 1001 for ~3 min, Zeek re-signs each retry).
    keeta_max_skew: float = 600.0
    zeek_max_skew: float = 300.0
    heartbeat_seconds: float = 15.0  # SSE comment; keeps idle connections alive through proxies
    reread_seconds: float = 5.0  # safety re-read, in case a wake-up was lost
    batch_size: int = 500
    max_wait_seconds: float = 60.0  # cap on /v1/events?wait=
    keep_acked_seconds: float = 7 * 24 * 3600.0
    prune_every_seconds: float = 3600.0
    prune_batch: int = 5000  # rows per pruning transaction
    # POSAPP_RELAY_KEY: seals the gateway credentials in the database (sealing.py); "" = none set.
    settings_key: str = field(default="", repr=False)
    token_check_seconds: float = 3600.0  # how often Keeta tokens due within 5 days are refreshed
    # /readyz answers 503 while one write of pushes has been running longer than this (commits take ms).
    writer_stuck_seconds: float = 5.0
    # How often each relay process looks for new orders left unacknowledged past a store's alert time.
    alert_poll_seconds: float = 1.0

    @property
    def keeta_webhook_url(self) -> str:
        return self.public_url.rstrip("/") + "/keeta/webhook"
