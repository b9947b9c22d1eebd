"""LoginDialog: who is at the owner's window (name + PIN or password), with the lockout countdown.
`LoginDialog.ask(context)` makes the owner's account first when there is none (FirstRunDialog)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from shopguard.context import AppContext
from shopguard.security.accounts import AccountLocked, Accounts, LoginFailed
from shopguard.security.passwords import SecretKind
from shopguard.security.session import set_current_user
from shopguard.storage.users import User

ERROR_STYLE = "color: #b00020; font-size: 12pt;"
COUNTDOWN_MS = 1000


def pin_validator(parent: QObject) -> QRegularExpressionValidator:
    return QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,6}"), parent)


def panel(title: str, subtitle: str) -> tuple[QFrame, QVBoxLayout]:
    """A centred card of fixed width, so the dialog looks the same at any window size."""
    card = QFrame()
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setMaximumWidth(520)
    card.setMinimumWidth(420)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(28, 24, 28, 24)
    layout.setSpacing(12)
    heading = QLabel(title)
    heading.setStyleSheet("font-size: 20pt; font-weight: bold;")
    heading.setWordWrap(True)
    layout.addWidget(heading)
    sub = QLabel(subtitle)
    sub.setWordWrap(True)
    sub.setStyleSheet("color: #555; font-size: 11pt;")
    layout.addWidget(sub)
    return card, layout


def centred(dialog: QDialog, card: QFrame) -> None:
    outer = QHBoxLayout(dialog)
    outer.addStretch(1)
    column = QVBoxLayout()
    column.addStretch(1)
    column.addWidget(card)
    column.addStretch(1)
    outer.addLayout(column)
    outer.addStretch(1)
    # Wrapped labels make Qt's minimum height too small; on a real screen the dialog opened at that
    # minimum and squeezed the PIN/password choice to half its height. Never smaller than it asks.
    dialog.setMinimumSize(dialog.sizeHint())


class LoginDialog(QDialog):
    def __init__(self, accounts: Accounts, shop_name: str = "") -> None:
        super().__init__()
        self.accounts = accounts
        self.user: User | None = None
        self.setWindowTitle("ShopGuard — 로그인 / Log in")
        card, layout = panel(
            "ShopGuard 로그인",
            f"{shop_name} — 영상과 기록을 보려면 로그인하세요 / log in to see footage and records",
        )
        self.name_box = QComboBox()
        self.name_box.setStyleSheet("font-size: 14pt;")
        for user in accounts.users():
            role = "점주 owner" if user.is_owner else "직원 staff"
            self.name_box.addItem(f"{user.name}  ({role})", user.name)
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setStyleSheet("font-size: 18pt; letter-spacing: 4px;")
        self.secret_label = QLabel()
        form = QFormLayout()
        form.addRow("사용자 / User", self.name_box)
        form.addRow(self.secret_label, self.secret_edit)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.quit_button = QPushButton("종료 / Quit")
        self.login_button = QPushButton("로그인 / Log in")
        self.login_button.setDefault(True)
        self.login_button.setMinimumHeight(44)
        self.login_button.setStyleSheet("font-size: 14pt; font-weight: bold;")
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        layout.addLayout(buttons)
        centred(self, card)
        self.quit_button.clicked.connect(self.reject)
        self.login_button.clicked.connect(self.try_login)
        self.secret_edit.returnPressed.connect(self.try_login)
        self.name_box.currentIndexChanged.connect(self._user_changed)
        self._countdown = QTimer(self)
        self._countdown.setInterval(COUNTDOWN_MS)
        self._countdown.timeout.connect(self._tick)
        self._user_changed()

    @classmethod
    def ask(cls, context: AppContext) -> User | None:
        """Log someone in (or make the owner's account at first start); None when they quit.
        On success the user is stored in the context (`security.session.current_user`)."""
        from shopguard.ui.dialogs.first_run_dialog import FirstRunDialog

        accounts = Accounts(context.db)
        if accounts.needs_owner():
            user = FirstRunDialog.ask(context)
        else:
            dialog = cls(accounts, context.settings.shop.name)
            user = dialog.user if dialog.exec() == QDialog.DialogCode.Accepted else None
        if user is not None:
            set_current_user(context, user)
        return user

    def selected_name(self) -> str:
        return str(self.name_box.currentData() or "")

    def _user_changed(self) -> None:
        user = self.accounts.get(self.selected_name())
        is_pin = user is None or user.secret_kind == SecretKind.PIN
        self.secret_label.setText("PIN (숫자 6자리)" if is_pin else "비밀번호 / Password")
        self.secret_edit.setMaxLength(6 if is_pin else 128)
        self.secret_edit.setValidator(pin_validator(self) if is_pin else None)
        self.secret_edit.clear()
        self.message.clear()
        self._tick()
        self.secret_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_login(self) -> None:
        if not self.login_button.isEnabled():
            return
        try:
            self.user = self.accounts.authenticate(self.selected_name(), self.secret_edit.text())
        except AccountLocked as exc:
            self.message.setText(f"{exc.ko}\n{exc.en}")
            self._tick()
        except LoginFailed as exc:
            self.message.setText(f"{exc.ko}\n{exc.en}")
        else:
            self.accept()
            return
        finally:
            self.secret_edit.clear()

    def _tick(self) -> None:
        """Keep the button off while the account is locked, showing the seconds left."""
        left = self.accounts.lock_remaining_s(self.selected_name())
        locked = left > 0
        self.login_button.setEnabled(not locked)
        self.secret_edit.setEnabled(not locked)
        if locked:
            self.login_button.setText(f"{int(left + 0.999)}초 뒤 / in {int(left + 0.999)} s")
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self.login_button.setText("로그인 / Log in")
            self._countdown.stop()
