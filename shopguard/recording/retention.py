"""Retention: which segments to delete (a pure decision over segments, locks, time and space) and
doing it. Oldest first; beyond N days or beyond the disk budget, whichever bites first; never a
segment that overlaps an evidence lock."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from shopguard.config.recording import RecordingSettings
from shopguard.recording.locks import EvidenceLock
from shopguard.recording.segments import Segment, SegmentIndex

GB = 1_000_000_000
MB = 1_000_000


@dataclass(frozen=True)
class RetentionPlan:
    delete: list[Segment]
    expired: int  # of `delete`, how many were older than the retention period
    budget_bytes: int
    footage_bytes: int  # before deleting
    locked_bytes: int  # footage that had to be kept because of locks although over age or budget


def is_locked(segment: Segment, locks: Sequence[EvidenceLock]) -> bool:
    return any(lock.covers(segment.camera_id, segment.start_utc, segment.end_utc) for lock in locks)


def budget_bytes(settings: RecordingSettings, footage_bytes: int, free_bytes: int) -> int:
    """The most footage may occupy: budget_gb, and budget_percent of (footage + free space)."""
    by_share = int(settings.budget_percent / 100.0 * (footage_bytes + free_bytes))
    if settings.budget_gb is None:
        return by_share
    return min(by_share, int(settings.budget_gb * GB))


def plan_retention(
    segments: Sequence[Segment],
    locks: Sequence[EvidenceLock],
    now: datetime,
    keep_days: float,
    budget: int,
) -> RetentionPlan:
    """Segments to delete, oldest first: all unlocked ones older than keep_days, then more of the
    oldest unlocked ones until the total fits `budget` (or nothing unlocked is left)."""
    ordered = sorted(segments, key=lambda s: (s.start_utc, s.camera_id, str(s.path)))
    total = sum(s.bytes for s in ordered)
    cutoff = now - timedelta(days=keep_days)
    delete: list[Segment] = []
    locked_bytes = 0
    remaining = total
    expired = 0
    for segment in ordered:
        too_old = segment.end_utc <= cutoff
        if not too_old and remaining <= budget:
            continue  # young enough, and the total already fits
        if is_locked(segment, locks):
            locked_bytes += segment.bytes
            continue
        delete.append(segment)
        remaining -= segment.bytes
        expired += int(too_old)
    return RetentionPlan(delete, expired, budget, total, locked_bytes)


@dataclass(frozen=True)
class RetentionResult:
    deleted: int
    freed_bytes: int
    expired: int
    footage_bytes: int
    budget_bytes: int
    free_bytes: int


def enforce_retention(
    index: SegmentIndex,
    locks: Sequence[EvidenceLock],
    settings: RecordingSettings,
    now: datetime,
    disk_usage: Callable[[Path], Any] = shutil.disk_usage,
) -> RetentionResult:
    """Delete what `plan_retention` picks: the file first, then its row (a crash in between leaves a
    row without a file, which `SegmentIndex.reconcile` drops)."""
    segments = index.list()
    footage = sum(s.bytes for s in segments)
    free = _free_bytes(index.root, disk_usage)
    plan = plan_retention(
        segments, locks, now, settings.retention_days, budget_bytes(settings, footage, free)
    )
    freed = 0
    for segment in plan.delete:
        try:
            segment.path.unlink(missing_ok=True)
        except OSError:
            continue  # e.g. open in a player on Windows; try again next round
        index.remove(segment)
        freed += segment.bytes
        _remove_empty_parents(segment.path.parent, index.root)
    return RetentionResult(
        len(plan.delete), freed, plan.expired, footage, plan.budget_bytes, _free_bytes(index.root, disk_usage)
    )


def _free_bytes(root: Path, disk_usage: Callable[[Path], Any]) -> int:
    root.mkdir(parents=True, exist_ok=True)
    return int(disk_usage(root).free)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
