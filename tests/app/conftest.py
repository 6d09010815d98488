"""The platform stack most app tests run against: simulator and relay on 127.0.0.1, as in the demo."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from posapp.demo.stack import PlatformStack, StackInfo


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[tuple[PlatformStack, StackInfo]]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    try:
        yield platforms, info
    finally:
        await platforms.stop()
