"""The alarm that leaves the PC: a new order the app has not acknowledged makes the relay call the
owner's alert URL (a real receiver on 127.0.0.1), repeating until acknowledged or Keeta's 5 minutes
pass; never while the app acknowledges; neither lost nor doubled across a restart. Runs on SQLite
and PostgreSQL. The watcher's clock is injected, so minutes pass without waiting for them."""

from __future__ import annotations

import asyncio
import json
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from posapp.relay.alarm import STALE_CLAIM, AlertWatcher, alert_request, order_number, redact
from posapp.relay.server import RelayServer
from posapp.relay.storage import storage_for_url
from posapp.relay.storage.alerts import AlertPolicy
from posapp.relay.storage.base import Storage
from tests.relay.alert_receiver import AlertReceiver
from tests.relay.helpers import SHOP_ID, keeta_push
from tests.waiting import until, until_async


@dataclass
class Clock:
    now: float = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def receiver() -> AsyncIterator[AlertReceiver]:
    r = AlertReceiver()
    await r.start()
    try:
        yield r
    finally:
        await r.stop()


def _storage(relay: RelayServer) -> Storage:
    storage: Storage = relay.app.state.relay.storage
    return storage


async def _store_id(storage: Storage) -> int:
    store = await storage.store_by_shop(SHOP_ID)
    assert store is not None
    return store.id


async def _new_order(client: httpx.AsyncClient, relay: RelayServer) -> tuple[int, float]:
    """Pushes a signed 1001 through the relay; returns its seq and the time the relay stored it."""
    r = await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1001))
    assert r.status_code == 200 and r.json()["code"] == 0
    storage = _storage(relay)
    events = await storage.read_after(await _store_id(storage), 0, 1000)
    return events[-1].seq, events[-1].received_at


async def _ack(client: httpx.AsyncClient, relay: RelayServer, token: str, cursor: int) -> None:
    r = await client.post(
        relay.base_url + "/v1/ack", json={"cursor": cursor}, headers={"Authorization": f"Bearer {token}"}
    )
    assert r.status_code == 200


async def _set_policy(storage: Storage, url: str, after: float = 60, every: float = 60, fmt: str = "json"):
    await storage.alerts.set_policy(await _store_id(storage), AlertPolicy(url, after, every, fmt), 0.0)


async def test_an_unacknowledged_order_alerts_after_the_set_time_and_repeats_within_keetas_window(
    relay: RelayServer, client: httpx.AsyncClient, receiver: AlertReceiver
):
    storage = _storage(relay)
    await _set_policy(storage, receiver._server.base_url + "/hook/SECRET-PATH")
    seq, received = await _new_order(client, relay)
    clock = Clock(received)
    watcher = AlertWatcher(storage.alerts, clock=clock)
    try:
        sent = []
        for offset in (30, 59.9, 60, 61, 119, 120, 181, 299, 300.1, 400):
            clock.now = received + offset
            sent.append(await watcher.check())
    finally:
        await watcher.aclose()
    # due at 60, 120, 180, 240 s; the pass at 299 s finds 240 s's slot unsent and sends it (one
    # catch-up, not a burst); from Keeta's 5 minutes on, nothing.
    assert sent == [0, 0, 1, 0, 0, 1, 1, 1, 0, 0]
    assert [a.json["attempt"] for a in receiver.delivered] == [1, 2, 3, 4]
    first = receiver.delivered[0]
    assert first.path == "/hook/SECRET-PATH"
    body = first.json
    assert body["event"] == "unacknowledged_order" and body["shop_id"] == SHOP_ID
    assert body["order_view_id"] == "756823555555859" and body["waited_seconds"] == 60
    assert "756823555555859" in body["text"] and "未到達" in body["text"]  # English and 繁中 in one text
    assert first.alert_id == f"{SHOP_ID}-{seq}-1"
    history = await storage.alerts.history(await _store_id(storage))
    assert [(h.attempt, h.outcome) for h in history] == [(a, "http 200") for a in (1, 2, 3, 4)]
    assert all(h.sent_at is not None for h in history)


