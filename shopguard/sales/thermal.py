"""Thermal receipts over ESC/POS. Printer code pages have no Hangul, so the whole receipt is drawn with
Pillow and the bundled Noto Sans KR into a 1-bit image and sent as a raster image (GS v 0)."""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from shopguard.errors import ShopGuardError
from shopguard.paths import resource_path
from shopguard.sales.receipt import Receipt, RowStyle

PAPER_PX = {58: 384, 80: 576}  # printable dots at 203 dpi
MARGIN_PX = 8
FONT_PX = {
    RowStyle.TITLE: 34,
    RowStyle.BOLD: 28,
    RowStyle.NORMAL: 24,
    RowStyle.CENTER: 22,
    RowStyle.SMALL: 19,
}
LINE_GAP_PX = 6
INK_THRESHOLD = 150  # grey darker than this prints as a dot; no dithering keeps text crisp
NETWORK_PORT = 9100


class PrinterError(ShopGuardError):
    """The thermal printer cannot be reached or refused the data."""


@lru_cache(maxsize=16)
def _font(px: int, bold: bool) -> ImageFont.FreeTypeFont:
    name = "NotoSansKR-Bold.otf" if bold else "NotoSansKR-Regular.otf"
    return ImageFont.truetype(str(resource_path("assets", "fonts", name)), px)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Break a long text (a product name) into lines that fit; Korean has no spaces to rely on."""
    lines, current = [], ""
    for char in text:
        if current and font.getlength(current + char) > width:
            lines.append(current)
            current = "" if char == " " else char
        else:
            current += char
    return [*lines, current] if current or not lines else lines


def render_image(receipt: Receipt, width_mm: int = 80) -> Image.Image:
    """The receipt as a black-on-white 1-bit image exactly as wide as the paper's print area."""
    width = PAPER_PX[width_mm]
    inner = width - 2 * MARGIN_PX
    ops: list[tuple[str, int, object]] = []  # (kind, height, payload)
    for row in receipt.rows:
        if row.style is RowStyle.RULE:
            ops.append(("rule", 14, None))
            continue
        font = _font(FONT_PX[row.style], row.style in (RowStyle.TITLE, RowStyle.BOLD))
        height = FONT_PX[row.style] + LINE_GAP_PX + 4
        right_w = font.getlength(row.right) + 12 if row.right else 0
        for i, part in enumerate(_wrap(row.left, font, inner - right_w)):
            ops.append(("text", height, (row.style, font, part, row.right if i == 0 else "")))
    total_height = sum(h for _, h, _ in ops) + 2 * MARGIN_PX + 40  # room before the cutter
    image = Image.new("L", (width, total_height), 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN_PX
    for kind, height, payload in ops:
        if kind == "rule":
            for x in range(MARGIN_PX, width - MARGIN_PX, 8):
                draw.line([(x, y + 6), (x + 4, y + 6)], fill=0, width=2)
        else:
            style, font, left, right = payload  # type: ignore[misc]
            if style in (RowStyle.TITLE, RowStyle.CENTER):
                x = (width - font.getlength(left)) / 2
            else:
                x = MARGIN_PX
            draw.text((x, y), left, font=font, fill=0)
            if right:
                draw.text((width - MARGIN_PX - font.getlength(right), y), right, font=font, fill=0)
        y += height
    return image.point(lambda v: 255 if v > INK_THRESHOLD else 0, mode="1")


def _printer_class(kind: str):  # noqa: ANN202 (escpos has no type hints)
    # python-escpos writes a capabilities cache into a fresh temp dir on every import unless told where.
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(_cache_dir()))
    from escpos import printer

    return getattr(printer, kind)


def _cache_dir() -> str:
    path = os.path.join(tempfile.gettempdir(), "shopguard-escpos")
    os.makedirs(path, exist_ok=True)
    return path


def _feed(device, receipt: Receipt, width_mm: int) -> None:  # noqa: ANN001
    width = PAPER_PX[width_mm]
    # Tell the profile the paper width: escpos then checks the image fits (and stays quiet about it).
    device.profile.profile_data = {
        **device.profile.profile_data,
        "media": {"width": {"mm": width_mm, "pixels": width}},
    }
    device.hw("INIT")
    device.image(render_image(receipt, width_mm), impl="bitImageRaster")
    device.cut()


def escpos_bytes(receipt: Receipt, width_mm: int = 80) -> bytes:
    """The exact bytes a thermal printer gets: init, the receipt image as GS v 0 raster, cut."""
    dummy = _printer_class("Dummy")()
    _feed(dummy, receipt, width_mm)
    return bytes(dummy.output)


def print_thermal(receipt: Receipt, target: str, width_mm: int = 80) -> None:
    """Send to 'network:HOST[:PORT]' or 'file:/dev/usb/lp0' (settings.sales.thermal_printer)."""
    kind, _, where = target.partition(":")
    try:
        if kind == "network":
            host, _, port = where.partition(":")
            device = _printer_class("Network")(host, port=int(port or NETWORK_PORT), timeout=5)
        elif kind == "file":
            device = _printer_class("File")(where)
        else:
            raise PrinterError("영수증 프린터 설정이 없습니다", "no thermal printer configured")
        if hasattr(device, "open"):
            device.open()
        _feed(device, receipt, width_mm)
        device.close()
    except PrinterError:
        raise
    except Exception as exc:  # noqa: BLE001 (escpos raises many unrelated types for a dead device)
        raise PrinterError(
            f"영수증 프린터({target})에 출력할 수 없습니다: 전원과 연결을 확인하세요",
            f"cannot print to the thermal printer {target}: {exc}",
        ) from None
