"""Signed manifest, SHA256SUMS and the package check, on a small package of made-up files."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from shopguard.evidence.manifest import PUBLIC_KEY, verify_package, write_integrity
from shopguard.evidence.report import OPENSSL_VERIFY, verify_text
from shopguard.evidence.signing import SigningKeyError, key_path, load_or_create_signing_key


def _package(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    (root / "original" / "door" / "2024-05-01").mkdir(parents=True)
    (root / "original" / "door" / "2024-05-01" / "05-00-00.mp4").write_bytes(os.urandom(5000))
    (root / "video").mkdir()
    (root / "video" / "door.mp4").write_bytes(os.urandom(3000))
    key = load_or_create_signing_key(tmp_path / "data")
    (root / PUBLIC_KEY).write_bytes(key.public_pem())
    (root / "VERIFY.txt").write_text(verify_text("C-1", "pkg", key.fingerprint()), encoding="utf-8")
    write_integrity(root, {"case_no": "C-1"}, key)
    return root


def test_key_is_created_once_private_and_reused(tmp_path: Path) -> None:
    first = load_or_create_signing_key(tmp_path)
    again = load_or_create_signing_key(tmp_path)
    assert first.fingerprint() == again.fingerprint()
    if sys.platform != "win32":
        assert stat.S_IMODE(key_path(tmp_path).stat().st_mode) == 0o600
    assert "PRIVATE" not in repr(first)


def test_damaged_key_is_an_error_not_replaced(tmp_path: Path) -> None:
    load_or_create_signing_key(tmp_path)
    key_path(tmp_path).write_bytes(b"garbage")
    with pytest.raises(SigningKeyError):
        load_or_create_signing_key(tmp_path)
    assert key_path(tmp_path).read_bytes() == b"garbage"


def test_untouched_package_verifies(tmp_path: Path) -> None:
    report = verify_package(_package(tmp_path))
    assert report.ok, [p.line() for p in report.problems]
    assert report.files_checked == 4  # two videos, the public key, VERIFY.txt


@pytest.mark.parametrize(
    "name", ["original/door/2024-05-01/05-00-00.mp4", "video/door.mp4", "VERIFY.txt", PUBLIC_KEY]
)
def test_one_changed_byte_is_found_and_named(tmp_path: Path, name: str) -> None:
    root = _package(tmp_path)
    data = bytearray((root / name).read_bytes())
    data[len(data) // 2] ^= 0x01
    (root / name).write_bytes(bytes(data))
    report = verify_package(root)
    assert not report.ok
    assert name in [p.path for p in report.problems]


def test_edited_manifest_breaks_the_signature(tmp_path: Path) -> None:
    root = _package(tmp_path)
    text = (root / "manifest.json").read_text(encoding="utf-8").replace('"C-1"', '"C-2"')
    (root / "manifest.json").write_text(text, encoding="utf-8")
    report = verify_package(root)
    assert not report.signature_ok
    assert "manifest.json" in [p.path for p in report.problems]


def test_added_and_removed_files_are_found(tmp_path: Path) -> None:
    root = _package(tmp_path)
    (root / "video" / "extra.mp4").write_bytes(b"x")
    (root / "video" / "door.mp4").unlink()
    names = {p.path for p in verify_package(root).problems}
    assert {"video/extra.mp4", "video/door.mp4"} <= names


def test_resigning_with_another_key_is_caught_by_the_fingerprint(tmp_path: Path) -> None:
    root = _package(tmp_path)
    other = load_or_create_signing_key(tmp_path / "other")
    (root / PUBLIC_KEY).write_bytes(other.public_pem())  # a forger swaps the key but not the manifest
    report = verify_package(root)
    assert not report.ok


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="sha256sum not installed")
def test_sha256sum_accepts_the_sums_file(tmp_path: Path) -> None:
    root = _package(tmp_path)
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == 6


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_openssl_command_in_verify_txt_checks_the_signature(tmp_path: Path) -> None:
    root = _package(tmp_path)
    assert OPENSSL_VERIFY in (root / "VERIFY.txt").read_text(encoding="utf-8")
    done = subprocess.run(OPENSSL_VERIFY.split(), cwd=root, capture_output=True, text=True)
    assert done.returncode == 0 and "Verified Successfully" in done.stdout, done.stdout + done.stderr
    (root / "manifest.json").write_bytes((root / "manifest.json").read_bytes() + b" ")
    done = subprocess.run(OPENSSL_VERIFY.split(), cwd=root, capture_output=True, text=True)
    assert done.returncode != 0
