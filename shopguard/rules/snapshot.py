"""Event snapshots: the frame with every person's box drawn (the ones involved in red), as JPEG
under the media snapshots folder: <camera>/<YYYY-MM-DD>/<type>-<HHMMSS>-<n>.jpg."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np

from shopguard.domain.events import Event
from shopguard.domain.geometry import Box
from shopguard.domain.vision import FrameResult
from shopguard.vision.cv import cv2

INVOLVED_BGR = (0, 0, 255)
OTHER_BGR = (0, 200, 0)
JPEG_QUALITY = 85


def draw_boxes(frame_bgr: np.ndarray, result: FrameResult, event: Event) -> np.ndarray:
    """A copy of the frame with track boxes (ids written) and, for falls, the fallen person's box."""
    image = frame_bgr.copy()
    involved = set(event.track_ids)
    for track in result.tracks:
        if track.lost_frames:
            continue
        colour = INVOLVED_BGR if track.track_id in involved else OTHER_BGR
        _box(image, track.box, colour, f"#{track.track_id}")
    box = event.detail.get("box")
    if box:
        _box(image, Box(*box), INVOLVED_BGR, event.type.value)
    return image


def _box(image: np.ndarray, box: Box, colour: tuple[int, int, int], label: str) -> None:
    p1 = (int(box.x1), int(box.y1))
    p2 = (int(box.x2), int(box.y2))
    cv2.rectangle(image, p1, p2, colour, 2)
    cv2.putText(
        image, label, (p1[0], max(12, p1[1] - 4)), cv2.FONT_HERSHEY_SIMPLEX, 0.5, colour, 1, cv2.LINE_AA
    )


class SnapshotWriter:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._count = 0

    def write(self, frame_bgr: np.ndarray, result: FrameResult, event: Event, local_time: datetime) -> str:
        self._count += 1
        target = self.folder / event.camera_id / local_time.strftime("%Y-%m-%d")
        target.mkdir(parents=True, exist_ok=True)
        path = target / f"{event.type.value}-{local_time.strftime('%H%M%S')}-{self._count}.jpg"
        ok = cv2.imwrite(
            str(path), draw_boxes(frame_bgr, result, event), [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY]
        )
        if not ok:
            from shopguard.errors import StorageError

            raise StorageError(f"스냅샷을 저장할 수 없습니다: {path}", f"cannot write the snapshot: {path}")
        return str(path)
