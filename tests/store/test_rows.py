"""The typed rows the store reads are the tables' columns, field for field and in column order: the
hot paths fill them positionally from ``SELECT`` results built from these very field lists."""

from __future__ import annotations

import peewee

from posapp.store.models import OrderLineRecord, OrderRecord, RefundRecord
from posapp.store.rows import LineRow, OrderRow, RefundRow


def _columns(model: type[peewee.Model]) -> tuple[str, ...]:
    return tuple(f.column_name for f in model._meta.sorted_fields)


def test_rows_are_the_models_columns_in_order() -> None:
    assert OrderRow._fields == tuple(c for c in _columns(OrderRecord) if c != "raw_order_info")
    assert LineRow._fields == _columns(OrderLineRecord)
    assert RefundRow._fields == _columns(RefundRecord)


def test_rows_read_from_a_migrated_cache_match_the_tables(db: peewee.SqliteDatabase) -> None:
    for table, row in (("orders", OrderRow), ("order_lines", LineRow), ("refunds", RefundRow)):
        names = {c.name for c in db.get_columns(table)}
        assert set(row._fields) <= names, table
