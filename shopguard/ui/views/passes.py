"""PassesView: the owner's list of QR entry passes — issue (with ID checked), show/print the card,
revoke. Phone numbers are shown masked. Asks the pass repository; never runs SQL itself."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopguard.access.card import make_card
from shopguard.access.keys import load_or_create_key
from shopguard.access.passes import STATUS_TEXT, EntryPass, PassRepository
from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.security.permissions import Permission, require
from shopguard.security.session import current_user
from shopguard.ui.pages import PageSpec
from shopguard.ui.table_models.rows import Index, RowsTableModel

COL_ID, COL_NAME, COL_PHONE, COL_ADULT, COL_VALID, COL_HOURS, COL_USES, COL_STATUS = range(8)
HEADERS = (
    "번호 No.",
    "이름 Name",
    "전화 Phone",
    "성인 Adult",
    "기간 Valid",
    "시간 Hours",
    "사용 Uses",
    "상태 Status",
)
STATUS_COLOURS = {"active": "#1b5e20", "revoked": "#b00020", "expired": "#5f6368", "used": "#5f6368"}


class PassTableModel(RowsTableModel):
    HEADERS = HEADERS

    def __init__(self, timezone: str = "Asia/Seoul") -> None:
        super().__init__()
        self.zone = ZoneInfo(timezone)
        self.now = datetime.now(UTC)

    def set_passes(self, passes: list[EntryPass], now: datetime) -> None:
        self.now = now  # statuses are judged at this moment
        self.set_rows(passes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        entry: EntryPass | None = self.row_at(index)
        if entry is None:
            return None
        column = index.column()
        status = entry.status(self.now)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return QBrush(QColor(STATUS_COLOURS.get(status, "#202124")))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_ID:
            return str(entry.id)
        if column == COL_NAME:
            return entry.name
        if column == COL_PHONE:
            return entry.phone_masked
        if column == COL_ADULT:
            return "성인" if entry.adult else "일반"
        if column == COL_VALID:
            start, end = entry.valid_from.astimezone(self.zone), entry.valid_until.astimezone(self.zone)
            return f"{start:%Y-%m-%d} ~ {end:%Y-%m-%d %H:%M}"
        if column == COL_HOURS:
            return str(entry.hours) if entry.hours else "항상 any"
        if column == COL_USES:
            return f"{entry.uses} / 1" if entry.one_time else f"{entry.uses} / ∞"
        if column == COL_STATUS:
            ko, en = STATUS_TEXT[status]
            return f"{ko} {en}"
        return None


class PassesView(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.repo = PassRepository(context.db)
        self.model = PassTableModel(context.settings.shop.timezone)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.show_card())
        self.active_only = QCheckBox("사용 가능한 패스만 Active only")
        self.active_only.toggled.connect(self.refresh)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for label, handler in (
            ("새 패스 발급 Issue pass…", self.issue),
            ("카드 보기·인쇄 Card / print…", self.show_card),
            ("사용 중지 Revoke…", self.revoke),
        ):
            button = QPushButton(label)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.active_only)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        now = datetime.now(UTC)
        self.model.set_passes(self.repo.list(include_inactive=not self.active_only.isChecked(), now=now), now)

    def selected(self) -> EntryPass | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _require(self, permission: Permission) -> bool:
        try:
            require(current_user(self.context), permission)
        except ShopGuardError as exc:
            self.message.setText(str(exc))
            return False
        return True

    def issue(self) -> None:
        from shopguard.ui.dialogs.pass_issue import PassIssueDialog

        if not self._require(Permission.ISSUE_PASS):
            return
        request = PassIssueDialog.ask(
            self.context.settings.shop.timezone, self.context.settings.access.default_days, self
        )
        if request is None:
            return
        try:
            entry = self.repo.issue(
                self.context.actor,
                request.name,
                request.adult,
                request.valid_from,
                request.valid_until,
                phone=request.phone,
                hours=request.hours,
                one_time=request.one_time,
            )
        except ShopGuardError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        self.message.setText(f"패스 {entry.id}번을 발급했습니다 / pass {entry.id} issued")
        self.show_card(entry)

    def show_card(self, entry: EntryPass | None = None) -> None:
        from shopguard.ui.dialogs.pass_print import PassCardDialog

        entry = entry or self.selected()
        if entry is None:
            self.message.setText("패스를 먼저 고르세요 / Select a pass first")
            return
        settings = self.context.settings
        try:
            card = make_card(
                entry, load_or_create_key(self.context.paths.root), settings.shop.name, settings.shop.timezone
            )
        except ShopGuardError as exc:
            self.message.setText(str(exc))
            return
        PassCardDialog(card, self).exec()

    @classmethod
    def ask_revoke_reason(cls, parent: QWidget, entry: EntryPass) -> str | None:
        reason, ok = QInputDialog.getText(
            parent,
            "패스 사용 중지 Revoke pass",
            f"{entry.id}번 {entry.name} 패스를 중지합니다. 사유 (예: 분실) / Reason (e.g. lost):",
        )
        return reason if ok else None

    def revoke(self) -> None:
        entry = self.selected()
        if entry is None:
            self.message.setText("패스를 먼저 고르세요 / Select a pass first")
            return
        if not self._require(Permission.REVOKE_PASS):
            return
        reason = self.ask_revoke_reason(self, entry)
        if reason is None:
            return
        self.repo.revoke(entry.id, self.context.actor, reason)
        self.refresh()
        self.message.setText(f"패스 {entry.id}번을 중지했습니다 / pass {entry.id} revoked")


def demo_context() -> AppContext:
    """A throw-away data dir with a few passes and door entries (screenshots)."""
    import tempfile
    from datetime import timedelta

    from shopguard.access.entry_log import EntryLog
    from shopguard.access.passes import HoursWindow
    from shopguard.access.verdict import Reason, Verdict
    from shopguard.config.settings import AppSettings
    from shopguard.paths import DataPaths
    from shopguard.storage.database import open_database

    paths = DataPaths(Path(tempfile.mkdtemp(prefix="shopguard-demo-"))).ensure()
    db = open_database(paths.database)
    context = AppContext(paths, AppSettings(), db)
    repo = PassRepository(db)
    now = datetime.now(UTC)
    day = timedelta(days=1)
    demo = [
        ("김민수", "010-1234-5678", True, now - 3 * day, now + 27 * day, None, False),
        (
            "이영희",
            "010-9876-5432",
            True,
            now - 10 * day,
            now + 20 * day,
            HoursWindow.parse("22:00-06:00"),
            False,
        ),
        (
            "학생 박",
            "010-5555-0101",
            False,
            now - day,
            now + 29 * day,
            HoursWindow.parse("09:00-21:00"),
            False,
        ),
        ("택배 기사", "", True, now - 2 * day, now + 5 * day, None, True),
        ("최수진", "010-2468-1357", False, now - 40 * day, now - 10 * day, None, False),
    ]
    for name, phone, adult, start, end, hours, once in demo:
        repo.issue("사장님", name, adult, start, end, phone=phone, hours=hours, one_time=once)
    repo.revoke(2, "사장님", "분실 lost card")
    log = EntryLog(db)
    snapshot = _demo_snapshot(paths.snapshots / "door" / "demo.jpg")
    for minutes, verdict in (
        (180, Verdict(True, Reason.OK, 1, "김민수")),
        (150, Verdict.deny(Reason.ADULTS_ONLY, 3, "학생 박")),
        (95, Verdict(True, Reason.OK, 4, "택배 기사")),
        (60, Verdict.deny(Reason.REVOKED, 2, "이영희")),
        (30, Verdict.deny(Reason.PASSBACK, 1, "김민수")),
        (12, Verdict.deny(Reason.FORGED)),
        (5, Verdict(True, Reason.OK, 1, "김민수")),
    ):
        moment = now - timedelta(minutes=minutes)
        if verdict.granted and verdict.pass_id is not None:
            repo.record_use(verdict.pass_id, moment, 0)
        log.record(verdict, moment, "door:0", snapshot)
    return context


def _demo_snapshot(path: Path) -> str | None:
    """A frame of the bundled demo clip standing in for a door-camera snapshot."""
    from shopguard.paths import resource_path
    from shopguard.vision.cv import cv2

    capture = cv2.VideoCapture(str(resource_path("assets", "demo", "one-by-one-person-detection.mp4")))
    ok, image = capture.read()
    capture.release()
    if not ok:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), image)
    return str(path)


def _screenshot() -> QWidget:
    return PassesView(demo_context())


PAGE = PageSpec("passes", "출입 패스", "Passes", 60, PassesView)
SCREENSHOTS = {"passes": _screenshot}
