"""What a playback timeline shows for a camera and a time span: the recorded stretches (segments
merged where they touch) and the event markers from the `events` table. No Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from shopguard.recording.footage import FootageLibrary
from shopguard.recording.segments import parse_utc, utc_iso

JOIN_GAP = timedelta(seconds=1.5)  # segments closer than this draw as one stretch


@dataclass(frozen=True)
class Stretch:
    start_utc: datetime
    end_utc: datetime


@dataclass(frozen=True)
class EventMark:
    id: int
    type: str
    start_utc: datetime
    end_utc: datetime | None


@dataclass(frozen=True)
class Timeline:
    camera_id: str
    start_utc: datetime
    end_utc: datetime
    stretches: list[Stretch]
    events: list[EventMark]

    def recorded_at(self, moment: datetime) -> bool:
        return any(s.start_utc <= moment < s.end_utc for s in self.stretches)

    def next_recorded(self, moment: datetime) -> datetime | None:
        """`moment` if it was recorded, else the start of the next recorded stretch (None: none)."""
        for stretch in self.stretches:
            if stretch.end_utc > moment:
                return max(stretch.start_utc, moment)
        return None


def load_timeline(
    library: FootageLibrary, db: sqlite_utils.Database, camera_id: str, start_utc: datetime, end_utc: datetime
) -> Timeline:
    stretches: list[Stretch] = []
    for segment in library.list_segments(camera_id, start_utc, end_utc):
        if stretches and segment.start_utc - stretches[-1].end_utc <= JOIN_GAP:
            stretches[-1] = Stretch(stretches[-1].start_utc, max(stretches[-1].end_utc, segment.end_utc))
        else:
            stretches.append(Stretch(segment.start_utc, segment.end_utc))
    return Timeline(
        camera_id, start_utc, end_utc, stretches, list_event_marks(db, camera_id, start_utc, end_utc)
    )


def list_event_marks(
    db: sqlite_utils.Database, camera_id: str, start_utc: datetime, end_utc: datetime
) -> list[EventMark]:
    """Events of camera_id that overlap [start_utc, end_utc); rows with unreadable times are skipped."""
    rows = db.execute(
        "SELECT id, type, start_utc, end_utc FROM events WHERE camera_id = ? AND start_utc < ? "
        "AND COALESCE(end_utc, start_utc) >= ? ORDER BY start_utc",
        [camera_id, utc_iso(end_utc), utc_iso(start_utc - timedelta(days=1))],
    ).fetchall()
    marks = []
    for row_id, kind, start, end in rows:
        try:
            mark = EventMark(row_id, kind, parse_utc(start), parse_utc(end) if end else None)
        except ValueError:
            continue
        if mark.start_utc < end_utc and (mark.end_utc or mark.start_utc) >= start_utc:
            marks.append(mark)
    return marks
