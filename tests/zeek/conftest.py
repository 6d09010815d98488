"""Shared pieces for the Zeek core tests: a config, a valid booking request, a migrated cache."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee
import pytest

from posapp.domain.delivery_request import DeliveryRequest
from posapp.domain.money import Money
from posapp.domain.retry import RetryPolicy
from posapp.store.db import open_database
from posapp.zeek.config import ZeekConfig

# Inside the simulator's default delivery area (Sheung Wan / Central).
CUSTOMER_LOCATION = "22.2830,114.1540"
NOW = 1_700_000_000


def make_request(**changes: Any) -> DeliveryRequest:
    base = DeliveryRequest(
        client_order_id="POS-20240101-0042",
        pickup_code="0042",
        customer_name="Chan Tai Man",
        phone="91234567",
        address="Flat A, 12/F, 88 Queen's Road Central, Central",
        location=CUSTOMER_LOCATION,
        total=Money(12_800),
        order_time=int(time.time()),
        remark="Please call on arrival",
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture
def zeek_config() -> ZeekConfig:
    return ZeekConfig(
        appid=100000001,
        secret="sim-secret-not-real",
        client_merchant_id="STORE-123",
        base_url="https://zeek.test/v1.3",
        retry=RetryPolicy(first_delay=0.0, max_delay=0.0, max_attempts=4),
    )


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[peewee.SqliteDatabase]:
    db = open_database(tmp_path / "cache.db")
    yield db
    db.close()
