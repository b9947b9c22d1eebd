"""Known environment failures (disk full, database busy or corrupt, no permission) turned into plain
bilingual messages; anything else is a bug and is left to surface as one."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shopguard.errors import ShopGuardError, StorageError

DISK_FULL_KO = "디스크 공간이 부족합니다. 오래된 녹화나 내보낸 파일을 지워 공간을 확보하세요."
DISK_FULL_EN = "the disk is full; free some space (old recordings, exported files)"


def explain(exc: BaseException, where: Path | str | None = None) -> ShopGuardError | None:
    """The plain message for a known environment failure, or None when `exc` is not one."""
    if isinstance(exc, ShopGuardError):
        return exc
    place_ko = f" ({where})" if where else ""
    place_en = f" ({where})" if where else ""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return StorageError(DISK_FULL_KO + place_ko, DISK_FULL_EN + place_en)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return StorageError(
                f"파일을 쓸 권한이 없습니다{place_ko}. 다른 폴더를 고르거나 관리자에게 문의하세요.",
                f"no permission to write{place_en}; choose another folder",
            )
        if exc.errno == errno.EIO:
            return StorageError(
                f"디스크 읽기/쓰기 오류입니다{place_ko}. 디스크 연결과 상태를 확인하세요.",
                f"disk input/output error{place_en}; check the drive",
            )
        return None
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return StorageError(
                "데이터베이스를 다른 프로그램이 사용 중입니다. 잠시 뒤 다시 시도하거나 "
                "ShopGuard가 두 번 실행되고 있지 않은지 확인하세요.",
                "the database is busy (used by another program); try again in a moment and check "
                "ShopGuard is not running twice",
            )
        if "full" in text:
            return StorageError(DISK_FULL_KO, DISK_FULL_EN)
        if "readonly" in text or "read-only" in text:
            return StorageError(
                "데이터베이스에 쓸 수 없습니다(읽기 전용). 데이터 폴더의 권한을 확인하세요.",
                "the database is read-only; check the data folder's permissions",
            )
        if "disk i/o" in text:
            return StorageError(
                "디스크 읽기/쓰기 오류입니다. 디스크 연결과 상태를 확인하세요.",
                "disk input/output error; check the drive",
            )
        return None
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.IntegrityError):
        text = str(exc).lower()
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            return StorageError(
                "데이터베이스 파일이 손상되었습니다. 백업 폴더의 사본으로 복원하세요.",
                "the database file is corrupt; restore a copy from the backups folder",
            )
    return None


@contextmanager
def storage_errors(where: Path | str | None = None) -> Iterator[None]:
    """Re-raise known environment failures inside the block as StorageError; bugs pass unchanged."""
    try:
        yield
    except (OSError, sqlite3.DatabaseError) as exc:
        plain = explain(exc, where)
        if plain is None:
            raise
        raise plain from exc


def write_file_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file and a rename; a full disk leaves no half file
    and raises StorageError with the plain message."""
    import os

    tmp = path.with_name(path.name + ".tmp")
    with storage_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with tmp.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return path
