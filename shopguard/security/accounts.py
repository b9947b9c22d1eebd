"""Accounts: the owner made at first start, staff added by the owner, logins with lockout; every login
(good or bad) and every account change writes a ledger row."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.security.lockout import DEFAULT_POLICY, LockoutPolicy, remaining_s
from shopguard.security.passwords import (
    DEFAULT_COST,
    ScryptCost,
    SecretKind,
    check_new_secret,
    hash_secret,
    needs_rehash,
    verify_secret,
)
from shopguard.security.permissions import Permission, Role, require
from shopguard.storage import users as repo
from shopguard.storage.audit import AuditAction, record_audit
from shopguard.storage.users import User

NAME_MAX_CHARS = 40


class AccountError(ShopGuardError):
    """An account cannot be created or changed as asked."""


class LoginFailed(ShopGuardError):
    """Wrong name or secret; `tries_left` before the next wait, `locked_s` when a wait started."""

    def __init__(self, ko: str, en: str, tries_left: int = 0, locked_s: float = 0.0) -> None:
        super().__init__(ko, en)
        self.tries_left = tries_left
        self.locked_s = locked_s


class AccountLocked(LoginFailed):
    """Too many wrong tries: no login until the wait is over (the secret is not even checked)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _secret_word(kind: SecretKind) -> tuple[str, str]:
    return ("PIN이", "PIN") if kind == SecretKind.PIN else ("비밀번호가", "password")


def locked_message(seconds: float) -> tuple[str, str]:
    whole = max(int(seconds + 0.999), 1)
    return (
        f"잘못 입력한 횟수가 많아 잠겼습니다. {whole}초 뒤에 다시 시도하세요.",
        f"too many wrong tries: locked, try again in {whole} s",
    )


