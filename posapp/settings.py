"""Non-secret settings, saved as JSON in the user config folder. Secrets go to :mod:`posapp.secrets`.

Every field has a safe default, unknown keys are ignored and a damaged file is set aside (not lost)
so a bad write can never stop the app from starting at the counter.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import os
import time
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Names of the secrets kept in the keyring (never in this file).
SECRET_KEETA_APP_SECRET = "keeta.app_secret"
SECRET_KEETA_TOKEN = "keeta.access_token"
SECRET_KEETA_REFRESH = "keeta.refresh_token"
SECRET_ZEEK_SECRET = "zeek.app_secret"
SECRET_RELAY_TOKEN = "relay.store_token"
# When the Keeta access token in the keyring was issued and expires (JSON, kept beside the token it
# describes so the two cannot drift apart in different stores; not a secret, so not in SECRET_NAMES).
KEETA_TOKEN_TIMES = "keeta.token_times"
SECRET_NAMES = (
    SECRET_KEETA_APP_SECRET,
    SECRET_KEETA_TOKEN,
    SECRET_KEETA_REFRESH,
    SECRET_ZEEK_SECRET,
    SECRET_RELAY_TOKEN,
)


@dataclass(frozen=True)
class Settings:
    keeta_base_url: str = "https://open.mykeeta.com/api/open"
    keeta_app_id: int = 0
    keeta_shop_id: int = 0
    # Several Keeta shops on one counter (posapp/brands.py): {"shop_id", "name", "colour": "#rrggbb"} each;
    # the entry for keeta_shop_id names the main shop; each other shop's relay token is in the keyring.
    brands: list[Any] = field(default_factory=list)  # each entry checked in posapp/brands.py
    zeek_base_url: str = "https://ap1-open-api.zeek.one/v1.3"
    zeek_app_id: int = 0
    zeek_merchant_id: str = ""
    store_location: str = ""  # "lat,lng" of the shop, for the delivery map until Zeek reports it
    # The delivery map with tiles from the internet (the key keeps its old name: settings files have it);
    # off draws the markers on a plain background and never goes online.
    web_map: bool = True
    # Automation of Zeek bookings (fields named delivery_<DeliverySettings field> are picked up there).
    delivery_auto_quote_on_accept: bool = False
    delivery_auto_book_on_ready: bool = False
    # Book this many minutes before the promised ready time; None: only when the order is marked ready.
    delivery_auto_book_minutes_before_ready: int | None = None
    delivery_rebook_on_assign_timeout: bool = True  # Zeek found no partner (7001): book again once
    delivery_late_alert_grace_min: int = 5  # a partner due this much after the food is ready: alert
    delivery_staff_code: str = "0000"  # Zeek's user_code sent with a cancellation (zeek.md §5)
    delivery_cod_type: int = 2  # the booking form's payment type: 2 paid online (Zeek's cod_type)
    # What Zeek bills per delivery under the shop's agreement (its quotes' fee is for reference only);
    # None: the report counts the deliveries and says "amount unknown" for their cost.
    zeek_fee_per_delivery_cents: int | None = None
    relay_url: str = ""
    # "direct": platform calls from this PC; "gateway": through the relay, which holds the secrets.
    api_mode: str = "direct"
    default_prep_minutes: int = 15
    auto_accept: bool = False
    chime: bool = True
    spoken_prompt: bool = False
    language: str = "en"  # "en" or "zh_HK"
    theme: str = "light"  # "light", "dark", "high_contrast"
    font_scale: float = 1.0
    # Each printer: {"name", "uri", "encoding": big5|gb18030|raster, "role": kitchen|receipt|both,
    # "failover": another printer's name or "", "station": a kitchen station or "" (whole orders),
    # "copies": 1-5}. Every printer of a role prints.
    printers: list[dict[str, Any]] = field(default_factory=list)
    # Kitchen routing, first match wins: {"match": item code, name or "PREFIX*", "station": name}.
    station_routes: list[dict[str, Any]] = field(default_factory=list)
    # Minutes after which a new order nobody accepted prints an "UNACCEPTED ORDER" slip (0: never).
    unaccepted_slip_minutes: int = 3
    auto_print_kitchen: bool = True  # kitchen ticket when an order is accepted (here or on Keeta's tablet)
    auto_print_receipt: bool = True  # customer receipt when an order is accepted
    print_cancel_slip: bool = True  # "CANCELLED" slip to the kitchen when a ticketed order is cancelled
    print_refund_slip: bool = True  # "REFUND" slip at the counter when a customer refund is agreed
    # Busy mode: a reminder rings when the store has been paused this long (0: never), and a pause
    # still on at closing time (local "HH:MM") is flagged.
    pause_reminder_minutes: int = 30
    closing_time: str = "22:00"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


# What the engine's connection is built from (with the secrets): a change restarts the connection. Every
# other setting is applied in place, on the running window and engine.
CONNECTION_FIELDS = frozenset(
    {
        "keeta_base_url", "keeta_app_id", "keeta_shop_id", "zeek_base_url", "zeek_app_id", "zeek_merchant_id",
        "relay_url", "api_mode", "delivery_auto_quote_on_accept", "delivery_auto_book_on_ready",
        # The delivery engine takes these when it is built (engine/delivery/settings.py).
        "delivery_auto_book_minutes_before_ready", "delivery_rebook_on_assign_timeout",
        "delivery_late_alert_grace_min", "delivery_staff_code", "delivery_cod_type",
    }
)  # fmt: skip


@dataclass(frozen=True)
class SettingsChange:
    before: Settings
    after: Settings
    secrets_changed: bool = False  # a keyring value was written or removed

    def changed(self) -> set[str]:
        names = (f.name for f in dataclasses.fields(Settings))
        return {name for name in names if getattr(self.before, name) != getattr(self.after, name)}

    @property
    def reconnects(self) -> bool:
        """Only the store, the relay or a credential restarts the connection; never the window."""
        return (
            self.secrets_changed
            or bool(self.changed() & CONNECTION_FIELDS)
            or brand_shops(self.before.brands) != brand_shops(self.after.brands)
        )


def brand_shops(brands: Any) -> list[Any]:
    """The shop ids of the brands, in order: each further brand is its own relay connection and Keeta
    client, so a shop added, removed or changed reconnects; a new display name or colour does not (the
    screens and tickets take it in place)."""
    if not isinstance(brands, list):
        return []
    return [entry.get("shop_id") for entry in brands if isinstance(entry, dict)]


class SettingsFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []  # what the last load() set back to its default, in words

    def load(self) -> Settings:
        if not self.path.exists():
            return Settings()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            aside = self.path.with_name(f"{self.path.name}.broken-{int(time.time())}")
            log.error("settings file unreadable (%s); set aside as %s, using defaults", exc, aside)
            self.path.replace(aside)
            return Settings()
        values, self.problems = checked_values(data)
        for problem in self.problems:
            log.error("settings file %s: %s", self.path, problem)
        return Settings(**values)

    def save(self, settings: Settings) -> None:
        """Atomic replace, so a crash mid-write leaves the previous file intact."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_suffix(".tmp")
        temp.write_text(json.dumps(dataclasses.asdict(settings), indent=2, ensure_ascii=False), "utf-8")
        os.replace(temp, self.path)


