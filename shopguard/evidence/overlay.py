"""Burned-in captions for exported video and stills: shop-time timestamp with its offset, camera name.
Drawn with Pillow and the bundled Noto Sans KR (OpenCV's fonts have no Hangul). No Qt."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from shopguard.paths import resource_path

FONT_FILE = "NotoSansKR-Bold.otf"
TEXT_HEIGHT_FRACTION = 0.045  # caption text height relative to the frame height
MIN_TEXT_PX = 12
PAD_PX = 4


def shop_time_text(moment: datetime, zone: ZoneInfo, tenths: bool = True) -> str:
    """'2024-05-01 14:03:22.4 KST (UTC+09:00)': the shop's local time, zone name and offset."""
    local = moment.astimezone(zone)
    offset = local.strftime("%z")
    stamp = local.strftime("%Y-%m-%d %H:%M:%S")
    if tenths:
        stamp += f".{local.microsecond // 100_000}"
    name = local.tzname() or ""
    label = f"{name} " if name and not name.startswith(("+", "-")) else ""
    return f"{stamp} {label}(UTC{offset[:3]}:{offset[3:]})"


@lru_cache(maxsize=8)
def _font(size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("assets", "fonts", FONT_FILE)), size_px)


def caption_size(height: int) -> int:
    return max(MIN_TEXT_PX, round(height * TEXT_HEIGHT_FRACTION))


def _text_strip(text: str, size_px: int) -> tuple[np.ndarray, np.ndarray]:
    """White text on a black plate as (BGR image, alpha 0..1) arrays."""
    font = _font(size_px)
    left, top, right, bottom = font.getbbox(text)
    width, height = right - left + 2 * PAD_PX, bottom - top + 2 * PAD_PX
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).text((PAD_PX - left, PAD_PX - top), text, font=font, fill=255)
    ink = np.asarray(mask, dtype=np.float32) / 255.0
    strip = np.repeat((ink * 255).astype(np.uint8)[:, :, None], 3, axis=2)
    alpha = np.maximum(ink, 0.6)  # a see-through plate keeps the text readable on any background
    return strip, alpha


@lru_cache(maxsize=4)
def _cached_strip(text: str, size_px: int) -> tuple[np.ndarray, np.ndarray]:
    return _text_strip(text, size_px)


def _paste(image: np.ndarray, strip: np.ndarray, alpha: np.ndarray, x: int, y: int) -> None:
    h = min(strip.shape[0], image.shape[0] - y)
    w = min(strip.shape[1], image.shape[1] - x)
    if h <= 0 or w <= 0:
        return
    region = image[y : y + h, x : x + w].astype(np.float32)
    a = alpha[:h, :w, None]
    image[y : y + h, x : x + w] = (strip[:h, :w] * a + region * (1 - a)).astype(np.uint8)


def burn_in(image: np.ndarray, moment: datetime, zone: ZoneInfo, camera_label: str) -> np.ndarray:
    """A copy of `image` with the time at the top left and the camera at the top right."""
    out = image.copy()
    size = caption_size(out.shape[0])
    time_strip, time_alpha = _text_strip(shop_time_text(moment, zone), size)
    _paste(out, time_strip, time_alpha, 0, 0)
    cam_strip, cam_alpha = _cached_strip(camera_label, size)
    _paste(out, cam_strip, cam_alpha, max(time_strip.shape[1] + PAD_PX, out.shape[1] - cam_strip.shape[1]), 0)
    return out


def caption_below(image: np.ndarray, lines: list[str]) -> np.ndarray:
    """The untouched frame with a caption band added underneath (stills keep every original pixel)."""
    width = image.shape[1]
    size = max(MIN_TEXT_PX, round(width * 0.022))
    widest = max(_font(size).getlength(line) for line in lines) + 2 * PAD_PX
    if widest > width:  # a small frame: shrink the text rather than cut it off
        size = max(8, int(size * width / widest))
    strips = [_text_strip(line, size)[0] for line in lines]
    band = np.zeros((sum(s.shape[0] for s in strips) + PAD_PX, width, 3), np.uint8)
    y = PAD_PX // 2
    for strip in strips:
        w = min(strip.shape[1], width)
        band[y : y + strip.shape[0], :w] = strip[:, :w]
        y += strip.shape[0]
    return np.vstack([image, band])
