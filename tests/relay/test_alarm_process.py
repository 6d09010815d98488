"""``posapp relay set-alert`` as an owner runs it, and the alarm of a real relay process that is
SIGKILLed and restarted mid-alert (real time: the store's alert is set to 1 s, repeating every 2 s)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from posapp.relay.server import free_port
from posapp.relay.storage import storage_for_url
from tests.relay.alert_receiver import AlertReceiver
from tests.relay.conftest import add_store
from tests.relay.helpers import SHOP_ID, RelayProcess, keeta_push
from tests.relay.test_cli import _cli
from tests.waiting import until_async


@pytest.fixture
async def receiver() -> AsyncIterator[AlertReceiver]:
    r = AlertReceiver()
    await r.start()
    try:
        yield r
    finally:
        await r.stop()


async def test_set_alert_is_shown_in_list_stores_without_its_secret(db_url: str):
    await add_store(db_url)
    url = "https://api.telegram.org/bot123456:SECRET-TOKEN/sendMessage?chat_id=42&text={text}"
    done = await _cli("set-alert", "--db", db_url, "--shop-id", str(SHOP_ID), "--url", url, "--after", "90")
    assert done.returncode == 0, done.stderr
    listed = await _cli("list-stores", "--db", db_url)
    header, row = listed.stdout.strip().splitlines()[:2]
    assert header.endswith("\tstatus\talert")
    assert row.endswith("\tactive\tafter 90s every 60s json https://api.telegram.org/…")
    assert "SECRET" not in done.stdout + listed.stdout
    refused = [
        ("--url", "ftp://x.test/a"),
        ("--url", "not a url"),
        ("--url", "https://x.test/a", "--after", "0"),
        ("--url", "https://x.test/a", "--every", "nan"),
        ("--url", "https://x.test/a", "--format", "xml"),
        (),
    ]
    for extra in refused:
        answer = await _cli("set-alert", "--db", db_url, "--shop-id", str(SHOP_ID), *extra)
        assert answer.returncode == 2 and len(answer.stderr.strip().splitlines()) == 1, (extra, answer.stderr)
    unknown = await _cli("set-alert", "--db", db_url, "--shop-id", "1", "--url", "https://x.test/a")
    assert unknown.returncode == 1 and "no active store" in unknown.stderr
    off = await _cli("set-alert", "--db", db_url, "--shop-id", str(SHOP_ID), "--off")
    assert off.returncode == 0
    assert (await _cli("list-stores", "--db", db_url)).stdout.strip().splitlines()[1].endswith("\t-")


@pytest.mark.slow
async def test_a_killed_relay_keeps_alerting_after_its_restart_without_repeating_an_alert(
    db_url: str, receiver: AlertReceiver
):
    await add_store(db_url)
    hook = receiver._server.base_url + "/hook"
    args = ("--shop-id", str(SHOP_ID), "--url", hook, "--after", "1", "--every", "2")
    assert (await _cli("set-alert", "--db", db_url, *args)).returncode == 0
    relay = RelayProcess(db_url, free_port())
    await relay.start()
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            r = await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1001))
            assert r.status_code == 200
        await receiver.wait_delivered(1)
        store = await storage.store_by_shop(SHOP_ID)
        assert store is not None

        async def recorded(count: int) -> bool:
            return sum(h.sent_at is not None for h in await storage.alerts.history(store.id)) >= count

        await until_async(lambda: recorded(1))  # the first alert is on record: now kill the relay
        await relay.kill()
        await relay.start()
        await receiver.wait_delivered(2)
        await until_async(lambda: recorded(2))
    finally:
        await relay.kill()
        await storage.close()
    ids = [a.alert_id for a in receiver.delivered]
    attempts = [int(i.rsplit("-", 1)[1]) for i in ids]
    assert attempts == sorted(set(attempts)) and attempts[0] == 1, ids
