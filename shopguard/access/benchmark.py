"""Bench figures for the door: QR decode ms per frame and frame → verdict ms (`shopguard bench`)."""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from shopguard.access.card import make_card, render_card
from shopguard.access.door import LogOnlyDoorController
from shopguard.access.entry_log import EntryLog
from shopguard.access.keys import load_or_create_key
from shopguard.access.passes import PassRepository
from shopguard.access.policy import DoorPolicy
from shopguard.access.qr import QrReader
from shopguard.access.station import DoorStation
from shopguard.paths import resource_path
from shopguard.stats import summarise_ms
from shopguard.vision.cv import cv2

RUNS = 30
SIZES = ((640, 480), (1280, 720))
# Measured on the 2-core dev box while ~7 other jobs ran (load average ~4.9), median ms of 30 runs,
# on the demo clip's picture with a card held up at ~55 % of the height; a second run on the same
# load gave up to 2x these at 640x480. `shopguard bench` prints fresh figures for the machine at hand.
MEASURED_MS = {
    "640x480": {"no_code": 3.6, "code_first_sight": 12.7, "code_tracked": 6.4},
    "1280x720": {
        "no_code": 3.0,
        "code_first_sight": 12.9,
        "code_tracked": 7.6,
        "frame_to_verdict": 20.0,
        "frame_to_logged_with_snapshot": 24.7,
    },
}


def _background(size: tuple[int, int]) -> np.ndarray:
    """A real shop picture (the demo clip) at the given size."""
    capture = cv2.VideoCapture(str(resource_path("assets", "demo", "one-by-one-person-detection.mp4")))
    capture.set(cv2.CAP_PROP_POS_FRAMES, 1200)
    ok, image = capture.read()
    capture.release()
    if not ok:
        image = np.full((432, 768, 3), 90, np.uint8)
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def _held_up(background: np.ndarray, card_bgr: np.ndarray) -> np.ndarray:
    """The card held up to the door camera: tilted, about half the picture's height, soft."""
    height, width = background.shape[:2]
    h, w = card_bgr.shape[:2]
    card_h = 0.55 * height
    card_w = card_h * w / h
    x0, y0 = 0.55 * width, 0.2 * height
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32(
        [
            [x0, y0],
            [x0 + card_w, y0 + 0.05 * card_h],
            [x0 + card_w * 0.95, y0 + card_h],
            [x0 - 0.05 * card_w, y0 + 0.95 * card_h],
        ]
    )
    frame = background.copy()
    matrix = cv2.getPerspectiveTransform(src, dst)
    cv2.warpPerspective(card_bgr, matrix, (width, height), frame, borderMode=cv2.BORDER_TRANSPARENT)
    return cv2.GaussianBlur(frame, (3, 3), 0.8)


def _time(fn, runs: int = RUNS) -> dict:  # noqa: ANN001
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        values.append((time.perf_counter() - start) * 1000)
    return summarise_ms(values)


def run() -> dict:
    from shopguard.storage.database import open_database

    report: dict = {"measured_on_dev_box_ms": MEASURED_MS}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = open_database(root / "bench.sqlite3")
        try:
            key = load_or_create_key(root)
            repo = PassRepository(db)
            now = datetime.now(UTC)
            entry = repo.issue("bench", "벤치", True, now - timedelta(days=1), now + timedelta(days=30))
            card = make_card(entry, key, "벤치 상점", "Asia/Seoul")
            card_bgr = cv2.cvtColor(np.array(render_card(card)), cv2.COLOR_RGB2BGR)
            for size in SIZES:
                background = _background(size)
                with_code = _held_up(background, card_bgr)
                reader = QrReader()
                decoded = reader.read(with_code) == card.payload

                def first_sight(r: QrReader = reader, f: np.ndarray = with_code) -> None:
                    r.forget()
                    r.read(f)

                report[f"{size[0]}x{size[1]}"] = {
                    "decoded": decoded,
                    "no_code": _time(lambda r=reader, b=background: r.read(b)),
                    "code_first_sight": _time(first_sight),
                    "code_tracked": _time(lambda r=reader, f=with_code: r.read(f)),
                }
            # 1280×720, code first seen: decode + verify + count the use (the door opens here),
            # then with the snapshot and the entry-log row written. No anti-passback window, so every
            # run is a grant.
            frame = _held_up(_background(SIZES[-1]), card_bgr)
            station = DoorStation(
                key,
                repo,
                EntryLog(db),
                LogOnlyDoorController(),
                DoorPolicy("Asia/Seoul", (), passback_s=0),
                root / "snapshots",
            )
            granted: list[bool] = []

            def to_verdict() -> None:
                station.reader.forget()
                text = station.reader.read(frame)
                granted.append(text is not None and station.check(text, datetime.now(UTC)).granted)

            def to_logged() -> None:
                station.reader.forget()
                station._last_text = ""  # a new attempt each run
                event = station.process(frame)
                granted.append(event is not None and event.verdict.granted)

            report["1280x720"]["frame_to_verdict"] = _time(to_verdict)
            report["1280x720"]["frame_to_logged_with_snapshot"] = _time(to_logged)
            report["1280x720"]["all_granted"] = all(granted)
        finally:
            db.conn.close()
    return report
