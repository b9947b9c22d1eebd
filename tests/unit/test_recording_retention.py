"""Retention deletes exactly the oldest unlocked footage beyond the days or the disk budget,
and never footage under an evidence lock."""

from __future__ import annotations

from collections import namedtuple
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shopguard.config.recording import RecordingSettings
from shopguard.errors import ShopGuardError
from shopguard.recording.locks import ALL_CAMERAS, list_locks, lock_range, unlock
from shopguard.recording.retention import GB, budget_bytes, enforce_retention, plan_retention
from shopguard.recording.segments import Segment, SegmentIndex, segment_path

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
Usage = namedtuple("Usage", "total used free")


def make_segments(root: Path, camera: str, first: datetime, count: int, size: int) -> list[Segment]:
    """`count` one-minute segment files of `size` bytes each, on disk, oldest first."""
    out = []
    for k in range(count):
        start = first + k * MINUTE
        path = segment_path(root, camera, start)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\x00" * size)
        out.append(Segment(camera, start, start + MINUTE, path, 600, size, 320, 240))
    return out


def test_plan_deletes_expired_then_oldest_until_within_budget(tmp_path):
    old = make_segments(tmp_path, "cam1", NOW - timedelta(days=31), 2, 100)
    recent = make_segments(tmp_path, "cam1", NOW - timedelta(hours=1), 5, 100)
    plan = plan_retention(old + recent, [], NOW, keep_days=30, budget=300)
    assert plan.delete == old + recent[:2]
    assert plan.expired == 2
    assert plan_retention(recent, [], NOW, keep_days=30, budget=500).delete == []


def test_plan_skips_locked_segments_and_takes_the_next_oldest(db, tmp_path):
    segments = make_segments(tmp_path, "cam1", NOW - timedelta(hours=2), 6, 100)
    lock = lock_range(
        db,
        "cam1",
        segments[1].start_utc + timedelta(seconds=20),
        segments[2].start_utc + MINUTE / 60,
        "theft",
    )
    plan = plan_retention(segments, [lock], NOW, keep_days=30, budget=300)
    assert plan.delete == [segments[0], segments[3], segments[4]]
    assert plan.locked_bytes == 200
    other_camera = plan_retention(
        segments, [lock_range(db, "cam2", NOW - timedelta(days=1), NOW, "x")], NOW, keep_days=30, budget=300
    )
    assert other_camera.delete == segments[:3]


def test_budget_is_the_smaller_of_gb_and_percent_of_usable_space():
    settings = RecordingSettings(budget_percent=50, budget_gb=None)
    assert budget_bytes(settings, footage_bytes=40 * GB, free_bytes=60 * GB) == 50 * GB
    settings = RecordingSettings(budget_percent=50, budget_gb=10)
    assert budget_bytes(settings, footage_bytes=40 * GB, free_bytes=60 * GB) == 10 * GB


def test_enforce_deletes_exactly_the_oldest_unlocked_files_and_locked_files_survive(db, tmp_path):
    root = tmp_path / "recordings"
    index = SegmentIndex(db, root)
    cam1 = make_segments(root, "cam1", NOW - timedelta(hours=3), 4, 1000)
    cam2 = make_segments(root, "cam2", NOW - timedelta(hours=3) + timedelta(seconds=30), 4, 1000)
    for segment in cam1 + cam2:
        index.add(segment)
    # cam1's oldest minute is evidence; the budget leaves room for 5 of the 8 files.
    lock = lock_range(db, "cam1", cam1[0].start_utc, cam1[0].start_utc + timedelta(seconds=5), "incident 7")
    settings = RecordingSettings(retention_days=30, budget_gb=5000 / GB, budget_percent=99)

    result = enforce_retention(index, list_locks(db), settings, NOW, lambda _p: Usage(0, 0, 10 * GB))

    assert result.deleted == 3
    survivors = sorted(p.relative_to(root).as_posix() for p in root.glob("*/*/*.mp4"))
    expected = sorted(
        s.path.relative_to(root).as_posix() for s in [cam1[0], cam1[2], cam1[3], cam2[2], cam2[3]]
    )
    assert survivors == expected  # oldest unlocked gone: cam2[0], cam1[1], cam2[1] (interleaved by time)
    assert sorted(s.path for s in index.list()) == sorted(root / p for p in expected)

    assert unlock(db, lock.id)
    assert not unlock(db, lock.id)
    result = enforce_retention(index, list_locks(db), settings, NOW, lambda _p: Usage(0, 0, 10 * GB))
    assert result.deleted == 0  # 5 files fit the budget
    expired = enforce_retention(
        index, list_locks(db), settings, NOW + timedelta(days=31), lambda _p: Usage(0, 0, 10 * GB)
    )
    assert expired.deleted == 5 and expired.expired == 5
    assert not list(root.glob("*/*/*.mp4"))
    assert not list(root.iterdir())  # empty camera and date folders are tidied away


def test_a_lock_on_all_cameras_protects_every_camera(db, tmp_path):
    segments = make_segments(tmp_path, "cam3", NOW - timedelta(days=40), 2, 10)
    lock = lock_range(db, ALL_CAMERAS, NOW - timedelta(days=41), NOW, "police request")
    assert plan_retention(segments, [lock], NOW, keep_days=30, budget=0).delete == []


def test_locks_need_a_reason_and_a_forward_range(db):
    with pytest.raises(ShopGuardError, match="reason"):
        lock_range(db, "cam1", NOW - MINUTE, NOW, "  ")
    with pytest.raises(ShopGuardError, match="end after"):
        lock_range(db, "cam1", NOW, NOW - MINUTE, "x")
