"""AlertService: lives on the GUI thread; turns events raised on camera threads (queued signals)
into stored alerts with a snapshot, rings the chime, and tells the views (alert_added/changed)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from shopguard.config.notifications import NotificationSettings, SoundFor
from shopguard.services.alert_sound import AlertSoundPlayer
from shopguard.services.alert_store import Alert, AlertFilter, AlertStatus, AlertStore, utc_iso
from shopguard.services.camera_worker import RaisedEvents
from shopguard.vision.cv import cv2

# The recorder's RecordingService.on_event(camera_id, start_utc, end_utc, event_id): records around
# an alert and, given the alert id, cuts its clip into events.clip_path once the post-roll is over.
ClipRequester = Callable[[str, datetime, datetime | None, int | None], None]
SNAPSHOT_QUALITY = 85
EXTERNAL_POLL_MS = 2000  # the kiosk's help button reaches the owner within 2 s
CHIME_SEVERITIES = {
    SoundFor.CRITICAL: {"critical"},
    SoundFor.WARNING: {"warning", "critical"},
    SoundFor.NONE: set(),
}


class AlertService(QObject):
    alert_added = Signal(object)  # Alert
    alert_changed = Signal(object)  # Alert
    critical_raised = Signal(object)  # Alert: the window shows its banner

    def __init__(
        self,
        store: AlertStore,
        snapshots_dir: Path,
        notifications: NotificationSettings | None = None,
        actor: str = "owner",
        player: AlertSoundPlayer | None = None,
        clip_requester: ClipRequester | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.snapshots_dir = snapshots_dir
        self.notifications = notifications or NotificationSettings()
        self.actor = actor
        self.player = player or AlertSoundPlayer(self.notifications.volume, self)
        self.clip_requester = clip_requester
        self._open_keys: dict[tuple[str, str], int] = {}  # (camera, event key) -> alert id
        # Alerts other processes write into the same database (the kiosk's help button, a door
        # station) are picked up by polling: ids above this mark that this service did not insert.
        self._seen_id = store.newest_id()
        self._own_ids: set[int] = set()
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(EXTERNAL_POLL_MS)
        self._poll_timer.timeout.connect(self.poll_external)

    def start_polling(self) -> None:
        self._poll_timer.start()

    def stop_polling(self) -> None:
        self._poll_timer.stop()

    def poll_external(self) -> list[Alert]:
        found = []
        for alert in self.store.newer_than(self._seen_id):
            self._seen_id = max(self._seen_id, alert.id)
            if alert.id in self._own_ids:
                continue
            found.append(alert)
            self._announce(alert)
        return found

    def handle(self, raised: RaisedEvents) -> None:
        """Slot for CameraWorker.events_raised."""
        for event in raised.events:
            self.record_event(event, raised)

    def record_event(self, event: Any, raised: RaisedEvents | None = None) -> Alert | None:
        phase = str(event.phase)
        key = (event.camera_id, event.key)
        if phase == "start" or key not in self._open_keys:
            if phase == "end" and key not in self._open_keys:
                return None  # an end without a start we saw (e.g. from before a restart)
            return self._start(event, raised)
        alert_id = self._open_keys[key]
        if phase == "end":
            del self._open_keys[key]
            end = event.end_epoch if event.end_epoch is not None else time.time()
            alert = self.store.end(alert_id, utc_iso(end), tuple(event.track_ids))
            self._request_clip(alert, with_clip=True)
            self.alert_changed.emit(alert)
            return alert
        return None  # updates change nothing the owner looks at

    def _start(self, event: Any, raised: RaisedEvents | None) -> Alert:
        snapshot = event.snapshot_path
        if snapshot is None and raised is not None and raised.image is not None:
            snapshot = self._write_snapshot(event, raised.image)
        alert = self.store.insert(
            camera_id=event.camera_id,
            type_=str(event.type),
            severity=str(event.severity),
            start_utc=utc_iso(event.start_epoch),
            zone=event.zone_id,
            track_ids=tuple(event.track_ids),
            snapshot_path=snapshot,
        )
        self._own_ids.add(alert.id)
        if str(event.phase) != "end":
            self._open_keys[(event.camera_id, event.key)] = alert.id
        if alert.severity in ("info",):
            return alert
        self._request_clip(alert, with_clip=str(event.phase) == "end")
        self._announce(alert)
        return alert

    def _announce(self, alert: Alert) -> None:
        self.alert_added.emit(alert)
        if alert.severity in CHIME_SEVERITIES[self.notifications.sound_for]:
            self.player.set_volume(self.notifications.volume)
            self.player.play()
        if alert.severity == "critical" and self.notifications.banner:
            self.critical_raised.emit(alert)

    def _request_clip(self, alert: Alert, with_clip: bool) -> None:
        if self.clip_requester is None or alert.severity == "info":
            return
        start = datetime.fromisoformat(alert.start_utc)
        end = datetime.fromisoformat(alert.end_utc) if alert.end_utc else None
        self.clip_requester(alert.camera_id, start, end, alert.id if with_clip else None)

    def _write_snapshot(self, event: Any, image: np.ndarray) -> str | None:
        when = datetime.fromtimestamp(event.start_epoch, UTC)
        folder = self.snapshots_dir / event.camera_id / when.strftime("%Y-%m-%d")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{when.strftime('%H%M%S_%f')}-{event.type}.jpg"
        ok = cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, SNAPSHOT_QUALITY])
        return str(path) if ok else None

    def alerts(self, where: AlertFilter | None = None) -> list[Alert]:
        return self.store.list(where)

    def close_alert(self, alert_id: int, status: AlertStatus, note: str) -> Alert:
        alert = self.store.close(alert_id, status, note, self.actor)
        self.alert_changed.emit(alert)
        return alert
