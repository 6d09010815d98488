"""``posapp relay`` (serve) and its admin commands ``add-store``, ``list-stores``, ``revoke-store``,
``set-gateway``, ``set-alert`` and ``gen-key`` (a new ``POSAPP_RELAY_KEY`` for sealing gateway
credentials)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections.abc import Sequence

from posapp.cli_args import (
    USAGE_ERROR,
    CommandFailed,
    OneLineParser,
    days,
    ensure_can_listen,
    epoch_seconds,
    fail,
    http_url,
    port,
    positive_int,
    relay_db_url,
    seconds,
)
from posapp.relay import alarm
from posapp.relay.config import RelayConfig
from posapp.relay.credentials import CredentialStore, GatewayCredentials, NoSealingKey
from posapp.relay.request_log import configure_request_log
from posapp.relay.sealing import KEY_ENV, KeyProblem, Sealer, generate_key
from posapp.relay.storage import storage_for_url
from posapp.relay.storage.alerts import FORMATS, AlertPolicy
from posapp.relay.storage.base import DuplicateShopError, Storage
from posapp.relay.storage.open_problem import check_database, database_problem
from posapp.relay.tokens import new_token, token_hash

DEFAULT_DB = "sqlite:///posapp-relay.sqlite3"
ADMIN_COMMANDS = ("add-store", "list-stores", "revoke-store", "set-gateway", "set-alert")
ALERT_URL_ENV = "POSAPP_RELAY_ALERT_URL"  # the alert URL may hold a token: keep it out of shell history
NEEDS_KEY = ("add-store", "set-gateway")  # when they write gateway credentials
# Per-store platform credentials for the API gateway; secrets may come from the environment instead.
GATEWAY_ENV = {
    "keeta_secret": "POSAPP_RELAY_KEETA_SECRET",
    "keeta_access_token": "POSAPP_RELAY_KEETA_ACCESS_TOKEN",
    "keeta_refresh_token": "POSAPP_RELAY_KEETA_REFRESH_TOKEN",
    "zeek_secret": "POSAPP_RELAY_ZEEK_SECRET",
}
GATEWAY_OPTIONS = (
    "keeta_app_id",
    "keeta_access_token",
    "keeta_base_url",
    "keeta_token_expires_at",
    "zeek_appid",
    "zeek_base_url",
)


PROG = "posapp relay"
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


def optional_int(text: str) -> int | None:
    """An id, or None for an empty value: a unit's ``--zeek-appid ${ZEEK_APPID}`` passes "" when the
    env file leaves it empty (a shop without Zeek), and that must start the relay, not fail it."""
    return positive_int(text) if text.strip() else None


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _serve_parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog=PROG, description="Run the relay server.")
    p.add_argument("--port", type=port, default=8080, help="port to listen on, 1-65535 (default 8080)")
    p.add_argument("--host", default="127.0.0.1", help="listen address (put a TLS proxy in front)")
    p.add_argument(
        "--db", type=relay_db_url, default=DEFAULT_DB, help="sqlite:///path (default) or postgresql://…"
    )
    p.add_argument(
        "--public-url", type=http_url, required=True, help="the https:// base URL Keeta and Zeek push to"
    )
    p.add_argument("--keeta-app-id", type=positive_int, required=True)
    p.add_argument("--keeta-secret", default=os.environ.get("POSAPP_RELAY_KEETA_SECRET", ""))
    p.add_argument(
        "--zeek-appid", type=optional_int, default=None, help="empty or unset: no Zeek (callbacks get 404)"
    )
    p.add_argument("--zeek-secret", default=os.environ.get("POSAPP_RELAY_ZEEK_SECRET", ""))
    p.add_argument("--heartbeat", type=seconds, default=15.0, help="seconds between SSE heartbeats")
    p.add_argument("--reread", type=seconds, default=5.0, help="seconds between safety re-reads")
    p.add_argument("--keep-days", type=days, default=7.0, help="keep acknowledged events this long")
    p.add_argument("--log-level", type=str.lower, choices=LOG_LEVELS, default="info")
    return p


def _admin_parser(command: str) -> argparse.ArgumentParser:
    p = OneLineParser(prog=f"{PROG} {command}")
    p.add_argument("--db", type=relay_db_url, default=DEFAULT_DB, help="sqlite:///path or postgresql://…")
    if command == "add-store":
        p.add_argument("--shop-id", type=positive_int, required=True, help="the Keeta shopId")
        p.add_argument("--name", required=True)
        p.add_argument("--zeek-merchant-id", default="")
        p.add_argument("--gateway", action="store_true", help="let the app call Keeta/Zeek through the relay")
        _gateway_arguments(p)
    elif command == "set-gateway":
        p.add_argument("--shop-id", type=positive_int, required=True)
        _gateway_arguments(p)
    elif command == "revoke-store":
        p.add_argument("--shop-id", type=positive_int, required=True)
    elif command == "set-alert":
        _alert_arguments(p)
    return p


def _alert_seconds(text: str) -> float:
    value = seconds(text)  # also refuses nan and inf
    if not alarm.MIN_SECONDS <= value <= alarm.KEETA_WINDOW:
        raise argparse.ArgumentTypeError(
            f"{text} must be between {alarm.MIN_SECONDS:g} and {alarm.KEETA_WINDOW:g} seconds"
        )
    return value


def _alert_arguments(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Where the relay calls when a new Keeta order has not been acknowledged by the store's app in"
        " time (PC off, app crashed, network down)."
    )
    p.add_argument("--shop-id", type=positive_int, required=True)
    p.add_argument(
        "--url",
        default=None,
        help=f"http(s) URL the relay POSTs to (or ${ALERT_URL_ENV}); {alarm.TEXT_PLACEHOLDER} in it is"
        " replaced by the alert text (e.g. a Telegram sendMessage URL template)",
    )
    p.add_argument("--after", type=_alert_seconds, default=alarm.DEFAULT_AFTER, help="seconds (default 60)")
    p.add_argument(
        "--every",
        type=_alert_seconds,
        default=alarm.DEFAULT_EVERY,
        help="repeat every S seconds (default 60)",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help='json: {"text": …} plus fields (Slack, Teams, Telegram, own receivers); text: plain body'
        " with ntfy's Title/Priority/Tags headers (ntfy topics)",
    )
    p.add_argument("--off", action="store_true", help="remove the store's alert")


def _gateway_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("API gateway (the relay signs the app's platform calls)")
    g.add_argument(
        "--keeta-app-id", type=positive_int, default=None, help="default: the relay's --keeta-app-id"
    )
    g.add_argument("--keeta-secret", default=None, help=f"or ${GATEWAY_ENV['keeta_secret']}")
    g.add_argument("--keeta-access-token", default=None, help=f"or ${GATEWAY_ENV['keeta_access_token']}")
    g.add_argument("--keeta-refresh-token", default=None, help=f"or ${GATEWAY_ENV['keeta_refresh_token']}")
    g.add_argument(
        "--keeta-token-expires-at",
        type=epoch_seconds,
        default=None,
        help="epoch seconds; default: 90 days from now (the relay refreshes the token 5 days before)",
    )
    g.add_argument("--keeta-base-url", type=http_url, default=None, help="default: Keeta's production API")
    g.add_argument("--zeek-appid", type=positive_int, default=None, help="default: the relay's --zeek-appid")
    g.add_argument("--zeek-secret", default=None, help=f"or ${GATEWAY_ENV['zeek_secret']}")
    g.add_argument(
        "--zeek-base-url", type=http_url, default=None, help="default: Zeek's Hong Kong production API"
    )


def gateway_credentials(args: argparse.Namespace, always: bool = False) -> GatewayCredentials | None:
    """The gateway settings asked for on the command line; None when the gateway is not wanted."""
    wanted = always or getattr(args, "gateway", False)
    wanted = wanted or any(getattr(args, name) is not None for name in (*GATEWAY_OPTIONS, *GATEWAY_ENV))
    if not wanted:
        return None
    values: dict[str, object] = {}
    for name in (*GATEWAY_OPTIONS, *GATEWAY_ENV):
        value = getattr(args, name)
        if value is None and name in GATEWAY_ENV:
            value = os.environ.get(GATEWAY_ENV[name]) or None
        if value is not None:
            values[name] = value
    return GatewayCredentials(**values)  # type: ignore[arg-type]


def _sealer() -> Sealer | None:
    """The key from the environment; a malformed one stops the command (KeyProblem)."""
    return Sealer.from_env()


async def _with_storage(url: str, command: str, args: argparse.Namespace) -> int:
    prog = f"{PROG} {command}"
    try:
        sealer = _sealer()
    except KeyProblem as exc:
        return fail(prog, str(exc), USAGE_ERROR)
    if command in NEEDS_KEY and sealer is None and gateway_credentials(args, command == "set-gateway"):
        return fail(prog, str(NoSealingKey()), USAGE_ERROR)  # before anything is written
    storage = storage_for_url(url)
    try:
        await storage.open()
    except Exception as exc:  # each back end fails its own way; all of them are "cannot open"
        return fail(prog, database_problem(url, exc))
    try:
        return await _admin(CredentialStore(storage, sealer), command, args)
    finally:
        await storage.close()


async def _admin(credentials: CredentialStore, command: str, args: argparse.Namespace) -> int:
    now = time.time()
    storage = credentials.storage
    if command == "add-store":
        token = new_token()
        try:
            store = await storage.add_store(
                args.shop_id, args.name, args.zeek_merchant_id, token_hash(token), now
            )
        except DuplicateShopError as exc:
            return fail(f"{PROG} add-store", str(exc))
        _out(f"added store {store.id}: Keeta shop {store.shop_id} {store.name!r}")
        gateway = gateway_credentials(args)
        if gateway is not None:
            await credentials.save(store.id, gateway, now)
            _out("API gateway enabled for this store (credentials sealed)")
        _out("store token (shown only this once; paste it into the app's settings):")
        _out(token)
        return 0
    if command == "set-gateway":
        return await _set_gateway(credentials, args, now)
    if command == "set-alert":
        return await _set_alert(storage, args, now)
    if command == "revoke-store":
        if not await storage.revoke_store(args.shop_id, now):
            return fail(
                f"{PROG} revoke-store", f"no active store with shop id {args.shop_id}; see list-stores"
            )
        _out(f"revoked shop {args.shop_id}: its token no longer works and its pushes are refused")
        return 0
    _out("id\tshop_id\tname\tzeek_merchant_id\tlast_seq\tacked_seq\tunacked\tstatus\talert")
    policies = await storage.alerts.policies()
    for s in await storage.list_stores():
        status = "active" if s.active else "revoked"
        _out(
            f"{s.id}\t{s.shop_id}\t{s.name}\t{s.zeek_merchant_id}\t{s.last_seq}\t{s.acked_seq}"
            f"\t{s.last_seq - s.acked_seq}\t{status}\t{_alert_summary(policies.get(s.id))}"
        )
    return 0


def _alert_summary(policy: AlertPolicy | None) -> str:
    if policy is None:
        return "-"
    return (
        f"after {policy.after_seconds:g}s every {policy.every_seconds:g}s"
        f" {policy.format} {alarm.redact(policy.url)}"
    )


async def _set_alert(storage: Storage, args: argparse.Namespace, now: float) -> int:
    prog = f"{PROG} set-alert"
    store = await storage.store_by_shop(args.shop_id)
    if store is None:
        return fail(prog, f"no active store with shop id {args.shop_id}; see list-stores")
    if args.off:
        await storage.alerts.clear_policy(store.id)
        _out(f"alert removed for shop {args.shop_id}")
        return 0
    url = args.url or os.environ.get(ALERT_URL_ENV, "")
    # Never echo the URL: it often holds a token.
    problem = alarm.check_url(url) if url else f"--url (or ${ALERT_URL_ENV}) is required"
    if problem:
        return fail(prog, problem, USAGE_ERROR)
    policy = AlertPolicy(url, args.after, args.every, args.format)
    await storage.alerts.set_policy(store.id, policy, now)
    _out(f"alert set for shop {args.shop_id}: {_alert_summary(policy)}")
    return 0


async def _set_gateway(store_credentials: CredentialStore, args: argparse.Namespace, now: float) -> int:
    store = await store_credentials.storage.store_by_shop(args.shop_id)
    credentials = gateway_credentials(args, always=True)
    if store is None or credentials is None:
        return fail(f"{PROG} set-gateway", f"no active store with shop id {args.shop_id}; see list-stores")
    await store_credentials.save(store.id, credentials, now)
    _out(f"API gateway settings saved (sealed) for shop {args.shop_id}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from posapp.relay.app import create_app
    from posapp.relay.server import uvicorn_options

    if not args.keeta_secret:
        return fail(PROG, "--keeta-secret (or POSAPP_RELAY_KEETA_SECRET) is required", USAGE_ERROR)
    key = os.environ.get(KEY_ENV, "")
    try:
        Sealer(key) if key.strip() else None
    except KeyProblem as exc:
        return fail(PROG, str(exc), USAGE_ERROR)
    # Before uvicorn starts: it would announce the address, then fail with a traceback of its own.
    try:
        ensure_can_listen(args.host, args.port)
    except CommandFailed as exc:
        return fail(PROG, str(exc))
    try:
        asyncio.run(check_database(args.db))
    except Exception as exc:  # each back end fails its own way; all of them are "cannot open"
        return fail(PROG, database_problem(args.db, exc))
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    configure_request_log()
    if not key.strip():
        logging.getLogger(__name__).warning(
            "%s is not set: sealed gateway credentials cannot be read and Keeta tokens are not refreshed",
            KEY_ENV,
        )
    config = RelayConfig(
        public_url=args.public_url.rstrip("/"),
        keeta_app_id=args.keeta_app_id,
        keeta_secret=args.keeta_secret,
        zeek_appid=args.zeek_appid,
        zeek_secret=args.zeek_secret,
        heartbeat_seconds=args.heartbeat,
        reread_seconds=args.reread,
        keep_acked_seconds=args.keep_days * 86400,
        settings_key=key.strip(),
    )
    app = create_app(config, args.db)
    try:
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            log_level=args.log_level.lower(),
            timeout_graceful_shutdown=5,
            **uvicorn_options(),
        )
    except SystemExit as exc:  # uvicorn has logged why (the port was taken since the check …)
        if exc.code in (None, 0):
            return 0
        return fail(PROG, f"stopped: could not serve on {args.host}:{args.port}; see the error above")
    return 0


def main(argv: Sequence[str]) -> int:
    """Arguments after ``posapp relay`` (a leading ``relay`` is tolerated)."""
    args = list(argv)
    if args[:1] == ["relay"]:
        args = args[1:]
    if args[:1] == ["gen-key"]:
        _out(generate_key())  # for POSAPP_RELAY_KEY; printed only, never stored
        return 0
    if args[:1] and args[0] in ADMIN_COMMANDS:
        command = args[0]
        parsed = _admin_parser(command).parse_args(args[1:])
        return asyncio.run(_with_storage(parsed.db, command, parsed))
    return _serve(_serve_parser().parse_args(args))
