"""Event snapshots: the frame with every person's box drawn (the ones involved in red), as JPEG
under the media snapshots folder: <camera>/<YYYY-MM-DD>/<type>-<HHMMSS>-<n>.jpg. Given the picture
from before (tampering), the snapshot shows before and after side by side."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from shopguard.domain.events import Event
from shopguard.domain.geometry import Box
from shopguard.domain.vision import FrameResult
from shopguard.paths import resource_path
from shopguard.vision.cv import cv2

INVOLVED_BGR = (0, 0, 255)
OTHER_BGR = (0, 200, 0)
JPEG_QUALITY = 85
CAPTION_PX = 28
CAPTIONS = ("이전 / before", "이후 / after")


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


@lru_cache(maxsize=1)
def _caption_font() -> ImageFont.FreeTypeFont:
    # The bundled Korean font: OpenCV's own fonts have no Hangul.
    return ImageFont.truetype(str(resource_path("assets", "fonts", "NotoSansKR-Bold.otf")), CAPTION_PX - 8)


def before_and_after(before_bgr: np.ndarray, after_bgr: np.ndarray) -> np.ndarray:
    """The two pictures side by side (before resized to the after's size), each captioned."""
    h, w = after_bgr.shape[:2]
    before = cv2.resize(before_bgr, (w, h), interpolation=cv2.INTER_AREA)
    if before.ndim == 2:
        before = cv2.cvtColor(before, cv2.COLOR_GRAY2BGR)
    sheet = np.zeros((h + CAPTION_PX, 2 * w, 3), np.uint8)
    sheet[CAPTION_PX:, :w], sheet[CAPTION_PX:, w:] = before, after_bgr
    canvas = Image.fromarray(sheet)
    draw = ImageDraw.Draw(canvas)
    for i, text in enumerate(CAPTIONS):
        draw.text((i * w + 8, 2), text, fill=(255, 255, 255), font=_caption_font())
    return np.asarray(canvas).copy()


class SnapshotWriter:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._count = 0

    def write(
        self,
        frame_bgr: np.ndarray,
        result: FrameResult,
        event: Event,
        local_time: datetime,
        before_bgr: np.ndarray | None = None,
    ) -> str:
        """`before_bgr`: the picture before the incident (tampering), shown beside this one."""
        self._count += 1
        target = self.folder / event.camera_id / local_time.strftime("%Y-%m-%d")
        target.mkdir(parents=True, exist_ok=True)
        path = target / f"{event.type.value}-{local_time.strftime('%H%M%S')}-{self._count}.jpg"
        image = draw_boxes(frame_bgr, result, event)
        if before_bgr is not None:
            image = before_and_after(before_bgr, image)
        ok = cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        if not ok:
            from shopguard.errors import StorageError

            raise StorageError(f"스냅샷을 저장할 수 없습니다: {path}", f"cannot write the snapshot: {path}")
        return str(path)
