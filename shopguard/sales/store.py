"""Stored sales: record one sale per transaction (stock with it), read sales back, reverse them.

Sales are never edited or deleted (the database refuses); refunds and voids are new rows that point
at the sale, say who and why, and put the stock back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.sales.cart import Cart
from shopguard.sales.money import reversal_vat, vat_of
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.records import Reversal, ReversalKind, ReversalLine, Sale, SaleLine
from shopguard.sales.transaction import iso_utc, parse_utc, write_transaction

_SALE_COLUMNS = "id, ts_utc, total_won, vat_won, payment_method, channel, actor, adult_check"
_LINE_COLUMNS = (
    "id, line_no, product_id, barcode, name, category, unit_price_won, quantity, amount_won, age_restricted"
)


class SaleError(ShopGuardError):
    """A sale or reversal that cannot be done as asked."""


def record_sale(
    db: sqlite_utils.Database,
    cart: Cart,
    method: PaymentMethod,
    actor: str,
    channel: str = "owner",
    now: datetime | None = None,
) -> Sale:
    """Store the cart as one sale and take its goods off the stock, in one durable transaction."""
    if not cart.lines:
        raise SaleError("장바구니가 비어 있습니다", "the cart is empty")
    stamp = iso_utc(now or datetime.now(UTC))
    total = cart.total_won
    with write_transaction(db):
        sale_id = db.execute(
            "INSERT INTO sales (ts_utc, total_won, vat_won, line_count, payment_method, channel, actor, "
            "adult_check) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [stamp, total, vat_of(total), len(cart.lines), str(method), channel, actor, cart.adult_check],
        ).lastrowid
        for line_no, line in enumerate(cart.lines, start=1):
            p = line.product
            db.execute(
                "INSERT INTO sale_lines (sale_id, line_no, product_id, barcode, name, category, "
                "unit_price_won, quantity, amount_won, age_restricted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    sale_id,
                    line_no,
                    p.id,
                    p.barcode,
                    p.name,
                    p.category,
                    p.price_won,
                    line.quantity,
                    line.amount_won,
                    int(p.age_restricted),
                ],
            )
            if p.id is not None:
                db.execute("UPDATE products SET stock = stock - ? WHERE id = ?", [line.quantity, p.id])
    sale = get_sale(db, int(sale_id))
    assert sale is not None
    return sale


def _sale(db: sqlite_utils.Database, row: tuple, with_lines: bool = True) -> Sale:
    lines: tuple[SaleLine, ...] = ()
    if with_lines:
        lines = tuple(
            SaleLine(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]))
            for r in db.execute(
                f"SELECT {_LINE_COLUMNS} FROM sale_lines WHERE sale_id = ? ORDER BY line_no", [row[0]]
            ).fetchall()
        )
    return Sale(
        id=row[0],
        ts_utc=parse_utc(row[1]),
        total_won=row[2],
        vat_won=row[3],
        payment_method=PaymentMethod(row[4]),
        channel=row[5],
        actor=row[6],
        adult_check=row[7],
        lines=lines,
    )


def get_sale(db: sqlite_utils.Database, sale_id: int) -> Sale | None:
    row = db.execute(f"SELECT {_SALE_COLUMNS} FROM sales WHERE id = ?", [sale_id]).fetchone()
    return _sale(db, row) if row else None


def list_sales(
    db: sqlite_utils.Database, start: datetime, end: datetime, with_lines: bool = False
) -> list[Sale]:
    """Sales with start <= time < end, newest first."""
    rows = db.execute(
        f"SELECT {_SALE_COLUMNS} FROM sales WHERE ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc DESC, id DESC",
        [iso_utc(start), iso_utc(end)],
    ).fetchall()
    return [_sale(db, r, with_lines) for r in rows]


def reversals_of(db: sqlite_utils.Database, sale_id: int) -> list[Reversal]:
    rows = db.execute(
        "SELECT id, sale_id, kind, ts_utc, actor, reason, total_won, vat_won, payment_method, restocked "
        "FROM sale_reversals WHERE sale_id = ? ORDER BY id",
        [sale_id],
    ).fetchall()
    out = []
    for r in rows:
        lines = tuple(
            ReversalLine(x[0], x[1], x[2])
            for x in db.execute(
                "SELECT sale_line_id, quantity, amount_won FROM sale_reversal_lines WHERE reversal_id = ?",
                [r[0]],
            ).fetchall()
        )
        out.append(
            Reversal(
                r[0],
                r[1],
                ReversalKind(r[2]),
                parse_utc(r[3]),
                r[4],
                r[5],
                r[6],
                r[7],
                PaymentMethod(r[8]),
                bool(r[9]),
                lines,
            )
        )
    return out


def remaining_quantities(db: sqlite_utils.Database, sale_id: int) -> dict[int, int]:
    """Per sale line id: how many are still sold (not yet refunded)."""
    rows = db.execute(
        "SELECT l.id, l.quantity - COALESCE((SELECT SUM(r.quantity) FROM sale_reversal_lines r "
        "WHERE r.sale_line_id = l.id), 0) FROM sale_lines l WHERE l.sale_id = ?",
        [sale_id],
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def reverse_sale(
    db: sqlite_utils.Database,
    sale_id: int,
    kind: ReversalKind,
    actor: str,
    reason: str,
    quantities: Mapping[int, int] | None = None,
    restock: bool = True,
    now: datetime | None = None,
) -> Reversal:
    """Refund some lines (`quantities`: sale line id → how many) or, with None, all that still stands.

    A void always reverses everything left. The refund goes back by the sale's payment method.
    """
    from shopguard.storage.audit import record_audit

    reason = reason.strip()
    if not reason:
        raise SaleError("환불/취소 사유를 적어 주세요", "give a reason for the refund or void")
    stamp = iso_utc(now or datetime.now(UTC))
    with write_transaction(db):
        sale = get_sale(db, sale_id)
        if sale is None:
            raise SaleError(f"판매 #{sale_id}이(가) 없습니다", f"no sale #{sale_id}")
        remaining = remaining_quantities(db, sale_id)
        if kind is ReversalKind.VOID or quantities is None:
            wanted = {line_id: qty for line_id, qty in remaining.items() if qty > 0}
        else:
            wanted = {line_id: qty for line_id, qty in quantities.items() if qty > 0}
        if not wanted:
            raise SaleError("되돌릴 수량이 없습니다 (이미 모두 환불됨)", "nothing left to reverse")
        by_id = {line.id: line for line in sale.lines}
        for line_id, qty in wanted.items():
            if line_id not in by_id:
                raise SaleError("이 판매에 없는 줄입니다", f"line {line_id} is not part of sale #{sale_id}")
            if qty > remaining[line_id]:
                raise SaleError(
                    f"{by_id[line_id].name}: 남은 수량({remaining[line_id]})보다 많이 환불할 수 없습니다",
                    f"{by_id[line_id].name}: cannot refund more than the {remaining[line_id]} left",
                )
        standing_before = sum(by_id[i].unit_price_won * q for i, q in remaining.items())
        amount = sum(by_id[i].unit_price_won * q for i, q in wanted.items())
        vat = reversal_vat(standing_before, standing_before - amount)
        reversal_id = db.execute(
            "INSERT INTO sale_reversals (sale_id, kind, ts_utc, actor, reason, total_won, vat_won, "
            "payment_method, restocked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [sale_id, str(kind), stamp, actor, reason, amount, vat, str(sale.payment_method), int(restock)],
        ).lastrowid
        for line_id, qty in wanted.items():
            line = by_id[line_id]
            db.execute(
                "INSERT INTO sale_reversal_lines (reversal_id, sale_line_id, quantity, amount_won) "
                "VALUES (?, ?, ?, ?)",
                [reversal_id, line_id, qty, line.unit_price_won * qty],
            )
            if restock and line.product_id is not None:
                db.execute("UPDATE products SET stock = stock + ? WHERE id = ?", [qty, line.product_id])
    reversal = next(r for r in reversals_of(db, sale_id) if r.id == reversal_id)
    record_audit(
        db,
        actor,
        f"sale.{kind}",
        f"sale:{sale_id}",
        {"reversal": reversal.id, "reason": reason, "amount": amount, "restocked": restock},
    )
    return reversal


@dataclass(frozen=True)
class SaleStatus:
    refunded_won: int
    voided: bool

    def label(self, total_won: int) -> str:
        if self.voided:
            return "취소 Void"
        if self.refunded_won >= total_won and total_won:
            return "전액 환불 Refunded"
        if self.refunded_won:
            return f"부분 환불 Part refund {self.refunded_won:,}"
        return ""


def sale_statuses(db: sqlite_utils.Database, sale_ids: list[int]) -> dict[int, SaleStatus]:
    if not sale_ids:
        return {}
    marks = ",".join("?" * len(sale_ids))
    rows = db.execute(
        f"SELECT sale_id, SUM(total_won), MAX(kind = 'void') FROM sale_reversals WHERE sale_id IN ({marks}) "
        "GROUP BY sale_id",
        sale_ids,
    ).fetchall()
    found = {r[0]: SaleStatus(r[1], bool(r[2])) for r in rows}
    return {i: found.get(i, SaleStatus(0, False)) for i in sale_ids}
