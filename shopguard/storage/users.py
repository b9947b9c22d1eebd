"""The users repository: accounts with their secret hash and lockout state, returned as `User`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from shopguard.security.passwords import SecretKind
from shopguard.security.permissions import Role
from shopguard.security.reliability import storage_errors

_COLUMNS = (
    "id, name, role, secret_kind, secret_hash, created_utc, disabled, failed_count, "
    "locked_until_utc, last_login_utc"
)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    secret_kind: SecretKind
    secret_hash: str
    created_utc: str
    disabled: bool
    failed_count: int
    locked_until_utc: str | None
    last_login_utc: str | None

    @property
    def locked_until(self) -> datetime | None:
        return datetime.fromisoformat(self.locked_until_utc) if self.locked_until_utc else None

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


def _user(row: tuple) -> User:
    return User(
        id=row[0],
        name=row[1],
        role=Role(row[2]),
        secret_kind=SecretKind(row[3]),
        secret_hash=row[4],
        created_utc=row[5],
        disabled=bool(row[6]),
        failed_count=int(row[7]),
        locked_until_utc=row[8],
        last_login_utc=row[9],
    )


def list_users(db: sqlite_utils.Database, include_disabled: bool = True) -> list[User]:
    sql = f"SELECT {_COLUMNS} FROM users"
    if not include_disabled:
        sql += " WHERE disabled = 0"
    with storage_errors():
        return [_user(r) for r in db.execute(sql + " ORDER BY role = 'staff', name").fetchall()]


def get_user(db: sqlite_utils.Database, name: str) -> User | None:
    with storage_errors():
        row = db.execute(f"SELECT {_COLUMNS} FROM users WHERE name = ?", [name]).fetchone()
    return _user(row) if row else None


def count_owners(db: sqlite_utils.Database) -> int:
    with storage_errors():
        row = db.execute("SELECT COUNT(*) FROM users WHERE role = 'owner' AND disabled = 0").fetchone()
    return int(row[0])


def insert_user(
    db: sqlite_utils.Database,
    name: str,
    role: Role,
    secret_kind: SecretKind,
    secret_hash: str,
    created_utc: str,
) -> User:
    with storage_errors(), db.conn:
        db.execute(
            "INSERT INTO users (name, role, secret_kind, secret_hash, created_utc) VALUES (?, ?, ?, ?, ?)",
            [name, role.value, secret_kind.value, secret_hash, created_utc],
        )
    user = get_user(db, name)
    assert user is not None
    return user


def update_user(db: sqlite_utils.Database, user_id: int, **fields: object) -> None:
    """Set some columns of one account (names from the table, values already converted)."""
    allowed = {
        "role",
        "secret_kind",
        "secret_hash",
        "disabled",
        "failed_count",
        "locked_until_utc",
        "last_login_utc",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown user columns: {sorted(unknown)}")
    assignments = ", ".join(f"{name} = ?" for name in fields)
    with storage_errors(), db.conn:
        db.execute(f"UPDATE users SET {assignments} WHERE id = ?", [*fields.values(), user_id])
