"""Segment files on disk and their index table: names, UTC times, probing, listing, reconciling.

Layout: `recordings/<camera>/<YYYY-MM-DD>/<HH-MM-SS>.mp4`, date and time in UTC. The name is the
whole UTC second the segment starts in; frame timestamps inside the file count from that second, so
`name time + frame.time` is each frame's UTC time without the database. While a segment is being
written it is called `<HH-MM-SS>.mp4.part`; it is renamed only once complete.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import av
import sqlite_utils

SEGMENT_SUFFIX = ".mp4"
PART_SUFFIX = ".mp4.part"
DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H-%M-%S"
TABLE = "recording_segments"


def utc_iso(moment: datetime) -> str:
    """The one text form of a UTC time in the database (sorts like the time itself)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: give times in UTC with tzinfo")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_utc(text: str) -> datetime:
    """An ISO time from the database; one without an offset is taken as UTC."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def from_epoch(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def segment_base(moment: datetime) -> datetime:
    """The whole UTC second a segment starting at `moment` is named after."""
    return moment.astimezone(UTC).replace(microsecond=0)


def segment_path(root: Path, camera_id: str, base: datetime) -> Path:
    """Where a segment whose name-second is `base` goes; `_2`, `_3` … when that second is taken."""
    folder = root / camera_id / base.strftime(DATE_FORMAT)
    stem = base.strftime(TIME_FORMAT)
    path = folder / f"{stem}{SEGMENT_SUFFIX}"
    number = 1
    while path.exists() or path.with_name(path.name[: -len(SEGMENT_SUFFIX)] + PART_SUFFIX).exists():
        number += 1
        path = folder / f"{stem}_{number}{SEGMENT_SUFFIX}"
    return path


def part_path(final: Path) -> Path:
    return final.with_name(final.name[: -len(SEGMENT_SUFFIX)] + PART_SUFFIX)


def base_from_path(path: Path) -> datetime:
    """The UTC second a segment file is named after (inverse of segment_path)."""
    name = path.name.split(".", 1)[0].split("_", 1)[0]
    return datetime.strptime(f"{path.parent.name} {name}", f"{DATE_FORMAT} {TIME_FORMAT}").replace(tzinfo=UTC)


@dataclass(frozen=True)
class Segment:
    camera_id: str
    start_utc: datetime
    end_utc: datetime
    path: Path
    frames: int
    bytes: int
    width: int
    height: int
    id: int | None = None

    @property
    def duration_s(self) -> float:
        return (self.end_utc - self.start_utc).total_seconds()

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start_utc < end and self.end_utc > start


@dataclass(frozen=True)
class Probe:
    codec: str
    frames: int
    first_s: float  # first frame's time after the name-second
    end_s: float  # end of the last frame after the name-second
    width: int
    height: int


def probe_segment(path: Path, decode: bool = False) -> Probe | None:
    """Read a segment's header (or decode every frame); None when the file is not a playable video."""
    try:
        with av.open(str(path), format="mp4") as container:
            stream = container.streams.video[0]
            if decode:
                times = [f.time for f in container.decode(stream) if f.time is not None]
                if not times:
                    return None
                step = (times[-1] - times[0]) / (len(times) - 1) if len(times) > 1 else 0.1
                return Probe(
                    stream.codec_context.name,
                    len(times),
                    times[0],
                    times[-1] + step,
                    stream.codec_context.width,
                    stream.codec_context.height,
                )
            if not stream.frames or stream.duration is None or stream.time_base is None:
                return None
            first = float((stream.start_time or 0) * stream.time_base)
            return Probe(
                stream.codec_context.name,
                int(stream.frames),
                first,
                first + float(stream.duration * stream.time_base),
                stream.codec_context.width,
                stream.codec_context.height,
            )
    except (av.error.FFmpegError, IndexError, OSError, ValueError):
        return None


