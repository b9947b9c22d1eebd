"""CatalogueWidget: products with price, VAT, stock and the age flag; edit one, import/export CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopguard.errors import ShopGuardError
from shopguard.sales.catalogue import MAX_PRICE_WON, Catalogue
from shopguard.sales.catalogue_csv import CatalogueImportError, export_csv, import_csv
from shopguard.sales.records import Product

COL_BARCODE, COL_NAME, COL_CATEGORY, COL_PRICE, COL_VAT, COL_STOCK, COL_AGE, COL_ACTIVE = range(8)
HEADERS = ("바코드", "상품명 Name", "분류", "가격(VAT 포함)", "부가세", "재고 Stock", "성인", "판매중")
STOCK_LIMIT = 1_000_000


class CatalogueWidget(QWidget):
    def __init__(self, catalogue: Catalogue, exports: Path, actor: str = "owner") -> None:
        super().__init__()
        self.catalogue = catalogue
        self.exports = exports
        self.actor = actor
        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText("찾기 Search")
        self.filter_field.textChanged.connect(lambda _: self.reload())
        self.import_button = QPushButton("CSV 가져오기 Import")
        self.export_button = QPushButton("CSV 내보내기 Export")
        self.import_button.clicked.connect(lambda: self.import_file())
        self.export_button.clicked.connect(lambda: self.export_file())
        top = QHBoxLayout()
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_BARCODE, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.barcode = QLineEdit()
        self.name = QLineEdit()
        self.category = QLineEdit()
        self.price = QSpinBox()
        self.price.setRange(0, MAX_PRICE_WON)
        self.price.setSingleStep(100)
        self.price.setSuffix(" 원")
        self.price.setGroupSeparatorShown(True)
        self.stock = QSpinBox()
        self.stock.setRange(-STOCK_LIMIT, STOCK_LIMIT)
        self.age = QCheckBox("성인 인증 상품 (주류·담배)")
        self.active = QCheckBox("판매중 On sale")
        self.active.setChecked(True)
        self.save_button = QPushButton("저장 Save")
        self.save_button.clicked.connect(self.save_form)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        form = QGridLayout()
        for col, (label, field) in enumerate(
            (
                ("바코드", self.barcode),
                ("상품명", self.name),
                ("분류", self.category),
                ("가격", self.price),
                ("재고", self.stock),
            )
        ):
            form.addWidget(QLabel(label), 0, col)
            form.addWidget(field, 1, col)
        form.addWidget(self.age, 2, 0, 1, 2)
        form.addWidget(self.active, 2, 2)
        form.addWidget(self.save_button, 2, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.status)
        self.reload()

    def reload(self) -> None:
        text = self.filter_field.text().strip()
        products = self.catalogue.all(include_inactive=True)
        if text:
            products = [p for p in products if text in p.name or text in p.barcode or text in p.category]
        self.table.setRowCount(len(products))
        for row, p in enumerate(products):
            cells = (
                p.barcode,
                p.name,
                p.category,
                f"{p.price_won:,}",
                f"{p.vat_won:,}",
                f"{p.stock:,}",
                "19+" if p.age_restricted else "",
                "" if p.active else "중지",
            )
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col in (COL_PRICE, COL_VAT, COL_STOCK):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == COL_STOCK and p.stock <= 0:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, col, item)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        product = self.catalogue.get(self.table.item(rows[0].row(), COL_BARCODE).text())
        if product is None:
            return
        self.barcode.setText(product.barcode)
        self.name.setText(product.name)
        self.category.setText(product.category)
        self.price.setValue(product.price_won)
        self.stock.setValue(product.stock)
        self.age.setChecked(product.age_restricted)
        self.active.setChecked(product.active)

    def save_form(self) -> Product | None:
        product = Product(
            self.barcode.text().strip(),
            self.name.text(),
            self.price.value(),
            self.category.text(),
            self.stock.value(),
            self.age.isChecked(),
            self.active.isChecked(),
        )
        try:
            saved = self.catalogue.save(product, self.actor)
        except ShopGuardError as exc:
            self.status.setText(str(exc))
            self.status.setStyleSheet("color:#a50e0e")
            return None
        self.status.setText(f"저장됨 saved: {saved.name} {saved.price_won:,}원 (부가세 {saved.vat_won:,}원)")
        self.status.setStyleSheet("color:#137333")
        self.reload()
        return saved

    def import_file(self, path: Path | None = None) -> None:
        path = path or self._ask_open()
        if path is None:
            return
        try:
            result = import_csv(self.catalogue, path, self.actor)
        except CatalogueImportError as exc:
            QMessageBox.warning(self, "CSV", "\n".join(exc.problems[:30]))
            return
        except ShopGuardError as exc:
            QMessageBox.warning(self, "CSV", str(exc))
            return
        self.status.setText(f"가져옴 imported: 새 상품 {result.added}, 바뀐 상품 {result.updated}")
        self.reload()

    def export_file(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "상품 CSV", str(self.exports / "products.csv"), "CSV (*.csv)"
            )
            path = Path(chosen) if chosen else None
        if path is not None:
            count = export_csv(self.catalogue, path)
            self.status.setText(f"{count}개 상품을 저장했습니다: {path}")

    def _ask_open(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self, "상품 CSV", str(self.exports), "CSV (*.csv)")
        return Path(chosen) if chosen else None
