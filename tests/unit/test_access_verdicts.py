"""Pass signing and the door's decision: every way a pass must be refused, with the right reason."""

from __future__ import annotations

import base64
import random
from datetime import UTC, datetime, timedelta

import pytest

from shopguard.access.keys import ShopKey
from shopguard.access.passes import EntryPass, HoursWindow, PassRepository, mask_phone
from shopguard.access.policy import DoorPolicy, evaluate
from shopguard.access.token import PREFIX, PassToken, decode_token, encode_token
from shopguard.access.verdict import Reason
from shopguard.storage.audit import list_audit

SEOUL_NOON = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)  # 12:00 in Seoul
SEOUL_23H = datetime(2025, 3, 10, 14, 0, tzinfo=UTC)  # 23:00 in Seoul
POLICY = DoorPolicy("Asia/Seoul", (HoursWindow.parse("22:00-09:00"),), passback_s=60)
KEY = ShopKey(bytes(range(32)))


def make_pass(**changes) -> EntryPass:
    base = dict(
        id=7,
        name="김민수",
        phone="010-1234-5678",
        adult=True,
        valid_from=SEOUL_NOON - timedelta(days=1),
        valid_until=SEOUL_NOON + timedelta(days=29),
        hours=None,
        one_time=False,
        uses=0,
        last_used=None,
        revoked_at=None,
        revoke_reason="",
        issued_at=SEOUL_NOON - timedelta(days=1),
        issued_by="owner",
    )
    base.update(changes)
    return EntryPass(**base)


def payload_for(entry: EntryPass, key: ShopKey = KEY) -> str:
    return encode_token(PassToken(entry.id, int(entry.valid_until.timestamp())), key)


def verdict(entry: EntryPass, now: datetime = SEOUL_NOON, text: str | None = None):
    return evaluate(text or payload_for(entry), KEY, {entry.id: entry}.get, POLICY, now)


def test_valid_pass_is_granted_with_name() -> None:
    result = verdict(make_pass())
    assert result.granted and result.reason is Reason.OK
    assert result.pass_id == 7 and result.name == "김민수"
    assert result.message_ko == "입장하세요"


def test_payload_is_compact_and_carries_no_personal_data() -> None:
    entry = make_pass()
    text = payload_for(entry)
    assert text.startswith(PREFIX) and len(text) <= 60
    raw = base64.b32decode(text[3:] + "=" * (-len(text[3:]) % 8))
    assert "김민수".encode() not in raw and b"1234" not in raw and b"5678" not in raw
    assert decode_token(text, KEY) == PassToken(7, int(entry.valid_until.timestamp()))


@pytest.mark.parametrize(
    ("entry", "now", "reason"),
    [
        (make_pass(valid_until=SEOUL_NOON - timedelta(seconds=1)), SEOUL_NOON, Reason.EXPIRED),
        (make_pass(valid_from=SEOUL_NOON + timedelta(hours=1)), SEOUL_NOON, Reason.NOT_YET_VALID),
        (make_pass(revoked_at=SEOUL_NOON - timedelta(hours=1)), SEOUL_NOON, Reason.REVOKED),
        (make_pass(hours=HoursWindow.parse("06:00-11:00")), SEOUL_NOON, Reason.OUTSIDE_HOURS),
        (make_pass(adult=False), SEOUL_23H, Reason.ADULTS_ONLY),
        (make_pass(one_time=True, uses=1), SEOUL_NOON, Reason.USED),
        (make_pass(last_used=SEOUL_NOON - timedelta(seconds=20)), SEOUL_NOON, Reason.PASSBACK),
    ],
    ids=["expired", "not-yet-valid", "revoked", "outside-hours", "minor-at-night", "one-time-used", "replay"],
)
def test_each_refusal_has_its_reason(entry: EntryPass, now: datetime, reason: Reason) -> None:
    result = verdict(entry, now)
    assert not result.granted
    assert result.reason is reason


def test_boundaries_grant_what_is_allowed() -> None:
    assert verdict(make_pass(adult=False), SEOUL_NOON).granted  # a minor by day
    assert verdict(make_pass(adult=True), SEOUL_23H).granted  # an adult at night
    assert verdict(make_pass(last_used=SEOUL_NOON - timedelta(seconds=61))).granted  # after the window
    night = make_pass(hours=HoursWindow.parse("22:00-06:00"))
    assert verdict(night, SEOUL_23H).granted and not verdict(night, SEOUL_NOON).granted


