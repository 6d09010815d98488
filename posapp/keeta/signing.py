"""Keeta request signing and webhook verification (keeta.md §2.2 and §3.4).

The request recipe is documented and verified against Keeta's worked example. The webhook recipe is
not documented: :func:`verify_webhook` tries each candidate integrators use and reports which matched,
so the one that real test-store traffic matches can be made strict here, in one place.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


def param_text(value: Any) -> str:
    """A parameter as it appears in the pre-hash string (and, for JSON values, on the wire)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list, tuple)):
        return compact_json(value)
    return str(value)


def compact_json(value: Any) -> str:
    """JSON text with no spaces and no key sorting, non-ASCII kept: the form Keeta hashes."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def joined_params(params: Mapping[str, Any]) -> str:
    """``k1=v1&k2=v2`` over every parameter except ``sig``, keys in ASCII order, empty values kept."""
    return "&".join(f"{k}={param_text(params[k])}" for k in sorted(params) if k != "sig")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def sign(url: str, params: dict[str, Any], secret: str) -> str:
    """SHA-256 hex of ``url + "?" + joined params + secret`` (plain SHA-256, not HMAC)."""
    return _digest(f"{url}?{joined_params(params)}{secret}")


# Candidate pre-hash strings for pushes, in order of likelihood (keeta.md §3.4).
WEBHOOK_RECIPES: dict[str, Callable[[str, str, str], str]] = {
    "url?params+secret": lambda url, joined, secret: f"{url}?{joined}{secret}",
    "url+params+secret": lambda url, joined, secret: f"{url}{joined}{secret}",
    "params+secret": lambda url, joined, secret: f"{joined}{secret}",
    "?params+secret": lambda url, joined, secret: f"?{joined}{secret}",
}


@dataclass(frozen=True)
class WebhookVerdict:
    ok: bool
    recipe: str | None = None
    problem: str = ""


def verify_webhook(
    envelope: Mapping[str, Any], url: str, secret: str, expected_app_id: int
) -> WebhookVerdict:
    """Check a push's ``appId`` and ``sig``; the ``message`` is hashed as the exact string received."""
    try:
        app_id = int(envelope.get("appId"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return WebhookVerdict(False, problem="appId missing or not a number")
    if app_id != expected_app_id:
        return WebhookVerdict(False, problem=f"appId {app_id} is not ours")
    sig = envelope.get("sig")
    if not isinstance(sig, str) or not sig:
        return WebhookVerdict(False, problem="sig missing")
    joined = joined_params(envelope)
    for name, recipe in WEBHOOK_RECIPES.items():
        if hmac.compare_digest(_digest(recipe(url, joined, secret)), sig.lower()):
            log.info("keeta webhook signature matched recipe %r", name)
            return WebhookVerdict(True, recipe=name)
    return WebhookVerdict(False, problem="sig does not match any known recipe")
