"""Printable pass cards drawn with Pillow and the bundled Noto Sans KR: a phone-sized card image and a
receipt-width (80 mm printer, 576 dots) version. The PDF/print version lives in ui/dialogs/pass_print.py
and uses the same PassCard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw, ImageFont

from shopguard.access.keys import ShopKey
from shopguard.access.passes import EntryPass
from shopguard.access.qr import qr_image, qr_matrix
from shopguard.access.token import PassToken, encode_token
from shopguard.paths import resource_path

CARD_SIZE_PX = (1000, 1500)
RECEIPT_WIDTH_PX = 576
HEADER_COLOUR = "#1a3d6d"


@dataclass(frozen=True)
class PassCard:
    """Everything printed on a card. No phone number: the card may be lost."""

    shop_name: str
    pass_id: int
    name: str
    adult: bool
    valid_from: str
    valid_until: str
    hours: str  # "" = any hour
    one_time: bool
    payload: str

    @property
    def kind_lines(self) -> list[str]:
        return [
            "성인 Adult" if self.adult else "일반 General",
            "1회용 One-time" if self.one_time else "기간 내 무제한 Unlimited",
            f"이용 시간 Hours: {self.hours}" if self.hours else "이용 시간: 언제나 / Any time",
        ]

    @property
    def validity_line(self) -> str:
        return f"{self.valid_from} ~ {self.valid_until}"

    def matrix(self) -> list[list[bool]]:
        return qr_matrix(self.payload)


def make_card(entry: EntryPass, key: ShopKey, shop_name: str, timezone: str) -> PassCard:
    zone = ZoneInfo(timezone)

    def local(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    payload = encode_token(PassToken(entry.id, int(entry.valid_until.timestamp())), key)
    return PassCard(
        shop_name=shop_name,
        pass_id=entry.id,
        name=entry.name,
        adult=entry.adult,
        valid_from=local(entry.valid_from),
        valid_until=local(entry.valid_until),
        hours=str(entry.hours) if entry.hours else "",
        one_time=entry.one_time,
        payload=payload,
    )


@lru_cache(maxsize=32)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "NotoSansKR-Bold.otf" if bold else "NotoSansKR-Regular.otf"
    return ImageFont.truetype(str(resource_path("assets", "fonts", name)), size)


def _fitted(draw: ImageDraw.ImageDraw, text: str, size: int, max_width: int, bold: bool = False):  # noqa: ANN202
    while size > 12 and draw.textlength(text, font=_font(size, bold)) > max_width:
        size -= 2
    return _font(size, bold)


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, size: int, width: int, bold=False, fill="black"):  # noqa: ANN001, ANN202
    font = _fitted(draw, text, size, width - 60, bold)
    draw.text((width // 2, y), text, font=font, fill=fill, anchor="ma")
    return y + int(font.size * 1.35)


def render_card(card: PassCard) -> Image.Image:
    """The card a customer keeps on a phone or prints: shop name, large QR, name, validity."""
    width, height = CARD_SIZE_PX
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 170), fill=HEADER_COLOUR)
    _centred(draw, 28, card.shop_name, 64, width, bold=True, fill="white")
    _centred(draw, 112, "출입 패스 · Entry pass", 34, width, fill="#dce6f2")
    modules = len(card.matrix())
    module_px = min(760 // modules, 24)
    qr = qr_image(card.payload, module_px).convert("RGB")
    image.paste(qr, ((width - qr.width) // 2, 200))
    y = 200 + qr.height + 20
    y = _centred(draw, y, card.name, 64, width, bold=True)
    y = _centred(draw, y, "  ·  ".join(card.kind_lines[:2]), 38, width, bold=True, fill=HEADER_COLOUR)
    y = _centred(draw, y + 6, f"유효 기간 Valid: {card.validity_line}", 34, width)
    y = _centred(draw, y, card.kind_lines[2], 34, width)
    _centred(draw, height - 120, "출입문 카메라에 QR 코드를 보여주세요", 34, width, bold=True)
    _centred(draw, height - 70, f"Show this code to the door camera  ·  No. {card.pass_id}", 28, width)
    return image


def render_receipt(card: PassCard) -> Image.Image:
    """Black on white, 576 px wide, for an 80 mm thermal printer (Hangul drawn, not sent as text)."""
    width = RECEIPT_WIDTH_PX
    modules = len(card.matrix())
    qr = qr_image(card.payload, max(4, 460 // modules)).convert("RGB")
    image = Image.new("RGB", (width, qr.height + 470), "white")
    draw = ImageDraw.Draw(image)
    y = _centred(draw, 10, card.shop_name, 44, width, bold=True)
    y = _centred(draw, y, "출입 패스 Entry pass", 30, width)
    image.paste(qr, ((width - qr.width) // 2, y + 4))
    y += qr.height + 12
    y = _centred(draw, y, card.name, 44, width, bold=True)
    y = _centred(draw, y, "  ·  ".join(card.kind_lines[:2]), 28, width, bold=True)
    y = _centred(draw, y, card.validity_line, 28, width)
    y = _centred(draw, y, card.kind_lines[2], 26, width)
    y = _centred(draw, y, f"No. {card.pass_id}", 24, width)
    return image.crop((0, 0, width, y + 24))
