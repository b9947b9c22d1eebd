"""Accounts: first owner, staff rights, PIN rules, wrong-PIN lockout with back-off, ledger rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shopguard.security.accounts import AccountError, AccountLocked, Accounts, LoginFailed, kiosk_user
from shopguard.security.lockout import LockoutPolicy
from shopguard.security.passwords import (
    ScryptCost,
    SecretKind,
    WeakSecretError,
    hash_secret,
    needs_rehash,
    verify_secret,
)
from shopguard.security.permissions import Permission, PermissionDenied, Role, allowed, require
from shopguard.storage.audit import AuditAction, list_audit, verify_chain

FAST = ScryptCost(n=2**10, r=8, p=1)  # tests only; the default cost is checked once below
OWNER_PIN = "482916"
STAFF_PIN = "135790"


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def accounts(db, clock) -> Accounts:
    return Accounts(
        db, clock=clock, policy=LockoutPolicy(free_attempts=3, first_lock_s=30, max_lock_s=300), cost=FAST
    )


@pytest.fixture
def owner(accounts):
    return accounts.create_owner("사장님", SecretKind.PIN, OWNER_PIN)


def test_hash_is_salted_slow_scrypt_and_checks(db) -> None:
    first = hash_secret(OWNER_PIN)  # the real default cost
    second = hash_secret(OWNER_PIN)
    assert first.startswith("scrypt$131072$8$1$") and first != second
    assert OWNER_PIN not in first
    assert verify_secret(OWNER_PIN, first) and not verify_secret("482917", first)
    assert not verify_secret(OWNER_PIN, "garbage") and not verify_secret(OWNER_PIN, "scrypt$x$y$z$a$b")
    assert needs_rehash(hash_secret(OWNER_PIN, FAST)) and not needs_rehash(first)


@pytest.mark.parametrize("pin", ["12345", "1234567", "12a456", "111111", "123456", "654321", ""])
def test_weak_or_malformed_pins_are_refused(accounts, pin) -> None:
    with pytest.raises(WeakSecretError):
        accounts.create_owner("사장님", SecretKind.PIN, pin)
    assert accounts.needs_owner()


def test_password_rules(accounts) -> None:
    with pytest.raises(WeakSecretError):
        accounts.create_owner("owner", SecretKind.PASSWORD, "short")
    user = accounts.create_owner("owner", SecretKind.PASSWORD, "correct horse")
    assert accounts.authenticate("OWNER", "correct horse").id == user.id  # names ignore case


def test_first_owner_once_then_owner_adds_staff(accounts, owner) -> None:
    assert not accounts.needs_owner() and owner.role == Role.OWNER
    with pytest.raises(AccountError):
        accounts.create_owner("other", SecretKind.PIN, "975310")
    staff = accounts.add_user(owner, "알바", Role.STAFF, SecretKind.PIN, STAFF_PIN)
    with pytest.raises(AccountError):
        accounts.add_user(owner, "알바", Role.STAFF, SecretKind.PIN, STAFF_PIN)
    with pytest.raises(PermissionDenied):
        accounts.add_user(staff, "친구", Role.STAFF, SecretKind.PIN, "975310")
    assert [u.name for u in accounts.users()] == ["사장님", "알바"]


def test_staff_user_cannot_export_delete_or_change_settings(accounts, owner) -> None:
    staff = accounts.add_user(owner, "알바", Role.STAFF, SecretKind.PIN, STAFF_PIN)
    logged_in = accounts.authenticate("알바", STAFF_PIN)
    for permission in (Permission.EXPORT, Permission.DELETE, Permission.SETTINGS, Permission.MANAGE_USERS):
        with pytest.raises(PermissionDenied) as denied:
            require(logged_in, permission)
        assert denied.value.permission == permission
        assert "알바" in denied.value.ko and "알바" in denied.value.en
    require(staff, Permission.VIEW_LIVE)
    require(owner, Permission.EXPORT)
    with pytest.raises(PermissionDenied, match="log in"):
        require(None, Permission.VIEW_LIVE)


def test_kiosk_and_door_reach_nothing_else() -> None:
    kiosk = kiosk_user()
    assert allowed(kiosk, Permission.SELL) and allowed(kiosk, Permission.DOOR)
    assert [p for p in Permission if allowed(kiosk, p)] == [Permission.SELL, Permission.DOOR]


def test_wrong_pin_locks_with_doubling_back_off(accounts, owner, clock, db) -> None:
    tries = []
    for _ in range(2):
        with pytest.raises(LoginFailed) as failed:
            accounts.authenticate("사장님", "000001")
        tries.append(failed.value.tries_left)
    assert tries == [2, 1]
    with pytest.raises(AccountLocked) as locked:
        accounts.authenticate("사장님", "000001")
    assert locked.value.locked_s == 30 and "30초" in locked.value.ko
    # While locked even the right PIN is refused, and not checked at all.
    with pytest.raises(AccountLocked):
        accounts.authenticate("사장님", OWNER_PIN)
    clock.advance(29)
    with pytest.raises(AccountLocked):
        accounts.authenticate("사장님", OWNER_PIN)
    clock.advance(2)
    with pytest.raises(AccountLocked) as again:  # one more wrong try: the wait doubles
        accounts.authenticate("사장님", "000001")
    assert again.value.locked_s == 60
    clock.advance(61)
    assert accounts.authenticate("사장님", OWNER_PIN).failed_count == 0
    actions = [e.action for e in list_audit(db)]
    assert actions.count(AuditAction.LOGIN_FAILED) == 4
    assert actions.count(AuditAction.LOGIN_LOCKED) == 2
    assert actions[-1] == AuditAction.LOGIN_OK


def test_lockout_survives_a_restart(accounts, owner, clock, db) -> None:
    for _ in range(3):
        with pytest.raises(LoginFailed):
            accounts.authenticate("사장님", "000001")
    fresh = Accounts(db, clock=clock, policy=accounts.policy, cost=FAST)
    with pytest.raises(AccountLocked):
        fresh.authenticate("사장님", OWNER_PIN)
    assert fresh.lock_remaining_s("사장님") == 30


def test_back_off_has_a_ceiling() -> None:
    policy = LockoutPolicy(free_attempts=5, first_lock_s=30, max_lock_s=900)
    assert [policy.lock_seconds(n) for n in (4, 5, 6, 7, 9, 10, 500)] == [0, 30, 60, 120, 480, 900, 900]


def test_unknown_and_disabled_users_fail_the_same_way(accounts, owner, db) -> None:
    accounts.add_user(owner, "알바", Role.STAFF, SecretKind.PIN, STAFF_PIN)
    accounts.set_disabled(owner, "알바", True)
    messages = set()
    for name, pin in (("nobody", OWNER_PIN), ("알바", STAFF_PIN)):
        with pytest.raises(LoginFailed) as failed:
            accounts.authenticate(name, pin)
        messages.add(str(failed.value))
    assert len(messages) == 1
    assert not allowed(accounts.get("알바"), Permission.VIEW_LIVE)


def test_last_owner_cannot_be_removed(accounts, owner) -> None:
    with pytest.raises(AccountError):
        accounts.set_disabled(owner, "사장님", True)
    with pytest.raises(AccountError):
        accounts.set_role(owner, "사장님", Role.STAFF)


def test_every_account_action_writes_a_ledger_row(accounts, owner, db) -> None:
    accounts.add_user(owner, "알바", Role.STAFF, SecretKind.PIN, STAFF_PIN)
    accounts.authenticate("사장님", OWNER_PIN)
    with pytest.raises(LoginFailed):
        accounts.authenticate("알바", "000001")
    accounts.change_secret(owner, "알바", SecretKind.PIN, "975310")
    accounts.set_role(owner, "알바", Role.OWNER)
    accounts.set_disabled(owner, "알바", True)
    accounts.unlock(owner, "사장님")
    accounts.logout(owner)
    rows = [(e.actor, e.action, e.target) for e in list_audit(db)]
    assert rows == [
        ("사장님", "user.create", "사장님"),
        ("사장님", "user.create", "알바"),
        ("사장님", "login.ok", ""),
        ("알바", "login.failed", ""),
        ("사장님", "user.change", "알바"),
        ("사장님", "user.change", "알바"),
        ("사장님", "user.change", "알바"),
        ("사장님", "user.change", "사장님"),
        ("사장님", "logout", ""),
    ]
    assert not any(OWNER_PIN in str(e.detail) or "975310" in str(e.detail) for e in list_audit(db))
    assert verify_chain(db).ok


def test_staff_changes_own_pin_but_not_others(accounts, owner) -> None:
    staff = accounts.add_user(owner, "알바", Role.STAFF, SecretKind.PIN, STAFF_PIN)
    accounts.change_secret(staff, "알바", SecretKind.PASSWORD, "my new password")
    assert accounts.authenticate("알바", "my new password").secret_kind == SecretKind.PASSWORD
    with pytest.raises(PermissionDenied):
        accounts.change_secret(staff, "사장님", SecretKind.PIN, "975310")
