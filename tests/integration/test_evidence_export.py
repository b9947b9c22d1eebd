"""Police packages from real footage through the `shopguard` command: a DVR-style video file and
segments recorded with the recording writer; checked with sha256sum, verify-export, openssl,
ffprobe/PyAV, pdftotext/pdftoppm; tampering found; audit row and evidence lock present."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import av
import pytest

from shopguard.config.loader import save_settings
from shopguard.config.settings import AppSettings, CameraSettings, ShopSettings
from shopguard.evidence.report import OPENSSL_VERIFY
from shopguard.paths import DataPaths
from shopguard.recording import locks
from shopguard.recording.segments import SegmentIndex
from shopguard.recording.writer import SegmentWriter
from shopguard.storage.audit import list_audit
from shopguard.storage.database import open_database
from tests.conftest import DEMO_CLIP, footage, run_shopguard

SHOP = "행복마트 강남점"
RECORD_START = datetime(2024, 5, 1, 5, 0, 0, tzinfo=UTC)  # 14:00:00 KST


def run_cli(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {"SHOPGUARD_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    return run_shopguard(*args, env=env, stdin=stdin)


def write_settings(data: Path, cameras: list[CameraSettings] | None = None) -> None:
    shop = ShopSettings(name=SHOP, address="서울특별시 강남구 테헤란로 1")
    save_settings(AppSettings(shop=shop, cameras=cameras or []), DataPaths(data).ensure().config)


def package_in(out: Path) -> Path:
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 1, folders
    assert (out / f"{folders[0].name}.zip").is_file()
    return folders[0]


def no_space(text: str) -> str:
    return "".join(text.split())


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def probe(path: Path) -> tuple[str, float, int]:
    """(codec, duration in s, decoded frames) with PyAV; ffprobe's view is checked separately."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        times = [f.time for f in container.decode(stream)]
        return stream.codec_context.name, float(container.duration or 0) / av.time_base, len(times)


def ffprobe_duration(path: Path) -> tuple[str, float]:
    done = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name",
         "-show_entries", "format=duration", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    info = json.loads(done.stdout)
    return info["streams"][0]["codec_name"], float(info["format"]["duration"])


def flip_byte(path: Path) -> bytes:
    data = path.read_bytes()
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0xFF
    path.write_bytes(bytes(changed))
    return data


needs_tools = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("sha256sum", "openssl", "ffprobe", "pdftotext", "pdftoppm")),
    reason="needs sha256sum, openssl, ffprobe, pdftotext and pdftoppm",
)


@needs_tools
def test_video_file_package_verifies_plays_and_reads_in_korean(
    private_data_dir: Path, tmp_path: Path
) -> None:
    clip = footage("shop", "EnterExitCrossingPaths1front.mpg")
    write_settings(private_data_dir)
    out = tmp_path / "out"
    done = run_cli(
        private_data_dir, "export", "--video", str(clip), "--out", str(out), "--case", "2024-강남-0042",
        "--video-start", "2024-05-01 14:03:00", "--camera-name", "입구 카메라", "--clock-offset", "2.4",
        "--description", "계산하지 않고 나간 손님",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    package = package_in(out)
    assert (package / "original" / clip.name).read_bytes() == clip.read_bytes()  # bit for bit

    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=package, capture_output=True, text=True)
    assert sums.returncode == 0, sums.stdout
    assert "FAILED" not in sums.stdout and "report.pdf: OK" in sums.stdout
    signed = subprocess.run(OPENSSL_VERIFY.split(), cwd=package, capture_output=True, text=True)
    assert signed.returncode == 0 and "Verified Successfully" in signed.stdout
    assert run_cli(private_data_dir, "verify-export", str(package)).returncode == 0
    assert run_cli(private_data_dir, "verify-export", str(out / f"{package.name}.zip")).returncode == 0

    codec, duration = ffprobe_duration(package / "video" / "video.mp4")
    assert codec == "h264" and duration == pytest.approx(15.36, abs=0.1)
    _, _, frames = probe(package / "video" / "video.mp4")
    _, _, source_frames = probe(clip)
    assert frames == source_frames

    text = no_space(pdf_text(package / "report.pdf"))
    for wanted in (
        no_space(SHOP),
        "입구카메라",
        "2024-강남-0042",
        "2024-05-0114:03:00KST(UTC+09:00)",
        "2024-05-0105:03:00",
    ):
        assert wanted in text, wanted
    assert "UTC" in text and "2.4초빠름" in text and "계산하지않고나간손님" in text
    pages = subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(package / "report.pdf"), str(tmp_path / "page")]
    )
    assert pages.returncode == 0 and len(list(tmp_path.glob("page-*.png"))) >= 2

    stills = sorted((package / "stills").glob("*.png"))
    assert len([s for s in stills if "annotated" in s.name]) == len(
        [s for s in stills if "annotated" not in s.name]
    )

    original = flip_byte(package / "video" / "video.mp4")
    bad = run_cli(private_data_dir, "verify-export", str(package))
    assert bad.returncode == 1 and "video/video.mp4" in bad.stdout
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=package, capture_output=True, text=True)
    assert sums.returncode != 0 and "video/video.mp4: FAILED" in sums.stdout
    (package / "video" / "video.mp4").write_bytes(original)
    manifest = package / "manifest.json"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("2024-강남-0042", "2024-강남-0043"), "utf-8"
    )
    bad = run_cli(private_data_dir, "verify-export", str(package))
    assert bad.returncode == 1 and "manifest.json" in bad.stdout

    db = open_database(DataPaths(private_data_dir).database)
    try:
        rows = [e for e in list_audit(db) if e.action == "export"]
        assert rows and rows[-1].target == "case:2024-강남-0042"
        assert rows[-1].detail["manifest_sha256"]
    finally:
        db.conn.close()