_LARGEST_INT = 2**63  # ids and cents fit SQLite and Qt; a bigger number in the file is damage


def checked_values(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The known keys whose values have their field's type; each other one is named in a problem
    (a hand-edited file with ``"font_scale": "big"`` must start the app on the default, not crash it)."""
    hints = typing.get_type_hints(Settings)
    values: dict[str, Any] = {}
    problems: list[str] = []
    for item in dataclasses.fields(Settings):
        if item.name not in data:
            continue
        value = data[item.name]
        if _fits(value, hints[item.name]):
            values[item.name] = float(value) if hints[item.name] is float else value
        else:
            default = getattr(Settings(), item.name)
            problems.append(
                f"{item.name!r} should be {_kind(hints[item.name])}, not {value!r:.60}; using {default!r:.60}"
            )
    return values, problems


def _fits(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) < _LARGEST_INT
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if hint is str:
        return isinstance(value, str)
    if hint is type(None):
        return value is None
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, arg) for arg in typing.get_args(hint))
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(_fits(k, key) and _fits(v, item) for k, v in value.items())
    return isinstance(value, origin or hint)


def _kind(hint: Any) -> str:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return " or ".join(_kind(arg) for arg in typing.get_args(hint))
    words = {bool: "true or false", int: "a whole number", float: "a number", str: "text", type(None): "null"}
    if hint in words:
        return words[hint]
    if typing.get_origin(hint) is list:
        return "a list"
    return "an object" if typing.get_origin(hint) is dict else str(hint)
