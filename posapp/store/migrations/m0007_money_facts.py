"""Schema v7: every money fact of an order (issue 13.7) and amounts Keeta sent unreadable.

Packaging, the small-order top-up, discounts by who funds them and the fees Keeta keeps become columns
of ``orders``, so the day report sums them in SQL-free Python from what the board already reads.
``money_unknown`` lists the facts that arrived unreadable (comma-separated MoneyBreakdown field names);
``refunds.amount_unknown`` marks a refund whose amount could not be read. Existing rows read as known.
"""

from __future__ import annotations

import peewee

VERSION = 7

SQL = [
    "ALTER TABLE orders ADD COLUMN packaging_cents INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE orders ADD COLUMN small_order_fee_cents INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE orders ADD COLUMN merchant_discount_cents INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE orders ADD COLUMN platform_discount_cents INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE orders ADD COLUMN platform_service_fee_cents INTEGER",
    "ALTER TABLE orders ADD COLUMN bank_fee_cents INTEGER",
    "ALTER TABLE orders ADD COLUMN money_unknown TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE refunds ADD COLUMN amount_unknown INTEGER NOT NULL DEFAULT 0",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
