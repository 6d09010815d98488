"""One Keeta client per further brand (posapp/brands.py), so every call for that shop names it and, in
gateway mode, carries that shop's own relay store token: the relay lets a token act for its own shop
only. Direct mode signs every shop's calls with the one Keeta application and token."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable

from posapp.engine.transport import ApiMode, GatewayTransport, PlatformAccess
from posapp.keeta.client import KeetaClient
from posapp.keeta.store_api import share_spacer

log = logging.getLogger(__name__)


def brand_clients(
    main: KeetaClient, access: PlatformAccess, shops: Iterable[int], relay_tokens: dict[int, str]
) -> dict[int, KeetaClient]:
    """A client for each shop in ``shops`` other than the main one. In gateway mode a shop without its
    own relay token gets none (its calls would be refused by the relay; the main client answers with
    the relay's refusal, which the screens show)."""
    clients: dict[int, KeetaClient] = {}
    for shop_id in shops:
        if shop_id == main.config.shop_id or shop_id in clients:
            continue
        config = dataclasses.replace(main.config, shop_id=shop_id)
        if access.mode is ApiMode.GATEWAY:
            token = relay_tokens.get(shop_id)
            if not token:
                log.warning("gateway mode: shop %s has no relay store token; nothing acts for it", shop_id)
                continue
            client = KeetaClient(config, transport=GatewayTransport(access.relay_url, token))
        else:
            client = KeetaClient(config)
        share_spacer(main, client)  # Keeta's 10 calls a second are per application, not per shop
        clients[shop_id] = client
    return clients
