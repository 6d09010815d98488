"""The Keeta Standard Order API client (keeta.md §2, §7, §8) over one long-lived httpx.AsyncClient.

Every call is a signed JSON POST. Reads (order/get, the refund preview) and token refreshes are retried
on retryable failures with the config's policy and a fresh timestamp and signature. Writes (confirm,
prepare, collect, cancel, agree, reject, partial refund apply) are sent ONCE: their error carries an
``outcome`` (posapp/domain/retry.py) and the outbox decides whether to check Keeta or send again, so a
lost answer is never resent blindly. The secret and the access token are never logged.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, Self

import httpx

from posapp.domain.order import Order
from posapp.domain.retry import NO_RETRY, Outcome, retry_after_seconds
from posapp.http_outcome import transport_outcome
from posapp.http_tls import client_tls
from posapp.keeta import codes
from posapp.keeta.codes import CancelCode, PartRefundType, RejectCode
from posapp.keeta.config import KeetaConfig
from posapp.keeta.errors import (
    KeetaError,
    KeetaHttpStatusError,
    KeetaProtocolError,
    KeetaServerError,
    KeetaTransportError,
    MissingReasonError,
    error_for_code,
)
from posapp.keeta.order_parser import RefundPreview, parse_order, parse_refund_preview
from posapp.keeta.payload import KeetaPayloadError, Obj, ms_to_seconds
from posapp.keeta.signing import compact_json, sign

log = logging.getLogger(__name__)

TOKEN_PATH = "base/oauth/token"
_RETRYABLE_STATUS = {408, 429}
# Given the access token Keeta just refused; True when a fresh one is now in use and the call may be
# sent once more (the engine's token keeper refreshes; see posapp/engine/token_keeper.py).
TokenRenewer = Callable[[str], Awaitable[bool]]


@dataclass(frozen=True)
class TokenGrant:
    """The answer of ``/base/oauth/token``; the refresh token is single-use (keeta.md §2.3)."""

    access_token: str
    refresh_token: str
    expires_in: int
    issued_at: int
    token_type: str = "bearer"
    scope: str = ""

    def __repr__(self) -> str:
        return f"TokenGrant(expires_in={self.expires_in}, issued_at={self.issued_at}, scope={self.scope!r})"

    @property
    def expires_at(self) -> int:
        return self.issued_at + self.expires_in


class KeetaClient:
    """Keeta's Order API for one store. Use as ``async with KeetaClient(config) as keeta: ...``."""

    def __init__(
        self,
        config: KeetaConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        now: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self._now = now
        self._sleep = sleep
        self._rng = rng or random.Random()
        timeout = httpx.Timeout(config.timeout, connect=config.connect_timeout)
        self._http = httpx.AsyncClient(transport=transport, timeout=timeout, verify=client_tls(transport))
        self._renew_token: TokenRenewer | None = None
        # Several brands on one counter: the shop an order belongs to (None: unknown, the config's shop),
        # and the client acting for each further shop (its own relay token in gateway mode).
        self._shop_of: Callable[[int], int | None] | None = None
        self._brands: dict[int, KeetaClient] = {}

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Closes this client and the brands' clients it routes to."""
        for brand in self._brands.values():
            await brand.aclose()
        await self._http.aclose()

    def use_token(self, access_token: str) -> None:
        """Sign later calls with a refreshed token (the brands' clients sign with the same one)."""
        self.config = replace(self.config, access_token=access_token)
        for brand in self._brands.values():
            if brand.config.access_token:
                brand.use_token(access_token)

    def on_token_rejected(self, renew: TokenRenewer) -> None:
        """When Keeta refuses the access token, ask ``renew`` for a fresh one and send the call once more."""
        self._renew_token = renew

    def route_orders(
        self, shop_of: Callable[[int], int | None], brands: dict[int, KeetaClient] | None = None
    ) -> None:
        """An order call without an explicit shop goes to the shop ``shop_of`` names for the order, and
        through that shop's own client when ``brands`` has one (in gateway mode each store token acts
        for its own shop only)."""
        self._shop_of = shop_of
        self._brands = {shop: client for shop, client in (brands or {}).items() if client is not self}
        for brand in self._brands.values():
            if brand.config.access_token and brand._renew_token is None:
                brand.on_token_rejected(self._renew_for_brand)  # direct mode: one token for every shop

    async def _renew_for_brand(self, token: str) -> bool:
        return self._renew_token is not None and await self._renew_token(token)

    def for_shop(self, shop_id: int | None) -> KeetaClient:
        """The client acting for ``shop_id``: a further brand's own, or this one."""
        return self._brands.get(shop_id, self) if shop_id else self

    # --- order lifecycle -------------------------------------------------------------------------

    async def confirm(self, order_view_id: int, *, shop_id: int | None = None) -> None:
        await self._order_call("order/confirm", order_view_id, shop_id)

    async def get(self, order_view_id: int, *, shop_id: int | None = None, once: bool = False) -> Order:
        """The order as Keeta has it; ``once``: one attempt (the outbox's checks do their own retrying)."""
        data = await self._order_call("order/get", order_view_id, shop_id, read=not once)
        try:
            info = Obj(data, "data").data.get("orderInfo")
            return parse_order(info, "data.orderInfo", shop_id=shop_id or self.config.shop_id)
        except KeetaPayloadError as exc:
            raise KeetaProtocolError(f"unreadable order: {exc}", endpoint="order/get") from exc

    async def prepare(self, order_view_id: int, *, shop_id: int | None = None) -> None:
        await self._order_call("order/prepare", order_view_id, shop_id)

    async def collect(self, order_view_id: int, *, shop_id: int | None = None) -> None:
        await self._order_call("order/collect", order_view_id, shop_id)

    async def cancel(
        self, order_view_id: int, code: CancelCode, reason: str = "", *, shop_id: int | None = None
    ) -> None:
        _require_reason(codes.reason_required(code), reason, f"cancelling with code {int(code)}")
        fields = {"cancelCode": int(code), "cancelReason": reason.strip()}
        await self._order_call("order/cancel", order_view_id, shop_id, fields)

    # --- customer refund requests ----------------------------------------------------------------

    async def agree(self, order_view_id: int, *, shop_id: int | None = None) -> None:
        await self._order_call("order/agree", order_view_id, shop_id)

    async def reject(
        self, order_view_id: int, code: RejectCode, reason: str = "", *, shop_id: int | None = None
    ) -> None:
        _require_reason(codes.reason_required(code), reason, f"rejecting with code {int(code)}")
        fields = {"rejectCode": int(code), "rejectReason": reason.strip()}
        await self._order_call("order/reject", order_view_id, shop_id, fields)

    # --- merchant partial refunds ----------------------------------------------------------------

    async def partial_refund_preview(
        self,
        order_view_id: int,
        products: Sequence[tuple[int, int]] | None = None,
        *,
        shop_id: int | None = None,
        once: bool = False,
    ) -> RefundPreview:
        """Refundable lines; with ``products`` [(orderProductId, count)] also what those would refund."""
        fields = {"products": _products(products, allow_empty=True)} if products else {}
        data = await self._order_call(
            "order/refund/part/products/preview", order_view_id, shop_id, fields, read=not once
        )
        try:
            return parse_refund_preview(data)
        except KeetaPayloadError as exc:
            raise KeetaProtocolError(f"unreadable preview: {exc}", endpoint="preview") from exc

    async def partial_refund_apply(
        self,
        order_view_id: int,
        products: Sequence[tuple[int, int]],
        refund_type: PartRefundType,
        reason: str = "",
        *,
        shop_id: int | None = None,
    ) -> Any:
        """Refund ``products`` [(orderProductId, count)]; returns Keeta's ``data`` as given."""
        _require_reason(codes.reason_required(refund_type), reason, f"partial refund type {int(refund_type)}")
        fields = {
            "products": _products(products, allow_empty=False),
            "partRefundType": int(refund_type),
            "partRefundReason": reason.strip(),
        }
        return await self._order_call("order/refund/part/apply", order_view_id, shop_id, fields)

    # --- merchant self-delivery ("9001" orders, keeta.md §6) -------------------------------------

    async def dispatched(
        self, order_view_id: int, courier: dict[str, Any] | None = None, *, shop_id: int | None = None
    ) -> None:
        """The shop's courier picked the order up (``courierInfo`` optional)."""
        fields = {"courierInfo": courier} if courier else {}
        await self._order_call(codes.DISPATCHED_PATH, order_view_id, shop_id, fields)

    async def delivered(
        self, order_view_id: int, courier: dict[str, Any] | None = None, *, shop_id: int | None = None
    ) -> None:
        """The shop's courier delivered it: Keeta completes the order; a repeat is refused."""
        fields = {"courierInfo": courier} if courier else {}
        await self._order_call(codes.DELIVERED_PATH, order_view_id, shop_id, fields)

    async def batch_decrypt(
        self, items: Sequence[tuple[int, str]], *, shop_id: int | None = None
    ) -> dict[str, str]:
        """Plain text of ``ENC_…`` values [(orderViewId, value)], at most 50 a call (keeta.md §2.3).

        Values Keeta will not decrypt (not a self-delivery order) are missing from the answer. The
        result is personal data: callers keep it in memory and out of logs.
        """
        if len(items) > codes.DECRYPT_MAX_ITEMS:
            raise ValueError(f"batchDecrypt takes at most {codes.DECRYPT_MAX_ITEMS} values a call")
        if not items:
            return {}
        wanted = [{codes.DECRYPT_ORDER: int(oid), codes.DECRYPT_IN: value} for oid, value in items]
        business = {"shopId": shop_id or self.config.shop_id, codes.DECRYPT_LIST: wanted}
        payload = await self.for_shop(shop_id)._call(codes.DECRYPT_PATH, business, with_token=True)
        data = payload.get("data")
        rows = data.get(codes.DECRYPT_LIST) if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise KeetaProtocolError("decrypt answer has no list", endpoint=codes.DECRYPT_PATH)
        plain: dict[str, str] = {}
        for row in rows:
            if not isinstance(row, dict):
                continue
            source, value = row.get(codes.DECRYPT_IN), row.get(codes.DECRYPT_OUT)
            if isinstance(source, str) and isinstance(value, str):
                plain[source] = value
        return plain

    # --- other Keeta APIs (store, menu: posapp/keeta/store_api.py) -------------------------------

    async def call(self, path: str, fields: dict[str, Any], *, read: bool) -> dict[str, Any]:
        """One signed call for this store (``shopId`` added); the whole answer, ``errorList`` included.

        ``read``: retried on retryable failures; otherwise a write, sent once (the outbox decides).
        """
        business = {"shopId": self.config.shop_id, **fields}
        return await self._call(path, business, with_token=True, read=read)

    # --- token -----------------------------------------------------------------------------------

    async def refresh_token(self, refresh_token: str) -> TokenGrant:
        """Exchange the single-use refresh token; Keeta answers with top-level fields (keeta.md §2.3)."""
        fields = {"grantType": "refresh_token", "refreshToken": refresh_token}
        payload = await self._call(TOKEN_PATH, fields, with_token=False)
        try:
            return _token_grant(payload)
        except KeetaPayloadError as exc:
            raise KeetaProtocolError(f"unreadable token answer: {exc}", endpoint=TOKEN_PATH) from exc

    # --- transport -------------------------------------------------------------------------------

    async def _order_call(
        self,
        path: str,
        order_view_id: int,
        shop_id: int | None,
        fields: dict[str, Any] | None = None,
        *,
        read: bool = False,
    ) -> Any:
        if not shop_id and self._shop_of is not None:
            shop_id = self._shop_of(order_view_id)
        business = {"orderViewId": order_view_id, "shopId": shop_id or self.config.shop_id, **(fields or {})}
        payload = await self.for_shop(shop_id)._call(path, business, with_token=True, read=read)
        return payload.get("data")

    async def _call(
        self, path: str, business: dict[str, Any], *, with_token: bool, read: bool = True
    ) -> dict[str, Any]:
        """One logical call: attempts until success, a non-retryable error or the retry budget is spent.

        A write gets one attempt (plus one after a token renewal: a refused token means Keeta did not act).
        """
        policy = self.config.retry if read else NO_RETRY
        retry = 0
        renewed = False
        while True:
            token = self.config.access_token
            try:
                return await self._attempt(path, business, with_token)
            except KeetaError as exc:
                if with_token and not renewed and await self._renewed(exc, token):
                    renewed = True  # once per call: a token refused again is a problem for a person
                    continue
                retry += 1
                if not exc.retryable or policy.exhausted(retry):
                    log.warning("keeta %s failed: %s", path, exc)
                    raise
                delay = policy.delay(retry, self._rng, exc.retry_after)
                log.info(
                    "keeta %s: %s; attempt %d/%d in %.2fs", path, exc, retry + 1, policy.max_attempts, delay
                )
                await self._sleep(delay)

    async def _renewed(self, exc: KeetaError, token: str) -> bool:
        if self._renew_token is None or exc.code not in codes.TOKEN_REJECTED:
            return False
        log.warning("keeta refused the access token (code %s); asking for a fresh one", exc.code)
        return await self._renew_token(token)

    async def _attempt(self, path: str, business: dict[str, Any], with_token: bool) -> dict[str, Any]:
        url = self.config.url(path)
        params: dict[str, Any] = {**business, "appId": self.config.app_id, "timestamp": int(self._now())}
        if with_token:
            params["accessToken"] = self.config.access_token
        params["sig"] = sign(url, params, self.config.secret)
        # The wire text must be exactly what was signed: nested JSON compact, non-ASCII unescaped.
        content = compact_json(params).encode("utf-8")
        try:
            response = await self._http.post(
                url, content=content, headers={"Content-Type": "application/json; charset=utf-8"}
            )
        except httpx.TransportError as exc:
            what = "timed out" if isinstance(exc, httpx.TimeoutException) else "connection failed"
            sent = transport_outcome(exc) is Outcome.UNKNOWN
            raise KeetaTransportError(f"{what} ({type(exc).__name__})", endpoint=path, sent=sent) from exc
        return _envelope(response, path)


def _envelope(response: httpx.Response, path: str) -> dict[str, Any]:
    """Keeta's ``{code, message, data}`` (or the token answer), or the matching typed error."""
    status = response.status_code
    if status >= 500 or status in _RETRYABLE_STATUS:
        retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        raise KeetaServerError(f"HTTP {status}", endpoint=path, retry_after=retry_after)
    if status != 200:
        raise KeetaHttpStatusError(f"unexpected HTTP {status}", endpoint=path)
    try:
        payload = response.json()
    except ValueError:
        raise KeetaProtocolError("answer is not JSON", endpoint=path) from None
    if not isinstance(payload, dict):
        raise KeetaProtocolError("answer is not a JSON object", endpoint=path)
    code = payload.get("code", codes.SUCCESS if path == TOKEN_PATH else None)
    if isinstance(code, bool) or not isinstance(code, int):
        raise KeetaProtocolError(f"answer has no numeric code ({code!r})", endpoint=path)
    log.info("keeta %s → code %d", path, code)
    if code != codes.SUCCESS:
        message = payload.get("message")
        raise error_for_code(code, message if isinstance(message, str) else "", path)
    return payload


def _token_grant(payload: dict[str, Any]) -> TokenGrant:
    # Top level per the docs; a ``data`` wrapper is tolerated in case Keeta aligns it with other calls.
    body = Obj(payload if "accessToken" in payload else payload.get("data"), "")
    return TokenGrant(
        access_token=body.req_str("accessToken"),
        refresh_token=body.req_str("refreshToken"),
        expires_in=body.opt_int("expiresIn", 7_776_000),
        issued_at=ms_to_seconds(body.opt_int("issuedAtTime")),
        token_type=body.opt_str("tokenType", "bearer"),
        scope=body.opt_str("scope"),
    )


def _require_reason(needed: bool, reason: str, what: str) -> None:
    if needed and not reason.strip():
        raise MissingReasonError(f"A written reason is required when {what}.")


def _products(products: Sequence[tuple[int, int]] | None, *, allow_empty: bool) -> list[dict[str, int]]:
    items = [{"orderProductId": int(line_id), "refundCount": int(count)} for line_id, count in products or ()]
    if not items and not allow_empty:
        raise ValueError("A partial refund needs at least one product.")
    for item in items:
        if item["refundCount"] <= 0:
            raise ValueError(f"Refund count for product {item['orderProductId']} must be at least 1.")
    return items
