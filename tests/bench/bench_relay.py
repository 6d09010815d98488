"""Relay benchmark (issue 4): not part of the default test run, and it asserts no timing.

Run: ``.venv/bin/python -m pytest tests/bench -o python_files='bench_*.py' -s -q``
(PostgreSQL from ``POSAPP_TEST_PG_URL``; without one that column is skipped).

For each back-end -- the non-durable in-memory baseline, SQLite, PostgreSQL -- a fresh relay process
(the CLI's app and uvicorn settings) is measured over loopback by separate load and app processes:
verified durable ingest, webhook→app-cache latency at 200 pushes/s over 1,000 connected stores,
catch-up of a 1,000-event backlog, and the memory of 5,000 idle streams. Figures are printed as one
table with each durable figure's ratio to the in-memory baseline of the same run.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from tests.bench import report
from tests.bench.harness import Bench, Figures

PG_URL = os.environ.get("POSAPP_TEST_PG_URL", "")


@contextmanager
def _pg_database() -> Iterator[str]:
    from tests.relay.conftest import _drop_pg_database, _fresh_pg_database

    url, name = asyncio.run(_fresh_pg_database(PG_URL))
    try:
        yield url
    finally:
        asyncio.run(_drop_pg_database(PG_URL, name))


@contextmanager
def _sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{tmp}/relay.sqlite3"


@contextmanager
def _memory() -> Iterator[str]:
    yield "memory://"


def _backends() -> list[tuple[str, Callable[[], object]]]:
    found: list[tuple[str, Callable[[], object]]] = [("in-memory", _memory), ("SQLite", _sqlite_database)]
    if PG_URL:
        found.append(("PostgreSQL", _pg_database))
    return found


@pytest.mark.timeout(3600)
def test_relay_benchmark() -> None:
    results: dict[str, Figures] = {}
    with tempfile.TemporaryDirectory() as work:
        bench = Bench(work)
        for name, database in _backends():
            print(f"\n--- {name} ---", flush=True)
            results[name] = bench.run_all(database)  # type: ignore[arg-type]
    print()
    print(report.table(results, baseline="in-memory"))
    if not PG_URL:
        pytest.skip("PostgreSQL column skipped: set POSAPP_TEST_PG_URL")
