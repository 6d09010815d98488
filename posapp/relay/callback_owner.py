"""Which store a Zeek callback belongs to: the one its path names, and only if its data agrees.

Zeek signs a callback's ``data`` but not the URL it is posted to, so a captured callback could be
re-posted to another store's ``/zeek/callback/{store}`` within the timestamp window. Zeek knows a
store only by its ``client_merchant_id`` (zeek.md §onboarding), so:

- a store registered without a Zeek merchant id takes no Zeek callbacks at all;
- a ``client_merchant_id`` named in the signed ``data`` must be the store's own.

ASSUMPTION: API-3.9.1 documents no merchant field in callback ``data``; where Zeek sends none, the
path is the only tie and the dedupe key (the whole ``data``) keeps a re-post from doubling an event.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from posapp.relay.refusal import Refused
from posapp.relay.storage.base import StoreRecord

MERCHANT_FIELDS = ("client_merchant_id",)


def check_callback_owner(store: StoreRecord, data: Mapping[str, Any]) -> None:
    if not store.zeek_merchant_id:
        raise Refused(403, "this store has no Zeek merchant id, so takes no Zeek callbacks")
    for name in MERCHANT_FIELDS:
        if name in data and str(data[name]) != store.zeek_merchant_id:
            raise Refused(403, f"callback {name} is not this store's merchant")
