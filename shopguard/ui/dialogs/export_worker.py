"""The export's worker and the wizard's pick-a-person preview. ExportRunnable runs on the wizard's
QThreadPool with its own database connection and reports back through queued signals; the rest is
GUI thread."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRunnable, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen

from shopguard.config.settings import AppSettings
from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.evidence.package import ExportServices, build_package
from shopguard.evidence.plan import ExportPlan, make_request
from shopguard.evidence.video import ExportCancelled
from shopguard.paths import DataPaths
from shopguard.recording.footage import FootageLibrary
from shopguard.storage.database import connect
from shopguard.ui.evidence_pdf import write_report_pdf
from shopguard.ui.widgets.frame_view import FrameView


class ExportSignals(QObject):
    progressed = Signal(float, str)
    finished = Signal(object)  # ExportResult
    failed = Signal(str, bool)  # bilingual message, cancelled


class ExportRunnable(QRunnable):
    """Runs on the view's QThreadPool: opens its own connection, builds the package, reports back."""

    def __init__(self, plan: ExportPlan, paths: DataPaths, settings: AppSettings, cancel: threading.Event):
        super().__init__()
        self.plan, self.paths, self.settings, self.cancel = plan, paths, settings, cancel
        self.signals = ExportSignals()

    def run(self) -> None:
        db = None
        try:
            db = connect(self.paths.database)
            request = make_request(self.plan, db, self.paths.recordings, self.settings)
            services = ExportServices(db, self.settings.shop, self.paths.root, write_report_pdf)
            result = build_package(request, services, self.signals.progressed.emit, self.cancel)
        except ExportCancelled as exc:
            self.signals.failed.emit(str(exc), True)
        except ShopGuardError as exc:
            self.signals.failed.emit(str(exc), False)
        else:
            self.signals.finished.emit(result)
        finally:
            if db is not None:
                db.conn.close()


class PickFrameView(FrameView):
    """The preview frame; a click marks the person to leave unblurred (green dot)."""

    picked = Signal(float, float)  # x, y in 0..1 of the frame

    def __init__(self) -> None:
        super().__init__("미리보기 없음 / no preview")
        self.points: list[tuple[float, float]] = []

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        rect = self.picture_rect()
        if self.image is None or not rect.contains(event.position()):
            return
        x = (event.position().x() - rect.x()) / rect.width()
        y = (event.position().y() - rect.y()) / rect.height()
        self.points.append((x, y))
        self.picked.emit(x, y)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self.points or self.image is None:
            return
        rect = self.picture_rect()
        painter = QPainter(self)
        painter.setPen(QPen(QColor("#00e676"), 3))
        painter.setBrush(QColor(0, 230, 118, 120))
        for x, y in self.points:
            painter.drawEllipse(QPointF(rect.x() + x * rect.width(), rect.y() + y * rect.height()), 10, 10)
        painter.end()


def _to_qimage(frame_bgr) -> QImage:  # noqa: ANN001 (numpy array)
    height, width = frame_bgr.shape[:2]
    rgb = frame_bgr[:, :, ::-1].copy()
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def first_frame(context: AppContext, camera_id: str, at: datetime) -> QImage | None:
    library = FootageLibrary(context.db, context.paths.recordings)
    for item in library.read_frames(camera_id, at, at + timedelta(seconds=5)):
        return _to_qimage(item.image)
    return None


def video_frame(path: Path) -> QImage | None:
    from shopguard.evidence.sources import VideoFileCamera, probe_video

    info = probe_video(path)
    camera = VideoFileCamera(path, "video", path.stem, info)
    for item in camera.frames(info.start_utc, info.start_utc + timedelta(seconds=5)):
        return _to_qimage(item.image)
    return None
