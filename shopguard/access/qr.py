"""QR codes: the module matrix for drawing (qrcode) and a reader for camera frames (OpenCV).

The reader looks where the last code was first, then at a ≤640 px grey copy of the reader region,
and decodes at full resolution only around what it found: 1280×720 costs about what 640×480 does.
Measured here on photographed cards: OpenCV's ArUco-based finder locates small, soft codes in the
downscaled copy that the classic finder misses (20/20 vs 0–6/20) in a third of the time, while the
classic decoder reads the full-size crop more reliably (20/20 vs 18/20); so one of each.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import qrcode
from PIL import Image

from shopguard.access.keys import AccessError
from shopguard.vision.cv import cv2

QUIET_ZONE_MODULES = 4
DETECT_MAX_SIDE_PX = 640
DECODE_MAX_SIDE_PX = 360  # a version-3 code with margins: ≥ 6 px per module
CROP_MARGIN = 0.3  # of the code's size, around a found code
FULL_REGION = (0.0, 0.0, 1.0, 1.0)


def qr_matrix(text: str) -> list[list[bool]]:
    """Dark modules of the code for `text` (level M), including the quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def qr_image(text: str, module_px: int = 10) -> Image.Image:
    """A black-on-white greyscale image with whole-pixel modules (no resampling blur)."""
    matrix = np.array(qr_matrix(text), dtype=bool)
    pixels = np.where(matrix, 0, 255).astype(np.uint8)
    pixels = np.kron(pixels, np.ones((module_px, module_px), dtype=np.uint8))
    return Image.fromarray(pixels, mode="L")


def _bounds(points: np.ndarray, width: int, height: int) -> tuple[int, int, int, int]:
    x0, y0 = points.min(axis=0)
    x1, y1 = points.max(axis=0)
    margin = CROP_MARGIN * max(x1 - x0, y1 - y0)
    return (
        int(max(0, x0 - margin)),
        int(max(0, y0 - margin)),
        int(min(width, x1 + margin + 1)),
        int(min(height, y1 + margin + 1)),
    )


class QrReader:
    """Finds and decodes one QR code per frame. Keeps state (last position): one per thread."""

    def __init__(self, region: tuple[float, float, float, float] = FULL_REGION) -> None:
        self.region = region
        self._finder = cv2.QRCodeDetectorAruco()
        self._decoders = (cv2.QRCodeDetector(), self._finder)
        self._last_box: tuple[int, int, int, int] | None = None

    def forget(self) -> None:
        """Drop the remembered position (the next frame is searched afresh)."""
        self._last_box = None

    def read(self, image: np.ndarray) -> str | None:
        """The text of a QR code in a BGR or grey frame, or None."""
        grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        height, width = grey.shape
        if self._last_box is not None:
            text = self._decode_box(grey, self._last_box)
            if text:
                return text
            self._last_box = None
        rx0, ry0, rx1, ry1 = self.region
        ox, oy = int(rx0 * width), int(ry0 * height)
        area = grey[oy : max(oy + 1, int(ry1 * height)), ox : max(ox + 1, int(rx1 * width))]
        scale = min(1.0, DETECT_MAX_SIDE_PX / max(area.shape))
        small = area
        if scale < 1.0:
            small = cv2.resize(area, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        found, points = self._finder.detect(small)
        if not found or points is None:
            return None
        corners = points.reshape(-1, 2) / scale + (ox, oy)
        box = _bounds(corners, width, height)
        return self._decode_box(grey, box)

    def read_still(self, image: np.ndarray) -> str | None:
        """A photo or a saved card: the fast path, then the whole picture at full size."""
        text = self.read(image)
        if text:
            return text
        grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        for decoder in self._decoders:
            text, _, _ = decoder.detectAndDecode(grey)
            if text:
                return text
        return None

    def _decode_box(self, grey: np.ndarray, box: tuple[int, int, int, int]) -> str | None:
        x0, y0, x1, y1 = box
        crop = grey[y0:y1, x0:x1]
        if crop.shape[0] < 21 or crop.shape[1] < 21:
            return None
        # A code held close fills the crop with far more pixels than decoding needs: shrink it.
        scale = min(1.0, DECODE_MAX_SIDE_PX / max(crop.shape))
        if scale < 1.0:
            crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        for decoder in self._decoders:
            text, points, _ = decoder.detectAndDecode(crop)
            if text and points is not None:
                corners = points.reshape(-1, 2) / scale + (x0, y0)
                self._last_box = _bounds(corners, grey.shape[1], grey.shape[0])
                return text
        return None


def read_image_file(path: Path) -> np.ndarray:
    """A picture file as BGR (works with non-ASCII paths on Windows too)."""
    try:
        data = np.fromfile(str(path), dtype=np.uint8)
    except OSError:
        raise AccessError(f"파일을 읽을 수 없습니다: {path}", f"cannot read {path}") from None
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise AccessError(f"그림 파일이 아닙니다: {path}", f"not a picture file: {path}")
    return image
