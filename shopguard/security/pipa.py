"""The CCTV notice for the door (개인정보 보호법 제25조 제4항: purpose and place, filming range and
hours, the person in charge and their contact), built from the settings; no Qt here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_RETENTION_DAYS = 30
DEFAULT_AREA = "매장 내부 및 출입구"


@dataclass(frozen=True)
class NoticeLine:
    label_ko: str
    label_en: str
    value: str


@dataclass(frozen=True)
class PipaNotice:
    title_ko: str
    title_en: str
    shop: str
    address: str
    lines: list[NoticeLine]
    missing: list[str] = field(default_factory=list)  # what the owner should still fill in (bilingual)

    def as_text(self) -> str:
        """Plain text of the notice (for a text-only printer or to paste elsewhere)."""
        out = [f"{self.title_ko}", f"{self.title_en}", ""]
        for line in self.lines:
            out.append(f"{line.label_ko} ({line.label_en}): {line.value}")
        out += ["", self.shop + (f" · {self.address}" if self.address else "")]
        return "\n".join(out)


def retention_days(settings: Any) -> int:
    """The notice's own value, else the recording retention (when that feature is present), else 30."""
    own = settings.privacy.retention_days
    if own:
        return int(own)
    recording = getattr(settings, "recording", None)
    days = getattr(recording, "retention_days", None)
    return max(int(round(days)), 1) if days else DEFAULT_RETENTION_DAYS


def filmed_areas(settings: Any) -> str:
    if settings.privacy.areas.strip():
        return settings.privacy.areas.strip()
    names = [c.name for c in settings.cameras if c.enabled]
    if not names:
        return DEFAULT_AREA
    return f"{DEFAULT_AREA} (카메라 {len(names)}대: {', '.join(names)})"


def build_notice(settings: Any) -> PipaNotice:
    """The notice for `settings` (an AppSettings); `missing` lists what the law needs and is empty."""
    privacy = settings.privacy
    shop = settings.shop
    manager = privacy.manager_name.strip() or shop.name
    contact = shop.manager_contact.strip()
    missing = []
    if not contact:
        missing.append("관리책임자 연락처를 설정에 입력하세요 / enter the manager's contact in the settings")
    lines = [
        NoticeLine("설치 목적", "Purpose", privacy.purpose),
        NoticeLine("설치 장소 및 촬영 범위", "Area filmed", filmed_areas(settings)),
        NoticeLine("촬영 시간", "Hours", privacy.hours),
        NoticeLine("보관 기간", "Kept for", f"촬영일로부터 {retention_days(settings)}일 (days)"),
        NoticeLine("관리책임자", "Person in charge", manager),
        NoticeLine("연락처", "Contact", contact or "(미입력 / not set)"),
    ]
    return PipaNotice(
        title_ko="CCTV 설치·운영 안내",
        title_en="CCTV in operation",
        shop=shop.name,
        address=shop.address,
        lines=lines,
        missing=missing,
    )
