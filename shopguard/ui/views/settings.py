"""SettingsView: cameras (add from USB devices, RTSP or a file, with a test preview), shop name,
address and time zone, opening-hour schedules, language and the alert chime. Checks every entry and
says plainly what is wrong before saving config.json (audited)."""

from __future__ import annotations

from datetime import time as clock
from zoneinfo import available_timezones

from pydantic import ValidationError
from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shopguard.config.loader import save_settings
from shopguard.config.notifications import SoundFor
from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.config.zones import Schedule, TimeRange
from shopguard.context import AppContext
from shopguard.storage.audit import record_audit
from shopguard.ui.dialogs.camera_dialog import CameraDialog
from shopguard.ui.i18n import LANGUAGES
from shopguard.ui.pages import PageSpec
from shopguard.vision.sources import _redact_url

MAX_CAMERAS = 9
WEEKDAYS_KO = "월화수목금토일"
WEEKDAYS_EN = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


class ScheduleRow(QWidget):
    """One opening-hours range: schedule name, from, until, weekdays."""

    def __init__(self, name: str, span: TimeRange | None, language: str) -> None:
        super().__init__()
        self.name = QLineEdit(name)
        self.name.setMaxLength(40)
        self.start = QTimeEdit(QTime(span.start.hour, span.start.minute) if span else QTime(9, 0))
        self.end = QTimeEdit(QTime(span.end.hour, span.end.minute) if span else QTime(22, 0))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        labels = WEEKDAYS_KO if language == "ko" else WEEKDAYS_EN
        self.days = [QCheckBox(label) for label in labels]
        for day, box in enumerate(self.days):
            box.setChecked(span is None or day in span.days)
        self.remove = QPushButton("✕")
        self.remove.setFixedWidth(32)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name, 2)
        row.addWidget(self.start)
        row.addWidget(QLabel("–"))
        row.addWidget(self.end)
        for box in self.days:
            row.addWidget(box)
        row.addWidget(self.remove)

    def value(self) -> tuple[str, clock, clock, list[int]]:
        start, end = self.start.time(), self.end.time()
        days = [day for day, box in enumerate(self.days) if box.isChecked()]
        return (
            self.name.text().strip(),
            clock(start.hour(), start.minute()),
            clock(end.hour(), end.minute()),
            days,
        )


