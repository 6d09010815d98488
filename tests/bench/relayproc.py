"""The relay under benchmark, as its own process: the CLI's app and uvicorn settings, any ``--db``.

``python -m tests.bench.relayproc --db URL --port P [--seed N]``: ``--seed`` registers stores in a
``memory://`` relay (whose data lives only in this process) with the benchmark's known tokens.
"""

from __future__ import annotations

import argparse
import asyncio
import time

import uvicorn

from posapp.relay.app import build_relay_app
from posapp.relay.server import uvicorn_options
from posapp.relay.storage import storage_for_url
from posapp.relay.storage.base import Storage
from posapp.relay.tokens import token_hash
from tests.relay.helpers import relay_config

FIRST_SHOP = 700_000


def bench_token(shop_id: int) -> str:
    return f"prs_bench_{shop_id}"


def shop_ids(count: int) -> list[int]:
    return [FIRST_SHOP + i for i in range(count)]


async def seed(storage: Storage, count: int) -> None:
    for shop in shop_ids(count):
        await storage.add_store(shop, f"Bench {shop}", "", token_hash(bench_token(shop)), time.time())


async def seed_url(url: str, count: int) -> None:
    storage = storage_for_url(url)
    await storage.open()
    try:
        await seed(storage, count)
    finally:
        await storage.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    storage = storage_for_url(args.db)
    if args.seed:
        asyncio.run(seed(storage, args.seed))
    # The safety re-read stays at the CLI default; heartbeats as deployed (15 s).
    app = build_relay_app(relay_config(reread_seconds=5.0), storage)
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        timeout_graceful_shutdown=2,
        **uvicorn_options(),
    )


if __name__ == "__main__":
    main()
