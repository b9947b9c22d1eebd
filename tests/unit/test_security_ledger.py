"""The access ledger: `shopguard audit verify` finds edited and deleted rows, monthly reviews pin the
chain, CSV export is complete, checkable and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import UTC, datetime

import pytest

from shopguard.cli import main
from shopguard.paths import DataPaths, data_dir
from shopguard.security.audit_csv import (
    export_audit_csv,
    export_ledger,
    read_audit_csv,
    verify_csv_rows,
)
from shopguard.storage.audit import (
    AuditReviewError,
    get_review,
    list_audit,
    months_with_rows,
    record_audit,
    record_review,
    verify_chain,
)
from shopguard.storage.database import open_database

MARCH = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)
APRIL_FIRST_KST = datetime(2025, 3, 31, 16, 30, tzinfo=UTC)  # 01:30 on 1 April in Seoul


def shop_db():
    paths = DataPaths(data_dir()).ensure()
    return open_database(paths.database, paths.backups)


def fill(db, count: int = 5) -> None:
    for i in range(count):
        record_audit(db, "사장님", "clip.play", f"cam{i}", {"from": "10:00"}, now=MARCH)


def tamper(sql: str) -> None:
    conn = sqlite3.connect(DataPaths(data_dir()).database)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_verify_says_intact(capsys) -> None:
    db = shop_db()
    fill(db)
    db.conn.close()
    assert main(["audit", "verify"]) == 0
    assert "5 rows" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("sql", "bad_row", "why"),
    [
        ("UPDATE audit_log SET target = 'cam9' WHERE id = 3", 3, "changed"),
        ("UPDATE audit_log SET actor = '알바' WHERE id = 1", 1, "changed"),
        ("DELETE FROM audit_log WHERE id = 2", 3, "missing"),
    ],
)
def test_verify_finds_edited_or_deleted_row(capsys, sql, bad_row, why) -> None:
    db = shop_db()
    fill(db)
    db.conn.close()
    tamper(sql)
    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"row {bad_row}" in out and f"{bad_row}번 행" in out and why in out


def test_cutting_rows_off_the_end_is_caught_by_the_monthly_review(db) -> None:
    fill(db, 3)
    review = record_review(db, "2025-03", "사장님", "Asia/Seoul", now=MARCH)
    assert review.rows_in_month == 3 and review.chain_ok
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute("DELETE FROM audit_log WHERE id = ?", [review.last_audit_id])
    report = verify_chain(db)
    assert not report.ok and report.first_bad_id == review.last_audit_id and "2025-03" in report.reason


def test_review_once_per_month_and_never_undone(db) -> None:
    fill(db, 2)
    record_review(db, "2025-03", "사장님", "Asia/Seoul", note="이상 없음", now=MARCH)
    with pytest.raises(AuditReviewError):
        record_review(db, "2025-03", "사장님", "Asia/Seoul", now=MARCH)
    with pytest.raises(AuditReviewError):
        record_review(db, "2025-05", "사장님", "Asia/Seoul", now=MARCH)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM audit_reviews")
    assert get_review(db, "2025-03").note == "이상 없음"
    assert list_audit(db)[-1].action == "audit.review"


def test_months_follow_the_shop_time_zone(db) -> None:
    fill(db, 2)
    record_audit(db, "사장님", "login.ok", now=APRIL_FIRST_KST)
    assert months_with_rows(db, "Asia/Seoul") == ["2025-04", "2025-03"]
    assert months_with_rows(db, "UTC") == ["2025-03"]
    assert [e.action for e in list_audit(db, month="2025-04", timezone="Asia/Seoul")] == ["login.ok"]
    assert len(list_audit(db, month="2025-03", timezone="Asia/Seoul")) == 2


def test_csv_export_is_complete_and_checkable(db, tmp_path) -> None:
    fill(db, 3)
    record_audit(db, '=HYPERLINK("x")', "export", "+cmd|' /C calc'!A0", {"memo": '줄\n바꿈, "따옴표"'})
    out = tmp_path / "ledger.csv"
    assert export_ledger(db, "사장님", out, "Asia/Seoul") == 4
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows Hangul
    text = raw.decode("utf-8-sig")
    cells = list(csv.reader(io.StringIO(text, newline="")))[4]
    assert cells[3].startswith("'=") and cells[6].startswith("'+")  # no formula runs in a spreadsheet
    assert "2025-03-10T12:00:00+09:00" in text  # shop time with offset
    rows = read_audit_csv(text)
    assert [r.actor for r in rows][-1] == '=HYPERLINK("x")'
    assert verify_csv_rows(rows) is None
    edited = text.replace("cam1", "cam7")
    assert verify_csv_rows(read_audit_csv(edited)) == 2
    assert list_audit(db)[-1].action == "audit.export"  # the export itself is in the ledger


def test_month_export_of_a_later_month_still_checks(db, tmp_path) -> None:
    fill(db, 2)
    record_audit(db, "사장님", "login.ok", now=APRIL_FIRST_KST)
    out = tmp_path / "april.csv"
    assert export_audit_csv(db, out, "Asia/Seoul", month="2025-04") == 1
    rows = read_audit_csv(out.read_text(encoding="utf-8-sig"))
    assert [r.action for r in rows] == ["login.ok"] and verify_csv_rows(rows) is None


def test_audit_export_cli(capsys, tmp_path) -> None:
    db = shop_db()
    fill(db, 2)
    db.conn.close()
    out = tmp_path / "x.csv"
    assert main(["audit", "export", "--out", str(out), "--month", "2025-03"]) == 0
    assert "2 rows" in capsys.readouterr().out
    assert len(read_audit_csv(out.read_text(encoding="utf-8-sig"))) == 2
    assert main(["audit", "export", "--out", str(out), "--month", "March"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
