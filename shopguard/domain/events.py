"""Events the rules raise: what happened, where, to whom, how serious, and when (start/update/end)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class EventType(StrEnum):
    INTRUSION = "intrusion"  # a person in a zone outside its open hours
    LOITER = "loiter"  # a person dwelling in a zone too long
    DOOR_IN = "door_in"  # one crossing of a door line into the shop (counted, not an alarm)
    DOOR_OUT = "door_out"
    TAILGATE = "tailgate"  # more people came in than QR passes were granted
    FALL = "fall"  # a person went down and stays down
    TAMPER_COVERED = "tamper_covered"  # lens covered or picture black
    TAMPER_MOVED = "tamper_moved"  # the camera points elsewhere
    TAMPER_DEFOCUSED = "tamper_defocused"  # the picture went blurry
    TAMPER_FROZEN = "tamper_frozen"  # the same picture over and over
    CAMERA_OFFLINE = "camera_offline"  # no frames at all
    PICTURE_DARK = "picture_dark"  # the picture lost its light but not its structure: lights off (info)
    UNPAID_EXIT = "unpaid_exit"  # left after visiting a shelf with no sale in between (review only)


class Severity(StrEnum):
    INFO = "info"  # counted, never shown as an alarm
    REVIEW = "review"  # worth a look later; never an accusation
    WARNING = "warning"
    CRITICAL = "critical"  # someone may need help now


class EventPhase(StrEnum):
    START = "start"
    UPDATE = "update"
    END = "end"


TITLES: dict[EventType, tuple[str, str]] = {
    EventType.INTRUSION: ("영업시간 외 침입", "After-hours intrusion"),
    EventType.LOITER: ("배회", "Loitering"),
    EventType.DOOR_IN: ("입장", "Entered"),
    EventType.DOOR_OUT: ("퇴장", "Left"),
    EventType.TAILGATE: ("미인증 동반 입장", "Tailgating"),
    EventType.FALL: ("쓰러짐", "Fall"),
    EventType.TAMPER_COVERED: ("카메라 가림", "Camera covered"),
    EventType.TAMPER_MOVED: ("카메라 방향 바뀜", "Camera moved"),
    EventType.TAMPER_DEFOCUSED: ("카메라 초점 흐림", "Camera out of focus"),
    EventType.TAMPER_FROZEN: ("화면 멈춤", "Picture frozen"),
    EventType.CAMERA_OFFLINE: ("카메라 연결 끊김", "Camera offline"),
    EventType.PICTURE_DARK: ("화면 어두워짐", "Picture went dark"),
    EventType.UNPAID_EXIT: ("결제 확인 필요", "Exit without a sale (review)"),
}


@dataclass(frozen=True)
class Event:
    """One incident as seen at one moment. Times are in the pipeline clock (`FrameResult.ts`:
    the position in a file, epoch seconds for a live camera); `epoch_offset_s` turns them into
    epoch seconds. `key` is the same for every phase of one incident (deduplication)."""

    key: str
    type: EventType
    phase: EventPhase
    severity: Severity
    camera_id: str
    start_s: float
    last_s: float
    end_s: float | None = None
    zone_id: str | None = None
    track_ids: tuple[int, ...] = ()
    clip_start_s: float = 0.0
    clip_end_s: float = 0.0
    snapshot_path: str | None = None
    epoch_offset_s: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def title_ko(self) -> str:
        return TITLES[self.type][0]

    @property
    def title_en(self) -> str:
        return TITLES[self.type][1]

    @property
    def start_epoch(self) -> float:
        return self.start_s + self.epoch_offset_s

    @property
    def end_epoch(self) -> float | None:
        return None if self.end_s is None else self.end_s + self.epoch_offset_s
