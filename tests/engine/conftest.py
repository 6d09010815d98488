"""Engine tests run on plain asyncio: the engine never needs a Qt loop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest

from posapp.store.db import open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[peewee.SqliteDatabase]:
    database = open_database(tmp_path / "cache.sqlite3")
    yield database
    database.close()
