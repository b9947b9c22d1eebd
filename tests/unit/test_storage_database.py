"""Database: migrations run once, in order, with a backup; a corrupt file is a plain error."""

from __future__ import annotations

import pytest

from shopguard.errors import StorageError
from shopguard.storage.database import (
    discover_migrations,
    open_database,
    pending_migrations,
    schema_version,
)


def test_fresh_database_is_fully_migrated_in_wal(tmp_path) -> None:
    db = open_database(tmp_path / "a.sqlite3", tmp_path / "backups")
    numbers = [m.number for m in discover_migrations()]
    assert numbers == sorted(numbers) and numbers[0] == 1
    assert schema_version(db) == numbers[-1]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert "events" in db.table_names() and "audit_log" in db.table_names()
    assert pending_migrations(db) == []
    db.conn.close()


def test_reopening_does_not_migrate_again_or_back_up(tmp_path) -> None:
    path = tmp_path / "a.sqlite3"
    open_database(path, tmp_path / "backups").conn.close()
    open_database(path, tmp_path / "backups").conn.close()
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_pending_migration_backs_up_first(tmp_path) -> None:
    path = tmp_path / "a.sqlite3"
    db = open_database(path, tmp_path / "backups")
    last = schema_version(db)
    db.execute("DELETE FROM _migrations WHERE number = ?", [last])
    db.conn.close()
    with pytest.raises(StorageError) as info:  # re-applying the last one fails: tables exist
        open_database(path, tmp_path / "backups")
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and backups[0].stat().st_size > 0
    assert str(backups[0]) in info.value.en


def test_corrupt_file_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    with pytest.raises(StorageError) as info:
        open_database(path, tmp_path / "backups")
    assert "corrupt" in info.value.en or "cannot open" in info.value.en
