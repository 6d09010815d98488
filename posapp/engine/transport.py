"""Direct or gateway: how the app's Keeta and Zeek clients reach the platforms.

The clients are the same in both modes. In gateway mode their base URL is the relay's ``/v1/keeta`` or
``/v1/zeek`` and :class:`GatewayTransport` sits under their httpx client: it removes what the client
signed with (it holds no platform secret, so that was signed with nothing), keeps the business fields,
adds the store token, and sends them to the relay, which signs with the credentials it holds. The
relay answers with the platform's answer, so the clients read it as in direct mode.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

import httpx

from posapp.domain.message import Message
from posapp.http_tls import tls_context
from posapp.keeta.config import KeetaConfig
from posapp.keeta.signing import compact_json
from posapp.zeek.config import ZeekConfig

# What the Keeta client adds around the business fields; the relay sets these itself.
KEETA_SIGNING_FIELDS = ("appId", "timestamp", "accessToken", "sig")


class ApiMode(Enum):
    DIRECT = "direct"
    GATEWAY = "gateway"

    @classmethod
    def parse(cls, text: str) -> ApiMode:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(Message("api_mode must be 'direct' or 'gateway', not {0}", repr(text))) from None


def _keeta_business(body: bytes) -> bytes:
    params: Any = json.loads(body)
    if not isinstance(params, dict):
        raise ValueError("a Keeta request body is a JSON object")
    business = {k: v for k, v in params.items() if k not in KEETA_SIGNING_FIELDS}
    return compact_json(business).encode("utf-8")


def _zeek_business(body: bytes) -> bytes:
    envelope: Any = json.loads(body)
    if not isinstance(envelope, dict):
        raise ValueError("a Zeek request body is a JSON object")
    return json.dumps({"data": envelope.get("data")}, ensure_ascii=False).encode("utf-8")


class GatewayTransport(httpx.AsyncBaseTransport):
    """Rewrites requests under ``<relay>/v1/keeta|zeek/`` into gateway calls; passes others through."""

    def __init__(self, relay_url: str, token: str, inner: httpx.AsyncBaseTransport | None = None) -> None:
        base = relay_url.rstrip("/")
        self._routes = {f"{base}/v1/keeta/": _keeta_business, f"{base}/v1/zeek/": _zeek_business}
        self._token = token
        self._inner = inner or httpx.AsyncHTTPTransport(verify=tls_context())

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        rewrite = next((fn for prefix, fn in self._routes.items() if url.startswith(prefix)), None)
        if rewrite is None:
            return await self._inner.handle_async_request(request)
        content = rewrite(await request.aread())
        headers = {
            "Authorization": f"Bearer {self._token}",
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
        }
        forwarded = httpx.Request("POST", request.url, headers=headers, content=content)
        forwarded.extensions = request.extensions  # keeps the client's timeouts
        return await self._inner.handle_async_request(forwarded)

    async def aclose(self) -> None:
        await self._inner.aclose()


@dataclass(frozen=True)
class PlatformAccess:
    """Client settings for one mode, and a fresh transport per client (a client closes its own)."""

    mode: ApiMode
    keeta: KeetaConfig
    zeek: ZeekConfig | None
    relay_url: str = ""
    token: str = ""

    def transport(self) -> httpx.AsyncBaseTransport | None:
        if self.mode is ApiMode.DIRECT:
            return None
        return GatewayTransport(self.relay_url, self.token)


def platform_access(
    mode: ApiMode, keeta: KeetaConfig, zeek: ZeekConfig | None, relay_url: str = "", token: str = ""
) -> PlatformAccess:
    """Direct: the configs as given. Gateway: the same configs aimed at the relay, with no secrets."""
    if mode is ApiMode.DIRECT:
        return PlatformAccess(mode, keeta, zeek)
    if not relay_url or not token:
        raise ValueError("gateway mode needs a relay URL and a store token")
    base = relay_url.rstrip("/")
    keeta = replace(keeta, base_url=f"{base}/v1/keeta", secret="", access_token="")
    if zeek is not None:
        zeek = replace(zeek, base_url=f"{base}/v1/zeek", secret="")
    return PlatformAccess(mode, keeta, zeek, base, token)
