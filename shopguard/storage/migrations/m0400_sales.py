"""Sales: products, sales with their lines, reversals (refunds/voids) and daily closes.

Sales, lines, reversals and closes are append-only: the database refuses to update or delete them.
A wrong sale is corrected by a reversal, never by editing it.
"""

from __future__ import annotations

import sqlite_utils

APPEND_ONLY = ("sales", "sale_lines", "sale_reversals", "sale_reversal_lines", "sales_closes")


def apply(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            barcode TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            price_won INTEGER NOT NULL CHECK (typeof(price_won) = 'integer' AND price_won >= 0),
            category TEXT NOT NULL DEFAULT '',
            stock INTEGER NOT NULL DEFAULT 0 CHECK (typeof(stock) = 'integer'),
            age_restricted INTEGER NOT NULL DEFAULT 0 CHECK (age_restricted IN (0, 1)),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            updated_utc TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX products_name ON products(name)")
    db.execute(
        """
        CREATE TABLE sales (
            id INTEGER PRIMARY KEY,
            ts_utc TEXT NOT NULL,
            total_won INTEGER NOT NULL CHECK (typeof(total_won) = 'integer' AND total_won >= 0),
            vat_won INTEGER NOT NULL CHECK (typeof(vat_won) = 'integer'),
            line_count INTEGER NOT NULL CHECK (line_count > 0),
            payment_method TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT 'owner',
            actor TEXT NOT NULL,
            adult_check TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX sales_ts ON sales(ts_utc)")
    db.execute(
        """
        CREATE TABLE sale_lines (
            id INTEGER PRIMARY KEY,
            sale_id INTEGER NOT NULL REFERENCES sales(id),
            line_no INTEGER NOT NULL,
            product_id INTEGER REFERENCES products(id),
            barcode TEXT NOT NULL,
            name TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            unit_price_won INTEGER NOT NULL CHECK (typeof(unit_price_won) = 'integer'),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            amount_won INTEGER NOT NULL CHECK (amount_won = unit_price_won * quantity),
            age_restricted INTEGER NOT NULL DEFAULT 0,
            UNIQUE (sale_id, line_no)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE sale_reversals (
            id INTEGER PRIMARY KEY,
            sale_id INTEGER NOT NULL REFERENCES sales(id),
            kind TEXT NOT NULL CHECK (kind IN ('refund', 'void')),
            ts_utc TEXT NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (length(reason) > 0),
            total_won INTEGER NOT NULL CHECK (total_won > 0),
            vat_won INTEGER NOT NULL,
            payment_method TEXT NOT NULL,
            restocked INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    db.execute("CREATE INDEX sale_reversals_ts ON sale_reversals(ts_utc)")
    db.execute("CREATE INDEX sale_reversals_sale ON sale_reversals(sale_id)")
    db.execute(
        """
        CREATE TABLE sale_reversal_lines (
            id INTEGER PRIMARY KEY,
            reversal_id INTEGER NOT NULL REFERENCES sale_reversals(id),
            sale_line_id INTEGER NOT NULL REFERENCES sale_lines(id),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            amount_won INTEGER NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX sale_reversal_lines_line ON sale_reversal_lines(sale_line_id)")
    db.execute(
        """
        CREATE TABLE sales_closes (
            id INTEGER PRIMARY KEY,
            business_date TEXT NOT NULL UNIQUE,
            closed_utc TEXT NOT NULL,
            actor TEXT NOT NULL,
            report TEXT NOT NULL
        )
        """
    )
    for table in APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: reverse a sale, never edit it'); END"
            )
