"""ZReportWidget: the daily close — totals by payment method, VAT, refunds, count; CSV for the accountant."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
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

from shopguard.errors import ShopGuardError
from shopguard.sales.report import ZReport, build_zreport, close_day, write_zreport_csv

COL_METHOD, COL_SALES_N, COL_SALES, COL_REFUND_N, COL_REFUNDS, COL_NET = range(6)
HEADERS = ("결제수단 Method", "판매 건수", "판매 금액", "환불 건수", "환불 금액", "순매출 Net")


class ZReportWidget(QWidget):
    def __init__(self, db, timezone: str, exports: Path, actor: str = "owner") -> None:  # noqa: ANN001
        super().__init__()
        self.db = db
        self.timezone = timezone
        self.exports = exports
        self.actor = actor
        self.report: ZReport | None = None
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        yesterday = datetime.now(ZoneInfo(timezone)).date() - timedelta(days=1)
        self.set_day(yesterday)
        self.date_edit.dateChanged.connect(lambda _: self.reload())
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("count", "판매 건수 Sales"),
            ("sales", "판매 합계 Gross"),
            ("refunds", "환불·취소 Refunds / voids"),
            ("net", "순매출 Net (VAT incl.)"),
            ("supply", "공급가액 Supply"),
            ("vat", "부가세 VAT"),
            ("closed", "마감 Closed"),
        ):
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            value.setStyleSheet("font-size:15pt" + ("; font-weight:bold" if key == "net" else ""))
            self.values[key] = value
            form.addRow(QLabel(label), value)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.csv_button = QPushButton("CSV 저장 (회계사용) Save CSV")
        self.close_button = QPushButton("마감하기 Close the day")
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.close_button.clicked.connect(self.close_selected_day)
        top = QHBoxLayout()
        top.addWidget(QLabel("영업일 Business day"))
        top.addWidget(self.date_edit)
        top.addStretch(1)
        top.addWidget(self.csv_button)
        top.addWidget(self.close_button)
        summary = QWidget()
        summary.setLayout(form)
        summary.setMaximumWidth(520)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        self.reload()

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def day(self) -> date:
        q = self.date_edit.date()
        return date(q.year(), q.month(), q.day())

    def reload(self) -> None:
        report = build_zreport(self.db, self.day(), self.timezone)
        self.report = report
        v = self.values
        v["count"].setText(f"{report.sale_count}건")
        v["sales"].setText(f"{report.sales_won:,}원")
        v["refunds"].setText(
            f"-{report.refunds_won:,}원 (환불 {report.refund_count} · 취소 {report.void_count})"
        )
        v["net"].setText(f"{report.net_won:,}원")
        v["supply"].setText(f"{report.net_supply_won:,}원")
        v["vat"].setText(f"{report.net_vat_won:,}원")
        if report.closed_utc:
            when = report.closed_utc.astimezone(ZoneInfo(self.timezone)).strftime("%Y-%m-%d %H:%M")
            v["closed"].setText(f"{when} ({report.closed_by})")
        else:
            v["closed"].setText("아직 안 함 not yet")
        self.close_button.setEnabled(report.closed_utc is None)
        self.table.setRowCount(len(report.by_method))
        for row, m in enumerate(report.by_method):
            cells = (m.method.label, m.sale_count, m.sales_won, m.refund_count, m.refunds_won, m.net_won)
            for col, value in enumerate(cells):
                text = f"{value:,}" if isinstance(value, int) else value
                item = QTableWidgetItem(text)
                if col != COL_METHOD:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    def export_csv(self, path: Path | None = None) -> Path | None:
        assert self.report is not None
        path = path or self.ask_csv_path(self.exports / f"z-report-{self.report.business_date}.csv")
        if path is None:
            return None
        return write_zreport_csv(self.report, path)

    def ask_csv_path(self, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, "일마감 CSV", str(suggested), "CSV (*.csv)")
        return Path(chosen) if chosen else None

    def close_selected_day(self) -> None:
        try:
            close_day(self.db, self.day(), self.timezone, self.actor)
        except ShopGuardError as exc:
            QMessageBox.warning(self, "ShopGuard", str(exc))
        self.reload()