async def test_no_alert_while_the_app_acknowledges_and_an_ack_stops_the_repeats(
    relay: RelayServer, client: httpx.AsyncClient, token: str, receiver: AlertReceiver
):
    storage = _storage(relay)
    await _set_policy(storage, receiver._server.base_url + "/hook", after=60, every=60)
    clock = Clock()
    watcher = AlertWatcher(storage.alerts, clock=clock)
    try:
        # A lunch rush the app keeps up with: each order acknowledged 2 s after it arrived, while
        # the watcher looks every 10 s for 5 minutes after each.
        for _ in range(5):
            seq, received = await _new_order(client, relay)
            clock.now = received + 2
            assert await watcher.check() == 0
            await _ack(client, relay, token, seq)
            for offset in range(10, 320, 10):
                clock.now = received + offset
                assert await watcher.check() == 0
        assert receiver.arrived == []
        # An order left alone alerts; acknowledged after the first alert, it never alerts again.
        seq, received = await _new_order(client, relay)
        clock.now = received + 60
        assert await watcher.check() == 1
        await _ack(client, relay, token, seq)
        for offset in range(61, 320, 10):
            clock.now = received + offset
            assert await watcher.check() == 0
    finally:
        await watcher.aclose()
    assert [a.alert_id for a in receiver.arrived] == [f"{SHOP_ID}-{seq}-1"]
    # Other pushes (status changes, Zeek) never alert, acknowledged or not.
    await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1002))
    clock.now += 120
    assert await AlertWatcher(storage.alerts, clock=clock).check() == 0


async def test_a_relay_restarted_mid_alert_neither_loses_nor_doubles_it(
    relay: RelayServer, client: httpx.AsyncClient, db_url: str, receiver: AlertReceiver
):
    storage = _storage(relay)
    await _set_policy(storage, receiver._server.base_url + "/hook")
    seq, received = await _new_order(client, relay)
    clock = Clock(received + 60)
    # Relay A claims attempt 1 and is killed while the receiver is still answering.
    receiver.hold = True
    a = AlertWatcher(storage.alerts, clock=clock)
    assert await a.check(wait=False) == 1
    await receiver.held.wait()
    await a.aclose()  # the send is cancelled mid-flight: nothing recorded as sent
    receiver.release()  # the receiver never got to say yes to relay A
    # Relay B starts on the same database: the claim is still fresh, so B leaves it alone ...
    restarted = storage_for_url(db_url)
    await restarted.open()
    try:
        b = AlertWatcher(restarted.alerts, clock=clock)
        clock.now = received + 61
        assert await b.check() == 0
        # ... until it is older than a send can take: then B sends attempt 1, once.
        clock.now = received + 60 + STALE_CLAIM
        assert await b.check() == 1
        assert await b.check() == 0
        await b.aclose()
        # Relay C restarted after a finished send does not send it again.
        c = AlertWatcher(restarted.alerts, clock=clock)
        assert await c.check() == 0
        clock.now = received + 120
        assert await c.check() == 1
        await c.aclose()
        history = await restarted.alerts.history(await _store_id(restarted))
    finally:
        await restarted.close()
    assert [a.alert_id for a in receiver.delivered] == [f"{SHOP_ID}-{seq}-1", f"{SHOP_ID}-{seq}-2"]
    assert [(h.attempt, h.sent_at is not None) for h in history] == [(1, True), (2, True)]


async def test_two_relay_processes_on_one_database_send_each_alert_once(
    relay: RelayServer, client: httpx.AsyncClient, db_url: str, receiver: AlertReceiver
):
    storage = _storage(relay)
    await _set_policy(storage, receiver._server.base_url + "/hook")
    _, received = await _new_order(client, relay)
    other = storage_for_url(db_url)
    await other.open()
    clock = Clock(received + 60)
    try:
        a = AlertWatcher(storage.alerts, clock=clock)
        b = AlertWatcher(other.alerts, clock=clock)
        claimed = await asyncio.gather(a.check(), b.check(), a.check(), b.check())
        await a.aclose()
        await b.aclose()
    finally:
        await other.close()
    assert sum(claimed) == 1 and len(receiver.delivered) == 1


