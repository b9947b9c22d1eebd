"""`shopguard pass ...` as the owner types it: issue a card, verify it, revoke it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from shopguard.cli import main


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_issue_verify_revoke_round_trip(capsys, tmp_path: Path) -> None:
    card = tmp_path / "card.png"
    receipt = tmp_path / "receipt.png"
    code, out = run(
        capsys, "pass", "issue", "--name", "한지민", "--phone", "010-1111-2222", "--adult", "--days", "30",
        "--png", str(card), "--receipt", str(receipt),
    )  # fmt: skip
    assert code == 0 and "패스 1번 발급" in out
    assert card.exists() and receipt.exists()
    if shutil.which("zbarimg"):
        zbar = subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(card)], capture_output=True, text=True, check=False
        )
        payload = zbar.stdout.strip()
        assert payload.startswith("SG:")
        assert run(capsys, "pass", "verify", payload)[0] == 0
    code, out = run(capsys, "pass", "verify", str(card))
    assert code == 0 and "VALID" in out and "한지민" in out
    code, out = run(capsys, "pass", "list", "--json")
    [listed] = json.loads(out)
    assert listed["phone"] == "010-****-2222" and listed["status"] == "active"
    assert run(capsys, "pass", "revoke", "1", "--reason", "분실")[0] == 0
    code, out = run(capsys, "pass", "verify", str(card))
    assert code == 1 and "revoked" in out and "사용이 중지된 패스입니다" in out


def test_minor_at_night_and_bad_input(capsys, tmp_path: Path) -> None:
    card = tmp_path / "minor.png"
    assert run(capsys, "pass", "issue", "--name", "학생", "--from", "2025-03-01", "--png", str(card))[0] == 0
    code, out = run(capsys, "pass", "verify", str(card), "--at", "2025-03-05T23:30")
    assert code == 1 and "adults_only" in out
    assert run(capsys, "pass", "verify", str(card), "--at", "2025-03-05T15:00")[0] == 0
    assert (
        run(capsys, "pass", "verify", str(card), "--at", "2025-04-05T15:00")[0] == 1
    )  # expired after 30 days
    code, out = run(capsys, "pass", "issue", "--name", "x", "--hours", "25:00-01:00", "--png", str(card))
    assert code == 2 and "22:00-06:00" in out and "Traceback" not in out
    code, out = run(capsys, "pass", "verify", str(tmp_path / "missing.png"))
    assert code == 2 and "file not found" in out
    assert run(capsys, "pass", "revoke", "99")[0] == 2


@pytest.mark.parametrize("text", ["hello", "SG:AAAA", "SG:" + "A" * 47])
def test_verify_rejects_garbage_payloads(capsys, text: str) -> None:
    code, out = run(capsys, "pass", "verify", text)
    assert code == 1 and "DENIED" in out
