"""EntryLogView: every verdict at the door (granted or why not) with its snapshot; CSV export
(audited). Also registers the door screen's screenshots ('door', 'door-denied')."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopguard.access.entry_log import EntryLog, EntryRecord
from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.security.permissions import Permission, require
from shopguard.security.session import current_user
from shopguard.ui.pages import PageSpec
from shopguard.ui.table_models.rows import Index, RowsTableModel

COL_TIME, COL_RESULT, COL_REASON, COL_PASS, COL_NAME, COL_CAMERA = range(6)
HEADERS = ("시각 Time", "결과 Result", "사유 Reason", "패스 Pass", "이름 Name", "카메라 Camera")
REFRESH_MS = 5000
SNAPSHOT_WIDTH_PX = 360
ROWS_SHOWN = 1000


class EntryLogTableModel(RowsTableModel):
    HEADERS = HEADERS

    def __init__(self, timezone: str = "Asia/Seoul") -> None:
        super().__init__()
        self.zone = ZoneInfo(timezone)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        record: EntryRecord | None = self.row_at(index)
        if record is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_RESULT:
            return QBrush(QColor("#1b5e20" if record.granted else "#b00020"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_TIME:
            return f"{record.at.astimezone(self.zone):%Y-%m-%d %H:%M:%S}"
        if column == COL_RESULT:
            return "입장 Granted" if record.granted else "거부 Denied"
        if column == COL_REASON:
            return "" if record.granted else record.message_ko
        if column == COL_PASS:
            return "" if record.pass_id is None else str(record.pass_id)
        if column == COL_NAME:
            return record.name
        if column == COL_CAMERA:
            return record.camera
        return None


class EntryLogView(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.log = EntryLog(context.db)
        self.model = EntryLogTableModel(context.settings.shop.timezone)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._show_snapshot)
        self.snapshot = QLabel("스냅샷 Snapshot")
        self.snapshot.setFixedWidth(SNAPSHOT_WIDTH_PX)
        self.snapshot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        export = QPushButton("CSV로 내보내기 Export CSV…")
        export.clicked.connect(self.export_csv)
        refresh = QPushButton("새로고침 Refresh")
        refresh.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(refresh)
        buttons.addWidget(export)
        buttons.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(self.snapshot)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(body)
        layout.addWidget(self.message)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt override)
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt override)
        self._timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        selected = self._selected()
        self.model.set_rows(self.log.list(limit=ROWS_SHOWN))
        if selected is not None:
            for row, record in enumerate(self.model.rows):
                if record.id == selected.id:
                    self.table.selectRow(row)
        granted = sum(r.granted for r in self.model.rows)
        self.message.setText(
            f"최근 {len(self.model.rows)}건: 입장 {granted}, 거부 {len(self.model.rows) - granted}"
            f" / latest {len(self.model.rows)}: {granted} granted"
        )

    def _selected(self) -> EntryRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _show_snapshot(self) -> None:
        record = self._selected()
        path = record.snapshot_path if record else None
        pixmap = QPixmap(path) if path and Path(path).exists() else QPixmap()
        if pixmap.isNull():
            self.snapshot.setPixmap(QPixmap())
            self.snapshot.setText("스냅샷 없음 No snapshot" if record else "스냅샷 Snapshot")
            return
        self.snapshot.setPixmap(
            pixmap.scaledToWidth(SNAPSHOT_WIDTH_PX, Qt.TransformationMode.SmoothTransformation)
        )

    @classmethod
    def ask_path(cls, parent: QWidget, suggested: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            parent, "출입 기록 내보내기 Export entry log", str(suggested), "CSV (*.csv)"
        )
        return Path(path) if path else None

    def export_csv(self) -> None:
        try:
            require(current_user(self.context), Permission.EXPORT)
        except ShopGuardError as exc:
            self.message.setText(str(exc))
            return
        path = self.ask_path(self, self.context.paths.exports / "entry-log.csv")
        if path is None:
            return
        try:
            count = self.log.export_csv(path, self.context.actor, self.context.settings.shop.timezone)
        except ShopGuardError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(f"{count}건을 저장했습니다 / {count} rows saved: {path}")


def _screenshot() -> QWidget:
    from shopguard.ui.views.passes import demo_context

    view = EntryLogView(demo_context())
    view.table.selectRow(0)
    return view


def _door() -> QWidget:
    from shopguard.ui.door_window import demo_window

    return demo_window(granted=True)


def _door_denied() -> QWidget:
    from shopguard.ui.door_window import demo_window

    return demo_window(granted=False)


PAGE = PageSpec("entry_log", "출입 기록", "Entry log", 61, EntryLogView)
SCREENSHOTS = {"entry-log": _screenshot, "door": _door, "door-denied": _door_denied}
