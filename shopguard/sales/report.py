"""Daily close (Z report) and period summaries, and the CSV the accountant opens in Excel.

A business day is midnight to midnight in the shop's time zone. Refunds and voids count on the day
they are made (not on the day of the sale), as on a till's Z report.
"""

from __future__ import annotations

import bisect
import csv
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.transaction import iso_utc, parse_utc, write_transaction


class CloseError(ShopGuardError):
    """The day is already closed, or is not over yet."""


@dataclass(frozen=True)
class MethodTotals:
    method: PaymentMethod
    sale_count: int
    sales_won: int
    refund_count: int
    refunds_won: int

    @property
    def net_won(self) -> int:
        return self.sales_won - self.refunds_won


@dataclass(frozen=True)
class Transaction:
    kind: str  # "sale", "refund", "void"
    sale_id: int
    ts_utc: datetime
    method: PaymentMethod
    total_won: int  # negative for refunds and voids
    vat_won: int
    actor: str
    reason: str = ""


@dataclass(frozen=True)
class ZReport:
    business_date: date
    timezone: str
    sale_count: int
    sales_won: int
    sales_vat_won: int
    refund_count: int
    void_count: int
    refunds_won: int  # refunds and voids together, positive
    refunds_vat_won: int
    by_method: tuple[MethodTotals, ...]
    transactions: tuple[Transaction, ...] = field(repr=False)
    closed_utc: datetime | None = None
    closed_by: str = ""

    @property
    def net_won(self) -> int:
        return self.sales_won - self.refunds_won

    @property
    def net_vat_won(self) -> int:
        return self.sales_vat_won - self.refunds_vat_won

    @property
    def net_supply_won(self) -> int:
        return self.net_won - self.net_vat_won


