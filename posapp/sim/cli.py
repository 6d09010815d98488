"""``posapp sim``: the Keeta + Zeek platform simulator on 127.0.0.1 until Ctrl-C.

posapp sim --port P --webhook-url URL --zeek-callback-url URL [--app-id N --secret S --token T
    --shop-id N --zeek-appid N --zeek-secret S --merchant-id ID --incidents --seed N]

Every option defaults to :class:`~posapp.sim.config.SimConfig` (the demo credentials in README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from typing import TextIO

from posapp.cli_args import (
    CommandFailed,
    OneLineParser,
    any_int,
    ensure_can_listen,
    fail,
    http_url_or_empty,
    port_or_any,
    positive_int,
)
from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer

PROG = "posapp sim"


def build_parser() -> argparse.ArgumentParser:
    d = SimConfig()
    p = OneLineParser(prog=PROG, description="Keeta and Zeek platform simulator.")
    p.add_argument("--host", default=d.host, help=f"address to listen on (default {d.host})")
    p.add_argument(
        "--port", type=port_or_any, default=d.port, help=f"port (default {d.port}; 0 picks a free one)"
    )
    p.add_argument(
        "--webhook-url", type=http_url_or_empty, default=d.webhook_url, help="Keeta webhook target"
    )
    p.add_argument(
        "--zeek-callback-url",
        type=http_url_or_empty,
        default=d.zeek_callback_url,
        help="where Zeek status callbacks go",
    )
    p.add_argument("--app-id", type=positive_int, default=d.app_id, help=f"Keeta appId (default {d.app_id})")
    p.add_argument("--secret", default=d.secret, help="Keeta app secret")
    p.add_argument("--token", default=d.token, help="Keeta merchant access token")
    p.add_argument("--refresh-token", default=d.refresh_token, help="Keeta refresh token")
    p.add_argument(
        "--shop-id", type=positive_int, default=d.shop_id, help=f"Keeta shopId (default {d.shop_id})"
    )
    p.add_argument(
        "--zeek-appid", type=positive_int, default=d.zeek_appid, help=f"Zeek appid ({d.zeek_appid})"
    )
    p.add_argument("--zeek-secret", default=d.zeek_secret, help="Zeek secret")
    p.add_argument("--merchant-id", default=d.merchant_id, help=f"Zeek merchant id (default {d.merchant_id})")
    p.add_argument("--incidents", action="store_true", help="misbehave now and then, like a real platform")
    p.add_argument("--seed", type=any_int, default=d.seed, help="random seed for orders and incidents")
    return p


def config_from_args(args: argparse.Namespace) -> SimConfig:
    return SimConfig(
        host=args.host,
        port=args.port,
        webhook_url=args.webhook_url,
        zeek_callback_url=args.zeek_callback_url,
        app_id=args.app_id,
        secret=args.secret,
        token=args.token,
        refresh_token=args.refresh_token,
        shop_id=args.shop_id,
        zeek_appid=args.zeek_appid,
        zeek_secret=args.zeek_secret,
        merchant_id=args.merchant_id,
        incidents=args.incidents,
        seed=args.seed,
    )


def describe(config: SimConfig, base_url: str) -> str:
    return "\n".join(
        [
            f"posapp simulator listening on {base_url}",
            f"  Keeta Order API : {base_url}/keeta/api/open/<path>",
            f"  Zeek API        : {base_url}/zeek/<path>",
            f"  control         : {base_url}/sim/keeta/orders, {base_url}/sim/clock/advance",
            f"  Keeta appId={config.app_id} secret={config.secret} accessToken={config.token} "
            f"refreshToken={config.refresh_token} shopId={config.shop_id}",
            f"  Zeek appid={config.zeek_appid} secret={config.zeek_secret} merchant_id={config.merchant_id}",
            f"  Keeta webhooks -> {config.webhook_url or '(none: set with POST /sim/keeta/config)'}",
            f"  Zeek callbacks -> {config.zeek_callback_url or '(none)'}",
            f"  incidents {'ON' if config.incidents else 'off'}, seed {config.seed}",
            "Press Ctrl-C to stop.",
        ]
    )


def main(argv: list[str], out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    config = config_from_args(build_parser().parse_args(argv))
    try:
        ensure_can_listen(config.host, config.port)
    except CommandFailed as exc:
        return fail(PROG, str(exc))
    server = SimServer(config)
    # The address is fixed once the server object exists (port 0 is resolved there), so say it first.
    stream.write(describe(config, server.base_url) + "\n")
    stream.flush()
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(server.serve_forever())
    except (OSError, RuntimeError, SystemExit) as exc:
        # uvicorn logs why it could not bind, then exits with its own code: say it in one line.
        reason = f" ({exc})" if not isinstance(exc, SystemExit) else ""
        return fail(PROG, f"could not serve on {server.base_url}{reason}; check --host and --port")
    return 0
