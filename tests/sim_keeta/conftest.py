"""Fixtures for the Keeta simulator tests: a real webhook receiver and a signed API caller."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import httpx
import pytest

from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer
from tests.sim_keeta.helpers import KeetaCaller, Receiver


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rx = Receiver()
    await rx.start()
    try:
        yield rx
    finally:
        await rx.stop()


@pytest.fixture
def sim_config(receiver: Receiver) -> SimConfig:
    return dataclasses.replace(SimConfig(port=0), webhook_url=receiver.url)


@pytest.fixture
async def keeta(sim: SimServer) -> AsyncIterator[KeetaCaller]:
    async with httpx.AsyncClient(timeout=10.0) as http:
        yield KeetaCaller(sim, http)
