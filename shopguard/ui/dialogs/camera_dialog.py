"""CameraDialog: add or change one camera: a USB camera from the devices found, an RTSP address or a
video file; "Test" opens it on a thread and shows a preview before anything is saved."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopguard.config.settings import CameraSettings
from shopguard.services.devices import DeviceProber, SourceTest, SourceTester
from shopguard.ui.widgets.frame_view import FrameView

KIND_USB, KIND_NETWORK, KIND_FILE = range(3)
VIDEO_FILTER = "Video (*.mp4 *.avi *.mkv *.mov *.mpg *.mpeg *.ts)"


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")[:24] or "camera"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class CameraDialog(QDialog):
    def __init__(
        self, taken_ids: set[str], camera: CameraSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Camera"))
        self.taken_ids = taken_ids - ({camera.id} if camera else set())
        self.camera = camera
        self.prober = DeviceProber(self)
        self.tester = SourceTester(parent=self)
        self.prober.found.connect(self._devices_found)
        self.tester.tested.connect(self._tested)

        self.name = QLineEdit(camera.name if camera else "")
        self.name.setMaxLength(40)
        self.name.setPlaceholderText(self.tr("e.g. Door, Freezer"))
        self.kind = QComboBox()
        self.kind.addItems([self.tr("USB camera"), self.tr("Network camera (RTSP)"), self.tr("Video file")])
        self.usb = QComboBox()
        self.search_button = QPushButton(self.tr("Search again"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("rtsp://user:password@192.168.0.10:554/stream1")
        self.file = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        self.pages = QStackedWidget()
        usb_row, file_row = QWidget(), QWidget()
        row = QHBoxLayout(usb_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.usb, 1)
        row.addWidget(self.search_button)
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        for page in (usb_row, self.url, file_row):
            self.pages.addWidget(page)
        self.test_button = QPushButton(self.tr("Test"))
        self.preview = FrameView(self.tr("Press Test to see the picture."))
        self.preview.setMinimumSize(360, 200)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Source"), self.pages)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.result)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self.pages.setCurrentIndex)
        self.search_button.clicked.connect(self.search)
        browse.clicked.connect(self._browse)
        self.test_button.clicked.connect(self.test)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self._load(camera)

    def _load(self, camera: CameraSettings | None) -> None:
        source = camera.source if camera else ""
        if source.strip().isdigit():
            self.kind.setCurrentIndex(KIND_USB)
            self.usb.addItem(self.tr("USB camera %1").replace("%1", source), int(source))
        elif source.lower().startswith(("rtsp://", "rtsps://", "http://", "https://")):
            self.kind.setCurrentIndex(KIND_NETWORK)
            self.url.setText(source)
        elif source:
            self.kind.setCurrentIndex(KIND_FILE)
            self.file.setText(source)
        if camera is None:
            self.search()

    def search(self) -> None:
        self.search_button.setEnabled(False)
        self.result.setText(self.tr("Looking for USB cameras…"))
        self.prober.probe()

    def _devices_found(self, indices: list[int]) -> None:
        self.search_button.setEnabled(True)
        current = self.usb.currentData()
        self.usb.clear()
        for index in indices:
            self.usb.addItem(self.tr("USB camera %1").replace("%1", str(index)), index)
        self.usb.setCurrentIndex(max(self.usb.findData(current), 0))
        self.result.setText(
            self.tr("Found %1 USB camera(s).").replace("%1", str(len(indices)))
            if indices
            else self.tr("No USB camera found. Check the cable, or choose a network camera or a file.")
        )

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a video file"), "", VIDEO_FILTER)
        if path:
            self.file.setText(path)

    def source_spec(self) -> str:
        kind = self.kind.currentIndex()
        if kind == KIND_USB:
            data = self.usb.currentData()
            return "" if data is None else str(data)
        if kind == KIND_NETWORK:
            return self.url.text().strip()
        return self.file.text().strip()

    def problem(self) -> str | None:
        """What is wrong with the form, in words; None when it can be saved."""
        if not self.name.text().strip():
            return self.tr("Give the camera a name.")
        return self.source_problem()

    def source_problem(self) -> str | None:
        spec = self.source_spec()
        kind = self.kind.currentIndex()
        if kind == KIND_USB and not spec:
            return self.tr("Choose a USB camera from the list (press Search again after plugging it in).")
        if kind == KIND_NETWORK and not re.match(r"^(rtsps?|https?)://[^\s/]+", spec, re.IGNORECASE):
            return self.tr("A network camera address starts with rtsp:// followed by its IP address.")
        if kind == KIND_FILE and not Path(spec).is_file():
            return self.tr("The video file does not exist: %1").replace("%1", spec or "—")
        return None

    def test(self) -> None:
        problem = self.source_problem()
        if problem:
            self.result.setText(problem)
            return
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Testing…"))
        self.tester.test(self.source_spec())

    def _tested(self, outcome: SourceTest) -> None:
        self.test_button.setEnabled(True)
        if outcome.ok and outcome.image is not None:
            image = outcome.image
            height, width = image.shape[:2]
            self.preview.set_image(
                QImage(image.data, width, height, image.strides[0], QImage.Format.Format_BGR888).copy()
            )
            self.result.setText(self.tr("Works: %1").replace("%1", outcome.message))
        else:
            self.preview.set_image(None)
            self.result.setText(self.tr("Does not work: %1").replace("%1", outcome.message))

    def result_camera(self) -> CameraSettings:
        name = self.name.text().strip()
        camera_id = self.camera.id if self.camera else _slug(name, self.taken_ids)
        enabled = self.camera.enabled if self.camera else True
        return CameraSettings(id=camera_id, name=name, source=self.source_spec(), enabled=enabled)

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.result.setText(problem)
            return
        self.accept()

    def done(self, code: int) -> None:
        self.prober.wait()
        self.tester.wait()
        super().done(code)

    @classmethod
    def ask(
        cls, parent: QWidget | None, taken_ids: set[str], camera: CameraSettings | None = None
    ) -> CameraSettings | None:
        dialog = cls(taken_ids, camera, parent)
        return dialog.result_camera() if dialog.exec() == QDialog.DialogCode.Accepted else None