class SegmentIndex:
    """The `recording_segments` table; paths are stored relative to the recordings root."""

    def __init__(self, db: sqlite_utils.Database, root: Path) -> None:
        self.db = db
        self.root = root

    def add(self, segment: Segment) -> Segment:
        cursor = self.db.execute(
            f"INSERT OR REPLACE INTO {TABLE} (camera_id, start_utc, end_utc, path, frames, bytes, "
            "width, height) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                segment.camera_id,
                utc_iso(segment.start_utc),
                utc_iso(segment.end_utc),
                segment.path.relative_to(self.root).as_posix(),
                segment.frames,
                segment.bytes,
                segment.width,
                segment.height,
            ],
        )
        return Segment(**{**segment.__dict__, "id": cursor.lastrowid})

    def _rows(self, where: str = "", params: list | None = None) -> list[Segment]:
        sql = (
            f"SELECT id, camera_id, start_utc, end_utc, path, frames, bytes, width, height FROM {TABLE} "
            f"{where} ORDER BY start_utc, id"
        )
        return [
            Segment(
                camera_id=r[1],
                start_utc=parse_utc(r[2]),
                end_utc=parse_utc(r[3]),
                path=self.root / r[4],
                frames=r[5],
                bytes=r[6],
                width=r[7],
                height=r[8],
                id=r[0],
            )
            for r in self.db.execute(sql, params or []).fetchall()
        ]

    def list(
        self, camera_id: str | None = None, start: datetime | None = None, end: datetime | None = None
    ) -> list[Segment]:
        """Segments overlapping [start, end), oldest first; all cameras when camera_id is None."""
        clauses, params = [], []
        if camera_id is not None:
            clauses.append("camera_id = ?")
            params.append(camera_id)
        if start is not None:
            clauses.append("end_utc > ?")
            params.append(utc_iso(start))
        if end is not None:
            clauses.append("start_utc < ?")
            params.append(utc_iso(end))
        return self._rows(("WHERE " + " AND ".join(clauses)) if clauses else "", params)

    def cameras(self) -> list[str]:
        return [r[0] for r in self.db.execute(f"SELECT DISTINCT camera_id FROM {TABLE} ORDER BY 1")]

    def total_bytes(self) -> int:
        return int(self.db.execute(f"SELECT COALESCE(SUM(bytes), 0) FROM {TABLE}").fetchone()[0])

    def remove(self, segment: Segment) -> None:
        self.db.execute(f"DELETE FROM {TABLE} WHERE id = ?", [segment.id])

    def reconcile(self, min_age_s: float = 0.0) -> tuple[int, int]:
        """Make the table match the disk after a crash: index complete files it misses, drop rows
        whose file is gone, delete unplayable leftovers of segments being written. Returns
        (files added, rows dropped)."""
        known = {s.path: s for s in self._rows()}
        dropped = 0
        for path, segment in known.items():
            if not path.exists():
                self.remove(segment)
                dropped += 1
        added = 0
        if not self.root.exists():
            return added, dropped
        for path in sorted(self.root.glob(f"*/*/*{PART_SUFFIX}")):
            if datetime.now().timestamp() - path.stat().st_mtime >= min_age_s:
                path.unlink(missing_ok=True)  # a crash interrupted it; an MP4 without its index is lost
        for path in sorted(self.root.glob(f"*/*/*{SEGMENT_SUFFIX}")):
            if path in known:
                continue
            probe = probe_segment(path)
            if probe is None:
                continue
            base = base_from_path(path)
            self.add(
                Segment(
                    camera_id=path.parent.parent.name,
                    start_utc=base + timedelta(seconds=probe.first_s),
                    end_utc=base + timedelta(seconds=probe.end_s),
                    path=path,
                    frames=probe.frames,
                    bytes=path.stat().st_size,
                    width=probe.width,
                    height=probe.height,
                )
            )
            added += 1
        return added, dropped


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