async def test_a_failing_receiver_is_retried_and_recorded(
    relay: RelayServer, client: httpx.AsyncClient, receiver: AlertReceiver
):
    storage = _storage(relay)
    await _set_policy(storage, receiver._server.base_url + "/hook")
    _, received = await _new_order(client, relay)
    clock = Clock(received + 60)
    watcher = AlertWatcher(storage.alerts, clock=clock)
    receiver.status = 500
    try:
        assert await watcher.check() == 1
        receiver.status = 200
        clock.now += STALE_CLAIM - 1
        assert await watcher.check() == 0  # not hammering a receiver that is down
        clock.now += 1
        assert await watcher.check() == 1
    finally:
        await watcher.aclose()
    assert len(receiver.arrived) == 2 and len(receiver.delivered) == 1
    history = await storage.alerts.history(await _store_id(storage))
    assert [(h.attempt, h.outcome) for h in history] == [(1, "http 200")]


async def test_text_format_and_url_template_suit_ntfy_and_telegram(
    relay: RelayServer, client: httpx.AsyncClient, receiver: AlertReceiver
):
    storage = _storage(relay)
    base = receiver._server.base_url
    await _set_policy(storage, base + "/alerts-topic", fmt="text")
    _, received = await _new_order(client, relay)
    clock = Clock(received + 60)
    watcher = AlertWatcher(storage.alerts, clock=clock)
    try:
        assert await watcher.check() == 1
        ntfy = receiver.delivered[-1]
        assert ntfy.headers["title"] and ntfy.headers["priority"] == "urgent"
        assert "756823555555859" in ntfy.body.decode("utf-8")
        # Telegram: POST …/bot<token>/sendMessage?chat_id=…&text={text}
        await _set_policy(storage, base + "/botTOKEN/sendMessage?chat_id=42&text={text}")
        clock.now += 60
        assert await watcher.check() == 1
    finally:
        await watcher.aclose()
    telegram = receiver.delivered[-1]
    assert telegram.query["chat_id"] == "42" and "756823555555859" in telegram.query["text"]
    assert telegram.json["text"] == telegram.query["text"]


def test_alert_urls_are_redacted_and_orders_numbered_from_the_push():
    assert redact("https://api.telegram.org/bot123:ABC/sendMessage?chat_id=1") == "https://api.telegram.org/…"
    assert redact("http://127.0.0.1:8999/hook/x") == "http://127.0.0.1:8999/…"
    assert order_number(keeta_push(1001).decode()) == "756823555555859"
    assert order_number("not json") == ""
    assert order_number(json.dumps({"message": "{broken"})) == ""


def test_the_text_placeholder_is_url_encoded():
    from posapp.relay.storage.alerts import PendingOrder

    order = PendingOrder(
        1, 7, "A&B 茶餐廳", 3, 0.0, "", AlertPolicy("https://x.test/s?t={text}", 60, 60), 0, None, False
    )
    url, _, _ = alert_request(order, 1, 60.0)
    text = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["t"][0]
    assert "A&B 茶餐廳" in text and "(relay event 3)" in text


async def test_the_running_relays_alarm_alerts_and_counts_its_alerts_in_metrics(
    relay: RelayServer, client: httpx.AsyncClient, receiver: AlertReceiver
):
    storage = _storage(relay)
    await _set_policy(storage, receiver._server.base_url + "/hook")
    _, received = await _new_order(client, relay)
    watcher: AlertWatcher = relay.app.state.relay.alarm
    receiver.status = 500
    watcher.clock = Clock(received + 60)  # the running relay's own watcher, its clock moved on
    await until(lambda: len(receiver.arrived) == 1)
    receiver.status = 200
    watcher.clock = Clock(received + 120)
    await receiver.wait_delivered(1)

    async def counted() -> bool:
        text = (await client.get(relay.base_url + "/metrics")).text
        return (
            'posapp_relay_alerts_total{outcome="sent"} 1.0' in text
            and 'posapp_relay_alerts_total{outcome="failed"} 1.0' in text
        )

    await until_async(counted)
    assert len(receiver.arrived) == 2