class Accounts:
    """Account operations over one database; the clock, lockout policy and hash cost are injectable."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        clock: Callable[[], datetime] = utc_now,
        policy: LockoutPolicy = DEFAULT_POLICY,
        cost: ScryptCost = DEFAULT_COST,
    ) -> None:
        self.db = db
        self.clock = clock
        self.policy = policy
        self.cost = cost
        self._dummy_hash: str | None = None

    # -- reading --------------------------------------------------------------------------------
    def users(self, include_disabled: bool = False) -> list[User]:
        return repo.list_users(self.db, include_disabled)

    def get(self, name: str) -> User | None:
        return repo.get_user(self.db, name)

    def needs_owner(self) -> bool:
        """True at first start: no active owner yet, so the first-run dialog must make one."""
        return repo.count_owners(self.db) == 0

    def lock_remaining_s(self, name: str) -> float:
        user = self.get(name)
        return remaining_s(user.locked_until, self.clock()) if user else 0.0

    # -- creating and changing -----------------------------------------------------------------
    def create_owner(self, name: str, kind: SecretKind, secret: str) -> User:
        """The first owner, made at first start without anyone logged in."""
        if not self.needs_owner():
            raise AccountError(
                "점주 계정이 이미 있습니다. 점주로 로그인해서 계정을 추가하세요.",
                "an owner account already exists; log in as the owner to add accounts",
            )
        return self._create(name, Role.OWNER, kind, secret, actor_name=name.strip())

    def add_user(self, actor: User, name: str, role: Role, kind: SecretKind, secret: str) -> User:
        require(actor, Permission.MANAGE_USERS)
        return self._create(name, role, kind, secret, actor_name=actor.name)

    def _create(self, name: str, role: Role, kind: SecretKind, secret: str, actor_name: str) -> User:
        name = self._check_name(name)
        if role == Role.KIOSK:
            raise AccountError("키오스크는 로그인 계정이 아닙니다", "the kiosk role is not an account")
        check_new_secret(kind, secret)
        if self.get(name) is not None:
            raise AccountError(f"이미 있는 이름입니다: {name}", f"an account named {name!r} already exists")
        try:
            user = repo.insert_user(
                self.db, name, role, kind, hash_secret(secret, self.cost), _iso(self.clock())
            )
        except sqlite3.IntegrityError:
            raise AccountError(
                f"이미 있는 이름입니다: {name}", f"an account named {name!r} already exists"
            ) from None
        record_audit(
            self.db,
            actor_name,
            AuditAction.USER_CREATE,
            name,
            {"role": role.value, "secret_kind": kind.value},
            now=self.clock(),
        )
        return user

    @staticmethod
    def _check_name(name: str) -> str:
        name = name.strip()
        if not name or len(name) > NAME_MAX_CHARS or any(ch < " " for ch in name):
            raise AccountError(
                f"이름은 1–{NAME_MAX_CHARS}자로, 줄바꿈 없이 입력하세요",
                f"the name must be 1–{NAME_MAX_CHARS} characters on one line",
            )
        return name

    def _target(self, name: str) -> User:
        user = self.get(name)
        if user is None:
            raise AccountError(f"없는 계정입니다: {name}", f"no account named {name!r}")
        return user

    def change_secret(self, actor: User, name: str, kind: SecretKind, secret: str) -> None:
        """A user changes their own PIN/password; the owner may reset anyone's."""
        target = self._target(name)
        if target.id != actor.id:
            require(actor, Permission.MANAGE_USERS)
        check_new_secret(kind, secret)
        repo.update_user(
            self.db,
            target.id,
            secret_kind=kind.value,
            secret_hash=hash_secret(secret, self.cost),
            failed_count=0,
            locked_until_utc=None,
        )
        self._audit_change(actor, target, {"secret": "changed", "secret_kind": kind.value})

    def set_role(self, actor: User, name: str, role: Role) -> None:
        require(actor, Permission.MANAGE_USERS)
        target = self._target(name)
        if role == Role.KIOSK:
            raise AccountError("키오스크는 로그인 계정이 아닙니다", "the kiosk role is not an account")
        if target.role == Role.OWNER and role != Role.OWNER:
            self._keep_one_owner(target)
        repo.update_user(self.db, target.id, role=role.value)
        self._audit_change(actor, target, {"role": [target.role.value, role.value]})

    def set_disabled(self, actor: User, name: str, disabled: bool) -> None:
        require(actor, Permission.MANAGE_USERS)
        target = self._target(name)
        if disabled and target.role == Role.OWNER:
            self._keep_one_owner(target)
        repo.update_user(self.db, target.id, disabled=int(disabled))
        self._audit_change(actor, target, {"disabled": disabled})

    def unlock(self, actor: User, name: str) -> None:
        require(actor, Permission.MANAGE_USERS)
        target = self._target(name)
        repo.update_user(self.db, target.id, failed_count=0, locked_until_utc=None)
        self._audit_change(actor, target, {"unlocked": True})

    def _keep_one_owner(self, target: User) -> None:
        if not target.disabled and repo.count_owners(self.db) <= 1:
            raise AccountError(
                "마지막 점주 계정은 바꾸거나 끌 수 없습니다",
                "the last owner account cannot be demoted or disabled",
            )

    def _audit_change(self, actor: User, target: User, detail: dict) -> None:
        record_audit(self.db, actor.name, AuditAction.USER_CHANGE, target.name, detail, now=self.clock())

    # -- logging in ----------------------------------------------------------------------------
    def authenticate(self, name: str, secret: str) -> User:
        """The user when `secret` is right; otherwise LoginFailed / AccountLocked. Always audited."""
        now = self.clock()
        user = self.get(name.strip())
        if user is None or user.disabled:
            # Spend the same time as a real check so names cannot be probed by timing.
            verify_secret(secret, self._dummy())
            reason = "unknown user" if user is None else "disabled"
            record_audit(self.db, name.strip()[:80], AuditAction.LOGIN_FAILED, "", {"reason": reason}, now)
            raise LoginFailed("이름 또는 PIN(비밀번호)이 맞지 않습니다", "wrong name or PIN/password")
        wait_s = remaining_s(user.locked_until, now)
        if wait_s > 0:
            record_audit(
                self.db, user.name, AuditAction.LOGIN_LOCKED, "", {"remaining_s": round(wait_s)}, now
            )
            raise AccountLocked(*locked_message(wait_s), locked_s=wait_s)
        if verify_secret(secret, user.secret_hash):
            fields: dict[str, object] = {
                "failed_count": 0,
                "locked_until_utc": None,
                "last_login_utc": _iso(now),
            }
            if needs_rehash(user.secret_hash, self.cost):
                fields["secret_hash"] = hash_secret(secret, self.cost)
            repo.update_user(self.db, user.id, **fields)
            record_audit(self.db, user.name, AuditAction.LOGIN_OK, "", {"role": user.role.value}, now)
            updated = self.get(user.name)
            assert updated is not None
            return updated
        failures = user.failed_count + 1
        until = self.policy.locked_until(failures, now)
        repo.update_user(
            self.db, user.id, failed_count=failures, locked_until_utc=_iso(until) if until else None
        )
        lock_s = self.policy.lock_seconds(failures)
        record_audit(
            self.db,
            user.name,
            AuditAction.LOGIN_FAILED,
            "",
            {"reason": "wrong secret", "failures": failures, "locked_s": lock_s},
            now,
        )
        word_ko, word_en = _secret_word(user.secret_kind)
        if lock_s > 0:
            ko, en = locked_message(lock_s)
            raise AccountLocked(f"{word_ko} 맞지 않습니다. {ko}", f"wrong {word_en}; {en}", locked_s=lock_s)
        left = self.policy.free_attempts - failures
        raise LoginFailed(
            f"{word_ko} 맞지 않습니다. {left}번 더 틀리면 잠시 잠깁니다.",
            f"wrong {word_en}; {left} more wrong tries lock the login for a while",
            tries_left=left,
        )

    def logout(self, user: User) -> None:
        record_audit(self.db, user.name, AuditAction.LOGOUT, "", {}, now=self.clock())

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = hash_secret("not-a-real-secret", self.cost)
        return self._dummy_hash


def kiosk_user() -> User:
    """The unattended kiosk and door screens: no login, and only the SELL and DOOR permissions."""
    return User(
        id=0,
        name="kiosk",
        role=Role.KIOSK,
        secret_kind=SecretKind.PIN,
        secret_hash="",
        created_utc="",
        disabled=False,
        failed_count=0,
        locked_until_utc=None,
        last_login_utc=None,
    )
