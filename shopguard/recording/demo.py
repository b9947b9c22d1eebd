"""Demo footage for screenshots and docs: stretches of a real clip recorded as segments at a
chosen time, plus a few event rows to mark on the timeline."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

from shopguard.config.recording import RecordingSettings
from shopguard.paths import resource_path
from shopguard.recording.recorder import SegmentRecorder
from shopguard.recording.segments import SegmentIndex, utc_iso
from shopguard.vision.sources import VideoFileSource

# (clip second to start from, seconds to record, minutes after `start_utc`)
STRETCHES = ((70.0, 40.0, 0), (40.0, 30.0, 20))
EVENTS = (("loiter", "warning", 5, 22), ("intrusion", "critical", 20 * 60 + 8, 20 * 60 + 14))


def demo_clip() -> Path:
    """The bundled demo clip (Intel Corporation, CC BY 4.0)."""
    return resource_path("assets", "demo", "one-by-one-person-detection.mp4")


def record_demo_footage(
    db: sqlite_utils.Database, root: Path, camera_id: str, clip: Path, start_utc: datetime
) -> list[int]:
    """Record STRETCHES of `clip` for camera_id from start_utc; insert EVENTS; return event ids."""
    index = SegmentIndex(db, root)
    settings = RecordingSettings(segment_s=15, max_fps=10, crf=28, preset="ultrafast")
    recorder = SegmentRecorder(camera_id, root, settings, on_segment=index.add)
    recorder.start()
    try:
        for clip_from_s, length_s, minutes in STRETCHES:
            base = start_utc + timedelta(minutes=minutes)
            with VideoFileSource(clip) as source:
                while (frame := source.read()) is not None and frame.ts < clip_from_s + length_s:
                    if frame.ts >= clip_from_s:
                        moment = base + timedelta(seconds=frame.ts - clip_from_s)
                        recorder.push(frame.image, moment.timestamp(), wait=True)
            recorder.flush()
    finally:
        recorder.stop()
    ids = []
    for kind, severity, from_s, to_s in EVENTS:
        row = {
            "camera_id": camera_id,
            "type": kind,
            "severity": severity,
            "start_utc": utc_iso(start_utc + timedelta(seconds=from_s)),
            "end_utc": utc_iso(start_utc + timedelta(seconds=to_s)),
        }
        ids.append(int(db["events"].insert(row).last_pk))
    return ids
