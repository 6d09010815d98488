"""Schema migrations: a fresh file reaches the latest version, a reopen runs nothing, WAL is on."""

from __future__ import annotations

import logging
from pathlib import Path

import peewee
import pytest

from posapp.store.db import open_database
from posapp.store.migrations import current_version, latest_version
from posapp.store.models import MODELS


def test_fresh_database_reaches_latest_version(db: peewee.SqliteDatabase) -> None:
    assert latest_version() >= 1
    assert current_version(db) == latest_version()


def test_reopening_runs_no_migration(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "cache.sqlite3"
    open_database(path).close()
    caplog.set_level(logging.INFO, logger="posapp.store.migrations")
    caplog.clear()  # the first open's records are captured too when an earlier test set INFO globally

    db = open_database(path)

    assert current_version(db) == latest_version()
    assert [r for r in caplog.records if "migrated" in r.getMessage()] == []
    assert list(tmp_path.glob("*.bak")) == []  # nothing to upgrade, so nothing copied aside
    db.close()


def test_wal_mode_is_on(db: peewee.SqliteDatabase) -> None:
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.table_name)
def test_models_match_the_migrated_schema(db: peewee.SqliteDatabase, model: type[peewee.Model]) -> None:
    table = model._meta.table_name
    columns = {c.name: c for c in db.get_columns(table)}
    fields = {f.column_name: f for f in model._meta.sorted_fields}

    assert set(fields) == set(columns), f"{table}: model and migration disagree on columns"
    key = model._meta.primary_key
    composite = set(key.field_names) if isinstance(key, peewee.CompositeKey) else set()
    for name, field in fields.items():
        in_key = field.primary_key or field.name in composite
        assert columns[name].primary_key == in_key, f"{table}.{name}: primary key differs"
        # SQLite reports an INTEGER PRIMARY KEY as nullable (it is the rowid), so skip that one.
        if not field.primary_key:
            assert columns[name].null == field.null, f"{table}.{name}: NULL-ability differs"
        declared = db.get_context_options()["field_types"].get(field.field_type, field.field_type)
        assert _affinity(declared) == _affinity(columns[name].data_type), f"{table}.{name}: type differs"


def _affinity(declared: str) -> str:
    """SQLite's type affinity of a declared column type (https://sqlite.org/datatype3.html, 3.1)."""
    kind = declared.upper()
    if "INT" in kind:
        return "INTEGER"
    if any(word in kind for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in kind or not kind:
        return "BLOB"
    if any(word in kind for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def test_message_id_is_unique_in_the_schema(db: peewee.SqliteDatabase) -> None:
    unique = [i.columns for i in db.get_indexes("events") if i.unique]
    assert ["message_id"] in unique
