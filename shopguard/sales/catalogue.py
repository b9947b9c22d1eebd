"""The product catalogue: look up by barcode, search, add or change products, count stock in."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.sales.barcode import classify
from shopguard.sales.records import Product
from shopguard.sales.transaction import iso_utc, write_transaction
from shopguard.storage.audit import record_audit

_COLUMNS = "id, barcode, name, price_won, category, stock, age_restricted, active"
MAX_PRICE_WON = 100_000_000
NAME_MAX = 80


class ProductError(ShopGuardError):
    """A product that cannot be saved as given."""


def _product(row: tuple) -> Product:
    return Product(
        id=row[0],
        barcode=row[1],
        name=row[2],
        price_won=row[3],
        category=row[4],
        stock=row[5],
        age_restricted=bool(row[6]),
        active=bool(row[7]),
    )


def validate_product(product: Product) -> Product:
    """The product with its text trimmed, or ProductError saying what is wrong."""
    classify(product.barcode)
    name = product.name.strip()
    if not name:
        raise ProductError("상품명이 비어 있습니다", "the product name is empty")
    if len(name) > NAME_MAX:
        raise ProductError(f"상품명이 너무 깁니다 (최대 {NAME_MAX}자)", f"name longer than {NAME_MAX}")
    if not isinstance(product.price_won, int) or isinstance(product.price_won, bool):
        raise ProductError("가격은 원 단위 정수여야 합니다", "price must be whole won")
    if not 0 <= product.price_won <= MAX_PRICE_WON:
        raise ProductError(
            f"가격은 0원 이상 {MAX_PRICE_WON:,}원 이하여야 합니다", "price out of range (0 … 100,000,000 won)"
        )
    if not isinstance(product.stock, int) or isinstance(product.stock, bool):
        raise ProductError("재고는 정수여야 합니다", "stock must be a whole number")
    return replace(product, name=name, category=product.category.strip())


class Catalogue:
    """Products in the shop database. Safe to share; writes go through the sales write lock."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def get(self, barcode: str) -> Product | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM products WHERE barcode = ?", [barcode]).fetchone()
        return _product(row) if row else None

    def get_by_id(self, product_id: int) -> Product | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM products WHERE id = ?", [product_id]).fetchone()
        return _product(row) if row else None

    def search(self, text: str, limit: int = 30) -> list[Product]:
        """Active products whose name, category or barcode contains `text` (names first)."""
        pattern = f"%{text.strip()}%"
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM products WHERE active = 1 AND "
            "(name LIKE ? OR barcode LIKE ? OR category LIKE ?) "
            "ORDER BY (name LIKE ?) DESC, name LIMIT ?",
            [pattern, pattern, pattern, pattern, limit],
        ).fetchall()
        return [_product(r) for r in rows]

    def all(self, include_inactive: bool = False) -> list[Product]:
        where = "" if include_inactive else "WHERE active = 1"
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM products {where} ORDER BY category, name")
        return [_product(r) for r in rows.fetchall()]

    def categories(self) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT category FROM products WHERE category != '' ORDER BY 1")
        return [r[0] for r in rows.fetchall()]

    def save(self, product: Product, actor: str = "owner", now: datetime | None = None) -> Product:
        """Add a product, or change the one with the same barcode. Returns it as stored."""
        saved = self.save_many([product], now)[0]
        record_audit(
            self.db, actor, "product.save", saved.barcode, {"name": saved.name, "price": saved.price_won}
        )
        return saved

    def save_many(self, products: list[Product], now: datetime | None = None) -> list[Product]:
        """Upsert by barcode in one transaction (all or nothing)."""
        checked = [validate_product(p) for p in products]
        stamp = iso_utc(now or datetime.now(UTC))
        with write_transaction(self.db):
            for p in checked:
                self.db.execute(
                    "INSERT INTO products (barcode, name, price_won, category, stock, age_restricted, "
                    "active, updated_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(barcode) DO UPDATE SET "
                    "name=excluded.name, price_won=excluded.price_won, category=excluded.category, "
                    "stock=excluded.stock, age_restricted=excluded.age_restricted, active=excluded.active, "
                    "updated_utc=excluded.updated_utc",
                    [
                        p.barcode,
                        p.name,
                        p.price_won,
                        p.category,
                        p.stock,
                        int(p.age_restricted),
                        int(p.active),
                        stamp,
                    ],
                )
        return [self.get(p.barcode) for p in checked]  # type: ignore[misc]

    def adjust_stock(self, barcode: str, delta: int, actor: str, reason: str) -> Product:
        """Stock received or counted (+/-), audited with who and why."""
        product = self.get(barcode)
        if product is None:
            raise ProductError(f"없는 상품입니다: {barcode}", f"no product with barcode {barcode}")
        with write_transaction(self.db):
            self.db.execute(
                "UPDATE products SET stock = stock + ?, updated_utc = ? WHERE id = ?",
                [delta, iso_utc(datetime.now(UTC)), product.id],
            )
        record_audit(self.db, actor, "product.stock", barcode, {"delta": delta, "reason": reason})
        return self.get(barcode)  # type: ignore[return-value]
