"""The Zeek Open API (takeaway v1.3) over one long-lived httpx.AsyncClient.

Every call is validated before it leaves, signed afresh on each attempt, and answered with domain
objects or a typed :class:`~posapp.zeek.errors.ZeekError`. Reads are retried on retryable failures with
the config's policy; create and cancel are sent ONCE and their error's ``outcome`` goes to the outbox,
which owns every retry of a write. A create resent by the outbox carries the same ``client_order_id``;
Zeek's "duplicate" answer naming the existing order is the booking succeeding (zeek.md §8), so one
order never gets two couriers.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any

import httpx

from posapp.domain.delivery import BookingUpdate, CourierPosition, DeliveryBooking, Quote, quote_for_amount
from posapp.domain.delivery_request import (
    DeliveryRequest,
    DeliveryValidationError,
    cancel_problems,
    location_problems,
    phone_problems,
    schedule_problems,
    validate_request,
)
from posapp.domain.money import Money
from posapp.domain.retry import NO_RETRY, retry_after_seconds
from posapp.http_outcome import transport_outcome
from posapp.http_tls import client_tls
from posapp.zeek import codes, wire
from posapp.zeek.config import ZeekConfig
from posapp.zeek.errors import (
    ZeekDuplicateOrder,
    ZeekError,
    ZeekProtocolError,
    ZeekRateLimited,
    ZeekServerError,
    ZeekTransportError,
    error_for_code,
)
from posapp.zeek.signing import envelope, signer_named

log = logging.getLogger(__name__)

ESTIMATES = "order/takeaway/estimates"
CREATE = "order/takeaway/create"
CANCEL = "order/takeaway/cancel"
INFO = "order/takeaway/info"
INFO_BY_PHONE = "order/takeaway/info_by_phone"
POSITION_LATEST = "tasker/takeaway/position_latest"
POSITION_TRACK = "tasker/takeaway/position_track"

# A guard against a server whose page count never ends; 500 pages × 500 fixes is far beyond one trip.
MAX_TRACK_PAGES = 500


@dataclass(frozen=True)
class CancelAck:
    order_id: str
    client_order_id: str


def _fail(problems: list[str]) -> None:
    if problems:
        raise DeliveryValidationError(problems)


class ZeekClient:
    """One per merchant configuration; ``async with`` it, or call :meth:`aclose` when done."""

    def __init__(
        self,
        config: ZeekConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._signer = signer_named(config.signer or None)
        self._rules = codes.request_rules(config.region)
        self._http = httpx.AsyncClient(
            timeout=config.timeout_s,
            transport=transport,
            headers={"Content-Type": "application/json"},
            verify=client_tls(transport),
        )

    async def __aenter__(self) -> ZeekClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    def _now(self) -> int:
        return int(self._clock())

    # --- transport ---------------------------------------------------------------------------------

    async def _send_once(self, path: str, data: dict[str, Any]) -> dict[str, Any]:
        cfg = self.config
        body = envelope(
            data, appid=cfg.appid, secret=cfg.secret, timestamp=self._now(),
            lang=cfg.lang, region=cfg.region, signer=self._signer,
        )  # fmt: skip
        try:
            response = await self._http.post(cfg.url(path), json=body)
        except httpx.TransportError as exc:
            timed_out = isinstance(exc, httpx.TimeoutException)
            what = "no answer in time" if timed_out else "connection failed"
            raise ZeekTransportError(
                f"{what}: {exc!r}", timed_out=timed_out, endpoint=path, outcome=transport_outcome(exc)
            ) from exc
        return self._read(response, path)

    def _read(self, response: httpx.Response, path: str) -> dict[str, Any]:
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if isinstance(payload, dict) and "error" in payload:
            code = wire.as_int(payload["error"], default=-1)
            if code != codes.SUCCESS:
                raise error_for_code(code, wire.as_str(payload.get("err_msg")), path, payload.get("data"))
            return payload
        retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        if response.status_code == 429:
            raise ZeekRateLimited(
                "rate limited", code=response.status_code, endpoint=path, retry_after=retry_after
            )
        if response.status_code >= 500:
            raise ZeekServerError(
                f"HTTP {response.status_code}",
                code=response.status_code,
                endpoint=path,
                retry_after=retry_after,
            )
        raise ZeekProtocolError(f"not a Zeek answer (HTTP {response.status_code})", endpoint=path)

    async def _call(self, path: str, data: dict[str, Any], *, read: bool = True) -> dict[str, Any]:
        """Send until an answer or a non-retryable error; the same ``data`` each time, a new signature.

        A write (``read=False``) is sent once: whether to send it again is the outbox's decision.
        """
        policy = self.config.retry if read else NO_RETRY
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._send_once(path, data)
            except ZeekError as exc:
                exc.attempts = attempt
                if not exc.retryable or policy.exhausted(attempt):
                    raise
                log.warning("zeek %s failed (%s), attempt %d of %d", path, exc, attempt, policy.max_attempts)
                await self._sleep(policy.delay(attempt, self._rng, exc.retry_after))

    async def call(self, path: str, data: dict[str, Any], *, read: bool = True) -> dict[str, Any]:
        """A signed call for paths without a method here (e.g. precompletetime); writes pass read=False."""
        return await self._call(path, data, read=read)

    # --- estimates -----------------------------------------------------------------------------------

    async def _estimates(
        self, location: str, amount: Money | None, address: str, scheduled_at: int | None
    ) -> list[Quote]:
        _fail(location_problems(location) + schedule_problems(scheduled_at, self._now(), self._rules))
        data = wire.estimates_data(
            self.config.client_merchant_id, location, address=address, amount=amount,
            scheduled_at=scheduled_at, utc_offset_hours=self.config.utc_offset_hours,
        )  # fmt: skip
        payload = await self._call(ESTIMATES, data)
        return wire.parse_quotes(payload.get("data") or {})

    async def conversion_table(
        self, location: str, *, address: str = "", scheduled_at: int | None = None
    ) -> list[Quote]:
        """Scenario 1: location only → every mode with its amount band (pick with quote_for_amount)."""
        return await self._estimates(location, None, address, scheduled_at)

    async def quote(
        self, location: str, amount: Money, *, address: str = "", scheduled_at: int | None = None
    ) -> Quote:
        """Scenario 2: location and the products' amount → the one quotation for this order."""
        if amount.cents <= 0:
            raise DeliveryValidationError(["order amount must be above zero to get one quotation"])
        quotes = await self._estimates(location, amount, address, scheduled_at)
        chosen = quotes[0] if len(quotes) == 1 else quote_for_amount(quotes, amount)
        if chosen is None:
            raise ZeekProtocolError(f"estimates returned no quotation for {amount}", endpoint=ESTIMATES)
        return chosen

    # --- booking -------------------------------------------------------------------------------------

    async def create(self, request: DeliveryRequest) -> DeliveryBooking:
        """Book a courier. Persist ``request.client_order_id`` before calling: it is the retry key."""
        validate_request(request, self._now(), self._rules)
        data = wire.create_data(
            request, self.config.client_merchant_id,
            default_country_code=self.config.default_country_code,
            utc_offset_hours=self.config.utc_offset_hours,
        )  # fmt: skip
        try:
            payload = await self._call(CREATE, data, read=False)
        except ZeekDuplicateOrder as dup:
            if not dup.existing_order_id:
                raise
            log.info("zeek create %s already booked as %s", request.client_order_id, dup.existing_order_id)
            return await self._existing_booking(request, dup.existing_order_id)
        return wire.parse_created(payload.get("data") or {}, request, self._now())

    async def _existing_booking(self, request: DeliveryRequest, order_id: str) -> DeliveryBooking:
        booking = DeliveryBooking(
            client_order_id=request.client_order_id,
            pickup_code=request.effective_pickup_code,
            order_id=order_id,
            status_code=9001,
            status_at=self._now(),
            keeta_order_view_id=request.keeta_order_view_id,
        )
        try:
            update = await self.info(order_id)
        except ZeekError as exc:
            log.warning("zeek info after duplicate create failed: %s", exc)
            return booking
        return replace(
            booking, status=update.status, status_code=update.status_code, status_at=update.at,
            partner=update.partner, cancellation=update.cancellation,
            requested_pickup_time=update.requested_pickup_time,
            requested_delivery_time=update.requested_delivery_time,
        )  # fmt: skip

    async def cancel(
        self, order_id: str, reason: str = "", user_code: str = codes.DEFAULT_USER_CODE
    ) -> CancelAck:
        """Cancel a booking, sent once (a lost answer is checked by the outbox with :meth:`info`)."""
        _fail(cancel_problems(reason, user_code))
        data = wire.cancel_data(order_id, self.config.client_merchant_id, reason, user_code)
        payload = await self._call(CANCEL, data, read=False)
        answer = payload.get("data") or {}
        return CancelAck(
            wire.as_str(answer.get("order_id")) or order_id, wire.as_str(answer.get("client_order_id"))
        )

    # --- lookups -------------------------------------------------------------------------------------

    async def info(self, order_id: str, *, once: bool = False) -> BookingUpdate:
        """Zeek's state of a booking; ``once``: one attempt (the outbox's checks do their own retrying)."""
        payload = await self._call(
            INFO, wire.order_ref(order_id, self.config.client_merchant_id), read=not once
        )
        return wire.parse_order_info(payload.get("data") or {})

    async def info_by_phone(self, phone: str, country_code: str = "") -> list[BookingUpdate]:
        """Orders for a customer's phone (no country code in ``phone``); newest state of each."""
        _fail(phone_problems(phone, country_code, self._rules))
        data = {
            "user_phone": phone,
            "user_phone_country_code": country_code or self.config.default_country_code,
        }
        answer = (await self._call(INFO_BY_PHONE, data)).get("data")
        # The seed shows one object; a list is accepted too in case a phone has several orders.
        items = (
            answer if isinstance(answer, list) else [answer] if isinstance(answer, dict) and answer else []
        )
        return [wire.parse_order_info(item) for item in items if isinstance(item, dict)]

    async def position_latest(self, order_id: str) -> CourierPosition | None:
        payload = await self._call(POSITION_LATEST, wire.order_ref(order_id, self.config.client_merchant_id))
        return wire.parse_position(payload.get("data") or {}, order_id)

    async def position_track(
        self, order_id: str, pagesize: int = codes.TRACK_PAGE_SIZE_MAX
    ) -> list[CourierPosition]:
        """The courier's whole path, every page gathered, oldest first as Zeek returns it."""
        if not 1 <= pagesize <= codes.TRACK_PAGE_SIZE_MAX:
            raise DeliveryValidationError(
                [f"page size must be 1..{codes.TRACK_PAGE_SIZE_MAX}, got {pagesize}"]
            )
        fixes: list[CourierPosition] = []
        for page in range(1, MAX_TRACK_PAGES + 1):
            data = wire.track_data(order_id, self.config.client_merchant_id, page, pagesize)
            payload = await self._call(POSITION_TRACK, data)
            items = payload.get("data") or []
            fixes += wire.parse_track_page(items, order_id)
            pageinfo = payload.get("pageinfo") or {}
            last_page = wire.as_int(pageinfo.get("pagecount"), default=page)
            if page >= last_page or len(items) < wire.as_int(pageinfo.get("pagesize"), default=pagesize):
                break
        return fixes
