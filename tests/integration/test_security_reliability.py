"""Known failures of the shop PC give a plain bilingual message, never a traceback: a corrupt or busy
database, a full disk, missing models, an unplugged camera, a broken settings file."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path

import pytest

from shopguard.app import plan_startup
from shopguard.cli import main
from shopguard.errors import ShopGuardError, SourceError, StorageError
from shopguard.paths import DataPaths, data_dir
from shopguard.security.accounts import Accounts
from shopguard.security.audit_csv import export_audit_csv
from shopguard.security.passwords import ScryptCost, SecretKind
from shopguard.security.reliability import explain
from shopguard.storage.audit import list_audit, record_audit
from shopguard.storage.database import open_database
from shopguard.vision.model_files import MODELS_DIR_ENV
from shopguard.vision.sources import LiveSource
from tests.conftest import DEMO_CLIP
from tests.integration.security_app_run import frames_shown, run_app_until

UNPLUGGED_USB = 7


def one_plain_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got: {text!r}"
    assert "Traceback" not in text
    return lines[0]


def shop_paths() -> DataPaths:
    return DataPaths(data_dir()).ensure()


def test_corrupt_database_cli(capsys) -> None:
    shop_paths().database.write_bytes(b"this is not a database, it was overwritten" * 100)
    assert main(["audit", "verify"]) == 2
    line = one_plain_line(capsys.readouterr().err)
    assert "손상" in line and "corrupt" in line


def test_busy_database_gives_a_plain_message(db, tmp_path) -> None:
    db.execute("PRAGMA busy_timeout=50")
    other = sqlite3.connect(tmp_path / "test.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="busy") as busy:
            record_audit(db, "사장님", "login.ok")
        assert "사용 중" in busy.value.ko
        with pytest.raises(StorageError):
            Accounts(db, cost=ScryptCost(n=2**10)).create_owner("사장님", SecretKind.PIN, "482916")
    finally:
        other.execute("ROLLBACK")
        other.close()
    record_audit(db, "사장님", "login.ok")  # works again once the other program lets go
    assert [e.action for e in list_audit(db)] == ["login.ok"]


def test_full_database_disk(db) -> None:
    record_audit(db, "사장님", "login.ok")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(StorageError) as full:
        for i in range(2000):
            record_audit(db, "사장님", "clip.play", f"cam{i}", {"pad": "x" * 500})
    assert "디스크 공간" in full.value.ko and "disk is full" in full.value.en


def test_full_disk_during_csv_export(db, tmp_path, monkeypatch) -> None:
    record_audit(db, "사장님", "login.ok")
    real_open = Path.open

    def open_then_fail(self, mode="r", *args, **kwargs):  # noqa: ANN001
        handle = real_open(self, mode, *args, **kwargs)
        if "w" in mode:
            handle.close()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return handle

    monkeypatch.setattr(Path, "open", open_then_fail)
    out = tmp_path / "ledger.csv"
    with pytest.raises(StorageError, match="disk is full"):
        export_audit_csv(db, out, "Asia/Seoul")
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))


def test_full_disk_cli_export(capsys, monkeypatch, tmp_path) -> None:
    paths = shop_paths()
    db = open_database(paths.database, paths.backups)
    record_audit(db, "사장님", "login.ok")
    db.conn.close()

    def no_space(*args, **kwargs):  # noqa: ANN002, ANN003
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    assert main(["audit", "export", "--out", str(tmp_path / "x.csv")]) == 2
    line = one_plain_line(capsys.readouterr().err)
    assert "디스크 공간이 부족합니다" in line


def test_missing_models_cli(capsys, monkeypatch, tmp_path) -> None:
    empty = tmp_path / "no-models"
    empty.mkdir()
    monkeypatch.setenv(MODELS_DIR_ENV, str(empty))
    assert main(["analyze", str(DEMO_CLIP)]) == 2
    line = one_plain_line(capsys.readouterr().err)
    assert "모델" in line and "model" in line


def test_unplugged_usb_camera_says_so() -> None:
    with pytest.raises(SourceError) as missing:
        LiveSource(UNPLUGGED_USB).open()
    assert f"카메라 {UNPLUGGED_USB}번" in missing.value.ko and "plugged in" in missing.value.en


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b'{"shop": {"timezone": "Mars/Olympus"}}', b"[1, 2, 3]"],
)
def test_invalid_settings_file_falls_back_to_defaults(content) -> None:
    paths = shop_paths()
    paths.config.write_bytes(content)
    startup = plan_startup(paths)
    assert len(startup.problems) == 1 and "기본 설정" in startup.problems[0]
    assert "Traceback" not in startup.problems[0]
    assert startup.demo  # the shop still runs, on the demo camera


def test_ledger_check_still_works_with_a_broken_settings_file(capsys) -> None:
    paths = shop_paths()
    db = open_database(paths.database, paths.backups)
    record_audit(db, "사장님", "login.ok")
    db.conn.close()
    paths.config.write_text("{broken", encoding="utf-8")
    assert main(["audit", "verify"]) == 0


def test_bugs_are_not_dressed_up_as_environment_errors() -> None:
    assert explain(ValueError("bug")) is None
    assert explain(sqlite3.IntegrityError("UNIQUE constraint failed")) is None
    assert explain(OSError(errno.ENOENT, "gone")) is None
    assert isinstance(explain(OSError(errno.ENOSPC, "full")), ShopGuardError)


# -- the owner's window keeps running what it can ----------------------------------------------------
def test_window_runs_without_models_and_with_a_broken_settings_file(monkeypatch, tmp_path) -> None:
    shop_paths().config.write_text('{"shop": {"name": 5', encoding="utf-8")
    empty = tmp_path / "no-models"
    empty.mkdir()
    monkeypatch.setenv(MODELS_DIR_ENV, str(empty))
    run = run_app_until(monkeypatch, frames_shown)
    assert run.reached, f"no video shown; messages: {run.messages}"
    text = "\n".join(run.messages)
    assert "기본 설정" in text and "default settings" in text
    assert "without AI" in text and "모델" in text


def test_window_shows_the_unplugged_camera_and_keeps_running(monkeypatch) -> None:
    camera = {"id": "door", "name": "출입구", "source": str(UNPLUGGED_USB)}
    shop_paths().config.write_text(json.dumps({"cameras": [camera]}), encoding="utf-8")

    def told(window) -> bool:  # noqa: ANN001
        tile = window.tiles.get("door")
        return tile is not None and f"{UNPLUGGED_USB}" in tile.message

    run = run_app_until(monkeypatch, told)
    assert run.reached and run.code == 0
    assert "plugged in" in run.tiles["door"].message


def test_window_with_a_corrupt_database_says_why(monkeypatch) -> None:
    shop_paths().database.write_bytes(b"garbage" * 1000)
    run = run_app_until(monkeypatch, frames_shown)
    assert run.code != 0 or run.reached
    assert any("손상" in m and "corrupt" in m for m in run.messages), run.messages
