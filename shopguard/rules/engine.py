"""RulesEngine: one per camera; turns FrameResults into Events (start/update/end), adds snapshots
and clip spans. Pure Python, no Qt: call `process` from the camera's analysis thread (or any one
thread), `tick` from a timer, `finish` when the camera stops or a file ends."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from shopguard.config.zones import RuleKind, Schedule, Zone, ZoneKind
from shopguard.domain.events import Event, EventPhase
from shopguard.domain.vision import FrameResult
from shopguard.rules.base import Observation, Rule
from shopguard.rules.door import DoorRule
from shopguard.rules.fall import FallRule
from shopguard.rules.grants import GrantSource, SaleSource
from shopguard.rules.intrusion import IntrusionRule
from shopguard.rules.loiter import LoiterRule
from shopguard.rules.snapshot import SnapshotWriter
from shopguard.rules.tailgate import TailgateRule
from shopguard.rules.tamper import TamperRule
from shopguard.rules.unpaid import UnpaidExitRule

PREROLL_S = 10.0  # the clip of an event starts this long before it
POSTROLL_S = 10.0  # and ends this long after it


class RulesEngine:
    def __init__(
        self,
        camera_id: str,
        zones: list[Zone] | None = None,
        schedules: list[Schedule] | None = None,
        *,
        grants: GrantSource | None = None,
        sales: SaleSource | None = None,
        snapshot_dir: Path | None = None,
        timezone: str = "Asia/Seoul",
        epoch_offset_s: float = 0.0,
        falls: bool = True,
        tamper: bool = True,
    ) -> None:
        """`epoch_offset_s` + FrameResult.ts = epoch seconds (0 for live cameras, whose ts is the
        wall clock; a file's start time for files). Without `grants` there is no tailgating rule,
        without `sales` no unpaid-exit rule (nothing to compare with)."""
        self.camera_id = camera_id
        self.epoch_offset_s = epoch_offset_s
        self.tz = ZoneInfo(timezone)
        self.snapshots = SnapshotWriter(snapshot_dir) if snapshot_dir is not None else None
        self.zones: list[Zone] = list(zones or [])
        zones = self.zones
        by_name = {s.name: s for s in schedules or []}
        self.rules: list[Rule] = []
        self.doors: list[DoorRule] = []
        for zone in zones:
            if zone.kind is ZoneKind.LINE:
                if RuleKind.DOOR in zone.rules:
                    self.doors.append(DoorRule(camera_id, zone))
                continue
            if RuleKind.INTRUSION in zone.rules:
                self.rules.append(IntrusionRule(camera_id, zone, by_name.get(zone.schedule or "")))
            if RuleKind.LOITER in zone.rules:
                self.rules.append(LoiterRule(camera_id, zone))
        self.rules[:0] = self.doors  # doors first: tailgating and unpaid exit read their crossings
        if grants is not None:
            self.rules.extend(TailgateRule(camera_id, door, grants) for door in self.doors)
        products = [z for z in zones if z.kind is ZoneKind.AREA and RuleKind.PRODUCT in z.rules]
        if sales is not None and products and self.doors:
            self.rules.append(UnpaidExitRule(camera_id, products, self.doors, sales))
        if falls:
            self.rules.append(FallRule(camera_id, [z for z in zones if RuleKind.FALL in z.rules]))
        self.tamper = TamperRule(camera_id) if tamper else None
        self._snapshot_of: dict[str, str] = {}
        self._last_ts = 0.0

    def local_time(self, ts: float) -> datetime:
        return datetime.fromtimestamp(ts + self.epoch_offset_s, self.tz)

    def process(self, result: FrameResult, frame_bgr: np.ndarray | None = None) -> list[Event]:
        """One analysed frame → the events it starts, updates or ends. `frame_bgr` (the frame the
        result came from) feeds the tampering checks and the snapshots; without it neither runs.
        Frames the pipeline passed through unanalysed (to keep to its rate) carry nothing new."""
        if not result.analysed:
            return []
        self._last_ts = result.ts
        obs = Observation(
            camera_id=self.camera_id,
            result=result,
            local_time=self.local_time(result.ts),
            epoch_s=result.ts + self.epoch_offset_s,
        )
        events: list[Event] = []
        for rule in self.rules:
            events.extend(rule.update(obs))
        if self.tamper is not None and frame_bgr is not None:
            events.extend(self.tamper.check(frame_bgr, result.ts))
        return [self._complete(e, result, frame_bgr, obs.local_time) for e in events]

    def tick(self, now_s: float) -> list[Event]:
        """Call about once a second from a timer (pipeline clock): reports a camera gone offline."""
        if self.tamper is None:
            return []
        return [self._complete(e, None, None, self.local_time(now_s)) for e in self.tamper.tick(now_s)]

    def finish(self, ts: float | None = None) -> list[Event]:
        """End every open incident (end of a file, camera removed)."""
        end = self._last_ts if ts is None else ts
        events: list[Event] = []
        for rule in self.rules:
            events.extend(rule.finish(end))
        if self.tamper is not None:
            events.extend(self.tamper.finish(end))
        return [self._complete(e, None, None, self.local_time(end)) for e in events]

    def _complete(
        self, event: Event, result: FrameResult | None, frame_bgr: np.ndarray | None, local_time: datetime
    ) -> Event:
        from dataclasses import replace

        snapshot = self._snapshot_of.get(event.key)
        if snapshot is None and self.snapshots is not None and frame_bgr is not None and result is not None:
            before = self.tamper.before_frame(event.key) if self.tamper is not None else None
            snapshot = self.snapshots.write(frame_bgr, result, event, local_time, before_bgr=before)
            self._snapshot_of[event.key] = snapshot
        if event.phase is EventPhase.END or event.end_s is not None:
            self._snapshot_of.pop(event.key, None)
        end = event.end_s if event.end_s is not None else event.last_s
        return replace(
            event,
            snapshot_path=snapshot,
            epoch_offset_s=self.epoch_offset_s,
            clip_start_s=event.start_s - PREROLL_S,
            clip_end_s=end + POSTROLL_S,
        )
