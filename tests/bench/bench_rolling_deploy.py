"""Rolling deploy behind nginx (issue 18): not part of the default test run; it asserts the counts.

Run: ``POSAPP_TEST_PG_URL=… .venv/bin/python -m pytest tests/bench/bench_rolling_deploy.py
-o python_files='bench_*.py' -s -q``

Two relay processes (the CLI) on one PostgreSQL behind Debian's nginx running the shipped
``packaging/relay/nginx.conf``; 1,000 stores' apps stream through nginx while a Keeta-like sender
pushes 200/s spread over them. Relay A is restarted (SIGTERM, start, wait for /readyz), then relay B.
Printed: pushes answered non-2xx to the sender after nginx's retry, acknowledged pushes lost or
doubled (database and apps), and how many streams resumed after their relay went away.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections import Counter

import pytest

from tests.bench.fleet import NGINX, App, Nginx, RelayProc, Sender, raise_open_files, settle
from tests.bench.relayproc import bench_token, seed_url, shop_ids

PG_URL = os.environ.get("POSAPP_TEST_PG_URL", "")
STORES = int(os.environ.get("BENCH_STORES", "1000"))
RATE = 200.0
SECONDS = 45.0
SETTLE_BEFORE_RESTART = 10.0  # seconds between the steps of the deploy


@pytest.mark.timeout(600)
def test_rolling_deploy_loses_nothing_and_the_sender_sees_no_error() -> None:
    if not PG_URL:
        pytest.skip("needs POSAPP_TEST_PG_URL (two relay processes share one PostgreSQL)")
    if not shutil.which(NGINX) and not os.path.exists(NGINX):
        pytest.skip("needs nginx (apt-get install nginx)")
    raise_open_files()
    from tests.relay.conftest import _drop_pg_database, _fresh_pg_database

    url, name = asyncio.run(_fresh_pg_database(PG_URL))
    try:
        asyncio.run(_run(url))
    finally:
        asyncio.run(_drop_pg_database(PG_URL, name))


async def _run(url: str) -> None:
    shops = shop_ids(STORES)
    await seed_url(url, STORES)
    a, b = RelayProc(url), RelayProc(url)
    relays = [a, b]
    nginx = Nginx([a.port, b.port])
    tasks: list[asyncio.Task[None]] = []
    try:
        for relay in relays:
            relay.start()
        await asyncio.gather(*(relay.ready() for relay in relays))
        nginx.start()
        await nginx.listening()
        apps = {shop: App(nginx.port, bench_token(shop)) for shop in shops}
        tasks = [asyncio.create_task(app.run()) for app in apps.values()]
        await asyncio.wait_for(asyncio.gather(*(app.connected.wait() for app in apps.values())), 120)
        print(f"\n{STORES} apps streaming through nginx :{nginx.port} to relays :{a.port} and :{b.port}")
        sender = Sender(nginx.port, shops, RATE, retry_after=None)
        sending = asyncio.create_task(sender.run(SECONDS))
        started = time.monotonic()
        for relay in relays:
            await asyncio.sleep(SETTLE_BEFORE_RESTART)  # the deploy's pace, not a wait for a condition
            stopped = await relay.stop()
            relay.start()
            ready = await relay.ready()
            print(
                f"t={time.monotonic() - started:5.1f} s relay :{relay.port} restarted"
                f" (exit {stopped:.2f} s after SIGTERM, ready {ready:.2f} s after start)",
                flush=True,
            )
        await sending
        outcome = await settle(sender, apps, url)
        resumed = sum(1 for app in apps.values() if app.log.connects >= 2)
        pushes = len(sender.sent)
        print(f"pushes sent {pushes} at {RATE:.0f}/s over {STORES} stores", end="; ")
        print(f"answered non-2xx to the sender (after nginx's retry): {sender.non_2xx}")
        print(outcome.line())
        failed = Counter(st for sent in sender.sent.values() for st in sent.statuses if not 200 <= st < 300)
        if failed:
            print(f"answers other than 2xx by status (0: no answer): {dict(failed)}")
            errors = (nginx.work / "error.log").read_text(errors="replace").splitlines()
            print("nginx error.log (last lines):", *errors[-12:], sep="\n  ")
        print(f"streams resumed after their relay restarted: {resumed} of {STORES}")
        assert sender.non_2xx == 0
        assert outcome.lost_in_db == outcome.lost_in_streams == 0
        assert outcome.doubled_in_db == outcome.doubled_in_streams == 0
        assert resumed == STORES
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        nginx.stop()
        for relay in relays:
            relay.kill()
