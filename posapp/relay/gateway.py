"""The relay as an API gateway: the app's Keeta and Zeek calls, signed here with the store's credentials.

Zeek answers only allow-listed fixed IPs, and some owners keep platform secrets off the counter PC. In
gateway mode the app sends only the business fields to ``POST /v1/keeta/<path>`` or ``/v1/zeek/<path>``
with its store token; the relay adds appId, timestamp, access token and signature (Keeta) or the auth
block (Zeek), forwards, and answers the platform's answer as it came, so the app's clients read it
exactly as in direct mode. A store token only ever acts for its own Keeta shop and Zeek merchant.
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from posapp.keeta import codes
from posapp.keeta.signing import compact_json
from posapp.keeta.signing import sign as keeta_sign
from posapp.relay.credentials import GatewayCredentials
from posapp.relay.limits import request_body
from posapp.relay.refusal import REFUSABLE, Refused, as_refusal, json_object, log_refusal
from posapp.relay.sealing import CredentialsUnreadable
from posapp.relay.state import RelayState
from posapp.relay.storage.base import StoreRecord
from posapp.relay.tokens import bearer_token, token_hash
from posapp.zeek.signing import sign as zeek_sign

__all__ = ["Gateway", "GatewayCredentials", "GatewayRefused", "keeta_params", "zeek_envelope"]

log = logging.getLogger(__name__)

# Fields the relay owns on a Keeta request: whatever the app put there is dropped, never trusted.
KEETA_SIGNING_FIELDS = ("appId", "timestamp", "accessToken", "sig")
# Not base/oauth/token: the relay, not the app, holds the access token. base/batchDecrypt opens a
# self-delivery order's customer for the courier booking (keeta.md §2.3); scm/shop/ and product/ carry busy
# mode and sold-out items (keeta.md §6a).
KEETA_PATHS = ("order/", "base/batchDecrypt", "scm/shop/", "product/spu/", "product/spustatus/")
ZEEK_PATHS = ("order/", "tasker/")
_PATH = re.compile(r"^[A-Za-z0-9_]+(?:/[A-Za-z0-9_]+)*$")
# Below the app clients' own 10 s timeout, so the app hears "gateway timeout" rather than nothing.
UPSTREAM_TIMEOUT = 8.0


class GatewayRefused(Refused):
    """A gateway call refused before it reaches the platform."""


def _refusal(status: int, reason: str, headers: dict[str, str] | None = None) -> JSONResponse:
    # Not "error"/"code": the app's clients would read those keys as a platform answer.
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse({"gateway_error": reason}, status_code=status, headers=headers)


def _refused(what: str, exc: Exception) -> JSONResponse:
    refused = as_refusal(exc)
    log_refusal(f"gateway {what}", refused.status, refused.reason)
    return _refusal(refused.status, refused.reason, refused.headers)


def _checked_path(path: str, allowed: tuple[str, ...]) -> str:
    if not _PATH.match(path) or not path.startswith(allowed):
        raise GatewayRefused(404, f"the gateway does not forward {path!r}")
    return path


async def _json_object(request: Request) -> dict[str, Any]:
    return json_object(await request_body(request))


def keeta_params(
    business: dict[str, Any], store: StoreRecord, creds: GatewayCredentials, url: str, now: int
) -> dict[str, Any]:
    """The signed Keeta parameters for the app's business fields, pinned to the token's own shop."""
    params = {k: v for k, v in business.items() if k not in KEETA_SIGNING_FIELDS}
    shop = params.get("shopId")
    if not shop:
        params["shopId"] = store.shop_id
    elif shop != store.shop_id:
        raise GatewayRefused(403, f"this store token acts for shop {store.shop_id} only")
    if creds.keeta_app_id is None or not creds.keeta_secret or not creds.keeta_access_token:
        raise GatewayRefused(503, "the relay holds no Keeta credentials for this store")
    params.update(appId=creds.keeta_app_id, timestamp=now, accessToken=creds.keeta_access_token)
    params["sig"] = keeta_sign(url, params, creds.keeta_secret)
    return params


def zeek_envelope(
    body: dict[str, Any], store: StoreRecord, creds: GatewayCredentials, now: int
) -> dict[str, Any]:
    """The signed Zeek envelope for the app's ``data``; a merchant id in it is the token's own.

    A store registered without a Zeek merchant id makes no Zeek calls: it would otherwise be free to
    name any merchant, signed with the relay's shared Zeek credentials.
    """
    data = body.get("data")
    if not isinstance(data, dict):
        raise GatewayRefused(400, "a data object is required")
    if not store.zeek_merchant_id:
        raise GatewayRefused(403, "this store has no Zeek merchant id; ask the relay operator to set one")
    if "client_merchant_id" in data:
        data = {**data, "client_merchant_id": store.zeek_merchant_id}
    if creds.zeek_appid is None or not creds.zeek_secret:
        raise GatewayRefused(503, "the relay holds no Zeek credentials for this store")
    signature = zeek_sign(data, creds.zeek_appid, creds.zeek_secret, now)
    return {"auth": {"appid": creds.zeek_appid, "timestamp": now, "signature": signature}, "data": data}


def _token_refused(answer: Response) -> bool:
    """Keeta's answer says the access token is not (or no longer) accepted."""
    if answer.status_code != 200:
        return False
    try:
        code = json.loads(bytes(answer.body)).get("code")
    except (ValueError, AttributeError):
        return False
    return code in codes.TOKEN_REJECTED


