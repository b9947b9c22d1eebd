"""The sales page as a person uses it: a USB scanner (fast key bursts) anywhere, typing, quantities,
removing lines, unknown codes, the adult pass at night, payment, receipts, refunds, see video, Z report."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.context import AppContext
from shopguard.paths import DataPaths
from shopguard.sales.age import StaticAdultPassChecker
from shopguard.sales.cart import Cart
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.demo import CHIPS, MILK, SOJU, add_demo_catalogue
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.records import ReversalKind
from shopguard.sales.store import get_sale, record_sale, reversals_of
from shopguard.ui.dialogs.sale_adult_pass import AdultPassDialog
from shopguard.ui.dialogs.sale_reverse import ReverseRequest, ReverseSaleDialog
from shopguard.ui.views.sales import ADULT_PASS_SERVICE, SalesView

ADULT_PASS = "SGP1.adult-pass-token-for-tests.0123456789abcdefghijklmnopqrstuvwxyz-signed"


class StepClock:
    """A monotonic clock that moves `step_s` every time it is read (one read per key press)."""

    def __init__(self, step_s: float) -> None:
        self.step_s = step_s
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += self.step_s
        return self.now


@pytest.fixture
def view(qtbot, db, tmp_path):
    add_demo_catalogue(db)
    settings = AppSettings(cameras=[CameraSettings(id="counter", name="계산대", source="0")])
    settings.sales.adult_check_always = False
    context = AppContext(
        DataPaths(tmp_path / "data").ensure(),
        settings,
        db,
        services={ADULT_PASS_SERVICE: StaticAdultPassChecker({ADULT_PASS})},
    )
    widget = SalesView(context)
    widget.checkout.scanner.clock = StepClock(0.004)  # a scanner: 4 ms between characters
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def scan(qtbot, target, code: str) -> None:
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def names(view) -> list[str]:
    return [line.product.name for line in view.checkout.cart.lines]


def test_scanner_burst_into_the_search_field_adds_the_product_not_text(qtbot, view) -> None:
    checkout = view.checkout
    typed: list[str] = []
    checkout.search_field.textChanged.connect(typed.append)
    scan(qtbot, checkout.search_field, CHIPS.barcode)
    scan(qtbot, checkout.search_field, CHIPS.barcode)
    assert typed == []  # the digits never reached the field
    assert names(view) == ["새우깡"]
    assert checkout.cart.lines[0].quantity == 2
    assert checkout.search_field.text() == ""
    assert checkout.total_label.text() == "3,000원"
    assert "부가세 273원" in checkout.detail_label.text()


def test_scanner_works_while_a_quantity_box_has_focus(qtbot, view) -> None:
    checkout = view.checkout
    scan(qtbot, checkout.table, MILK.barcode)
    spin = checkout.table.cellWidget(0, 2)
    scan(qtbot, spin, CHIPS.barcode)
    assert names(view) == ["서울우유 200ml", "새우깡"]
    assert checkout.cart.lines[0].quantity == 1  # the digits did not land in the quantity box


def test_slow_typing_reaches_the_field_and_searches(qtbot, view) -> None:
    checkout = view.checkout
    checkout.scanner.clock = StepClock(0.25)  # a person: a key every quarter second
    # (Korean is typed through the input method, which the filter never holds back; digits are keys)
    qtbot.keyClicks(checkout.search_field, "987654")
    qtbot.waitUntil(lambda: checkout.search_field.text() == "987654")
    assert checkout.results.isVisible() and checkout.results.count() == 1
    qtbot.keyClick(checkout.search_field, Qt.Key.Key_Return)
    assert names(view) == ["서울우유 200ml"]
    assert checkout.search_field.text() == ""


def test_unknown_and_misread_barcodes_are_explained(qtbot, view) -> None:
    checkout = view.checkout
    scan(qtbot, checkout, "8802000000019")
    assert "등록되지 않은 상품" in checkout.message.text()
    scan(qtbot, checkout, "8801043014800")
    assert "다시 찍어" in checkout.message.text()
    assert names(view) == []
    assert not checkout.pay_buttons[PaymentMethod.CARD].isEnabled()


def test_quantity_and_remove_update_the_totals(qtbot, view) -> None:
    checkout = view.checkout
    scan(qtbot, checkout, CHIPS.barcode)
    scan(qtbot, checkout, MILK.barcode)
    checkout.table.cellWidget(0, 2).setValue(3)
    assert checkout.total_label.text() == f"{3 * 1500 + 1100:,}원"
    qtbot.mouseClick(checkout.table.cellWidget(1, 4), Qt.MouseButton.LeftButton)
    assert names(view) == ["새우깡"]
    assert checkout.total_label.text() == "4,500원"


def test_paying_records_the_sale_and_stock(qtbot, view, db) -> None:
    checkout = view.checkout
    scan(qtbot, checkout, CHIPS.barcode)
    scan(qtbot, checkout, MILK.barcode)
    with qtbot.waitSignal(checkout.sale_completed) as done:
        qtbot.mouseClick(checkout.pay_buttons[PaymentMethod.TOSS], Qt.MouseButton.LeftButton)
    sale = get_sale(db, done.args[0].id)
    assert sale.total_won == 2600 and sale.payment_method is PaymentMethod.TOSS
    assert names(view) == [] and checkout.total_label.text() == "0원"
    assert Catalogue(db).get(CHIPS.barcode).stock == CHIPS.stock - 1
    assert view.history.table.rowCount() == 1
    assert view.history.table.item(0, 3).text() == "2,600"


def test_night_alcohol_needs_an_adult_pass_scanned(qtbot, view, db, monkeypatch) -> None:
    checkout = view.checkout
    view.service.settings.adult_check_always = True  # as at 23:00
    asked = []
    monkeypatch.setattr(AdultPassDialog, "ask", classmethod(lambda cls, parent, verify: asked.append(1)))
    scan(qtbot, checkout, SOJU.barcode)
    assert checkout.adult_button.isVisible()
    assert checkout.pay(PaymentMethod.CARD) is None
    assert asked and db.execute("SELECT COUNT(*) FROM sales").fetchone()[0] == 0
    scan(qtbot, checkout, "NOT-A-VALID-PASS-BUT-LONG-ENOUGH-TO-BE-A-QR-CODE-TEXT-0123456789")
    assert "유효한 성인 출입증이 아닙니다" in checkout.message.text()
    scan(qtbot, checkout, ADULT_PASS)  # the QR scanner types the pass text anywhere on the page
    assert "성인 인증 완료" in checkout.adult_label.text()
    sale = checkout.pay(PaymentMethod.CARD)
    assert sale is not None and sale.adult_check


def test_receipt_pdf_renders(qtbot, view, tmp_path) -> None:
    checkout = view.checkout
    scan(qtbot, checkout, CHIPS.barcode)
    sale = checkout.pay(PaymentMethod.CARD)
    pdf = view.actions.save_pdf(sale.id, tmp_path / "receipt.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(tmp_path / "page")], check=True)
    from PIL import Image

    page = Image.open(tmp_path / "page-1.png").convert("L")
    assert abs(page.width - round(80 / 25.4 * 100)) <= 2  # 80 mm roll
    dark = page.histogram()[:128]
    dark = sum(dark) / (page.width * page.height)
    assert 0.01 < dark < 0.4


def test_refund_from_history_and_see_video(qtbot, view, db, monkeypatch) -> None:
    checkout = view.checkout
    scan(qtbot, checkout, CHIPS.barcode)
    scan(qtbot, checkout, CHIPS.barcode)
    sale = checkout.pay(PaymentMethod.CASH)
    line_id = sale.lines[0].id
    request = ReverseRequest(ReversalKind.REFUND, {line_id: 1}, "봉지 파손", True)
    monkeypatch.setattr(ReverseSaleDialog, "ask", classmethod(lambda cls, parent, s, remaining: request))
    view.tabs.setCurrentWidget(view.history)
    view.history.table.selectRow(0)
    qtbot.mouseClick(view.history.reverse_button, Qt.MouseButton.LeftButton)
    assert [r.reason for r in reversals_of(db, sale.id)] == ["봉지 파손"]
    assert "부분 환불" in view.history.table.item(0, 5).text()
    assert Catalogue(db).get(CHIPS.barcode).stock == CHIPS.stock - 1
    with qtbot.waitSignal(view.video_requested) as seen:
        qtbot.mouseClick(view.history.video_button, Qt.MouseButton.LeftButton)
    assert seen.args[0] == sale.ts_utc
    assert view.actions.last_moment.camera_ids == ("counter",)


def test_zreport_page_closes_yesterday_and_writes_csv(qtbot, view, db, tmp_path) -> None:
    page = view.zreport
    view.tabs.setCurrentWidget(page)
    yesterday = page.day()  # the page opens on yesterday, the day to close
    noon = datetime.combine(yesterday, time(12), ZoneInfo(page.timezone)).astimezone(UTC)
    cart = Cart()
    cart.add(Catalogue(db).get(CHIPS.barcode), 2)
    record_sale(db, cart, PaymentMethod.NAVERPAY, "owner", now=noon)
    assert page.values["count"].text() == "0건"  # not reloaded yet
    page.reload()
    assert page.values["count"].text() == "1건"
    assert page.values["net"].text() == "3,000원"
    assert page.values["vat"].text() == "273원"
    out = page.export_csv(tmp_path / "z.csv")
    rows = list(csv.reader(Path(out).read_text(encoding="utf-8-sig").splitlines()))
    assert ["네이버페이", "1", "3000", "0", "0", "3000"] in rows
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert "owner" in page.values["closed"].text()
    assert not page.close_button.isEnabled()
