"""AlertsView: the alerts panel beside the camera grid: newest first, filter by type and camera,
acknowledge or dismiss with a note, open one for review. Reads and writes through AlertService."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopguard.errors import ShopGuardError
from shopguard.services.alert_store import Alert, AlertFilter, AlertStatus
from shopguard.services.alerts import AlertService
from shopguard.ui.widgets.alert_table_model import (
    COL_THUMB,
    COL_WHAT,
    THUMB_H,
    THUMB_W,
    AlertTableModel,
    alert_title,
    local_time,
)

MIN_WIDTH_PX = 400


class AlertsView(QWidget):
    review_requested = Signal(object)  # Alert

    def __init__(self, service: AlertService, camera_names: dict[str, str], timezone: str) -> None:
        super().__init__()
        self.service = service
        self.camera_names = camera_names
        self.model = AlertTableModel(camera_names, timezone)

        title = QLabel(self.tr("Alerts"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.show_closed = QCheckBox(self.tr("Show handled"))
        self.show_closed.setChecked(True)
        self.type_filter = QComboBox()
        self.camera_filter = QComboBox()
        for combo in (self.type_filter, self.camera_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setIconSize(QSize(THUMB_W, THUMB_H))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(THUMB_H + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        header.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(MIN_WIDTH_PX)
        self.table.setColumnWidth(COL_THUMB, THUMB_W + 8)
        self.table.doubleClicked.connect(lambda index: self._review(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = QLabel(self.tr("Choose an alert to handle it."))
        self.detail.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (what happened, what you did)"))
        self.note.setMaxLength(500)
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.review_button = QPushButton(self.tr("Review"))
        self.ack_button.clicked.connect(lambda: self._close(AlertStatus.ACKNOWLEDGED))
        self.dismiss_button.clicked.connect(lambda: self._close(AlertStatus.DISMISSED))
        self.review_button.clicked.connect(lambda: self._review(self._selected_row()))
        self.message = QLabel("")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.show_closed)
        filters = QHBoxLayout()
        filters.addWidget(self.type_filter, 1)
        filters.addWidget(self.camera_filter, 1)
        buttons = QHBoxLayout()
        for button in (self.ack_button, self.dismiss_button, self.review_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self._fill_filters()
        self.type_filter.currentIndexChanged.connect(self.reload)
        self.camera_filter.currentIndexChanged.connect(self.reload)
        self.show_closed.toggled.connect(self.reload)
        service.alert_added.connect(self._on_added)
        service.alert_changed.connect(self._on_changed)
        self.reload()

    def _fill_filters(self) -> None:
        types, cameras = self.service.store.types_and_cameras()
        self.type_filter.blockSignals(True)
        self.camera_filter.blockSignals(True)
        chosen_type, chosen_camera = self.type_filter.currentData(), self.camera_filter.currentData()
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("All alert types"), None)
        for alert_type in types:
            self.type_filter.addItem(alert_title(alert_type), alert_type)
        self.camera_filter.clear()
        self.camera_filter.addItem(self.tr("All cameras"), None)
        for camera_id in sorted(set(cameras) | set(self.camera_names)):
            self.camera_filter.addItem(self.camera_names.get(camera_id, camera_id), camera_id)
        for combo, chosen in ((self.type_filter, chosen_type), (self.camera_filter, chosen_camera)):
            position = combo.findData(chosen)
            combo.setCurrentIndex(max(position, 0))
        self.type_filter.blockSignals(False)
        self.camera_filter.blockSignals(False)

    def current_filter(self) -> AlertFilter:
        chosen_type, chosen_camera = self.type_filter.currentData(), self.camera_filter.currentData()
        return AlertFilter(
            types=(chosen_type,) if chosen_type else (),
            camera_ids=(chosen_camera,) if chosen_camera else (),
            include_closed=self.show_closed.isChecked(),
        )

    def reload(self) -> None:
        self.model.set_alerts(self.service.alerts(self.current_filter()))
        self._selection_changed()

    def _on_added(self, alert: Alert) -> None:
        if self.type_filter.findData(alert.type) < 0:
            self._fill_filters()
        self.reload()

    def _on_changed(self, alert: Alert) -> None:
        self.model.replace(alert)
        self._selection_changed()

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _selection_changed(self, *_: object) -> None:
        alert = self.model.alert_at(self._selected_row())
        for button in (self.ack_button, self.dismiss_button, self.review_button):
            button.setEnabled(alert is not None)
        if alert is None:
            self.detail.setText(self.tr("Choose an alert to handle it."))
            return
        camera = self.camera_names.get(alert.camera_id, alert.camera_id)
        when = local_time(alert.start_utc, self.model.zone)
        self.detail.setText(f"<b>{alert_title(alert.type)}</b> — {camera}, {when}")
        self.note.setText(alert.note)

    def _close(self, status: AlertStatus) -> None:
        alert = self.model.alert_at(self._selected_row())
        if alert is None:
            return
        try:
            self.service.close_alert(alert.id, status, self.note.text())
        except ShopGuardError as exc:
            self.message.setText(str(exc))
            return
        done = self.tr("Marked as checked.") if status == AlertStatus.ACKNOWLEDGED else self.tr("Dismissed.")
        self.message.setText(done)
        if not self.show_closed.isChecked():
            self.reload()

    def _review(self, row: int) -> None:
        alert = self.model.alert_at(row)
        if alert is not None:
            self.review_requested.emit(alert)


def _screenshot() -> QWidget:
    from shopguard.services.demo import demo_scene

    scene = demo_scene()
    view = AlertsView(scene.alerts, scene.camera_names, scene.settings.shop.timezone)
    view.select_row(0)
    return view


SCREENSHOTS = {"alerts": _screenshot}
