"""``posapp relay add-store | list-stores | revoke-store`` as a user runs them."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx

from posapp.relay.server import RelayServer
from posapp.relay.storage.sqlite import path_from_url
from posapp.relay.tokens import token_hash
from tests.relay.helpers import relay_config


async def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSAPP_RELAY_")}
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "posapp.relay", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


async def test_add_store_prints_token_last_and_only_its_hash_is_kept(db_url: str):
    added = await _cli(
        "add-store", "--db", db_url, "--shop-id", "770001", "--name", "上環麵家", "--zeek-merchant-id", "Z9"
    )
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip().splitlines()[-1]
    assert token.startswith("prs_") and len(token) > 40
    again = await _cli("add-store", "--db", db_url, "--shop-id", "770001", "--name", "dup")
    assert again.returncode == 1 and "already registered" in again.stderr

    listed = await _cli("list-stores", "--db", db_url)
    assert (
        "770001\t上環麵家\tZ9" in listed.stdout and token not in listed.stdout and "active" in listed.stdout
    )
    if db_url.startswith("sqlite"):
        raw = await asyncio.to_thread(Path(path_from_url(db_url)).read_bytes)
        assert token.encode() not in raw
        with sqlite3.connect(path_from_url(db_url)) as db:
            assert db.execute("SELECT token_hash FROM stores").fetchone()[0] == token_hash(token)

    relay = RelayServer(relay_config(), db_url)
    await relay.start()
    try:
        async with httpx.AsyncClient() as client:
            auth = {"Authorization": f"Bearer {token}"}
            assert (await client.get(relay.base_url + "/v1/events?wait=0", headers=auth)).status_code == 204
            revoked = await _cli("revoke-store", "--db", db_url, "--shop-id", "770001")
            assert revoked.returncode == 0, revoked.stderr
            assert (await client.get(relay.base_url + "/v1/events?wait=0", headers=auth)).status_code == 401
    finally:
        await relay.stop()
    assert "revoked" in (await _cli("list-stores", "--db", db_url)).stdout
    assert (await _cli("revoke-store", "--db", db_url, "--shop-id", "770001")).returncode == 1


async def test_serve_refuses_to_start_without_a_keeta_secret(tmp_path: object):
    result = await _cli(
        "--db", f"sqlite:///{tmp_path}/r.db", "--public-url", "https://x", "--keeta-app-id", "1"
    )
    assert result.returncode == 2 and "--keeta-secret" in result.stderr
