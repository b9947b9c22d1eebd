"""Open the shop database (WAL), back it up and run pending migrations at start."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import sqlite_utils

from shopguard.errors import StorageError
from shopguard.storage import migrations as migrations_pkg

MIGRATIONS_TABLE = "_migrations"


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    module: ModuleType

    def apply(self, db: sqlite_utils.Database) -> None:
        self.module.apply(db)


def discover_migrations() -> list[Migration]:
    """Every `mNNNN_name.py` module in storage/migrations, in number order."""
    found = []
    for info in pkgutil.iter_modules(migrations_pkg.__path__):
        if not (info.name.startswith("m") and info.name[1:5].isdigit()):
            continue
        module = importlib.import_module(f"{migrations_pkg.__name__}.{info.name}")
        found.append(Migration(int(info.name[1:5]), info.name[6:], module))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"duplicate migration numbers: {numbers}")
    return found


def connect(path: Path | str) -> sqlite_utils.Database:
    """A connection with WAL, full sync and foreign keys; usable from the thread that opened it."""
    try:
        conn = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"데이터베이스 파일을 열 수 없습니다(손상되었거나 사용 중): {path}",
            f"cannot open the database (corrupt or locked): {path} ({exc})",
        ) from None
    return sqlite_utils.Database(conn)


def open_database(path: Path, backup_dir: Path | None = None) -> sqlite_utils.Database:
    """Open, check, back up when migrations are pending, migrate. Raises StorageError plainly."""
    existed = path.exists() and path.stat().st_size > 0
    db = connect(path)
    try:
        check = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        db.conn.close()
        raise StorageError(
            f"데이터베이스 파일이 손상되었습니다: {path}. 백업 폴더의 사본으로 복원하세요.",
            f"the database file is corrupt: {path} ({exc}); restore a copy from the backups folder",
        ) from None
    if check != "ok":
        db.conn.close()
        raise StorageError(
            f"데이터베이스 검사 실패: {path}", f"database integrity check failed: {path}: {check}"
        )
    pending = pending_migrations(db)
    backup = _backup(db, path, backup_dir) if pending and existed and backup_dir else None
    try:
        migrate(db, pending)
    except sqlite3.DatabaseError as exc:
        db.conn.close()
        raise StorageError(
            f"데이터베이스 업데이트에 실패했습니다. 백업: {backup}",
            f"database upgrade failed ({exc}); the copy taken before it is {backup}",
        ) from None
    return db


def pending_migrations(db: sqlite_utils.Database) -> list[Migration]:
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
        "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute(f"SELECT number FROM {MIGRATIONS_TABLE}").fetchall()}
    return [m for m in discover_migrations() if m.number not in done]


def migrate(db: sqlite_utils.Database, pending: list[Migration]) -> list[int]:
    """Apply each pending migration in its own transaction."""
    applied = []
    for migration in pending:
        with db.conn:
            db.execute("BEGIN")
            migration.apply(db)
            db.execute(
                f"INSERT INTO {MIGRATIONS_TABLE} (number, name, applied_utc) VALUES (?, ?, ?)",
                [migration.number, migration.name, datetime.now(UTC).isoformat()],
            )
        applied.append(migration.number)
    return applied


def schema_version(db: sqlite_utils.Database) -> int:
    row = db.execute(f"SELECT MAX(number) FROM {MIGRATIONS_TABLE}").fetchone()
    return int(row[0] or 0)


def _backup(db: sqlite_utils.Database, path: Path, backup_dir: Path) -> Path:
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{path.stem}-v{schema_version(db)}-{stamp}{path.suffix}"
    db.execute("PRAGMA wal_checkpoint(FULL)")
    shutil.copy2(path, target)
    return target
