"""The alarm that leaves the counter PC: a new Keeta order (1001) the store's app has not
acknowledged (``POST /v1/ack``) within the store's ``after`` seconds makes the relay POST the owner's
alert URL, again every ``every`` seconds, until the app acknowledges or Keeta's 5 minutes are over.

State lives in the database (storage/alerts.py), so a relay restarted mid-alert neither loses an
alert nor doubles one: each attempt is claimed by inserting its row before it is sent, a finished
send is recorded at once, and a claim whose send never finished (the process died) is taken again
after ``STALE_CLAIM`` seconds. Attempts are slots on the order's clock (``after``, ``after + every``,
…): a relay that was down for several slots sends one alert for the current slot, not a burst.
The one gap left is a process dying between the receiver's answer and the recorded result; each
body carries an ``alert_id`` a receiver can drop a repeat by.

The alert URL often holds a secret (a Telegram bot token, an ntfy topic, a Slack webhook path): it
is never logged whole (``redact``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

import httpx

from posapp.relay.storage.alerts import AlertStorage, PendingOrder
from posapp.relay.storage.base import StorageUnavailable

log = logging.getLogger(__name__)

KEETA_WINDOW = 300.0  # Keeta cancels a new order not confirmed within 5 minutes: alerting ends there
DEFAULT_AFTER = 60.0
DEFAULT_EVERY = 60.0
MIN_SECONDS = 1.0
SEND_TIMEOUT = 10.0
STALE_CLAIM = 30.0  # longer than a send with its timeout: an unfinished claim this old was abandoned
POLL_SECONDS = 1.0
TEXT_PLACEHOLDER = "{text}"  # in the URL: replaced by the alert text, URL-encoded (Telegram, ntfy)


def redact(url: str) -> str:
    """Scheme and host only: paths and queries of webhook URLs are the secret part."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or "?"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}/…"


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be an alert URL, or None when it can."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "the alert URL must be an http:// or https:// URL with a host"
    return None


def order_number(body: str) -> str:
    """The order's view id from the stored push, or "" when the push cannot be read."""
    with contextlib.suppress(ValueError, TypeError, AttributeError):
        envelope = json.loads(body)
        message = envelope.get("message")
        inner = json.loads(message) if isinstance(message, str) else message
        base = inner.get("orderInfo", {}).get("baseOrder", {})
        value = base.get("orderViewIdStr") or base.get("orderViewId")
        if value:
            return str(value)
    return ""


