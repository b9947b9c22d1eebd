"""ReceiptDialog: a receipt on screen with print, PDF and thermal-printer buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from shopguard.sales.receipt import Receipt
from shopguard.ui.receipt_print import receipt_image


class ReceiptDialog(QDialog):
    def __init__(
        self,
        receipt: Receipt,
        width_mm: int,
        actions: dict[str, Callable[[], None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(receipt.title)
        layout = QVBoxLayout(self)
        picture = QLabel()
        picture.setPixmap(QPixmap.fromImage(receipt_image(receipt, width_mm)))
        scroll = QScrollArea()
        scroll.setWidget(picture)
        scroll.setMinimumSize(picture.pixmap().width() + 30, 480)
        layout.addWidget(scroll)
        row = QHBoxLayout()
        for label, action in actions.items():
            button = QPushButton(label)
            button.clicked.connect(action)
            row.addWidget(button)
        close = QPushButton("닫기 Close")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
