"""What the door decided and why, in plain words a customer understands (Korean first)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Reason(StrEnum):
    OK = "ok"
    UNREADABLE = "unreadable"  # not a ShopGuard pass, or damaged
    FORGED = "forged"  # signed with our key id but the signature does not match
    OTHER_SHOP = "other_shop"
    UNKNOWN_PASS = "unknown_pass"
    REVOKED = "revoked"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    USED = "used"  # a one-time pass already used
    PASSBACK = "passback"  # the same pass entered a moment ago
    OUTSIDE_HOURS = "outside_hours"
    ADULTS_ONLY = "adults_only"


MESSAGES: dict[Reason, tuple[str, str]] = {
    Reason.OK: ("입장하세요", "Welcome"),
    Reason.UNREADABLE: ("출입 패스가 아닌 QR 코드입니다", "This QR code is not an entry pass"),
    Reason.FORGED: ("확인할 수 없는 패스입니다. 점주에게 문의하세요", "This pass cannot be verified"),
    Reason.OTHER_SHOP: ("다른 매장의 패스입니다", "This pass is for another shop"),
    Reason.UNKNOWN_PASS: ("등록되지 않은 패스입니다", "This pass is not registered here"),
    Reason.REVOKED: ("사용이 중지된 패스입니다", "This pass has been cancelled"),
    Reason.NOT_YET_VALID: ("아직 사용 기간이 아닙니다", "This pass is not valid yet"),
    Reason.EXPIRED: ("사용 기간이 끝난 패스입니다", "This pass has expired"),
    Reason.USED: ("이미 사용한 1회용 패스입니다", "This one-time pass was already used"),
    Reason.PASSBACK: (
        "방금 입장에 사용된 패스입니다. 잠시 후 다시 시도하세요",
        "This pass was just used. Please try again later",
    ),
    Reason.OUTSIDE_HOURS: (
        "지금은 이 패스로 들어올 수 없는 시간입니다",
        "This pass is not valid at this hour",
    ),
    Reason.ADULTS_ONLY: ("지금은 성인만 입장할 수 있습니다", "Adults only at this hour"),
}


@dataclass(frozen=True)
class Verdict:
    granted: bool
    reason: Reason
    pass_id: int | None = None
    name: str = ""

    @property
    def message_ko(self) -> str:
        return MESSAGES[self.reason][0]

    @property
    def message_en(self) -> str:
        return MESSAGES[self.reason][1]

    @property
    def message(self) -> str:
        return f"{self.message_ko} / {self.message_en}"

    @classmethod
    def deny(cls, reason: Reason, pass_id: int | None = None, name: str = "") -> Verdict:
        return cls(False, reason, pass_id, name)
