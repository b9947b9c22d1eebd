"""What the package says in words: the report's content (drawn to PDF by a Qt renderer handed in by
the caller, see shopguard/ui/evidence_pdf.py) and VERIFY.txt in Korean and English. No Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from shopguard.evidence.manifest import MANIFEST, PUBLIC_KEY, SIGNATURE, SUMS
from shopguard.evidence.overlay import shop_time_text


@dataclass(frozen=True)
class ReportStill:
    path: Path
    caption: str


@dataclass
class ReportData:
    shop_name: str
    shop_address: str
    case_no: str
    created: str  # shop time and UTC
    operator: str
    cameras: list[tuple[str, str]]  # (id, name)
    range_local: str
    range_utc: str
    duration: str
    clock_offset: str
    source: str
    description: list[str]
    timeline: list[tuple[str, str]]  # (shop time, what)
    stills: list[ReportStill] = field(default_factory=list)
    contents: list[tuple[str, str]] = field(default_factory=list)  # (folder/file, what it holds)
    verify_steps: list[str] = field(default_factory=list)
    key_fingerprint: str = ""
    title: str = "경찰 제출용 영상 자료 보고서"
    subtitle: str = "CCTV evidence export report"


PdfWriter = Callable[[ReportData, Path], None]


def local_and_utc(moment: datetime, zone: ZoneInfo) -> str:
    return f"{shop_time_text(moment, zone, tenths=False)}  =  {moment:%Y-%m-%d %H:%M:%S} UTC"


def clock_offset_text(offset_s: float | None) -> str:
    if offset_s is None:
        return "측정되지 않음 / not measured"
    if abs(offset_s) < 0.05:
        return "0초 (표준시와 일치) / matches standard time"
    side = "빠름" if offset_s > 0 else "느림"
    en = "ahead of" if offset_s > 0 else "behind"
    seconds = f"{abs(offset_s):.1f}"
    return f"PC 시계가 표준시보다 {seconds}초 {side} / PC clock {seconds} s {en} standard time"


def verify_steps_ko(folder: str) -> list[str]:
    return [
        f"1. 파일 변경 여부: 이 폴더에서 `sha256sum -c {SUMS}` 를 실행하면 모든 줄이 OK여야 합니다.",
        f"2. ShopGuard가 있는 PC에서: `shopguard verify-export {folder}` (모두 맞을 때만 종료 코드 0).",
        "3. 서명 확인(OpenSSL 3 이상): "
        f"`openssl pkeyutl -verify -pubin -inkey {PUBLIC_KEY} -rawin -in {MANIFEST} -sigfile {SIGNATURE}`"
        " → 'Signature Verified Successfully'.",
        "4. 공개키 지문: 아래 지문이 점포에서 알려 준 지문과 같은지 전화 등으로 확인하세요.",
    ]


OPENSSL_VERIFY = (
    f"openssl pkeyutl -verify -pubin -inkey {PUBLIC_KEY} -rawin -in {MANIFEST} -sigfile {SIGNATURE}"
)


def verify_text(case_no: str, folder: str, fingerprint: str) -> str:
    """VERIFY.txt: how a receiver checks that nothing changed since export (Korean, then English)."""
    return "\n".join(
        [
            f"ShopGuard 경찰 제출용 영상 자료 — 사건번호 {case_no}",
            "=" * 60,
            "",
            "[한국어] 이 자료가 내보낸 뒤 바뀌지 않았는지 확인하는 방법",
            "",
            "1) 해시 확인 (Linux, macOS, Windows의 Git Bash/WSL): 이 폴더에서",
            f"     sha256sum -c {SUMS}",
            "   모든 파일이 'OK'로 나와야 합니다. 하나라도 'FAILED'이면 그 파일이 바뀐 것입니다.",
            "   Windows PowerShell에서는 파일마다: Get-FileHash -Algorithm SHA256 <파일>",
            f"   로 나온 값을 {SUMS}의 값과 비교하세요.",
            "",
            "2) ShopGuard가 설치된 PC에서:",
            f"     shopguard verify-export {folder}",
            "   모든 해시와 서명이 맞을 때만 '검증 성공'과 종료 코드 0을 냅니다.",
            "   틀린 파일은 이름을 알려 줍니다.",
            "",
            f"3) 서명 확인 (OpenSSL 3.0 이상): {MANIFEST}(파일 목록과 해시)는 점포의 Ed25519 키로",
            "   서명되어 있습니다.",
            f"     {OPENSSL_VERIFY}",
            "   'Signature Verified Successfully'가 나와야 합니다.",
            "",
            "4) 공개키 지문 (점포가 알려 준 지문과 같은지 확인):",
            f"     openssl pkey -pubin -in {PUBLIC_KEY} -outform DER | tail -c 32 | sha256sum",
            f"   지문 / fingerprint: {fingerprint}",
            "",
            "original/ 은 녹화된 그대로(비트 단위 복사), video/ 는 시각과 카메라 이름을 넣은 재생용 영상,",
            "stills/ 는 주요 순간의 정지 화면('annotated-boxes'가 붙은 파일만 사람 표시가 추가됨),",
            "redacted/ (있을 때)는 선택한 사람 외의 얼굴을 흐리게 한 사본입니다.",
            "",
            "",
            "[English] How to check that nothing changed since the export",
            "",
            "1) Hashes (Linux, macOS, Git Bash/WSL on Windows), in this folder:",
            f"     sha256sum -c {SUMS}",
            "   Every file must say 'OK'; 'FAILED' names a file that was changed.",
            "   Windows PowerShell: Get-FileHash -Algorithm SHA256 <file>, compare with SHA256SUMS.",
            "",
            "2) On a PC with ShopGuard:",
            f"     shopguard verify-export {folder}",
            "   Exit code 0 only if every hash and the signature check out; it names any bad file.",
            "",
            f"3) Signature (OpenSSL 3.0 or later): {MANIFEST} (the file list with hashes) is signed with",
            "   the shop's Ed25519 key:",
            f"     {OPENSSL_VERIFY}",
            "   It must print 'Signature Verified Successfully'.",
            "",
            "4) Key fingerprint (compare with the one the shop tells you):",
            f"     openssl pkey -pubin -in {PUBLIC_KEY} -outform DER | tail -c 32 | sha256sum",
            f"   fingerprint: {fingerprint}",
            "",
            "original/ holds the footage exactly as recorded (bit-for-bit copies); video/ playable MP4s",
            "with the shop time and camera name burned in; stills/ full-resolution frames (only files",
            "named 'annotated-boxes' have boxes drawn); redacted/ (if present) a copy with the faces of",
            "everyone but the selected person(s) blurred.",
            "",
        ]
    )
