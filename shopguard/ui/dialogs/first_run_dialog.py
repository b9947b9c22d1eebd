"""FirstRunDialog: at the very first start, make the owner's account (6-digit PIN or a password)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.security.accounts import Accounts
from shopguard.security.passwords import SecretKind
from shopguard.storage.users import User
from shopguard.ui.dialogs.login_dialog import ERROR_STYLE, centred, panel, pin_validator

DEFAULT_OWNER_NAME = "사장님"


class FirstRunDialog(QDialog):
    def __init__(self, accounts: Accounts) -> None:
        super().__init__()
        self.accounts = accounts
        self.user: User | None = None
        self.setWindowTitle("ShopGuard — 처음 시작 / First start")
        card, layout = panel(
            "점주 계정 만들기",
            "처음 시작합니다. 영상과 기록은 이 계정으로만 볼 수 있습니다.\n"
            "First start: create the owner's account; footage and records need it.",
        )
        self.name_edit = QLineEdit(DEFAULT_OWNER_NAME)
        self.pin_radio = QRadioButton("PIN 숫자 6자리 / 6-digit PIN")
        self.password_radio = QRadioButton("비밀번호 8자 이상 / password (8+)")
        self.pin_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.pin_radio)
        group.addButton(self.password_radio)
        kinds = QVBoxLayout()
        kinds.addWidget(self.pin_radio)
        kinds.addWidget(self.password_radio)
        self.secret_edit = QLineEdit()
        self.confirm_edit = QLineEdit()
        for edit in (self.secret_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setStyleSheet("font-size: 16pt;")
        form = QFormLayout()
        form.addRow("이름 / Name", self.name_edit)
        form.addRow("방식 / Kind", kinds)
        form.addRow("PIN / 비밀번호", self.secret_edit)
        form.addRow("한 번 더 / Again", self.confirm_edit)
        layout.addLayout(form)
        hint = QLabel("잊어버리면 되찾을 수 없습니다. 안전한 곳에 적어 두세요. / It cannot be recovered.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.quit_button = QPushButton("종료 / Quit")
        self.create_button = QPushButton("만들기 / Create")
        self.create_button.setDefault(True)
        self.create_button.setMinimumHeight(44)
        self.create_button.setStyleSheet("font-size: 14pt; font-weight: bold;")
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        centred(self, card)
        self.quit_button.clicked.connect(self.reject)
        self.create_button.clicked.connect(self.create)
        self.pin_radio.toggled.connect(self._kind_changed)
        self._kind_changed()

    @classmethod
    def ask(cls, context: AppContext) -> User | None:
        dialog = cls(Accounts(context.db))
        return dialog.user if dialog.exec() == QDialog.DialogCode.Accepted else None

    def kind(self) -> SecretKind:
        return SecretKind.PIN if self.pin_radio.isChecked() else SecretKind.PASSWORD

    def _kind_changed(self) -> None:
        is_pin = self.kind() == SecretKind.PIN
        for edit in (self.secret_edit, self.confirm_edit):
            edit.clear()
            edit.setMaxLength(6 if is_pin else 128)
            edit.setValidator(pin_validator(self) if is_pin else None)

    def create(self) -> None:
        if self.secret_edit.text() != self.confirm_edit.text():
            self.message.setText("두 번 입력한 값이 다릅니다\nthe two entries differ")
            return
        try:
            self.accounts.create_owner(self.name_edit.text(), self.kind(), self.secret_edit.text())
            self.user = self.accounts.authenticate(self.name_edit.text(), self.secret_edit.text())
        except ShopGuardError as exc:
            self.message.setText(f"{exc.ko}\n{exc.en}")
            return
        self.accept()
