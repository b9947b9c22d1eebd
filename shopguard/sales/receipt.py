"""One receipt layout (rows of left/right text with a style) drawn by Qt (print, PDF) and Pillow (ESC/POS)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from shopguard.config.sales import SalesSettings
from shopguard.config.settings import ShopSettings
from shopguard.sales.records import Reversal, ReversalKind, Sale


class RowStyle(StrEnum):
    TITLE = "title"  # big, centred
    CENTER = "center"
    NORMAL = "normal"
    BOLD = "bold"  # bigger and bold: the total
    SMALL = "small"
    RULE = "rule"  # a dashed line


@dataclass(frozen=True)
class ReceiptRow:
    left: str
    right: str = ""
    style: RowStyle = RowStyle.NORMAL


@dataclass(frozen=True)
class Receipt:
    title: str
    rows: tuple[ReceiptRow, ...]

    def text(self) -> str:
        """Plain text (tests, logs): each row 'left  right'."""
        return "\n".join(
            f"{r.left}  {r.right}".rstrip() if r.style is not RowStyle.RULE else "-" * 20 for r in self.rows
        )


def _header(shop: ShopSettings, sales: SalesSettings) -> list[ReceiptRow]:
    rows = [ReceiptRow(shop.name, style=RowStyle.TITLE)]
    who = " ".join(
        x
        for x in (
            f"사업자 {sales.business_number}" if sales.business_number else "",
            f"대표 {sales.owner_name}" if sales.owner_name else "",
        )
        if x
    )
    for text in (who, shop.address, f"TEL {sales.phone}" if sales.phone else ""):
        if text:
            rows.append(ReceiptRow(text, style=RowStyle.CENTER))
    rows.append(ReceiptRow("", style=RowStyle.RULE))
    return rows


def build_receipt(
    sale: Sale,
    shop: ShopSettings,
    sales: SalesSettings,
    reversal: Reversal | None = None,
) -> Receipt:
    """The customer's receipt for a sale, or for one of its refunds/voids when `reversal` is given."""
    zone = ZoneInfo(shop.timezone)
    rows = _header(shop, sales)
    when = (reversal.ts_utc if reversal else sale.ts_utc).astimezone(zone)
    if reversal is None:
        title = "영수증 RECEIPT"
        lines = [(line, line.quantity) for line in sale.lines]
        total, vat, sign = sale.total_won, sale.vat_won, 1
    else:
        title = "취소 영수증 VOID" if reversal.kind is ReversalKind.VOID else "환불 영수증 REFUND"
        by_id = {line.id: line for line in sale.lines}
        lines = [(by_id[r.sale_line_id], r.quantity) for r in reversal.lines]
        total, vat, sign = reversal.total_won, reversal.vat_won, -1
    rows.append(ReceiptRow(title, style=RowStyle.CENTER))
    rows.append(ReceiptRow(f"판매번호 No. {sale.id}"))
    rows.append(ReceiptRow(when.isoformat(sep=" ", timespec="seconds"), style=RowStyle.SMALL))
    if reversal is not None:
        original = sale.ts_utc.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        rows.append(ReceiptRow(f"원거래 {original}", style=RowStyle.SMALL))
    rows.append(ReceiptRow("", style=RowStyle.RULE))
    for line, quantity in lines:
        rows.append(ReceiptRow(line.name))
        rows.append(
            ReceiptRow(
                f"   {line.unit_price_won:,} × {quantity}", f"{sign * line.unit_price_won * quantity:,}"
            )
        )
    rows.append(ReceiptRow("", style=RowStyle.RULE))
    rows.append(ReceiptRow("합계 TOTAL", f"{sign * total:,}원", RowStyle.BOLD))
    rows.append(ReceiptRow("과세물품가액 Supply", f"{sign * (total - vat):,}"))
    rows.append(ReceiptRow("부가세 VAT 10%", f"{sign * vat:,}"))
    rows.append(ReceiptRow("결제수단 Paid by", sale.payment_method.label))
    if reversal is not None:
        rows.append(ReceiptRow(f"사유 Reason: {reversal.reason}", style=RowStyle.SMALL))
        rows.append(ReceiptRow(f"처리 By: {reversal.actor}", style=RowStyle.SMALL))
    elif sale.adult_check:
        rows.append(ReceiptRow("성인 인증 확인 Adult pass checked", style=RowStyle.SMALL))
    rows.append(ReceiptRow("", style=RowStyle.RULE))
    rows.append(ReceiptRow("감사합니다 Thank you", style=RowStyle.CENTER))
    rows.append(ReceiptRow("결제는 매장 단말기에서 처리되었습니다", style=RowStyle.SMALL))
    return Receipt(title, tuple(rows))
