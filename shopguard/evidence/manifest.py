"""The package's integrity files: manifest.json (every file's SHA-256 and size, signed with Ed25519),
manifest.json.sig (the raw 64-byte signature), SHA256SUMS (for `sha256sum -c`), and the check of
all of them. No Qt."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shopguard.evidence.signing import (
    ShopSigningKey,
    SigningKeyError,
    fingerprint,
    load_public_pem,
    verify_signature,
)

FORMAT = "shopguard-evidence/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"
SUMS = "SHA256SUMS"
PUBLIC_KEY = "public_key.pem"
UNLISTED = frozenset({MANIFEST, SIGNATURE, SUMS})  # the files that describe the others


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative, '/'-separated
    sha256: str
    bytes: int


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def package_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def hash_files(root: Path, names: list[str]) -> list[FileEntry]:
    return [FileEntry(n, file_sha256(root / n), (root / n).stat().st_size) for n in names]


def write_integrity(root: Path, header: dict[str, Any], key: ShopSigningKey) -> dict[str, Any]:
    """Hash every file now in `root`, write manifest.json, its signature and SHA256SUMS."""
    entries = hash_files(root, [n for n in package_files(root) if n not in UNLISTED])
    manifest = {
        "format": FORMAT,
        **header,
        "signing_key": {
            "algorithm": "Ed25519",
            "public_key_file": PUBLIC_KEY,
            "fingerprint_sha256": key.fingerprint(),
        },
        "files": [e.__dict__ for e in entries],
    }
    body = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
    (root / MANIFEST).write_bytes(body)
    (root / SIGNATURE).write_bytes(key.sign(body))
    described = [*entries, *hash_files(root, [MANIFEST, SIGNATURE])]
    lines = [f"{e.sha256}  {e.path}\n" for e in sorted(described, key=lambda e: e.path)]
    (root / SUMS).write_text("".join(lines), encoding="utf-8", newline="\n")
    return manifest


@dataclass(frozen=True)
class Problem:
    path: str
    what_ko: str
    what_en: str

    def line(self) -> str:
        return f"{self.path}: {self.what_ko} / {self.what_en}"


@dataclass
class VerifyReport:
    files_checked: int = 0
    signature_ok: bool = False
    fingerprint: str = ""
    manifest: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.signature_ok and not self.problems


def verify_package(root: Path) -> VerifyReport:
    """Check the signature, every listed file's size and SHA-256, SHA256SUMS, and that nothing was
    added. Never raises for a damaged package: everything found goes into `problems`."""
    report = VerifyReport()
    for name in (MANIFEST, SIGNATURE, PUBLIC_KEY):
        if not (root / name).is_file():
            report.problems.append(Problem(name, "파일이 없습니다", "missing"))
    if report.problems:
        return report
    body = (root / MANIFEST).read_bytes()
    try:
        public = load_public_pem((root / PUBLIC_KEY).read_bytes())
    except SigningKeyError as exc:
        report.problems.append(Problem(PUBLIC_KEY, exc.ko, exc.en))
        return report
    report.fingerprint = fingerprint(public)
    report.signature_ok = verify_signature(public, body, (root / SIGNATURE).read_bytes())
    if not report.signature_ok:
        report.problems.append(
            Problem(
                MANIFEST,
                "서명이 맞지 않습니다(목록이 바뀌었음)",
                "signature does not match (manifest altered)",
            )
        )
    try:
        report.manifest = json.loads(body.decode("utf-8"))
        listed = {str(e["path"]): e for e in report.manifest["files"]}
        named = report.manifest["signing_key"]["fingerprint_sha256"]
    except (ValueError, KeyError, TypeError):
        report.problems.append(Problem(MANIFEST, "목록 형식이 잘못되었습니다", "manifest is malformed"))
        return report
    if named != report.fingerprint:
        report.problems.append(
            Problem(
                PUBLIC_KEY, "목록에 적힌 키와 다른 공개키입니다", "public key differs from the manifest's"
            )
        )
    present = set(package_files(root))
    for name, entry in listed.items():
        path = root / name
        if name not in present:
            report.problems.append(Problem(name, "파일이 없습니다", "missing"))
            continue
        report.files_checked += 1
        if path.stat().st_size != entry["bytes"]:
            report.problems.append(Problem(name, "크기가 다릅니다(변경됨)", "size differs (altered)"))
        elif file_sha256(path) != entry["sha256"]:
            report.problems.append(Problem(name, "해시가 다릅니다(변경됨)", "SHA-256 differs (altered)"))
    for name in sorted(present - set(listed) - UNLISTED):
        report.problems.append(Problem(name, "목록에 없는 파일이 추가되었습니다", "file not in the manifest"))
    report.problems.extend(_check_sums(root, listed))
    return report


def _check_sums(root: Path, listed: dict[str, Any]) -> list[Problem]:
    path = root / SUMS
    if not path.is_file():
        return [Problem(SUMS, "파일이 없습니다", "missing")]
    expected = {name: entry["sha256"] for name, entry in listed.items()}
    for name in (MANIFEST, SIGNATURE):
        expected[name] = file_sha256(root / name)
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        digest, sep, name = line.partition("  ")
        if sep:
            found[name] = digest
    if found != expected:
        return [Problem(SUMS, "목록과 일치하지 않습니다", "does not match the manifest")]
    return []
