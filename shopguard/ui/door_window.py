"""DoorWindow: the full-screen door display. Green "입장하세요 / Welcome" or the reason for denial in
plain words, spoken by ui/voice.py; a small live picture so customers see where to hold the code.
GUI thread only: it polls the DoorLoop (its own thread) on a timer and never decodes anything."""

from __future__ import annotations

import sys

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from shopguard.access.station import DoorLoop
from shopguard.access.verdict import Verdict
from shopguard.ui.voice import Voice

POLL_INTERVAL_MS = 50
VERDICT_SHOW_MS = 4000
PREVIEW_WIDTH_PX = 360
IDLE_STYLE = ("#1f2933", "#ffffff")
GRANTED_STYLE = ("#1e8e3e", "#ffffff")
DENIED_STYLE = ("#c5221f", "#ffffff")
IDLE_KO = "QR 코드를 카메라에 보여주세요"
IDLE_EN = "Show your pass QR code to the camera"


class DoorWindow(QWidget):
    verdict_shown = Signal(bool, str)  # granted, reason value

    def __init__(
        self,
        loop: DoorLoop | None,
        shop_name: str,
        voice: Voice | None = None,
        show_ms: int = VERDICT_SHOW_MS,
    ) -> None:
        super().__init__()
        self.loop = loop
        self.voice = voice
        self.show_ms = show_ms
        self.state = "idle"
        self._frame_version = -1
        self.setWindowTitle(f"ShopGuard — 출입문 Door — {shop_name}")
        self.shop = QLabel(shop_name)
        self.message = QLabel()
        self.detail = QLabel()
        self.english = QLabel()
        self.preview = QLabel()
        self.problem = QLabel()
        for label in (self.shop, self.message, self.english, self.detail, self.problem):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedWidth(PREVIEW_WIDTH_PX)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(self.shop)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.english)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.problem)
        self._back_to_idle = QTimer(self)
        self._back_to_idle.setSingleShot(True)
        self._back_to_idle.timeout.connect(self.show_idle)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self.poll)
        self.show_idle()

    def start(self) -> None:
        if self.loop is not None:
            self.loop.start()
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._back_to_idle.stop()
        if self.loop is not None:
            self.loop.stop()

    def poll(self) -> None:
        if self.loop is None:
            return
        events = self.loop.take_events()
        if events:
            self.show_verdict(events[-1].verdict)
        image, version = self.loop.latest()
        if image is not None and version != self._frame_version:
            self._frame_version = version
            self.show_frame(image)
        self.problem.setText(self.loop.problem)

    def show_idle(self) -> None:
        self.state = "idle"
        self._paint(IDLE_STYLE, IDLE_KO, IDLE_EN, "")

    def show_verdict(self, verdict: Verdict) -> None:
        self.state = "granted" if verdict.granted else "denied"
        style = GRANTED_STYLE if verdict.granted else DENIED_STYLE
        detail = f"{verdict.name} 님" if verdict.granted and verdict.name else ""
        self._paint(style, verdict.message_ko, verdict.message_en, detail)
        if self.voice is not None:
            self.voice.say(verdict.message_ko if self.voice.language == "ko" else verdict.message_en)
        self._back_to_idle.start(self.show_ms)
        self.verdict_shown.emit(verdict.granted, verdict.reason.value)

    def show_frame(self, image: np.ndarray) -> None:
        height, width = image.shape[:2]
        qimage = QImage(image.data, width, height, image.strides[0], QImage.Format.Format_BGR888)
        pixmap = QPixmap.fromImage(qimage).scaledToWidth(
            PREVIEW_WIDTH_PX, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(pixmap)

    def _paint(self, style: tuple[str, str], ko: str, en: str, detail: str) -> None:
        background, colour = style
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        self.setPalette(palette)  # the labels inherit it; no style sheet, which would override palettes
        self.setAutoFillBackground(True)
        self.message.setText(ko)
        self.english.setText(en)
        self.detail.setText(detail)
        self._fit_fonts()

    def _fit_fonts(self) -> None:
        """Readable from a metre or two: sizes follow the window height."""
        unit = max(self.height(), 480) / 100
        big = 11 if self.state == "idle" else 14
        for label, size, bold in (
            (self.shop, 4.0, True),
            (self.message, big * (0.6 if len(self.message.text()) > 14 else 1.0), True),
            (self.english, 5.0, False),
            (self.detail, 5.5, True),
            (self.problem, 2.5, False),
        ):
            font = QFont(self.font())
            font.setPixelSize(int(size * unit))
            font.setBold(bold)
            label.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_fonts()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:  # the owner leaves the door screen with Esc
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt override)
        self.stop()
        super().closeEvent(event)


def run_door_app(camera: str | None = None, windowed: bool = False) -> int:
    """`shopguard door`: open the database and the door camera, show the door screen until Esc."""
    from shopguard.access.door import make_door_controller
    from shopguard.access.station import build_station
    from shopguard.app import check_display
    from shopguard.commands.pass_cmd import open_context
    from shopguard.ui.fonts import install_fonts
    from shopguard.vision.sources import open_source

    check_display()
    app = QApplication.instance() or QApplication(sys.argv)
    install_fonts(app)
    context = open_context()
    access = context.settings.access
    controller = make_door_controller(access)
    try:
        spec = camera or access.door_camera
        station = build_station(context, controller, camera=f"door:{spec}")
        loop = DoorLoop(open_source(spec, loop=True), station)
        voice = Voice("ko", access.voice_volume) if access.voice else None
        window = DoorWindow(loop, context.settings.shop.name, voice)
        if windowed:
            window.resize(1024, 700)
            window.show()
        else:
            window.showFullScreen()
        window.start()
        code = app.exec()
        window.stop()
    finally:
        controller.close()
        context.db.conn.close()
    return int(code)


def demo_window(granted: bool = True) -> DoorWindow:
    """The door screen with a verdict on it and a demo picture (screenshots)."""
    from shopguard.access.verdict import Reason
    from shopguard.paths import resource_path
    from shopguard.vision.cv import cv2

    window = DoorWindow(None, "우리 무인점포")
    capture = cv2.VideoCapture(str(resource_path("assets", "demo", "one-by-one-person-detection.mp4")))
    ok, image = capture.read()
    capture.release()
    if ok:
        window.show_frame(image)
    verdict = (
        Verdict(True, Reason.OK, 12, "김민수") if granted else Verdict.deny(Reason.ADULTS_ONLY, 31, "학생")
    )
    window.show_verdict(verdict)
    window._back_to_idle.stop()  # keep the verdict on screen for the picture
    return window
