"""What every relay request handler shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from posapp.relay.alarm import AlertWatcher
from posapp.relay.config import RelayConfig
from posapp.relay.credentials import CredentialStore
from posapp.relay.hub import WakeHub
from posapp.relay.metrics import RelayMetrics
from posapp.relay.sealing import Sealer
from posapp.relay.storage.base import Storage
from posapp.relay.token_refresh import KeetaTokenRefresher


@dataclass
class RelayState:
    config: RelayConfig
    storage: Storage
    hub: WakeHub = field(default_factory=WakeHub)
    metrics: RelayMetrics = field(default_factory=RelayMetrics)
    credentials: CredentialStore = field(init=False)
    tokens: KeetaTokenRefresher = field(init=False)
    alarm: AlertWatcher = field(init=False)

    def __post_init__(self) -> None:
        key = self.config.settings_key
        self.credentials = CredentialStore(self.storage, Sealer(key) if key else None)
        self.tokens = KeetaTokenRefresher(self.credentials, self.config)
        self.alarm = AlertWatcher(
            self.storage.alerts,
            poll_seconds=self.config.alert_poll_seconds,
            on_result=lambda ok: self.metrics.alerts.labels("sent" if ok else "failed").inc(),
        )