async def _refreshed(
    state: RelayState, store: StoreRecord, creds: GatewayCredentials
) -> GatewayCredentials | None:
    try:
        return await state.tokens.refresh_store(store, refused=creds.keeta_access_token)
    except CredentialsUnreadable as exc:
        log.error("gateway: credentials of shop %d cannot be read: %s", store.shop_id, exc)
        return None


class Gateway:
    """Route handlers plus the one outgoing HTTP client they share."""

    def __init__(self, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._http = httpx.AsyncClient(transport=transport, timeout=UPSTREAM_TIMEOUT)

    def routes(self) -> list[Route]:
        return [
            Route("/v1/keeta/{path:path}", self.keeta, methods=["POST"]),
            Route("/v1/zeek/{path:path}", self.zeek, methods=["POST"]),
        ]

    async def aclose(self) -> None:
        await self._http.aclose()

    async def keeta(self, request: Request) -> Response:
        state: RelayState = request.app.state.relay
        try:
            path = _checked_path(str(request.path_params["path"]), KEETA_PATHS)
            store, creds = await self._store(request)
            business = await _json_object(request)
            answer = await self._keeta_once(path, business, store, creds)
            if _token_refused(answer):
                # Once: refresh (or pick up another process's refresh) and send the call again.
                fresh = await _refreshed(state, store, creds)
                if fresh is not None and fresh.keeta_access_token != creds.keeta_access_token:
                    answer = await self._keeta_once(path, business, store, fresh.with_defaults(state.config))
        except REFUSABLE as exc:
            return _refused(f"keeta {request.url.path}", exc)
        return answer

    async def _keeta_once(
        self, path: str, business: dict[str, Any], store: StoreRecord, creds: GatewayCredentials
    ) -> Response:
        url = f"{creds.keeta_base_url.rstrip('/')}/{path}"
        params = keeta_params(business, store, creds, url, int(time.time()))
        # The wire text must be what was signed: compact, non-ASCII unescaped (as the client sends it).
        content = compact_json(params).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        return await self._forward(url, content, headers, f"keeta {path} for shop {store.shop_id}")

    async def zeek(self, request: Request) -> Response:
        try:
            path = _checked_path(str(request.path_params["path"]), ZEEK_PATHS)
            store, creds = await self._store(request)
            envelope = zeek_envelope(await _json_object(request), store, creds, int(time.time()))
        except REFUSABLE as exc:
            return _refused(f"zeek {request.url.path}", exc)
        url = f"{creds.zeek_base_url.rstrip('/')}/{path}"
        content = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        return await self._forward(url, content, headers, f"zeek {path} for shop {store.shop_id}")

    async def _store(self, request: Request) -> tuple[StoreRecord, GatewayCredentials]:
        state: RelayState = request.app.state.relay
        token = bearer_token(request.headers.get("authorization"))
        store = None if token is None else await state.storage.store_by_token_hash(token_hash(token))
        if store is None:
            raise GatewayRefused(401, "missing or wrong store token")
        try:
            loaded = await state.credentials.load(store.id)
        except CredentialsUnreadable as exc:
            # The operator's key is missing or wrong: the app hears why, the relay keeps serving.
            log.error("gateway: credentials of shop %d cannot be read: %s", store.shop_id, exc)
            raise GatewayRefused(503, "the relay cannot read this store's credentials") from exc
        if loaded is None:
            raise GatewayRefused(403, "the API gateway is not enabled for this store")
        return store, loaded.credentials.with_defaults(state.config)

    async def _forward(self, url: str, content: bytes, headers: dict[str, str], what: str) -> Response:
        try:
            answer = await self._http.post(url, content=content, headers=headers)
        except httpx.TimeoutException:
            log.warning("gateway: %s timed out", what)
            return _refusal(504, "the platform did not answer in time")
        except httpx.TransportError as exc:
            log.warning("gateway: %s failed: %s", what, type(exc).__name__)
            return _refusal(502, "the platform could not be reached")
        log.info("gateway: %s → HTTP %d", what, answer.status_code)
        return Response(
            answer.content, status_code=answer.status_code, media_type=answer.headers.get("content-type")
        )