def slot(order: PendingOrder, now: float) -> int:
    """Which attempt is due at ``now`` (1 at ``after``, 2 at ``after + every``, …)."""
    waited = now - order.received_at - order.policy.after_seconds
    return int(waited // max(order.policy.every_seconds, MIN_SECONDS)) + 1


def due_at(order: PendingOrder, attempt: int) -> float:
    p = order.policy
    return order.received_at + p.after_seconds + (attempt - 1) * max(p.every_seconds, MIN_SECONDS)


def alert_texts(order: PendingOrder, waited: int) -> tuple[str, str]:
    number = order_number(order.body) or f"(relay event {order.seq})"
    english = (
        f"posapp: new Keeta order {number} for {order.store_name} (shop {order.shop_id}) has not"
        f" reached the counter app for {waited} s. Check the counter PC and accept the order before"
        " Keeta cancels it at 5 minutes."
    )
    chinese = (
        f"posapp：{order.store_name}（店舖 {order.shop_id}）的 Keeta 新訂單 {number} 已 {waited} 秒未到達"
        "櫃檯程式。請檢查收銀電腦，並在 Keeta 5 分鐘自動取消前接單。"
    )
    return english, chinese


def alert_request(order: PendingOrder, attempt: int, now: float) -> tuple[str, dict[str, str], bytes]:
    """URL, headers and body of one alert.

    ``json`` (default): ``{"text": …}`` is what Slack and Teams incoming webhooks and Telegram's
    ``sendMessage`` (chat_id in the URL's query) read; they ignore the other fields, which are for a
    receiver of one's own. ``text``: the plain text as the body, with ntfy's Title/Priority/Tags headers.
    """
    waited = int(now - order.received_at)
    english, chinese = alert_texts(order, waited)
    text = f"{english}\n{chinese}"
    url = order.policy.url
    if TEXT_PLACEHOLDER in url:
        url = url.replace(TEXT_PLACEHOLDER, urllib.parse.quote(text, safe=""))
    alert_id = f"{order.shop_id}-{order.seq}-{attempt}"
    if order.policy.format == "text":
        headers = {
            "Content-Type": "text/plain; charset=utf-8",
            "Title": "posapp: order not acknowledged",
            "Priority": "urgent",
            "Tags": "rotating_light",
            "X-Alert-Id": alert_id,
        }
        return url, headers, text.encode("utf-8")
    payload: dict[str, Any] = {
        "text": text,
        "event": "unacknowledged_order",
        "alert_id": alert_id,
        "attempt": attempt,
        "shop_id": order.shop_id,
        "store": order.store_name,
        "order_view_id": order_number(order.body),
        "received_at": order.received_at,
        "waited_seconds": waited,
    }
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return url, {"Content-Type": "application/json; charset=utf-8", "X-Alert-Id": alert_id}, body


class AlertWatcher:
    """Runs in each relay process; with several processes on one database the claims share out the work."""

    def __init__(
        self,
        alerts: AlertStorage,
        clock: Callable[[], float] = time.time,
        transport: httpx.AsyncBaseTransport | None = None,
        poll_seconds: float = POLL_SECONDS,
        on_result: Callable[[bool], None] | None = None,
    ) -> None:
        self.alerts = alerts
        self.clock = clock
        self.poll_seconds = poll_seconds
        self._on_result = on_result  # the relay's metrics: True for an alert delivered, False for a failure
        self._transport = transport
        self._http: httpx.AsyncClient | None = None
        self._sending: set[asyncio.Task[None]] = set()
        self.sent = 0  # alerts this process delivered (2xx)

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(
                transport=self._transport, timeout=SEND_TIMEOUT, follow_redirects=False
            )
        return self._http

    async def run(self) -> None:
        while True:
            try:
                await self.check(wait=False)
            except StorageUnavailable as exc:
                log.warning("alarm pass skipped: %s", exc)
            except Exception:  # the next pass must still happen
                log.exception("alarm pass failed")
            await asyncio.sleep(self.poll_seconds)  # a schedule, not a wait for a condition

    async def check(self, wait: bool = True) -> int:
        """One pass: claim every due alert and send it; returns how many this pass claimed.

        ``wait=False`` (the background loop) leaves the sends running, so one slow receiver does not
        hold up the next pass for the other stores."""
        now = self.clock()
        claimed: list[tuple[PendingOrder, int]] = []
        for order in await self.alerts.pending(now, KEETA_WINDOW):
            attempt = await self._claim(order, now)
            if attempt:
                claimed.append((order, attempt))
        tasks = [asyncio.get_running_loop().create_task(self._send(o, a)) for o, a in claimed]
        for task in tasks:
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)
        if wait and tasks:
            await asyncio.gather(*tasks)
        return len(tasks)

    async def _claim(self, order: PendingOrder, now: float) -> int:
        """The attempt this process now owns for ``order``, or 0."""
        attempt = slot(order, now)
        if due_at(order, attempt) >= order.received_at + KEETA_WINDOW:
            attempt -= 1  # the slot after Keeta's window never comes; finish the last one only
        if attempt > order.last_attempt:
            ok = await self.alerts.claim(order.store_id, order.seq, attempt, due_at(order, attempt), now)
            return attempt if ok else 0
        stale = order.last_claimed_at is not None and now - order.last_claimed_at >= STALE_CLAIM
        if attempt == order.last_attempt and not order.last_sent and stale:
            assert order.last_claimed_at is not None
            ok = await self.alerts.reclaim(order.store_id, order.seq, attempt, order.last_claimed_at, now)
            return attempt if ok else 0
        return 0

    async def _send(self, order: PendingOrder, attempt: int) -> None:
        url, headers, body = alert_request(order, attempt, self.clock())
        where = redact(order.policy.url)
        try:
            response = await self._client().post(url, headers=headers, content=body)
            outcome = f"http {response.status_code}"
            ok = response.is_success
        except httpx.HTTPError as exc:
            outcome, ok = f"error {type(exc).__name__}", False
        await self.alerts.finish(order.store_id, order.seq, attempt, self.clock() if ok else None, outcome)
        if self._on_result is not None:
            self._on_result(ok)
        if ok:
            self.sent += 1
            log.warning(
                "alert %d sent for unacknowledged order (shop %d, event %d) to %s",
                attempt, order.shop_id, order.seq, where,
            )  # fmt: skip
        else:
            log.error(
                "alert %d for shop %d (event %d) to %s failed: %s; it is tried again",
                attempt, order.shop_id, order.seq, where, outcome,
            )  # fmt: skip

    async def aclose(self) -> None:
        for task in list(self._sending):
            task.cancel()
        for task in list(self._sending):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._http is not None:
            await self._http.aclose()
            self._http = None
