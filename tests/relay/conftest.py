"""Relay fixtures: every relay test runs on SQLite and on PostgreSQL (when one is reachable)."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from posapp.relay.config import RelayConfig
from posapp.relay.server import RelayServer
from posapp.relay.storage import storage_for_url
from posapp.relay.tokens import new_token, token_hash
from tests.relay.helpers import SHOP_ID, relay_config

PG_ENV = "POSAPP_TEST_PG_URL"


async def _fresh_pg_database(admin_url: str) -> tuple[str, str]:
    import asyncpg

    name = "posapp_relay_test_" + uuid.uuid4().hex[:12]
    conn = await asyncpg.connect(admin_url, timeout=3)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{name}", name


async def _drop_pg_database(admin_url: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_url, timeout=3)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", "postgres"])
async def db_url(request: pytest.FixtureRequest, tmp_path: object) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/relay.sqlite3"
        return
    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        pytest.skip(f"PostgreSQL relay tests need {PG_ENV}=postgresql://user:pw@127.0.0.1:5432/postgres")
    try:
        url, name = await _fresh_pg_database(admin_url)
    except (OSError, Exception) as exc:  # asyncpg raises its own types for auth/connect failures
        pytest.skip(f"no PostgreSQL reachable at {PG_ENV}: {exc}")
    try:
        yield url
    finally:
        await _drop_pg_database(admin_url, name)


async def add_store(db_url: str, shop_id: int = SHOP_ID, zeek_merchant_id: str = "SIM-HK-0001") -> str:
    """Registers a store the way ``add-store`` does and returns its token."""
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        token = new_token()
        await storage.add_store(shop_id, f"Shop {shop_id}", zeek_merchant_id, token_hash(token), time.time())
        return token
    finally:
        await storage.close()


@pytest.fixture
def config() -> RelayConfig:
    return relay_config()


@pytest.fixture
async def token(db_url: str) -> str:
    return await add_store(db_url)


@pytest.fixture
async def relay(db_url: str, config: RelayConfig, token: str) -> AsyncIterator[RelayServer]:
    server = RelayServer(config, db_url)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10.0) as c:
        yield c
