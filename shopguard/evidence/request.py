"""ExportRequest: everything one police package is made from (footage, range, case, options). No Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from shopguard.evidence.incident import Incident
from shopguard.evidence.redact import KeepPoint
from shopguard.evidence.sources import CameraFootage


@dataclass
class ExportRequest:
    footage: Sequence[CameraFootage]
    start_utc: datetime
    end_utc: datetime
    out_dir: Path
    operator: str
    case_no: str = ""
    source: str = "recordings"  # or "video file"
    source_note: str = ""
    incident: Incident | None = None
    description: str = ""
    redact: bool = False
    keep: Sequence[KeepPoint] = ()
    clock_offset_s: float | None = None