class SettingsView(QWidget):
    settings_saved = Signal(object)  # AppSettings

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        settings = context.settings
        self.cameras: list[CameraSettings] = list(settings.cameras)

        self.shop_name = QLineEdit(settings.shop.name)
        self.address = QLineEdit(settings.shop.address)
        self.contact = QLineEdit(settings.shop.manager_contact)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(available_timezones()))
        self.timezone.setCurrentText(settings.shop.timezone)
        shop = QGroupBox(self.tr("Shop"))
        form = QFormLayout(shop)
        form.addRow(self.tr("Shop name"), self.shop_name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("CCTV manager contact"), self.contact)
        form.addRow(self.tr("Time zone"), self.timezone)

        self.camera_table = QTableWidget(0, 3)
        self.camera_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Source"), self.tr("On")])
        self.camera_table.horizontalHeader().setStretchLastSection(False)
        self.camera_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.camera_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.camera_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.camera_table.setMinimumHeight(150)
        self.camera_table.itemChanged.connect(self._camera_toggled)
        self.camera_table.doubleClicked.connect(lambda index: self.edit_camera(index.row()))
        add = QPushButton(self.tr("Add camera…"))
        edit = QPushButton(self.tr("Change…"))
        remove = QPushButton(self.tr("Remove"))
        add.clicked.connect(self.add_camera)
        edit.clicked.connect(lambda: self.edit_camera(self.camera_table.currentRow()))
        remove.clicked.connect(self.remove_camera)
        cameras = QGroupBox(self.tr("Cameras (up to 9)"))
        box = QVBoxLayout(cameras)
        box.addWidget(self.camera_table)
        buttons = QHBoxLayout()
        for button in (add, edit, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)

        self.schedule_rows: list[ScheduleRow] = []
        self.schedule_box = QVBoxLayout()
        schedules = QGroupBox(
            self.tr("Schedules (opening hours; a range ending before it starts runs past midnight)")
        )
        outer = QVBoxLayout(schedules)
        outer.addLayout(self.schedule_box)
        add_range = QPushButton(self.tr("Add hours"))
        add_range.clicked.connect(lambda: self._add_schedule_row(self.tr("Opening hours"), None))
        outer.addWidget(add_range)
        for schedule in settings.schedules:
            for span in schedule.ranges:
                self._add_schedule_row(schedule.name, span)

        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.sound_for = QComboBox()
        self.sound_for.addItem(self.tr("Warnings and critical alerts"), SoundFor.WARNING.value)
        self.sound_for.addItem(self.tr("Only critical alerts"), SoundFor.CRITICAL.value)
        self.sound_for.addItem(self.tr("Never"), SoundFor.NONE.value)
        self.sound_for.setCurrentIndex(
            max(self.sound_for.findData(settings.notifications.sound_for.value), 0)
        )
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.notifications.volume * 100))
        self.banner = QCheckBox(self.tr("Red banner across the window for critical alerts"))
        self.banner.setChecked(settings.notifications.banner)
        chime = QPushButton(self.tr("Play the chime"))
        chime.clicked.connect(self.play_chime)
        general = QGroupBox(self.tr("Language and alerts"))
        form = QFormLayout(general)
        form.addRow(self.tr("Language (after restart)"), self.language)
        form.addRow(self.tr("Alert chime"), self.sound_for)
        volume_row = QHBoxLayout()
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(chime)
        form.addRow(self.tr("Volume"), volume_row)
        form.addRow("", self.banner)

        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setStyleSheet("font-weight: bold;")
        self.save_button.clicked.connect(self.save)

        content = QWidget()
        column = QVBoxLayout(content)
        row = QHBoxLayout()
        row.addWidget(shop, 1)
        row.addWidget(general, 1)
        column.addLayout(row)
        column.addWidget(cameras)
        column.addWidget(schedules)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        footer = QHBoxLayout()
        footer.addWidget(self.message, 1)
        footer.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)
        self._fill_cameras()

    # --- cameras ----------------------------------------------------------------------------------

    def _fill_cameras(self) -> None:
        self.camera_table.blockSignals(True)
        self.camera_table.setRowCount(len(self.cameras))
        for row, camera in enumerate(self.cameras):
            source = self.tr("Demo clip") if camera.source == "demo" else _redact_url(camera.source)
            if camera.source.strip().isdigit():
                source = self.tr("USB camera %1").replace("%1", camera.source.strip())
            self.camera_table.setItem(row, 0, QTableWidgetItem(camera.name))
            self.camera_table.setItem(row, 1, QTableWidgetItem(source))
            enabled = QTableWidgetItem()
            enabled.setFlags(enabled.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            enabled.setCheckState(Qt.CheckState.Checked if camera.enabled else Qt.CheckState.Unchecked)
            self.camera_table.setItem(row, 2, enabled)
        self.camera_table.resizeColumnToContents(0)
        self.camera_table.blockSignals(False)

    def _camera_toggled(self, item: QTableWidgetItem) -> None:
        if item.column() == 2 and 0 <= item.row() < len(self.cameras):
            camera = self.cameras[item.row()]
            on = item.checkState() == Qt.CheckState.Checked
            self.cameras[item.row()] = camera.model_copy(update={"enabled": on})

    def add_camera(self) -> None:
        if len(self.cameras) >= MAX_CAMERAS:
            self.show_problem(self.tr("At most 9 cameras. Remove one first."))
            return
        camera = CameraDialog.ask(self, {c.id for c in self.cameras})
        if camera is not None:
            self.cameras.append(camera)
            self._fill_cameras()

    def edit_camera(self, row: int) -> None:
        if 0 <= row < len(self.cameras):
            camera = CameraDialog.ask(self, {c.id for c in self.cameras}, self.cameras[row])
            if camera is not None:
                self.cameras[row] = camera
                self._fill_cameras()

    def remove_camera(self) -> None:
        row = self.camera_table.currentRow()
        if 0 <= row < len(self.cameras):
            del self.cameras[row]
            self._fill_cameras()

    # --- schedules --------------------------------------------------------------------------------

    def _add_schedule_row(self, name: str, span: TimeRange | None) -> ScheduleRow:
        row = ScheduleRow(name, span, self.context.settings.language)
        row.remove.clicked.connect(lambda: self._remove_schedule_row(row))
        self.schedule_rows.append(row)
        self.schedule_box.addWidget(row)
        return row

    def _remove_schedule_row(self, row: ScheduleRow) -> None:
        self.schedule_rows.remove(row)
        row.deleteLater()

    def _schedules(self) -> list[Schedule] | str:
        grouped: dict[str, list[TimeRange]] = {}
        for row in self.schedule_rows:
            name, start, end, days = row.value()
            if not name:
                return self.tr("Every opening-hours row needs a schedule name.")
            if not days:
                return self.tr("Schedule “%1” has no weekday ticked.").replace("%1", name)
            if start == end:
                return self.tr("Schedule “%1” starts and ends at the same time.").replace("%1", name)
            grouped.setdefault(name, []).append(TimeRange(start=start, end=end, days=days))
        return [Schedule(name=name, ranges=ranges) for name, ranges in grouped.items()]

    # --- save -------------------------------------------------------------------------------------

    def show_problem(self, text: str) -> None:
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.setText(text)

    def problem(self) -> str | None:
        if not self.shop_name.text().strip():
            return self.tr("Enter the shop's name.")
        if len(self.shop_name.text().strip()) > 80:
            return self.tr("The shop's name is too long (80 characters at most).")
        if self.timezone.currentText().strip() not in available_timezones():
            return self.tr("Unknown time zone “%1”. Choose one from the list, e.g. Asia/Seoul.").replace(
                "%1", self.timezone.currentText().strip()
            )
        if len(self.cameras) > MAX_CAMERAS:
            return self.tr("At most 9 cameras. Remove one first.")
        schedules = self._schedules()
        return schedules if isinstance(schedules, str) else None

    def build(self) -> AppSettings:
        """The edited settings as a validated copy (raises ValidationError)."""
        data = self.context.settings.model_dump(mode="json")
        data["shop"].update(
            name=self.shop_name.text().strip(),
            address=self.address.text().strip(),
            manager_contact=self.contact.text().strip(),
            timezone=self.timezone.currentText().strip(),
        )
        data["language"] = self.language.currentData()
        data["cameras"] = [camera.model_dump(mode="json") for camera in self.cameras]
        schedules = self._schedules()
        data["schedules"] = (
            [s.model_dump(mode="json") for s in schedules] if isinstance(schedules, list) else []
        )
        data["notifications"] = {
            "sound_for": self.sound_for.currentData(),
            "volume": self.volume.value() / 100,
            "banner": self.banner.isChecked(),
        }
        return AppSettings.model_validate(data)

    def save(self) -> bool:
        problem = self.problem()
        if problem:
            self.show_problem(problem)
            return False
        try:
            edited = self.build()
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            self.show_problem(
                self.tr("Setting “%1” is not valid: %2").replace("%1", where).replace("%2", first["msg"])
            )
            return False
        settings = self.context.settings
        language_changed = edited.language != settings.language
        for field in ("shop", "language", "cameras", "schedules", "notifications"):
            setattr(settings, field, getattr(edited, field))
        save_settings(settings, self.context.paths.config)
        record_audit(
            self.context.db,
            self.context.actor,
            "settings.save",
            "config",
            {"cameras": [c.id for c in settings.cameras], "language": settings.language},
        )
        self.message.setStyleSheet("color: #1e8e3e; font-weight: bold;")
        text = self.tr("Saved.")
        if language_changed:
            text += " " + self.tr("The new language shows after a restart.")
        self.message.setText(text)
        self.settings_saved.emit(settings)
        return True

    def play_chime(self) -> None:
        alerts = self.context.services.get("alerts")
        if alerts is not None:
            alerts.player.set_volume(self.volume.value() / 100)
            alerts.player.play()


def _page(context: AppContext) -> QWidget:
    return SettingsView(context)


def _screenshot() -> QWidget:
    from shopguard.services.demo import demo_scene

    scene = demo_scene()
    context = AppContext(scene.paths, scene.settings, scene.db)
    context.settings.cameras[3] = context.settings.cameras[3].model_copy(
        update={"source": "rtsp://admin:secret@192.168.0.21:554/stream1"}
    )
    context.settings.cameras[1] = context.settings.cameras[1].model_copy(update={"source": "0"})
    return SettingsView(context)


PAGE = PageSpec("settings", "설정", "Settings", 90, _page)
SCREENSHOTS = {"settings": _screenshot}
