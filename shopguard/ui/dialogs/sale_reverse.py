"""ReverseSaleDialog: refund some lines or void a whole sale, with a reason. Tests patch `ask`."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopguard.sales.records import ReversalKind, Sale

COMMON_REASONS = ("단순 변심", "상품 불량·파손", "잘못 찍음", "유통기한 지남", "결제 오류")


@dataclass(frozen=True)
class ReverseRequest:
    kind: ReversalKind
    quantities: dict[int, int]  # sale line id → how many (all that is left for a void)
    reason: str
    restock: bool


class ReverseSaleDialog(QDialog):
    def __init__(self, sale: Sale, remaining: dict[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"환불·취소 Refund / void — #{sale.id}")
        self.remaining = remaining
        layout = QVBoxLayout(self)
        self.refund_radio = QRadioButton("환불 (고른 상품만) Refund chosen items")
        self.void_radio = QRadioButton("판매 취소 (전체) Void the whole sale")
        self.refund_radio.setChecked(True)
        layout.addWidget(self.refund_radio)
        layout.addWidget(self.void_radio)
        form = QFormLayout()
        self.spins: dict[int, QSpinBox] = {}
        for line in sale.lines:
            spin = QSpinBox()
            spin.setRange(0, remaining.get(line.id, 0))
            spin.setSuffix(f" / {remaining.get(line.id, 0)}")
            self.spins[line.id] = spin
            form.addRow(QLabel(f"{line.name} ({line.unit_price_won:,}원)"), spin)
        layout.addLayout(form)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(COMMON_REASONS)
        self.reason.setCurrentText("")
        self.reason.lineEdit().setPlaceholderText("사유 (필수) Reason (required)")
        layout.addWidget(self.reason)
        self.restock = QCheckBox("재고로 되돌리기 Put back in stock")
        self.restock.setChecked(True)
        layout.addWidget(self.restock)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.void_radio.toggled.connect(self._update)
        self.reason.currentTextChanged.connect(self._update)
        for spin in self.spins.values():
            spin.valueChanged.connect(self._update)
        self._update()

    def request(self) -> ReverseRequest:
        void = self.void_radio.isChecked()
        quantities = (
            {i: q for i, q in self.remaining.items() if q > 0}
            if void
            else {i: s.value() for i, s in self.spins.items() if s.value() > 0}
        )
        return ReverseRequest(
            ReversalKind.VOID if void else ReversalKind.REFUND,
            quantities,
            self.reason.currentText().strip(),
            self.restock.isChecked(),
        )

    def _update(self) -> None:
        for spin in self.spins.values():
            spin.setEnabled(not self.void_radio.isChecked())
        request = self.request()
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setEnabled(bool(request.reason) and bool(request.quantities))

    @classmethod
    def ask(cls, parent: QWidget | None, sale: Sale, remaining: dict[int, int]) -> ReverseRequest | None:
        dialog = cls(sale, remaining, parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
