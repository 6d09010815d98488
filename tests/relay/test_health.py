"""Health, readiness, Prometheus metrics and the per-request JSON log line, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging
import re

import httpx
import pytest

from posapp.relay.request_log import LOGGER_NAME
from posapp.relay.server import RelayServer
from tests.relay.helpers import SHOP_ID, SseStream, keeta_push, zeek_callback
from tests.relay.test_refusals import signed_envelope


def metric(text: str, name: str, **labels: str) -> float:
    """One sample's value from the Prometheus text exposition (0.0 when absent)."""
    label_text = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    pattern = re.escape(name) + (r"\{" + re.escape(label_text) + r"\}" if labels else "") + r" (\S+)$"
    for line in text.splitlines():
        found = re.match(pattern, line)
        if found:
            return float(found.group(1))
    return 0.0


async def test_healthz_and_readyz_answer_200_while_the_database_answers(
    relay: RelayServer, client: httpx.AsyncClient
):
    health = await client.get(relay.base_url + "/healthz")
    ready = await client.get(relay.base_url + "/readyz")
    assert health.status_code == 200 and health.json() == {"ok": True}
    assert ready.status_code == 200 and ready.json()["ready"] is True
    if relay.app.state.relay.storage.health().listening is not None:
        assert ready.json()["listening"] is True


async def test_metrics_count_pushes_by_outcome_streams_latency_and_backlog(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    url = relay.base_url
    async with SseStream(client, url + "/v1/stream", token) as stream:
        await stream.next_comment()
        text = (await client.get(url + "/metrics")).text
        assert metric(text, "posapp_relay_open_streams", transport="sse") == 1
        for mid in ("a", "b", "a"):  # the second "a" is Keeta's retry
            r = await client.post(url + "/keeta/webhook", content=keeta_push(1002, message_id=mid))
            assert r.status_code == 200
        await stream.events(2)
    forged = keeta_push(1002, secret="not-the-secret")
    assert (await client.post(url + "/keeta/webhook", content=forged)).status_code == 401
    stale = keeta_push(1002, timestamp=1_000_000_000)
    assert (await client.post(url + "/keeta/webhook", content=stale)).status_code == 401
    assert (await client.post(url + "/keeta/webhook", content=b"{not json")).status_code == 400
    unknown = keeta_push(1002, shop_id=SHOP_ID + 1)
    assert (await client.post(url + "/keeta/webhook", content=unknown)).status_code == 404
    # An authentic push whose message cannot be parsed is stored, and counted as such.
    odd = json.dumps(signed_envelope(eventId=1002, messageId="odd-1", message="<xml>order</xml>")).encode()
    assert (await client.post(url + "/keeta/webhook", content=odd)).status_code == 200
    # Refused before any route reads it: the request log is outermost, so it still counts.
    huge = await client.post(url + "/keeta/webhook", content=b"{" + b" " * (2 << 20) + b"}")
    assert huge.status_code == 413
    zeek = zeek_callback({"client_order_id": "POS-1", "status": 2, "update_time": 1})
    assert (await client.post(url + "/zeek/callback/SIM-HK-0001", content=zeek)).status_code == 200

    response = await client.get(url + "/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert metric(text, "posapp_relay_pushes_received_total", source="keeta") == 9
    assert metric(text, "posapp_relay_pushes_stored_total", source="keeta") == 3
    assert metric(text, "posapp_relay_pushes_unreadable_total", source="keeta") == 1
    assert metric(text, "posapp_relay_pushes_refused_total", reason="too_large", source="keeta") == 1
    assert metric(text, "posapp_relay_pushes_duplicate_total", source="keeta") == 1
    assert metric(text, "posapp_relay_pushes_refused_total", reason="unauthenticated", source="keeta") == 1
    assert metric(text, "posapp_relay_pushes_refused_total", reason="stale", source="keeta") == 1
    assert metric(text, "posapp_relay_pushes_refused_total", reason="malformed", source="keeta") == 1
    assert metric(text, "posapp_relay_pushes_refused_total", reason="unknown_store", source="keeta") == 1
    assert metric(text, "posapp_relay_pushes_stored_total", source="zeek") == 1
    assert metric(text, "posapp_relay_ingest_seconds_count", source="keeta") == 4
    assert metric(text, "posapp_relay_webhook_to_stream_seconds_count") == 2
    assert metric(text, "posapp_relay_db_commit_seconds_count") >= 3
    assert metric(text, "posapp_relay_open_streams", transport="sse") == 0
    assert metric(text, "posapp_relay_unacked_events", shop_id=str(SHOP_ID)) == 4
    assert metric(text, "posapp_relay_unacked_events_all_stores") == 4
    assert metric(text, "posapp_relay_database_up") == 1

    ack = await client.post(url + "/v1/ack", json={"cursor": 4}, headers={"Authorization": f"Bearer {token}"})
    assert ack.status_code == 200
    text = (await client.get(url + "/metrics")).text
    assert f'shop_id="{SHOP_ID}"' not in text and metric(text, "posapp_relay_unacked_events_all_stores") == 0


async def test_each_request_logs_one_json_line_with_id_store_and_outcome_and_no_secrets(
    relay: RelayServer, client: httpx.AsyncClient, token: str, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    push = keeta_push(1002, message_id="secret-looking-message-id")
    first = await client.post(
        relay.base_url + "/keeta/webhook", content=push, headers={"X-Request-ID": "abc-1"}
    )
    again = await client.post(relay.base_url + "/keeta/webhook", content=push)
    await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1002, secret="x"))
    events = await client.get(
        relay.base_url + "/v1/events?after=0&wait=0", headers={"Authorization": f"Bearer {token}"}
    )
    assert first.headers["x-request-id"] == "abc-1" and again.headers["x-request-id"] != "abc-1"
    lines = [r.getMessage() for r in caplog.records if r.name == LOGGER_NAME]
    assert len(lines) == 4
    logged = [json.loads(line) for line in lines]
    assert [(x["status"], x["outcome"], x["store"]) for x in logged] == [
        (200, "stored", SHOP_ID),
        (200, "duplicate", SHOP_ID),
        (401, "refused", None),
        (200, "delivered", SHOP_ID),
    ]
    assert logged[0]["request_id"] == "abc-1" and logged[1]["request_id"] == again.headers["x-request-id"]
    assert logged[2]["reason"] == "unauthenticated" and events.status_code == 200
    everything = "\n".join(lines)
    for secret in (token, "secret-looking-message-id", json.loads(push)["sig"], "orderViewId"):
        assert secret not in everything
