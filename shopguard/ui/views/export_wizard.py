"""ExportWizardView: '경찰 제출용 내보내기 / Export for police' — pick an alert, a time range of cameras
or a video file, fill in the case, optionally choose who stays unblurred, and build the package on a
thread pool with a progress bar and a cancel button. GUI thread; the export itself runs in
ExportRunnable with its own database connection."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, Qt, QThreadPool, QTimeZone
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shopguard.context import AppContext
from shopguard.errors import ShopGuardError
from shopguard.evidence.incident import Incident, incidents_in_range, load_incident
from shopguard.evidence.package import ExportResult
from shopguard.evidence.plan import ExportKind, ExportPlan
from shopguard.evidence.redact import KeepPoint
from shopguard.evidence.store import list_exports
from shopguard.recording.footage import FootageLibrary
from shopguard.security.permissions import Permission, allowed, require
from shopguard.security.session import current_user
from shopguard.ui.dialogs.export_worker import ExportRunnable, PickFrameView, first_frame, video_frame
from shopguard.ui.pages import PageSpec

RECENT_DAYS = 30
TIME_FORMAT = "yyyy-MM-dd HH:mm:ss"


class ExportWizardView(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.zone = ZoneInfo(context.settings.shop.timezone)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.cancel_event = threading.Event()
        self.running: ExportRunnable | None = None
        self.last_result: ExportResult | None = None
        self.preview_at_s = 0.0
        self.keep: list[KeepPoint] = []
        self._build()
        self.refresh()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel("경찰 제출용 내보내기 / Export for police")
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        intro = QLabel(
            "원본 영상, 재생용 영상, 정지 화면, 한국어 보고서와 서명된 해시 목록을 한 폴더(.zip)로 만듭니다. "
            "내보낸 구간은 자동 삭제되지 않게 잠깁니다."
        )
        intro.setWordWrap(True)
        form = QVBoxLayout()
        form.addWidget(self._what_box())
        form.addWidget(self._case_box())
        form.addWidget(self._output_box())
        self.start_button = QPushButton("내보내기 시작 / Start export")
        self.start_button.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("취소 / Cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        form.addLayout(buttons)
        form.addWidget(self.status)
        form.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._redact_box(), 3)
        right.addWidget(QLabel("최근 내보내기 / Recent exports"))
        self.recent = QListWidget()
        right.addWidget(self.recent, 1)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(title)
        outer.addWidget(intro)
        outer.addLayout(columns, 1)

    def _what_box(self) -> QGroupBox:
        box = QGroupBox("1. 무엇을 내보낼까요? / What to export")
        layout = QFormLayout(box)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[ExportKind, QRadioButton] = {}
        row = QHBoxLayout()
        for kind, text in (
            (ExportKind.EVENT, "알림(사건) / Alert"),
            (ExportKind.RANGE, "시간 범위 / Time range"),
            (ExportKind.VIDEO, "영상 파일 / Video file"),
        ):
            button = QRadioButton(text)
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            row.addWidget(button)
            button.toggled.connect(self._kind_changed)
        layout.addRow(row)
        self.event_box = QComboBox()
        self.event_box.currentIndexChanged.connect(self.load_preview)
        layout.addRow("알림 / Alert", self.event_box)
        self.camera_list = QListWidget()
        self.camera_list.setMaximumHeight(80)
        layout.addRow("카메라 / Cameras", self.camera_list)
        self.from_edit, self.to_edit = QDateTimeEdit(), QDateTimeEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat(TIME_FORMAT)
            edit.setCalendarPopup(True)
            edit.setTimeZone(QTimeZone(self.context.settings.shop.timezone.encode()))
        self.from_edit.dateTimeChanged.connect(self.load_preview)
        times = QHBoxLayout()
        times.addWidget(self.from_edit)
        times.addWidget(QLabel("~"))
        times.addWidget(self.to_edit)
        layout.addRow("구간 / Range", times)
        self.video_edit = QLineEdit()
        self.video_edit.setPlaceholderText("예: D:/DVR/ch01.mp4")
        browse = QPushButton("찾아보기…")
        browse.clicked.connect(self._browse_video)
        video_row = QHBoxLayout()
        video_row.addWidget(self.video_edit, 1)
        video_row.addWidget(browse)
        layout.addRow("영상 파일 / File", video_row)
        return box

    def _case_box(self) -> QGroupBox:
        box = QGroupBox("2. 사건 정보 / Case")
        layout = QFormLayout(box)
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText("경찰이 알려 준 사건번호 (비우면 자동) / case number")
        layout.addRow("사건번호 / Case no.", self.case_edit)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText("무슨 일이 있었는지 적어 주세요 / what happened")
        self.description_edit.setMaximumHeight(64)
        layout.addRow("내용 / Description", self.description_edit)
        self.offset_check = QCheckBox("측정함 / measured")
        self.offset_spin = QDoubleSpinBox()
        self.offset_spin.setRange(-3600.0, 3600.0)
        self.offset_spin.setDecimals(1)
        self.offset_spin.setSuffix(" 초 s")
        offset_row = QHBoxLayout()
        offset_row.addWidget(self.offset_check)
        offset_row.addWidget(self.offset_spin, 1)
        layout.addRow("PC 시계 오차 / Clock offset", offset_row)
        return box

    def _output_box(self) -> QGroupBox:
        box = QGroupBox("3. 저장 위치 / Save to")
        layout = QHBoxLayout(box)
        self.out_edit = QLineEdit(str(self.context.paths.exports))
        browse = QPushButton("찾아보기…")
        browse.clicked.connect(self._browse_out)
        layout.addWidget(self.out_edit, 1)
        layout.addWidget(browse)
        return box

    def _redact_box(self) -> QGroupBox:
        box = QGroupBox("4. 얼굴 가림 사본 / Blurred copy (optional)")
        layout = QVBoxLayout(box)
        self.redact_check = QCheckBox(
            "선택한 사람 외 모든 얼굴을 흐리게 한 사본 추가 / blur everyone else's face"
        )
        layout.addWidget(self.redact_check)
        hint = QLabel("남길 사람(예: 용의자)을 아래 화면에서 누르세요. 원본은 그대로 둡니다.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.preview = PickFrameView()
        self.preview.picked.connect(self._picked)
        layout.addWidget(self.preview, 1)
        row = QHBoxLayout()
        self.keep_label = QLabel("선택 없음 / nobody selected")
        clear = QPushButton("선택 지우기 / Clear")
        clear.clicked.connect(self.clear_keep)
        row.addWidget(self.keep_label, 1)
        row.addWidget(clear)
        layout.addLayout(row)
        return box

    # --- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        now = datetime.now(UTC)
        db = self.context.db
        camera_ids = [c.id for c in self.context.settings.cameras]
        camera_ids += [
            c for c in FootageLibrary(db, self.context.paths.recordings).cameras() if c not in camera_ids
        ]
        names = {c.id: c.name for c in self.context.settings.cameras}
        self.camera_list.clear()
        for camera_id in camera_ids:
            item = QListWidgetItem(f"{names.get(camera_id, camera_id)} ({camera_id})")
            item.setData(Qt.ItemDataRole.UserRole, camera_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.camera_list.addItem(item)
        incidents = incidents_in_range(db, camera_ids, now - timedelta(days=RECENT_DAYS), now)
        self.event_box.blockSignals(True)
        self.event_box.clear()
        for incident in reversed(incidents):
            local = incident.start_utc.astimezone(self.zone)
            camera = names.get(incident.camera_id, incident.camera_id)
            self.event_box.addItem(
                f"#{incident.id} {local:%m-%d %H:%M:%S} {incident.title_ko} · {camera}", incident.id
            )
        self.event_box.blockSignals(False)
        start = QDateTime.fromSecsSinceEpoch(int(now.timestamp()) - 600)
        self.from_edit.setDateTime(start)
        self.to_edit.setDateTime(start.addSecs(300))
        self.kind_buttons[ExportKind.EVENT if incidents else ExportKind.RANGE].setChecked(True)
        self.recent.clear()
        for record in list_exports(db, 20):
            local = record.created_utc.astimezone(self.zone)
            self.recent.addItem(f"{local:%Y-%m-%d %H:%M} · {record.case_no} · {', '.join(record.cameras)}")
        if not allowed(current_user(self.context), Permission.EXPORT):
            self.start_button.setEnabled(False)
            self.status.setText("점주 계정만 내보낼 수 있습니다 / only the owner's account may export")
        self.load_preview()

    def kind(self) -> ExportKind:
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), ExportKind.RANGE)

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.event_box.setEnabled(kind is ExportKind.EVENT)
        self.camera_list.setEnabled(kind is ExportKind.RANGE)
        self.video_edit.setEnabled(kind is ExportKind.VIDEO)
        self.load_preview()

    def _selected_incident(self) -> Incident | None:
        event_id = self.event_box.currentData()
        return load_incident(self.context.db, int(event_id)) if event_id is not None else None

    def load_preview(self) -> None:
        """The frame a click on a person refers to: the alert's start, the range's start, or the file's."""
        self.clear_keep()
        image, self.preview_at_s = None, 0.0
        try:
            kind = self.kind()
            if kind is ExportKind.EVENT and (incident := self._selected_incident()) is not None:
                start, _ = incident.export_range()
                self.preview_at_s = (incident.start_utc - start).total_seconds()
                image = first_frame(self.context, incident.camera_id, incident.start_utc)
            elif kind is ExportKind.RANGE and (cameras := self.checked_cameras() or self._all_cameras()[:1]):
                image = first_frame(self.context, cameras[0], self._time(self.from_edit))
            elif kind is ExportKind.VIDEO and self.video_edit.text().strip():
                image = video_frame(Path(self.video_edit.text().strip()))
        except ShopGuardError as exc:
            self.status.setText(str(exc))
        self.preview.set_image(image)

    def checked_cameras(self) -> list[str]:
        items = [self.camera_list.item(i) for i in range(self.camera_list.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _all_cameras(self) -> list[str]:
        return [
            self.camera_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.camera_list.count())
        ]

    def _time(self, edit: QDateTimeEdit) -> datetime:
        return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)

    def _picked(self, x: float, y: float) -> None:
        self.keep.append(KeepPoint(self.preview_at_s, x, y))
        self.redact_check.setChecked(True)
        self.keep_label.setText(f"남길 사람 {len(self.keep)}명 선택 / {len(self.keep)} kept")

    def clear_keep(self) -> None:
        self.keep.clear()
        self.preview.points.clear()
        self.preview.update()
        self.keep_label.setText("선택 없음 / nobody selected")

    # --- export ---------------------------------------------------------------------------------
    def plan(self) -> ExportPlan:
        kind = self.kind()
        common = {
            "out_dir": Path(self.out_edit.text().strip() or self.context.paths.exports),
            "operator": self.context.actor,
            "case_no": self.case_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(),
            "redact": self.redact_check.isChecked(),
            "keep": tuple(self.keep),
            "clock_offset_s": self.offset_spin.value() if self.offset_check.isChecked() else None,
        }
        if kind is ExportKind.EVENT:
            event_id = self.event_box.currentData()
            if event_id is None:
                raise ShopGuardError("내보낼 알림을 고르세요", "choose the alert to export")
            return ExportPlan(kind, event_id=int(event_id), **common)
        if kind is ExportKind.VIDEO:
            if not self.video_edit.text().strip():
                raise ShopGuardError("영상 파일을 고르세요", "choose a video file")
            return ExportPlan(kind, video_path=Path(self.video_edit.text().strip()), **common)
        cameras = tuple(self.checked_cameras())
        if not cameras:
            raise ShopGuardError("내보낼 카메라를 하나 이상 고르세요", "tick at least one camera")
        return ExportPlan(
            kind,
            camera_ids=cameras,
            start_utc=self._time(self.from_edit),
            end_utc=self._time(self.to_edit),
            **common,
        )

    def start(self) -> None:
        if self.running is not None:
            return
        try:
            require(current_user(self.context), Permission.EXPORT)
            plan = self.plan()
        except ShopGuardError as exc:
            self.status.setText(str(exc))
            return
        self.cancel_event = threading.Event()
        runnable = ExportRunnable(plan, self.context.paths, self.context.settings, self.cancel_event)
        runnable.signals.progressed.connect(self._progressed)
        runnable.signals.finished.connect(self._finished)
        runnable.signals.failed.connect(self._failed)
        self.running = runnable
        self.progress.setValue(0)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText("내보내는 중… / exporting…")
        self.pool.start(runnable)

    def cancel(self) -> None:
        self.cancel_event.set()
        self.status.setText("취소하는 중… / cancelling…")

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 100))
        self.status.setText(f"{round(fraction * 100)}% · {message}")

    def _done(self) -> None:
        self.running = None
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _finished(self, result: ExportResult) -> None:
        self._done()
        self.last_result = result
        self.progress.setValue(100)
        per_min = result.seconds / max(result.footage_s / 60, 1e-6)
        self.status.setText(
            f"완료 / done — 사건번호 {result.case_no}\n{result.folder}\n{result.zip_path}\n"
            f"파일 {result.files}개, {result.bytes / 1e6:.1f} MB, {result.seconds:.0f}초 "
            f"(영상 1분당 {per_min:.0f}초). VERIFY.txt에 확인 방법이 있습니다."
        )
        self.refresh_recent()

    def _failed(self, message: str, cancelled: bool) -> None:
        self._done()
        self.progress.setValue(0)
        self.status.setText("취소했습니다 / cancelled" if cancelled else message)

    def refresh_recent(self) -> None:
        self.recent.clear()
        for record in list_exports(self.context.db, 20):
            local = record.created_utc.astimezone(self.zone)
            self.recent.addItem(f"{local:%Y-%m-%d %H:%M} · {record.case_no} · {', '.join(record.cameras)}")

    def _browse_video(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "영상 파일 / Video file", "", "Video (*.mp4 *.avi *.mpg *.mkv *.mov)"
        )
        if path:
            self.video_edit.setText(path)
            self.kind_buttons[ExportKind.VIDEO].setChecked(True)
            self.load_preview()

    def _browse_out(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "저장 위치 / Save to", self.out_edit.text())
        if path:
            self.out_edit.setText(path)

    def shutdown(self) -> None:
        """Called when the window closes: stop a running export and wait for the pool."""
        self.cancel_event.set()
        self.pool.waitForDone()