def record(data: Path, camera_id: str, clip: Path, seconds: float, segment_s: float) -> list[Path]:
    """Record `seconds` of a real clip as camera_id from RECORD_START with the recording writer."""
    paths = DataPaths(data).ensure()
    db = open_database(paths.database)
    index = SegmentIndex(db, paths.recordings)
    written, writer = [], None
    try:
        with av.open(str(clip)) as container:
            for frame in container.decode(video=0):
                if frame.time is None or frame.time >= seconds:
                    break
                moment = RECORD_START + timedelta(seconds=frame.time)
                image = frame.to_ndarray(format="bgr24")
                if writer is not None and (moment - writer.base).total_seconds() >= segment_s:
                    written.append(index.add(writer.close()).path)
                    writer = None
                if writer is None:
                    writer = SegmentWriter(
                        paths.recordings, camera_id, moment, image.shape[1], image.shape[0], 10
                    )
                writer.write(image, moment)
        if writer is not None:
            written.append(index.add(writer.close()).path)
    finally:
        db.conn.close()
    return written


@needs_tools
def test_recorded_range_and_event_packages(private_data_dir: Path, tmp_path: Path) -> None:
    write_settings(private_data_dir, [CameraSettings(id="shelf", name="진열대 카메라", source="demo")])
    segments = record(private_data_dir, "shelf", DEMO_CLIP, 30.0, 10.0)
    assert len(segments) == 3
    out = tmp_path / "range"
    done = run_cli(
        private_data_dir, "export", "--camera", "shelf", "--from", "2024-05-01 14:00:05",
        "--to", "2024-05-01 14:00:17", "--out", str(out), "--case", "R-1",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    package = package_in(out)
    copied = sorted((package / "original").rglob("*.mp4"))
    assert [p.name for p in copied] == [segments[0].name, segments[1].name]
    assert all(c.read_bytes() == s.read_bytes() for c, s in zip(copied, segments[:2], strict=True))
    codec, duration = ffprobe_duration(package / "video" / "shelf.mp4")
    assert codec == "h264" and duration == pytest.approx(12.0, abs=0.25)
    assert probe(package / "video" / "shelf.mp4")[2] == pytest.approx(120, abs=1)  # 10 fps x 12 s
    assert run_cli(private_data_dir, "verify-export", str(package)).returncode == 0
    text = no_space(pdf_text(package / "report.pdf"))
    assert "진열대카메라" in text and "2024-05-0114:00:05KST" in text and "2024-05-0105:00:05~" in text

    paths = DataPaths(private_data_dir)
    db = open_database(paths.database)
    try:
        held = locks.list_locks(db)
        assert any(
            lock.covers("shelf", RECORD_START + timedelta(seconds=6), RECORD_START + timedelta(seconds=7))
            for lock in held
        )
        assert [e.target for e in list_audit(db) if e.action == "export"] == ["case:R-1"]
        event_id = db["events"].insert(
            {
                "camera_id": "shelf", "type": "loiter", "severity": "warning",
                "start_utc": (RECORD_START + timedelta(seconds=12)).isoformat(),
                "end_utc": (RECORD_START + timedelta(seconds=16)).isoformat(),
            }
        ).last_pk  # fmt: skip
    finally:
        db.conn.close()
    out = tmp_path / "event"
    done = run_cli(private_data_dir, "export", "--event", str(event_id), "--out", str(out), "--case", "E-1")
    assert done.returncode == 0, done.stderr
    package = package_in(out)
    text = no_space(pdf_text(package / "report.pdf"))
    assert "배회" in text and f"#{event_id}" in text
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["event"]["id"] == event_id and manifest["range"]["start_utc"].startswith(
        "2024-05-01T05:00:02"
    )


def test_staff_account_may_not_export(private_data_dir: Path, tmp_path: Path) -> None:
    from shopguard.security.accounts import Accounts
    from shopguard.security.passwords import SecretKind
    from shopguard.security.permissions import Role

    clip = footage("shop", "OneLeaveShopReenter1front.mpg")
    paths = DataPaths(private_data_dir).ensure()
    db = open_database(paths.database)
    try:
        accounts = Accounts(db)
        owner = accounts.create_owner("사장", SecretKind.PIN, "135790")
        accounts.add_user(owner, "알바", Role.STAFF, SecretKind.PIN, "246802")
    finally:
        db.conn.close()
    out = tmp_path / "out"
    done = run_cli(
        private_data_dir, "export", "--video", str(clip), "--out", str(out), "--as", "알바", stdin="246802\n"
    )
    assert done.returncode == 2 and "내보내기" in done.stderr
    assert not out.exists() or not any(out.iterdir())
    done = run_cli(
        private_data_dir,
        "export",
        "--video",
        str(clip),
        "--out",
        str(out),
        "--to",
        "3",
        "--as",
        "사장",
        stdin="135790\n",
    )
    assert done.returncode == 0, done.stderr
