"""Fixtures for the Zeek simulator tests: a real callback receiver and a signed API caller."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import httpx
import pytest

from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer
from tests.sim_zeek.helpers import Receiver, ZeekCaller


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
    return dataclasses.replace(SimConfig(port=0), zeek_callback_url=receiver.url)


@pytest.fixture
async def zeek(sim: SimServer) -> AsyncIterator[ZeekCaller]:
    async with httpx.AsyncClient(timeout=10.0) as http:
        yield ZeekCaller(sim, http)
