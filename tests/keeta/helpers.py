"""Builders for Keeta webhook pushes and API answers used across the Keeta tests."""

from __future__ import annotations

import json
from typing import Any

from posapp.keeta.signing import sign

APP_ID = 10001
SECRET = "test-secret"
SHOP_ID = 880001
WEBHOOK_URL = "https://relay.example.hk/keeta/webhook"


def envelope(
    event_id: int,
    message: Any,
    *,
    message_id: str = "msg-1",
    shop_id: int | None = SHOP_ID,
    timestamp: int = 1764057601,
    url: str = WEBHOOK_URL,
    secret: str = SECRET,
) -> dict[str, Any]:
    """A signed push as Keeta sends it: ``message`` is JSON text inside the JSON envelope."""
    text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
    env: dict[str, Any] = {
        "eventId": event_id,
        "appId": APP_ID,
        "messageId": message_id,
        "message": text,
        "timestamp": timestamp,
    }
    if shop_id is not None:
        env["shopId"] = shop_id
    env["sig"] = sign(url, env, secret)
    return env


def body(env: dict[str, Any]) -> bytes:
    return json.dumps(env, ensure_ascii=False).encode("utf-8")