def test_expiry_inside_the_signed_payload_is_enforced_even_if_the_record_was_extended() -> None:
    old = make_pass(valid_until=SEOUL_NOON - timedelta(days=1))
    extended = make_pass(valid_until=SEOUL_NOON + timedelta(days=30))
    result = evaluate(payload_for(old), KEY, {7: extended}.get, POLICY, SEOUL_NOON)
    assert result.reason is Reason.EXPIRED


def test_forged_signature_edited_payload_and_other_shop() -> None:
    entry = make_pass()
    text = payload_for(entry)
    raw = bytearray(base64.b32decode(text[3:] + "=" * (-len(text[3:]) % 8)))

    def spelled(data: bytes) -> str:
        return PREFIX + base64.b32encode(bytes(data)).decode().rstrip("=")

    forged = bytearray(raw)
    forged[-1] ^= 0x01  # the tag
    assert verdict(entry, text=spelled(forged)).reason is Reason.FORGED
    edited = bytearray(raw)
    edited[9] ^= 0x01  # the top byte of the expiry: half a year longer
    assert verdict(entry, text=spelled(edited)).reason is Reason.FORGED
    other = payload_for(entry, ShopKey(bytes(32)))
    assert verdict(entry, text=other).reason is Reason.OTHER_SHOP
    assert verdict(entry, text="https://example.com/").reason is Reason.UNREADABLE
    assert verdict(entry, text=text.lower()).reason is Reason.UNREADABLE


def test_unknown_pass_is_refused() -> None:
    text = encode_token(PassToken(999, int(SEOUL_NOON.timestamp()) + 3600), KEY)
    assert evaluate(text, KEY, {}.get, POLICY, SEOUL_NOON).reason is Reason.UNKNOWN_PASS


def test_fuzz_random_and_mutated_payloads_never_crash_and_never_pass() -> None:
    entry = make_pass()
    good = payload_for(entry)
    lookup = {entry.id: entry}.get
    rng = random.Random(20250310)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567:= -abc가\x00"
    accepted = 0
    for i in range(4000):
        if i % 2:
            chars = list(good)
            for _ in range(rng.randint(1, 4)):
                op = rng.random()
                pos = rng.randrange(len(chars))
                if op < 0.6:
                    chars[pos] = rng.choice(alphabet)
                elif op < 0.8:
                    del chars[pos]
                else:
                    chars.insert(pos, rng.choice(alphabet))
            text = "".join(chars)
            if text == good:
                continue
        else:
            text = PREFIX + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        result = evaluate(text, KEY, lookup, POLICY, SEOUL_NOON)
        accepted += result.granted
    assert accepted == 0


def test_phone_is_masked() -> None:
    assert mask_phone("010-1234-5678") == "010-****-5678"
    assert mask_phone("01098765432") == "010****5432"
    assert make_pass().phone_masked == "010-****-5678"


def test_repository_issue_use_revoke_and_audit(db) -> None:
    repo = PassRepository(db)
    now = datetime.now(UTC)
    entry = repo.issue("owner", "이영희", False, now, now + timedelta(days=30), phone="010-2222-3333")
    assert repo.get(entry.id).phone == "010-2222-3333"
    assert repo.record_use(entry.id, now, passback_s=60)
    assert not repo.record_use(entry.id, now + timedelta(seconds=5), passback_s=60)  # replay
    assert repo.record_use(entry.id, now + timedelta(seconds=61), passback_s=60)
    once = repo.issue("owner", "손님", True, now, now + timedelta(days=1), one_time=True)
    assert repo.record_use(once.id, now, 0) and not repo.record_use(once.id, now + timedelta(hours=1), 0)
    repo.revoke(entry.id, "owner", "분실")
    assert repo.get(entry.id).status(now) == "revoked"
    actions = [(a.action, a.target) for a in list_audit(db)]
    assert actions == [
        ("pass.issue", f"pass:{entry.id}"),
        ("pass.issue", f"pass:{once.id}"),
        ("pass.revoke", f"pass:{entry.id}"),
    ]
    assert "010" not in str(list_audit(db)[0].detail)  # no phone number in the ledger
