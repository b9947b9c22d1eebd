"""AlertTableModel: the alerts list (newest first) with a thumbnail, time, camera, type and status."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPixmap

from shopguard.services.alert_store import Alert, AlertStatus
from shopguard.ui.i18n import current_language, translated

COL_THUMB, COL_TIME, COL_WHAT, COL_STATUS = range(4)  # COL_WHAT: the alert type over the camera name
HEADERS = (
    QT_TRANSLATE_NOOP("AlertTable", "Picture"),
    QT_TRANSLATE_NOOP("AlertTable", "Time"),
    QT_TRANSLATE_NOOP("AlertTable", "Alert / camera"),
    QT_TRANSLATE_NOOP("AlertTable", "Status"),
)
STATUS_LABELS = {
    AlertStatus.OPEN: QT_TRANSLATE_NOOP("AlertTable", "New"),
    AlertStatus.ACKNOWLEDGED: QT_TRANSLATE_NOOP("AlertTable", "Checked"),
    AlertStatus.DISMISSED: QT_TRANSLATE_NOOP("AlertTable", "Dismissed"),
}
SEVERITY_TINT = {"critical": QColor(229, 57, 53, 70), "warning": QColor(255, 167, 38, 60)}
THUMB_W, THUMB_H = 80, 45

Index = QModelIndex | QPersistentModelIndex


def alert_title(alert_type: str, language: str | None = None) -> str:
    """The rules issue's bilingual title for an event type; the raw type when it is unknown."""
    try:
        from shopguard.domain.events import TITLES, EventType

        ko, en = TITLES[EventType(alert_type)]
    except (ImportError, ValueError, KeyError):
        return alert_type
    return ko if (language or current_language()) == "ko" else en


def local_time(utc_iso: str, zone: ZoneInfo, with_date: bool = True) -> str:
    when = datetime.fromisoformat(utc_iso).astimezone(zone)
    return when.strftime("%m-%d %H:%M:%S" if with_date else "%H:%M:%S")


def offset_label(zone: ZoneInfo) -> str:
    offset = datetime.now(zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


class AlertTableModel(QAbstractTableModel):
    def __init__(self, camera_names: dict[str, str], timezone: str = "Asia/Seoul") -> None:
        super().__init__()
        self.alerts: list[Alert] = []
        self.camera_names = camera_names
        self.zone = ZoneInfo(timezone)
        self._thumbs: dict[str, QPixmap] = {}

    def set_alerts(self, alerts: list[Alert]) -> None:
        self.beginResetModel()
        self.alerts = list(alerts)
        self.endResetModel()

    def replace(self, alert: Alert) -> None:
        for row, old in enumerate(self.alerts):
            if old.id == alert.id:
                self.alerts[row] = alert
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
                return

    def camera_name(self, camera_id: str) -> str:
        return self.camera_names.get(camera_id, camera_id)

    def alert_at(self, row: int) -> Alert | None:
        return self.alerts[row] if 0 <= row < len(self.alerts) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.alerts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == COL_TIME:
            return f"{translated('AlertTable', HEADERS[section])}\n{offset_label(self.zone)}"
        return translated("AlertTable", HEADERS[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        alert = self.alerts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TIME:
                when = datetime.fromisoformat(alert.start_utc).astimezone(self.zone)
                return f"{when:%H:%M:%S}\n{when:%m-%d}"
            if column == COL_WHAT:
                return f"{alert_title(alert.type)}\n{self.camera_name(alert.camera_id)}"
            if column == COL_STATUS:
                return translated("AlertTable", STATUS_LABELS[alert.status])
        if role == Qt.ItemDataRole.DecorationRole and column == COL_THUMB:
            return self._thumbnail(alert.snapshot_path)
        if role == Qt.ItemDataRole.BackgroundRole and alert.status == AlertStatus.OPEN:
            tint = SEVERITY_TINT.get(alert.severity)
            return QBrush(tint) if tint else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{local_time(alert.start_utc, self.zone)} ({offset_label(self.zone)})" + (
                f"\n{alert.note}" if alert.note else ""
            )
        return None

    def _thumbnail(self, path: str | None) -> QPixmap | None:
        if not path:
            return None
        if path not in self._thumbs:
            pixmap = QPixmap(path)
            self._thumbs[path] = (
                pixmap.scaled(
                    THUMB_W,
                    THUMB_H,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                if not pixmap.isNull()
                else QPixmap()
            )
        pixmap = self._thumbs[path]
        return None if pixmap.isNull() else pixmap
