"""SalesHistoryWidget: one day's sales with receipts, refunds/voids and "see video"; SaleActions does the
receipt and video work for this page and the checkout. GUI thread only."""

from __future__ import annotations

import importlib
import importlib.util
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopguard.config.settings import AppSettings
from shopguard.errors import ShopGuardError
from shopguard.sales.checkout import video_moment
from shopguard.sales.receipt import Receipt, build_receipt
from shopguard.sales.records import Sale, VideoMoment
from shopguard.sales.report import day_bounds
from shopguard.sales.store import get_sale, list_sales, remaining_quantities, reverse_sale, sale_statuses
from shopguard.sales.thermal import print_thermal
from shopguard.ui.dialogs.sale_receipt import ReceiptDialog
from shopguard.ui.dialogs.sale_reverse import ReverseSaleDialog
from shopguard.ui.receipt_print import print_receipt, save_receipt_pdf

COL_ID, COL_TIME, COL_ITEMS, COL_TOTAL, COL_METHOD, COL_STATUS = range(6)
HEADERS = ("번호 No.", "시각 Time", "품목 Items", "합계 Total", "결제 Paid by", "상태 Status")
PLAYBACK_MODULE = "shopguard.ui.views.playback"


class SaleActions(QObject):
    """Receipts (preview, print, PDF, thermal) and the video moment of a sale."""

    video_requested = Signal(object)  # datetime (UTC) of the sale; VideoMoment via last_moment

    def __init__(self, db, settings: AppSettings, exports: Path, parent: QWidget) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.exports = exports
        self.widget = parent
        self.last_moment: VideoMoment | None = None

    def receipt(self, sale: Sale) -> Receipt:
        return build_receipt(sale, self.settings.shop, self.settings.sales)

    def show_receipt(self, sale_id: int) -> None:
        sale = get_sale(self.db, sale_id)
        if sale is None:
            return
        actions = {
            "인쇄 Print": lambda: self.print(sale_id),
            "PDF 저장 Save PDF": lambda: self.save_pdf(sale_id),
        }
        if self.settings.sales.thermal_printer:
            actions["영수증 프린터 Thermal"] = lambda: self.thermal(sale_id)
        ReceiptDialog(self.receipt(sale), self.settings.sales.receipt_width_mm, actions, self.widget).exec()

    def print(self, sale_id: int) -> None:
        sale = get_sale(self.db, sale_id)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if sale is None or QPrintDialog(printer, self.widget).exec() != QPrintDialog.DialogCode.Accepted:
            return
        self._guard(lambda: print_receipt(self.receipt(sale), printer, self.settings.sales.receipt_width_mm))

    def save_pdf(self, sale_id: int, path: Path | None = None) -> Path | None:
        sale = get_sale(self.db, sale_id)
        if sale is None:
            return None
        path = path or self.ask_pdf_path(self.exports / f"receipt-{sale_id}.pdf")
        if path is None:
            return None
        width = self.settings.sales.receipt_width_mm
        self._guard(lambda: save_receipt_pdf(self.receipt(sale), path, width))
        return path

    def ask_pdf_path(self, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self.widget, "영수증 PDF", str(suggested), "PDF (*.pdf)")
        return Path(chosen) if chosen else None

    def thermal(self, sale_id: int) -> None:
        sale = get_sale(self.db, sale_id)
        if sale is not None:
            sales = self.settings.sales
            self._guard(
                lambda: print_thermal(self.receipt(sale), sales.thermal_printer, sales.receipt_width_mm)
            )

    def see_video(self, sale_id: int) -> VideoMoment | None:
        """The cameras at the sale's moment: opens playback when that page offers `open_at(utc, cameras)`,
        and always emits `video_requested(utc)` for the owner's window to act on."""
        sale = get_sale(self.db, sale_id)
        if sale is None:
            return None
        cameras = [c.id for c in self.settings.cameras if c.enabled]
        moment = video_moment(sale, cameras)
        self.last_moment = moment
        if importlib.util.find_spec(PLAYBACK_MODULE) is not None:
            open_at = getattr(importlib.import_module(PLAYBACK_MODULE), "open_at", None)
            if callable(open_at):
                open_at(moment.utc, list(moment.camera_ids))
        self.video_requested.emit(moment.utc)
        return moment

    def _guard(self, action) -> None:  # noqa: ANN001
        try:
            action()
        except ShopGuardError as exc:
            QMessageBox.warning(self.widget, "ShopGuard", str(exc))


class SalesHistoryWidget(QWidget):
    def __init__(self, db, settings: AppSettings, actions: SaleActions, actor: str = "owner") -> None:  # noqa: ANN001
        super().__init__()
        self.db = db
        self.settings = settings
        self.actions = actions
        self.actor = actor
        self.zone = ZoneInfo(settings.shop.timezone)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = datetime.now(self.zone).date()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.dateChanged.connect(lambda _: self.reload())
        self.summary = QLabel()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(COL_ITEMS, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _: self.actions.show_receipt(self._id(row)))
        self.receipt_button = QPushButton("영수증 Receipt")
        self.reverse_button = QPushButton("환불·취소 Refund / void")
        self.video_button = QPushButton("영상 보기 See video")
        self.receipt_button.clicked.connect(lambda: self._with_selected(self.actions.show_receipt))
        self.reverse_button.clicked.connect(lambda: self._with_selected(self.reverse))
        self.video_button.clicked.connect(lambda: self._with_selected(self.actions.see_video))
        top = QHBoxLayout()
        top.addWidget(QLabel("날짜 Date"))
        top.addWidget(self.date_edit)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        for button in (self.receipt_button, self.reverse_button, self.video_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def day(self) -> date:
        q = self.date_edit.date()
        return date(q.year(), q.month(), q.day())

    def reload(self) -> None:
        start, end = day_bounds(self.day(), self.settings.shop.timezone)
        sales = list_sales(self.db, start, end, with_lines=True)
        statuses = sale_statuses(self.db, [s.id for s in sales])
        self.table.setRowCount(len(sales))
        for row, sale in enumerate(sales):
            items = ", ".join(f"{line.name}×{line.quantity}" for line in sale.lines)
            cells = {
                COL_ID: str(sale.id),
                COL_TIME: sale.ts_utc.astimezone(self.zone).strftime("%H:%M:%S"),
                COL_ITEMS: items,
                COL_TOTAL: f"{sale.total_won:,}",
                COL_METHOD: sale.payment_method.label_ko,
                COL_STATUS: statuses[sale.id].label(sale.total_won),
            }
            for col, text in cells.items():
                item = QTableWidgetItem(text)
                if col in (COL_ID, COL_TOTAL):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.summary.setText(f"  {len(sales)}건 sales · {sum(s.total_won for s in sales):,}원")

    def _id(self, row: int) -> int:
        return int(self.table.item(row, COL_ID).text())

    def _with_selected(self, action) -> None:  # noqa: ANN001
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, "ShopGuard", "판매를 먼저 고르세요 / choose a sale first")
            return
        action(self._id(rows[0].row()))

    def reverse(self, sale_id: int) -> None:
        sale = get_sale(self.db, sale_id)
        if sale is None:
            return
        request = ReverseSaleDialog.ask(self, sale, remaining_quantities(self.db, sale_id))
        if request is None:
            return
        try:
            reverse_sale(
                self.db,
                sale_id,
                request.kind,
                self.actor,
                request.reason,
                request.quantities,
                request.restock,
            )
        except ShopGuardError as exc:
            QMessageBox.warning(self, "ShopGuard", str(exc))
        self.reload()
