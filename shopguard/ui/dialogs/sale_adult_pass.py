"""AdultPassDialog: scan (or type) an adult QR pass before age-restricted goods are sold at night."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class AdultPassDialog(QDialog):
    def __init__(self, verify: Callable[[str], tuple[bool, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verify = verify
        self.setWindowTitle("성인 인증 Adult pass")
        layout = QVBoxLayout(self)
        hint = QLabel(
            "주류·담배는 이 시간에 성인 출입증 확인이 필요합니다.\n"
            "출입증 QR을 스캐너에 대 주세요.\n"
            "Alcohol and tobacco at this hour need an adult pass: scan its QR code."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.field = QLineEdit()
        self.field.setPlaceholderText("QR")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)  # a pass is a secret; don't show it
        self.field.returnPressed.connect(self.check)
        layout.addWidget(self.field)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def check(self) -> None:
        ok, message = self.verify(self.field.text())
        self.field.clear()
        self.result.setText(message)
        self.result.setStyleSheet(f"color: {'#1e8e3e' if ok else '#c5221f'}; font-weight: bold")
        if ok:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, verify: Callable[[str], tuple[bool, str]]) -> bool:
        return cls(verify, parent).exec() == QDialog.DialogCode.Accepted
