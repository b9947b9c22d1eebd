"""AuditView: the access ledger (열람 기록) by month, its integrity, the monthly review checkbox and
CSV export. Owner-only: a user without VIEW_AUDIT sees a plain notice instead."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.security.audit_csv import export_ledger
from shopguard.security.permissions import Permission, allowed, require
from shopguard.security.session import current_user
from shopguard.storage.audit import (
    AuditEntry,
    action_label_ko,
    get_review,
    list_audit,
    months_with_rows,
    record_review,
    verify_chain,
)
from shopguard.ui.pages import PageSpec
from shopguard.ui.table_models.rows import Index, RowsTableModel

COL_TIME, COL_ACTOR, COL_ACTION, COL_TARGET, COL_DETAIL = range(5)
HEADERS = ("시각 Time", "누가 Who", "무엇을 Action", "대상 Target", "내용 Detail")
FAILED_ACTIONS = ("login.failed", "login.locked")
OK_STYLE = "color: #1b5e20; font-weight: bold;"
BAD_STYLE = "color: #b00020; font-weight: bold;"


def detail_text(detail: dict) -> str:
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in sorted(detail.items()))


class AuditTableModel(RowsTableModel):
    HEADERS = HEADERS

    def __init__(self, timezone: str = "Asia/Seoul") -> None:
        super().__init__()
        self.zone = ZoneInfo(timezone)

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.set_rows(list(reversed(entries)))  # newest first

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        entry: AuditEntry | None = self.row_at(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TIME:
                return entry.local_time(self.zone.key).strftime("%Y-%m-%d %H:%M:%S %z")
            if column == COL_ACTOR:
                return entry.actor
            if column == COL_ACTION:
                label = action_label_ko(entry.action)
                return label if label == entry.action else f"{label} ({entry.action})"
            if column == COL_TARGET:
                return entry.target
            if column == COL_DETAIL:
                return detail_text(entry.detail)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DETAIL:
            return json.dumps(entry.detail, ensure_ascii=False, indent=1)
        if role == Qt.ItemDataRole.BackgroundRole and entry.action in FAILED_ACTIONS:
            return QBrush(QColor(255, 235, 238))
        return None


class AuditView(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.timezone = context.settings.shop.timezone
        self.user = current_user(context)
        layout = QVBoxLayout(self)
        title = QLabel("열람 기록 (개인영상정보 접근 대장) / Access ledger")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        self.denied = QLabel("")
        self.denied.setWordWrap(True)
        if not allowed(self.user, Permission.VIEW_AUDIT):
            self.denied.setText(
                "열람 기록은 점주만 볼 수 있습니다 / only the owner may see the access ledger"
            )
            layout.addWidget(self.denied)
            layout.addStretch(1)
            self.model = AuditTableModel(self.timezone)
            return
        bar = QHBoxLayout()
        self.month_box = QComboBox()
        self.month_box.setMinimumWidth(120)
        self.chain_label = QLabel("")
        self.review_box = QCheckBox("이 달의 기록을 점검했습니다 / I reviewed this month")
        self.export_button = QPushButton("CSV 내보내기 / Export CSV")
        self.refresh_button = QPushButton("새로 고침 / Refresh")
        bar.addWidget(QLabel("달 / Month"))
        bar.addWidget(self.month_box)
        bar.addWidget(self.review_box)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        layout.addWidget(self.chain_label)
        self.review_label = QLabel("")
        layout.addWidget(self.review_label)
        self.model = AuditTableModel(self.timezone)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        note = QLabel(
            "기록은 지울 수 없고 1년 이상 보관됩니다. 매달 한 번 점검하세요. / "
            "The ledger cannot be erased and is kept for at least a year; review it monthly."
        )
        note.setStyleSheet("color: #555;")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.export_button.setEnabled(allowed(self.user, Permission.EXPORT))
        self.month_box.currentIndexChanged.connect(self.show_month)
        self.review_box.clicked.connect(self.mark_reviewed)
        self.export_button.clicked.connect(self.export)
        self.refresh_button.clicked.connect(self.reload)
        self.reload()

    def current_month(self) -> str:
        return str(self.month_box.currentData() or "")

    def reload(self) -> None:
        report = verify_chain(self.context.db)
        if report.ok:
            self.chain_label.setText(
                f"✔ 기록 무결성 정상: 전체 {report.rows}행 / ledger intact ({report.rows} rows)"
            )
            self.chain_label.setStyleSheet(OK_STYLE)
        else:
            self.chain_label.setText(
                f"✖ 기록 변조 감지: {report.first_bad_id}번 행 / ledger tampered at row "
                f"{report.first_bad_id}: {report.reason}"
            )
            self.chain_label.setStyleSheet(BAD_STYLE)
        keep = self.current_month()
        now_month = datetime.now(ZoneInfo(self.timezone)).strftime("%Y-%m")
        months = months_with_rows(self.context.db, self.timezone) or [now_month]
        self.month_box.blockSignals(True)
        self.month_box.clear()
        for month in months:
            self.month_box.addItem(month, month)
        if keep in months:
            self.month_box.setCurrentIndex(months.index(keep))
        self.month_box.blockSignals(False)
        self.show_month()

    def show_month(self) -> None:
        month = self.current_month()
        self.model.set_entries(list_audit(self.context.db, month=month, timezone=self.timezone))
        review = get_review(self.context.db, month)
        self.review_box.setChecked(review is not None)
        self.review_box.setEnabled(review is None and allowed(self.user, Permission.REVIEW_AUDIT))
        if review is not None:
            when = datetime.fromisoformat(review.reviewed_utc).astimezone(ZoneInfo(self.timezone))
            self.review_label.setText(
                f"{month} 점검 완료: {review.reviewer}, {when:%Y-%m-%d %H:%M %z} ({review.rows_in_month}행)"
                f" / reviewed by {review.reviewer}"
            )
        else:
            self.review_label.setText(f"{month}: 아직 점검하지 않았습니다 / not reviewed yet")

    def mark_reviewed(self) -> None:
        month = self.current_month()
        try:
            require(self.user, Permission.REVIEW_AUDIT)
            assert self.user is not None
            record_review(self.context.db, month, self.user.name, self.timezone)
        except ShopGuardError as exc:
            self.message.setText(str(exc))
            self.review_box.setChecked(False)
            return
        self.message.setText(f"{month} 점검을 기록했습니다 / review of {month} recorded")
        self.reload()

    def ask_export_path(self, suggested: Path) -> Path | None:
        """Where to write the CSV (tests replace this)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self, "CSV 내보내기 / Export CSV", str(suggested), "CSV (*.csv)"
        )
        return Path(chosen) if chosen else None

    def export(self) -> None:
        month = self.current_month()
        try:
            require(self.user, Permission.EXPORT)
            assert self.user is not None
            out = self.ask_export_path(self.context.paths.exports / f"access-ledger-{month}.csv")
            if out is None:
                return
            count = export_ledger(self.context.db, self.user.name, out, self.timezone, month)
        except ShopGuardError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(f"{count}행을 저장했습니다 / wrote {count} rows: {out}")
        self.reload()


