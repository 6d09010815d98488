"""What every relay request handler shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from posapp.relay.config import RelayConfig
from posapp.relay.hub import WakeHub
from posapp.relay.storage.base import Storage


@dataclass
class RelayState:
    config: RelayConfig
    storage: Storage
    hub: WakeHub = field(default_factory=WakeHub)
