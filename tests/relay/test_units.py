"""Small pure pieces of the relay: URLs, tokens, NOTIFY payloads and the Zeek signature fallback."""

from __future__ import annotations

import pytest

from posapp.relay.checks import zeek_signature
from posapp.relay.storage import storage_for_url
from posapp.relay.storage.postgres import notify_payloads
from posapp.relay.storage.sqlite import path_from_url
from posapp.relay.tokens import bearer_token, new_token, token_hash


def test_sqlite_urls_follow_the_three_slash_convention():
    assert path_from_url("sqlite:///relay.db") == "relay.db"
    assert path_from_url("sqlite:////var/lib/relay.db") == "/var/lib/relay.db"
    with pytest.raises(ValueError):
        storage_for_url("mysql://x")


def test_tokens_are_random_and_only_hashes_compare():
    a, b = new_token(), new_token()
    assert a != b and token_hash(a) != token_hash(b) and a not in token_hash(a)
    assert bearer_token(f"Bearer {a}") == a and bearer_token(f"bearer  {a} ") == a
    assert bearer_token(a) is None and bearer_token("Bearer ") is None and bearer_token(None) is None


def test_notify_payloads_stay_under_the_postgres_limit_and_keep_every_id():
    ids = set(range(1_000_000, 1_003_000))
    payloads = notify_payloads(ids)
    assert len(payloads) > 1 and all(len(p) < 8000 for p in payloads)
    assert {int(x) for p in payloads for x in p.split(",")} == ids
    assert notify_payloads(set()) == []


def test_zeek_signature_matches_the_documented_test_vector():
    """zeek.md §3: the GH-KS recipe with a fake secret."""
    data = {
        "meta": {"lang": "en", "region": "HK"},
        "client_merchant_id": "STORE-123",
        "client_order_id": "POS-20240101-0042",
        "merchant_order_id": "0042",
        "order_time": 1528793100,
        "is_appoint": 0,
        "receive": {"name": "x"},
        "order_detail": {"total_price": 12800},
    }
    assert zeek_signature(data, 100000001, "sim-secret-not-real", 1528793155) == (
        "1568c51625d4c3c3114461fa4c70a230"
    )