def _page(context: AppContext) -> QWidget:
    return AuditView(context)


def demo_context() -> AppContext:
    """An in-memory shop with a month and a half of ledger rows (screenshots, docs)."""
    from shopguard.config.settings import AppSettings
    from shopguard.paths import DataPaths, data_dir
    from shopguard.security.accounts import Accounts
    from shopguard.security.passwords import ScryptCost, SecretKind
    from shopguard.security.permissions import Role
    from shopguard.security.session import set_current_user
    from shopguard.storage.audit import record_audit
    from shopguard.storage.database import open_database

    db = open_database(Path(":memory:"))
    settings = AppSettings()
    context = AppContext(DataPaths(data_dir()), settings, db)
    start = datetime.now(UTC) - timedelta(days=5)
    accounts = Accounts(db, clock=lambda: start, cost=ScryptCost(n=2**10))
    owner = accounts.create_owner("사장님", SecretKind.PIN, "482916")
    accounts.add_user(owner, "알바 김", Role.STAFF, SecretKind.PIN, "135790")
    moments = [start + timedelta(hours=h) for h in range(1, 30, 3)]
    rows = [
        ("사장님", "login.ok", "", {"role": "owner"}),
        ("사장님", "footage.view", "cam1", {"from": "09:00", "to": "09:30"}),
        ("사장님", "clip.play", "event:12", {"camera": "cam1"}),
        ("알바 김", "login.failed", "", {"reason": "wrong secret", "failures": 1}),
        ("알바 김", "login.ok", "", {"role": "staff"}),
        ("알바 김", "pass.issue", "pass:0007", {"valid_until": "2025-04-01"}),
        ("사장님", "export", "incident-0012.zip", {"reason": "경찰 요청 police request"}),
        ("사장님", "settings.change", "recording.retention_days", {"from": 30, "to": 14}),
        ("사장님", "delete", "event:3", {"reason": "오탐 false alarm"}),
    ]
    for moment, (actor, action, target, detail) in zip(moments, rows, strict=False):
        record_audit(db, actor, action, target, detail, now=moment)
    set_current_user(context, owner)
    return context


def _screenshot() -> QWidget:
    return AuditView(demo_context())


def _login_screenshot() -> QWidget:
    from shopguard.security.accounts import Accounts
    from shopguard.ui.dialogs.login_dialog import LoginDialog

    context = demo_context()
    accounts = Accounts(context.db)
    dialog = LoginDialog(accounts, context.settings.shop.name)
    dialog.name_box.setCurrentIndex(1)
    dialog.secret_edit.setText("000000")
    dialog.try_login()  # a wrong PIN: the dialog shows its message
    return dialog


def _first_run_screenshot() -> QWidget:
    from shopguard.security.accounts import Accounts
    from shopguard.storage.database import open_database
    from shopguard.ui.dialogs.first_run_dialog import FirstRunDialog

    return FirstRunDialog(Accounts(open_database(Path(":memory:"))))


PAGE = PageSpec("audit", "열람 기록", "Access ledger", 80, _page)
SCREENSHOTS = {"audit": _screenshot, "login": _login_screenshot, "first_run": _first_run_screenshot}
