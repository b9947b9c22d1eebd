"""The door's decision: a pure function of (payload text, pass record, policy, time)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from shopguard.access.keys import ShopKey
from shopguard.access.passes import EntryPass, HoursWindow
from shopguard.access.token import TokenError, decode_token
from shopguard.access.verdict import Reason, Verdict
from shopguard.config.access import AccessSettings


@dataclass(frozen=True)
class DoorPolicy:
    timezone: str = "Asia/Seoul"
    adult_only: tuple[HoursWindow, ...] = ()
    passback_s: float = 60.0

    @classmethod
    def from_settings(cls, access: AccessSettings, timezone: str) -> DoorPolicy:
        return cls(
            timezone=timezone,
            adult_only=tuple(HoursWindow.parse(h) for h in access.adult_only_hours),
            passback_s=access.passback_s,
        )

    def local_time(self, now: datetime) -> datetime:
        return now.astimezone(ZoneInfo(self.timezone))


def evaluate(
    text: str,
    key: ShopKey,
    lookup: Callable[[int], EntryPass | None],
    policy: DoorPolicy,
    now: datetime,
) -> Verdict:
    """Grant or deny one scanned payload. Checks run from "is it ours" to "is it now": the first
    failing check is the reason shown."""
    try:
        token = decode_token(text, key)
    except TokenError as exc:
        return Verdict.deny(exc.reason)
    entry = lookup(token.pass_id)
    if entry is None:
        return Verdict.deny(Reason.UNKNOWN_PASS, token.pass_id)

    def deny(reason: Reason) -> Verdict:
        return Verdict.deny(reason, entry.id, entry.name)

    if entry.revoked_at is not None:
        return deny(Reason.REVOKED)
    if now < entry.valid_from:
        return deny(Reason.NOT_YET_VALID)
    if now.timestamp() >= token.expires_ts or now >= entry.valid_until:
        return deny(Reason.EXPIRED)
    if entry.one_time and entry.uses > 0:
        return deny(Reason.USED)
    if entry.last_used is not None and (now - entry.last_used).total_seconds() < policy.passback_s:
        return deny(Reason.PASSBACK)
    local = policy.local_time(now).time()
    if entry.hours is not None and not entry.hours.contains(local):
        return deny(Reason.OUTSIDE_HOURS)
    if not entry.adult and any(window.contains(local) for window in policy.adult_only):
        return deny(Reason.ADULTS_ONLY)
    return Verdict(True, Reason.OK, entry.id, entry.name)


def utc_now() -> datetime:
    return datetime.now(UTC)
