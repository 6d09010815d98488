"""Simulator settings. The defaults are the demo credentials documented in README.md."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PORT = 8765


@dataclass(frozen=True)
class SimConfig:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    # Where Keeta pushes webhooks (the relay's /keeta/webhook in a real set-up); signed over exactly this.
    webhook_url: str = ""
    # Where Zeek sends status callbacks.
    zeek_callback_url: str = ""
    app_id: int = 10001
    secret: str = "sim-keeta-secret"
    token: str = "sim-keeta-token"
    refresh_token: str = "sim-keeta-refresh"
    shop_id: int = 880001
    shop_name: str = "Sheung Wan Noodle House 上環麵家"
    zeek_appid: int = 20001
    zeek_secret: str = "sim-zeek-secret"
    merchant_id: str = "SIM-HK-0001"
    # Random misbehaviour (slow answers, 5xx, lost pushes, courier incidents) is off unless asked for.
    incidents: bool = False
    seed: int = 0