def _page(context: AppContext) -> QWidget:
    return ExportWizardView(context)


def _screenshot() -> QWidget:
    import atexit
    import shutil
    import tempfile

    from shopguard.ui.views.playback import demo_context

    folder = Path(tempfile.mkdtemp(prefix="shopguard-export-"))
    atexit.register(shutil.rmtree, folder, True)
    context = demo_context(folder)
    view = ExportWizardView(context)
    view.event_box.setCurrentIndex(view.event_box.count() - 1)  # the loitering alert: someone is in view
    view.case_edit.setText("2024-강남-01234")
    view.description_edit.setPlainText("새벽 3시경 진열대 앞에서 물건을 가방에 넣고 결제 없이 나감")
    view.offset_check.setChecked(True)
    view.offset_spin.setValue(1.5)
    view.preview.points.append((0.36, 0.72))
    view.keep.append(KeepPoint(view.preview_at_s, 0.36, 0.72))
    view.redact_check.setChecked(True)
    view.keep_label.setText("남길 사람 1명 선택 / 1 kept")
    view.progress.setValue(42)
    view.status.setText("42% · 데모 카메라 Demo 영상 / video")
    view.start_button.setEnabled(False)
    view.cancel_button.setEnabled(True)
    return view


PAGE = PageSpec("export", "경찰 제출용 내보내기", "Export for police", 70, _page)
SCREENSHOTS = {"export": _screenshot}
