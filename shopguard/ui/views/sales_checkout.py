"""CheckoutWidget: ring up a sale in the owner's window. A USB scanner works anywhere on the page; names
or codes can be typed; quantities change in the table; payment is recorded by method. Cart logic and
storage live in shopguard.sales (the kiosk uses the same service)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopguard.errors import ShopGuardError
from shopguard.sales.barcode import is_valid
from shopguard.sales.cart import MAX_QUANTITY, Cart
from shopguard.sales.checkout import CheckoutService, ScanOutcome
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.records import Product, Sale
from shopguard.ui.dialogs.sale_adult_pass import AdultPassDialog
from shopguard.ui.widgets.scanner import ScannerFilter

COL_NAME, COL_PRICE, COL_QTY, COL_AMOUNT, COL_REMOVE = range(5)
HEADERS = ("상품 Item", "단가 Price", "수량 Qty", "금액 Amount", "")
OK_STYLE = "background:#e6f4ea; color:#137333; padding:8px; font-size:16pt; border-radius:6px"
WARN_STYLE = "background:#fef7e0; color:#8a5300; padding:8px; font-size:16pt; border-radius:6px"
BAD_STYLE = "background:#fce8e6; color:#a50e0e; padding:8px; font-size:16pt; border-radius:6px"
SEARCH_RESULTS = 8


class CheckoutWidget(QWidget):
    sale_completed = Signal(object)  # Sale

    def __init__(
        self,
        service: CheckoutService,
        actor: str = "owner",
        scanner_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.service = service
        self.actor = actor
        self.cart = Cart()
        self.scanner = ScannerFilter(self, scanner_clock)
        self.scanner.scanned.connect(self.on_code)

        self.message = QLabel("상품 바코드를 스캔하세요 / Scan a product barcode")
        self.message.setStyleSheet(OK_STYLE)
        self.message.setWordWrap(True)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("상품명·바코드 입력 후 Enter  /  type a name or code, Enter")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self._search)
        self.search_field.returnPressed.connect(self._search_entered)
        self.results = QListWidget()
        self.results.setMaximumHeight(150)
        self.results.hide()
        self.results.itemActivated.connect(self._result_chosen)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in (COL_PRICE, COL_QTY, COL_AMOUNT, COL_REMOVE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(44)

        left = QVBoxLayout()
        left.addWidget(self.message)
        left.addWidget(self.search_field)
        left.addWidget(self.results)
        left.addWidget(self.table, 1)

        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-size:30pt; font-weight:bold")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.detail_label = QLabel()
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.detail_label.setStyleSheet("font-size:12pt; color:#444")
        self.adult_label = QLabel()
        self.adult_label.setWordWrap(True)
        self.adult_button = QPushButton("성인 출입증 확인 Check adult pass")
        self.adult_button.clicked.connect(self.ask_adult_pass)
        self.pay_buttons: dict[PaymentMethod, QPushButton] = {}
        pay_grid = QGridLayout()
        for index, method in enumerate(PaymentMethod):
            button = QPushButton(f"{method.label_ko}\n{method.label_en}")
            button.setMinimumHeight(58)
            button.setStyleSheet("font-size:13pt")
            button.clicked.connect(lambda _=False, m=method: self.pay(m))
            self.pay_buttons[method] = button
            pay_grid.addWidget(button, index // 2, index % 2)
        self.clear_button = QPushButton("전체 비우기 Clear cart")
        self.clear_button.clicked.connect(self.clear)
        self.last_sale_label = QLabel("")
        self.last_sale_label.setWordWrap(True)
        self.receipt_button = QPushButton("영수증 Receipt")
        self.video_button = QPushButton("영상 보기 See video")
        self.last_sale: Sale | None = None
        for button in (self.receipt_button, self.video_button):
            button.setEnabled(False)
        after = QHBoxLayout()
        after.addWidget(self.receipt_button)
        after.addWidget(self.video_button)

        right = QVBoxLayout()
        title = QLabel("합계 (부가세 포함) Total incl. VAT")
        title.setAlignment(Qt.AlignmentFlag.AlignRight)
        right.addWidget(title)
        right.addWidget(self.total_label)
        right.addWidget(self.detail_label)
        right.addWidget(self.adult_label)
        right.addWidget(self.adult_button)
        right.addLayout(pay_grid)
        right.addWidget(self.clear_button)
        right.addStretch(1)
        right.addWidget(self.last_sale_label)
        right.addLayout(after)
        panel = QWidget()
        panel.setLayout(right)
        panel.setFixedWidth(360)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(panel)
        self.refresh()

    # --- input -------------------------------------------------------------------------------
    def on_code(self, code: str) -> None:
        """A scanned (or entered) code: a product, or an adult pass while one is needed."""
        if not is_valid(code) and self.cart.has_age_restricted and not self.cart.adult_check:
            self._check_pass(code)
            return
        result = self.service.scan(self.cart, code)
        style = {ScanOutcome.ADDED: OK_STYLE, ScanOutcome.UNKNOWN: WARN_STYLE}.get(result.outcome, BAD_STYLE)
        self._say(result.message, style)
        if result.outcome is ScanOutcome.UNKNOWN:
            self.search_field.setFocus()
        self.refresh()

    def _search(self, text: str) -> None:
        self.results.clear()
        for product in self.service.search(text)[:SEARCH_RESULTS]:
            item = QListWidgetItem(f"{product.name}   {product.price_won:,}원   ({product.barcode})")
            item.setData(Qt.ItemDataRole.UserRole, product)
            self.results.addItem(item)
        self.results.setVisible(self.results.count() > 0)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _search_entered(self) -> None:
        text = self.search_field.text().strip()
        if not text:
            return
        if self.service.catalogue.get(text) is not None or not self.results.count():
            self.on_code(text)
        else:
            self._add(self.results.currentItem().data(Qt.ItemDataRole.UserRole))
        self.search_field.clear()

    def _result_chosen(self, item: QListWidgetItem) -> None:
        self._add(item.data(Qt.ItemDataRole.UserRole))
        self.search_field.clear()

    def _add(self, product: Product) -> None:
        try:
            self.service.add_product(self.cart, product)
        except ShopGuardError as exc:
            self._say(str(exc), BAD_STYLE)
            return
        self._say(f"{product.name} {product.price_won:,}원", OK_STYLE)
        self.refresh()

    # --- cart table ----------------------------------------------------------------------------
    def refresh(self) -> None:
        # Old cell widgets are only deleted later: hide them now so none shows over the new rows.
        for row in range(self.table.rowCount()):
            for col in (COL_QTY, COL_REMOVE):
                old = self.table.cellWidget(row, col)
                if old is not None:
                    old.hide()
                    self.table.removeCellWidget(row, col)
        self.table.setRowCount(len(self.cart.lines))
        for row, line in enumerate(self.cart.lines):
            name = line.product.name + ("  (19+)" if line.product.age_restricted else "")
            self.table.setItem(row, COL_NAME, QTableWidgetItem(name))
            self.table.setItem(row, COL_PRICE, self._number(line.product.price_won))
            self.table.setItem(row, COL_AMOUNT, self._number(line.amount_won))
            spin = QSpinBox()
            spin.setRange(1, MAX_QUANTITY)
            spin.setValue(line.quantity)
            spin.setAccessibleName(f"quantity {line.product.barcode}")
            spin.valueChanged.connect(lambda value, code=line.product.barcode: self.set_quantity(code, value))
            self.table.setCellWidget(row, COL_QTY, spin)
            remove = QPushButton("삭제 Remove")
            remove.setAccessibleName(f"remove {line.product.barcode}")
            remove.clicked.connect(lambda _=False, code=line.product.barcode: self.remove(code))
            self.table.setCellWidget(row, COL_REMOVE, remove)
        self._totals()

    @staticmethod
    def _number(value: int) -> QTableWidgetItem:
        item = QTableWidgetItem(f"{value:,}")
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _totals(self) -> None:
        cart = self.cart
        self.total_label.setText(f"{cart.total_won:,}원")
        self.detail_label.setText(
            f"공급가액 {cart.supply_won:,}원 · 부가세 {cart.vat_won:,}원\n{cart.item_count}개 품목 items"
        )
        needs = self.service.needs_adult_pass(cart)
        self.adult_label.setVisible(cart.has_age_restricted)
        self.adult_button.setVisible(needs)
        if cart.adult_check:
            self.adult_label.setText("성인 인증 완료 / adult pass checked")
        elif needs:
            self.adult_label.setText(
                "(19+) 주류·담배: 성인 출입증을 스캔해야 결제됩니다 / scan an adult pass"
            )
        else:
            self.adult_label.setText(
                "(19+) 연령 제한 상품 (지금은 인증 불필요) / age-restricted, no pass needed now"
            )
        for button in self.pay_buttons.values():
            button.setEnabled(bool(cart.lines))

    def set_quantity(self, barcode: str, quantity: int) -> None:
        self.cart.set_quantity(barcode, quantity)
        for row, line in enumerate(self.cart.lines):
            self.table.setItem(row, COL_AMOUNT, self._number(line.amount_won))
        self._totals()

    def remove(self, barcode: str) -> None:
        self.cart.remove(barcode)
        self._say("한 줄을 뺐습니다 / line removed", OK_STYLE)
        self.refresh()

    def clear(self) -> None:
        self.cart.clear()
        self.refresh()

    # --- adult pass and payment ----------------------------------------------------------------
    def _check_pass(self, qr_text: str) -> bool:
        ok, message = self.service.verify_adult_pass(self.cart, qr_text)
        self._say(message, OK_STYLE if ok else BAD_STYLE)
        self._totals()
        return ok

    def ask_adult_pass(self) -> bool:
        AdultPassDialog.ask(self, lambda text: self.service.verify_adult_pass(self.cart, text))
        self._totals()
        return bool(self.cart.adult_check)

    def pay(self, method: PaymentMethod) -> Sale | None:
        if self.service.needs_adult_pass(self.cart) and not self.ask_adult_pass():
            self._say("성인 인증 없이 주류·담배를 팔 수 없습니다 / adult pass needed", BAD_STYLE)
            return None
        try:
            sale = self.service.complete(self.cart, method, self.actor)
        except ShopGuardError as exc:
            self._say(str(exc), BAD_STYLE)
            return None
        self.last_sale = sale
        self.last_sale_label.setText(
            f"판매 #{sale.id} 완료: {sale.total_won:,}원 {sale.payment_method.label_ko}\n"
            f"Sale #{sale.id} recorded"
        )
        self.receipt_button.setEnabled(True)
        self.video_button.setEnabled(True)
        self._say(f"결제 기록됨 #{sale.id} / payment recorded", OK_STYLE)
        self.refresh()
        self.sale_completed.emit(sale)
        return sale

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
