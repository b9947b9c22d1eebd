"""The real AdultPassChecker: a QR entry pass (shopguard.access) that is genuine, valid now and adult.

Checking a pass at the checkout does not count as a use of it (the customer already came in with it),
so door rules such as anti-passback and one-time use do not apply here.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import sqlite_utils

from shopguard.access.keys import ShopKey, key_path, load_or_create_key
from shopguard.access.passes import PassRepository
from shopguard.access.token import TokenError, decode_token
from shopguard.access.verdict import Reason, Verdict


class AccessAdultPassChecker:
    def __init__(self, key: ShopKey, passes: PassRepository) -> None:
        self.key = key
        self.passes = passes

    def check(self, qr_text: str, now: datetime) -> tuple[bool, str]:
        try:
            token = decode_token(qr_text, self.key)
        except TokenError as exc:
            return False, Verdict.deny(exc.reason).message
        entry = self.passes.get(token.pass_id)
        if entry is None:
            return False, Verdict.deny(Reason.UNKNOWN_PASS).message
        if entry.revoked_at is not None:
            return False, Verdict.deny(Reason.REVOKED).message
        if now < entry.valid_from:
            return False, Verdict.deny(Reason.NOT_YET_VALID).message
        if now.timestamp() >= token.expires_ts or now >= entry.valid_until:
            return False, Verdict.deny(Reason.EXPIRED).message
        if not entry.adult:
            return False, "성인 출입증이 아닙니다 (일반 출입증) / not an adult pass"
        return True, f"성인 인증 완료 (출입증 #{entry.id}) / adult pass accepted"


def checker_for_shop(root: Path, db: sqlite_utils.Database) -> AccessAdultPassChecker | None:
    """The checker when the shop has a pass key (QR passes set up); None otherwise. Never creates a key."""
    if not key_path(root).exists():
        return None
    return AccessAdultPassChecker(load_or_create_key(root), PassRepository(db))
