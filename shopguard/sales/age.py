"""Age-restricted goods (alcohol, tobacco): when an adult pass is needed, and who checks the pass.

The access package verifies passes; sales only needs `AdultPassChecker`, so tests and demos plug in
`StaticAdultPassChecker` and the app plugs in the real verifier.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Protocol
from zoneinfo import ZoneInfo

from shopguard.config.sales import SalesSettings


class AdultPassChecker(Protocol):
    def check(self, qr_text: str, now: datetime) -> tuple[bool, str]:
        """(valid adult pass?, a short message for the screen)."""
        ...


class StaticAdultPassChecker:
    """Accepts a fixed set of pass texts (tests, demo, a shop without QR passes set up)."""

    def __init__(self, valid: set[str] | frozenset[str] = frozenset()) -> None:
        self.valid = set(valid)

    def check(self, qr_text: str, now: datetime) -> tuple[bool, str]:
        if qr_text.strip() in self.valid:
            return True, "성인 인증 완료 / adult pass accepted"
        return False, "유효한 성인 출입증이 아닙니다 / not a valid adult pass"


class NoAdultPassChecker:
    """Used when no pass verifier is set up: nothing passes, the screen says why."""

    def check(self, qr_text: str, now: datetime) -> tuple[bool, str]:
        return False, "출입증 확인 기능이 설정되지 않았습니다 / pass checking is not set up"


def _in_window(moment: time, start: time, end: time) -> bool:
    if start == end:
        return True
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end  # past midnight


def adult_pass_needed(settings: SalesSettings, now: datetime, timezone: str) -> bool:
    """True when age-restricted goods may only be sold with an adult pass at `now` (shop's local time)."""
    if settings.adult_check_always:
        return True
    local = now.astimezone(ZoneInfo(timezone)).time()
    return _in_window(local, settings.adult_check_from, settings.adult_check_until)