def day_bounds(business_date: date, timezone: str) -> tuple[datetime, datetime]:
    """UTC start and end of a shop-local day (right even on days with a clock change)."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(business_date, time(0), zone).astimezone(UTC)
    end = datetime.combine(business_date + timedelta(days=1), time(0), zone).astimezone(UTC)
    return start, end


def build_zreport(db: sqlite_utils.Database, business_date: date, timezone: str) -> ZReport:
    start, end = day_bounds(business_date, timezone)
    lo, hi = iso_utc(start), iso_utc(end)
    transactions = [
        Transaction("sale", r[0], parse_utc(r[1]), PaymentMethod(r[2]), r[3], r[4], r[5])
        for r in db.execute(
            "SELECT id, ts_utc, payment_method, total_won, vat_won, actor FROM sales "
            "WHERE ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc, id",
            [lo, hi],
        ).fetchall()
    ]
    transactions += [
        Transaction(r[0], r[1], parse_utc(r[2]), PaymentMethod(r[3]), -r[4], -r[5], r[6], r[7])
        for r in db.execute(
            "SELECT kind, sale_id, ts_utc, payment_method, total_won, vat_won, actor, reason "
            "FROM sale_reversals WHERE ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc, id",
            [lo, hi],
        ).fetchall()
    ]
    transactions.sort(key=lambda t: t.ts_utc)
    sales = [t for t in transactions if t.kind == "sale"]
    backs = [t for t in transactions if t.kind != "sale"]
    by_method = []
    for method in PaymentMethod:
        mine = [t for t in sales if t.method is method]
        mine_back = [t for t in backs if t.method is method]
        if mine or mine_back:
            by_method.append(
                MethodTotals(
                    method,
                    len(mine),
                    sum(t.total_won for t in mine),
                    len(mine_back),
                    -sum(t.total_won for t in mine_back),
                )
            )
    closed = db.execute(
        "SELECT closed_utc, actor FROM sales_closes WHERE business_date = ?", [business_date.isoformat()]
    ).fetchone()
    return ZReport(
        business_date=business_date,
        timezone=timezone,
        sale_count=len(sales),
        sales_won=sum(t.total_won for t in sales),
        sales_vat_won=sum(t.vat_won for t in sales),
        refund_count=sum(1 for t in backs if t.kind == "refund"),
        void_count=sum(1 for t in backs if t.kind == "void"),
        refunds_won=-sum(t.total_won for t in backs),
        refunds_vat_won=-sum(t.vat_won for t in backs),
        by_method=tuple(by_method),
        transactions=tuple(transactions),
        closed_utc=parse_utc(closed[0]) if closed else None,
        closed_by=closed[1] if closed else "",
    )


def close_day(
    db: sqlite_utils.Database, business_date: date, timezone: str, actor: str, now: datetime | None = None
) -> ZReport:
    """Close the day once: the Z report is stored as it stands and the close is audited."""
    from shopguard.storage.audit import record_audit

    now = now or datetime.now(UTC)
    if day_bounds(business_date, timezone)[1] > now:
        raise CloseError(
            f"{business_date} 영업일이 아직 끝나지 않았습니다 (자정 이후 마감)",
            f"{business_date} is not over yet; close it after midnight",
        )
    report = build_zreport(db, business_date, timezone)
    if report.closed_utc is not None:
        raise CloseError(
            f"{business_date}은(는) 이미 마감되었습니다 ({report.closed_by})",
            f"{business_date} was already closed by {report.closed_by}",
        )
    summary = {k: v for k, v in asdict(report).items() if k not in ("transactions", "by_method")}
    summary["by_method"] = [{**asdict(m), "net_won": m.net_won} for m in report.by_method]
    with write_transaction(db):
        db.execute(
            "INSERT INTO sales_closes (business_date, closed_utc, actor, report) VALUES (?, ?, ?, ?)",
            [
                business_date.isoformat(),
                iso_utc(now),
                actor,
                json.dumps(summary, default=str, ensure_ascii=False),
            ],
        )
    record_audit(db, actor, "sales.close", business_date.isoformat(), {"net_won": report.net_won})
    return build_zreport(db, business_date, timezone)


KIND_LABELS = {"sale": "판매", "refund": "환불", "void": "취소"}


def write_zreport_csv(report: ZReport, path: Path) -> Path:
    """UTF-8 with BOM (Excel then shows Korean): summary, totals per payment method, every transaction."""
    zone = ZoneInfo(report.timezone)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["일마감 (Z report)", report.business_date.isoformat(), report.timezone])
        w.writerow(["항목", "금액(원)"])
        w.writerow(["판매 건수", report.sale_count])
        w.writerow(["판매 합계", report.sales_won])
        w.writerow(["환불 건수", report.refund_count])
        w.writerow(["취소 건수", report.void_count])
        w.writerow(["환불·취소 합계", report.refunds_won])
        w.writerow(["순매출 (부가세 포함)", report.net_won])
        w.writerow(["공급가액", report.net_supply_won])
        w.writerow(["부가세", report.net_vat_won])
        w.writerow([])
        w.writerow(["결제수단", "판매 건수", "판매 금액", "환불 건수", "환불 금액", "순매출"])
        for m in report.by_method:
            w.writerow(
                [m.method.label_ko, m.sale_count, m.sales_won, m.refund_count, m.refunds_won, m.net_won]
            )
        w.writerow([])
        w.writerow(["구분", "판매번호", "일시", "결제수단", "합계", "공급가액", "부가세", "처리자", "사유"])
        for t in report.transactions:
            w.writerow(
                [
                    KIND_LABELS[t.kind],
                    t.sale_id,
                    t.ts_utc.astimezone(zone).isoformat(timespec="seconds"),
                    t.method.label_ko,
                    t.total_won,
                    t.total_won - t.vat_won,
                    t.vat_won,
                    t.actor,
                    t.reason,
                ]
            )
    return path


@dataclass(frozen=True)
class DaySummary:
    business_date: date
    sale_count: int
    sales_won: int
    refunds_won: int
    vat_won: int  # net VAT

    @property
    def net_won(self) -> int:
        return self.sales_won - self.refunds_won


def period_summary(db: sqlite_utils.Database, first: date, last: date, timezone: str) -> list[DaySummary]:
    """One row per shop-local day from `first` to `last` inclusive (e.g. a year for the owner's report)."""
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    bounds = [iso_utc(day_bounds(d, timezone)[0]) for d in days]
    end = iso_utc(day_bounds(last, timezone)[1])
    counts = [0] * len(days)
    sales = [0] * len(days)
    refunds = [0] * len(days)
    vat = [0] * len(days)
    for ts, total, tax in db.execute(
        "SELECT ts_utc, total_won, vat_won FROM sales WHERE ts_utc >= ? AND ts_utc < ?", [bounds[0], end]
    ):
        i = bisect.bisect_right(bounds, ts) - 1
        counts[i] += 1
        sales[i] += total
        vat[i] += tax
    for ts, total, tax in db.execute(
        "SELECT ts_utc, total_won, vat_won FROM sale_reversals WHERE ts_utc >= ? AND ts_utc < ?",
        [bounds[0], end],
    ):
        i = bisect.bisect_right(bounds, ts) - 1
        refunds[i] += total
        vat[i] -= tax
    return [DaySummary(d, counts[i], sales[i], refunds[i], vat[i]) for i, d in enumerate(days)]
