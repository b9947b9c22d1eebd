"""PassIssueDialog: the owner fills in a pass after checking the customer's ID in person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shopguard.access.passes import HoursWindow


@dataclass(frozen=True)
class PassRequest:
    name: str
    phone: str
    adult: bool
    valid_from: datetime  # UTC
    valid_until: datetime  # UTC
    hours: HoursWindow | None
    one_time: bool


class PassIssueDialog(QDialog):
    def __init__(self, timezone: str, default_days: int = 30, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo(timezone)
        self.setWindowTitle("출입 패스 발급 Issue a pass")
        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.name.setPlaceholderText("이름 또는 별명 Name or nickname")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("010-0000-0000")
        self.adult = QCheckBox("신분증으로 성인임을 확인했습니다 / ID checked: adult")
        today = datetime.now(self.zone).date()
        self.start = QDateEdit(QDate(today.year, today.month, today.day))
        self.start.setCalendarPopup(True)
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(default_days)
        self.days.setSuffix(" 일 days")
        self.limit_hours = QCheckBox("시간 제한 Limit hours")
        self.hours_from = QTimeEdit(QTime(9, 0))
        self.hours_until = QTimeEdit(QTime(22, 0))
        for edit in (self.hours_from, self.hours_until):
            edit.setDisplayFormat("HH:mm")
            edit.setEnabled(False)
        self.limit_hours.toggled.connect(self.hours_from.setEnabled)
        self.limit_hours.toggled.connect(self.hours_until.setEnabled)
        self.one_time = QCheckBox("1회용 One-time (한 번 입장하면 끝)")
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.limit_hours)
        hours_row.addWidget(self.hours_from)
        hours_row.addWidget(QLabel("~"))
        hours_row.addWidget(self.hours_until)
        form = QFormLayout()
        form.addRow("이름 Name", self.name)
        form.addRow("전화 Phone", self.phone)
        form.addRow("", self.adult)
        form.addRow("시작일 From", self.start)
        form.addRow("기간 Valid for", self.days)
        form.addRow("이용 시간 Hours", hours_row)
        form.addRow("", self.one_time)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        note = QLabel(
            "카드에는 전화번호가 인쇄되지 않습니다 / The phone number is never printed on the card."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("발급 Issue")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def request(self) -> PassRequest:
        day = self.start.date().toPython()
        now = datetime.now(self.zone)
        start = now if day == now.date() else datetime.combine(day, time(0, 0), self.zone)
        hours = None
        if self.limit_hours.isChecked():
            hours = HoursWindow(self.hours_from.time().toPython(), self.hours_until.time().toPython())
        return PassRequest(
            name=self.name.text().strip(),
            phone=self.phone.text().strip(),
            adult=self.adult.isChecked(),
            valid_from=start.astimezone(UTC),
            valid_until=(start + timedelta(days=self.days.value())).astimezone(UTC),
            hours=hours,
            one_time=self.one_time.isChecked(),
        )

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText("이름(또는 별명)을 입력하세요 / Enter a name or nickname")
            return
        if self.limit_hours.isChecked() and self.hours_from.time() == self.hours_until.time():
            self.error.setText("시작과 끝 시간이 같습니다 / Start and end hours are the same")
            return
        self.accept()

    @classmethod
    def ask(cls, timezone: str, default_days: int, parent: QWidget | None = None) -> PassRequest | None:
        dialog = cls(timezone, default_days, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()
