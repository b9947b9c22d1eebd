"""The checkout's adult check over real QR passes from the access package."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shopguard.access.keys import load_or_create_key
from shopguard.access.passes import PassRepository
from shopguard.access.token import PassToken, encode_token
from shopguard.sales.adult_pass import AccessAdultPassChecker, checker_for_shop

NOW = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)


def token(key, entry) -> str:
    return encode_token(PassToken(entry.id, int(entry.valid_until.timestamp())), key)


def test_adult_pass_accepted_minor_and_revoked_refused(db, tmp_path) -> None:
    assert checker_for_shop(tmp_path, db) is None  # no pass key yet: nothing is created
    key = load_or_create_key(tmp_path)
    passes = PassRepository(db)
    adult = passes.issue("owner", "김성인", True, NOW - timedelta(days=1), NOW + timedelta(days=30))
    minor = passes.issue("owner", "이학생", False, NOW - timedelta(days=1), NOW + timedelta(days=30))
    checker = checker_for_shop(tmp_path, db)
    assert isinstance(checker, AccessAdultPassChecker)
    ok, message = checker.check(token(key, adult), NOW)
    assert ok and "성인 인증 완료" in message
    assert checker.check(token(key, adult), NOW)[0]  # checking again is fine: not a door entry
    ok, message = checker.check(token(key, minor), NOW)
    assert not ok and "성인 출입증이 아닙니다" in message
    assert not checker.check(token(key, adult)[:-2] + "AA", NOW)[0]  # tampered
    assert not checker.check(token(key, adult), NOW + timedelta(days=31))[0]  # expired
    passes.revoke(adult.id, "owner", "분실")
    assert not checker.check(token(key, adult), NOW)[0]
