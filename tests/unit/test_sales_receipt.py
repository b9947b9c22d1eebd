"""Receipts: the layout's numbers, and ESC/POS bytes with Hangul as a raster image (never '?')."""

from __future__ import annotations

from PIL import ImageOps

from shopguard.config.sales import SalesSettings
from shopguard.config.settings import ShopSettings
from shopguard.sales.cart import Cart
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.demo import add_demo_catalogue, demo_cart
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.receipt import build_receipt
from shopguard.sales.records import ReversalKind
from shopguard.sales.store import record_sale, reverse_sale
from shopguard.sales.thermal import PAPER_PX, escpos_bytes, render_image

SHOP = ShopSettings(name="행복한 무인점포", address="서울시 마포구 1")
SALES = SalesSettings(business_number="123-45-67890", owner_name="홍길동")


def a_sale(db):
    add_demo_catalogue(db)
    return record_sale(db, demo_cart(Catalogue(db)), PaymentMethod.NAVERPAY, "owner")


def test_receipt_rows_carry_total_vat_and_method(db) -> None:
    sale = a_sale(db)
    text = build_receipt(sale, SHOP, SALES).text()
    assert "행복한 무인점포" in text and "123-45-67890" in text
    assert f"합계 TOTAL  {sale.total_won:,}원" in text
    assert f"부가세 VAT 10%  {sale.vat_won:,}" in text
    assert f"과세물품가액 Supply  {sale.total_won - sale.vat_won:,}" in text
    assert "네이버페이" in text
    assert "+09:00" in text


def test_refund_receipt_shows_negative_amounts_and_reason(db) -> None:
    sale = a_sale(db)
    refund = reverse_sale(db, sale.id, ReversalKind.REFUND, "owner", "맛이 이상함", {sale.lines[0].id: 1})
    text = build_receipt(sale, SHOP, SALES, refund).text()
    assert "환불 영수증" in text and "맛이 이상함" in text
    assert f"합계 TOTAL  -{refund.total_won:,}원" in text


def parse_raster(data: bytes) -> list[tuple[int, int, bytes]]:
    """Every GS v 0 image in the byte stream as (width bytes, height, bits)."""
    images, at = [], 0
    while (at := data.find(b"\x1dv0", at)) >= 0:
        width_bytes = data[at + 4] + 256 * data[at + 5]
        height = data[at + 6] + 256 * data[at + 7]
        start = at + 8
        images.append((width_bytes, height, data[start : start + width_bytes * height]))
        at = start + width_bytes * height
    return images


def test_escpos_bytes_carry_the_drawn_receipt_not_question_marks(db) -> None:
    sale = a_sale(db)
    receipt = build_receipt(sale, SHOP, SALES)
    for width_mm in (58, 80):
        data = escpos_bytes(receipt, width_mm)
        assert data.startswith(b"\x1b@")  # printer reset
        assert data.endswith(b"\x1dV\x00")  # feed and cut
        assert b"??" not in data
        assert "새우깡".encode("cp949") not in data and "새우깡".encode() not in data
        images = parse_raster(data)
        assert images, "no raster image in the ESC/POS stream"
        image = render_image(receipt, width_mm)
        assert image.width == PAPER_PX[width_mm]
        expected = ImageOps.invert(image.convert("L")).convert("1").tobytes()
        sent = b"".join(bits for _, _, bits in images)
        assert sum(h for _, h, _ in images) == image.height
        assert all(w == PAPER_PX[width_mm] // 8 for w, _, _ in images)
        assert sent == expected
        ink = sum(bin(b).count("1") for b in sent) / (len(sent) * 8)
        assert 0.02 < ink < 0.5  # text on white, not a blank or black slip


def test_long_names_wrap_inside_the_paper(db) -> None:
    add_demo_catalogue(db)
    catalogue = Catalogue(db)
    cart = Cart()
    product = catalogue.get("8801043014809")
    from dataclasses import replace

    cart.add(replace(product, name="아주아주 긴 상품 이름이 있는 과자 대용량 패밀리 사이즈 특별 기획 상품"))
    sale = record_sale(db, cart, PaymentMethod.CARD, "owner")
    short = render_image(build_receipt(a_sale_short(db), SHOP, SALES), 58)
    tall = render_image(build_receipt(sale, SHOP, SALES), 58)
    assert tall.width == 384 and tall.height > short.height


def a_sale_short(db):
    cart = Cart()
    cart.add(Catalogue(db).get("8801043014809"))
    return record_sale(db, cart, PaymentMethod.CARD, "owner")
