"""What a package says about itself: the manifest's header and the report's content, from the request
and what each camera's export produced. No Qt."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import sqlite_utils

from shopguard.config.settings import ShopSettings
from shopguard.evidence import report as texts
from shopguard.evidence.incident import SEVERITY_KO, incidents_in_range
from shopguard.evidence.request import ExportRequest
from shopguard.evidence.video import CameraResult
from shopguard.recording.segments import utc_iso


def manifest_header(
    request: ExportRequest,
    shop: ShopSettings,
    db: sqlite_utils.Database,
    results: list[CameraResult],
    case_no: str,
    created: datetime,
    zone: ZoneInfo,
) -> dict:
    incident = request.incident
    return {
        "case_no": case_no,
        "created_utc": utc_iso(created),
        "operator": request.operator,
        "shop": {
            "name": shop.name,
            "address": shop.address,
            "timezone": shop.timezone,
        },
        "source": request.source,
        "source_note": request.source_note,
        "range": {
            "start_utc": utc_iso(request.start_utc),
            "end_utc": utc_iso(request.end_utc),
            "start_local": request.start_utc.astimezone(zone).isoformat(timespec="seconds"),
            "end_local": request.end_utc.astimezone(zone).isoformat(timespec="seconds"),
        },
        "clock_offset_s": request.clock_offset_s,
        "cameras": [
            {
                "id": r.camera_id,
                "name": r.name,
                "frames": r.frames,
                "width": r.width,
                "height": r.height,
                "first_frame_utc": utc_iso(r.first_utc),
                "last_frame_utc": utc_iso(r.last_utc),
                "faces_blurred_regions": r.faces_blurred if r.redacted_video else None,
            }
            for r in results
        ],
        "event": None
        if incident is None
        else {
            "id": incident.id,
            "type": incident.type,
            "severity": incident.severity,
            "start_utc": utc_iso(incident.start_utc),
            "end_utc": utc_iso(incident.end_utc) if incident.end_utc else None,
            "zone": incident.zone,
        },
        "redacted": request.redact,
    }


def report_data(
    request: ExportRequest,
    shop: ShopSettings,
    db: sqlite_utils.Database,
    results: list[CameraResult],
    originals: list[str],
    case_no: str,
    created: datetime,
    zone: ZoneInfo,
    folder: str,
    fingerprint: str,
) -> texts.ReportData:
    incident = request.incident
    description = []
    if incident is not None:
        description.append(
            f"사건 #{incident.id}: {incident.title_ko} ({incident.title_en}), "
            f"등급 {SEVERITY_KO.get(incident.severity, incident.severity)}, 카메라 {incident.camera_id}"
            + (f", 구역 {incident.zone}" if incident.zone else "")
        )
    if request.description.strip():
        description.append(request.description.strip())
    if not description:
        description.append("지정한 시간대의 영상 / footage of the chosen time range")
    timeline = [(texts.local_and_utc(request.start_utc, zone), "내보낸 구간 시작 / range starts")]
    cameras = [r.camera_id for r in results]
    for item in incidents_in_range(db, cameras, request.start_utc, request.end_utc):
        timeline.append(
            (
                texts.local_and_utc(item.start_utc, zone),
                f"{item.title_ko} 시작 ({item.camera_id}, #{item.id})",
            )
        )
        if item.end_utc is not None:
            timeline.append(
                (
                    texts.local_and_utc(item.end_utc, zone),
                    f"{item.title_ko} 끝 ({item.camera_id}, #{item.id})",
                )
            )
    timeline.append((texts.local_and_utc(request.end_utc, zone), "내보낸 구간 끝 / range ends"))
    timeline.sort(key=lambda row: row[0])
    stills = [
        texts.ReportStill(
            s.path, f"{r.name} ({r.camera_id}) · {s.label_ko} · {texts.local_and_utc(s.utc, zone)}"
        )
        for r in results
        for s in r.stills
        if s.path is not None
    ]
    contents = [
        (
            "original/",
            f"녹화 원본 그대로 {len(originals)}개 파일 (비트 단위 복사) / files exactly as recorded",
        ),
        ("video/", "카메라별 재생용 MP4(H.264), 시각·카메라 이름 표시 / playable MP4 per camera"),
        ("stills/", "주요 순간 정지 화면(PNG, 원본 해상도); 'annotated-boxes' 파일만 사람 표시 추가"),
        ("report.pdf", "이 보고서 / this report"),
        ("manifest.json, .sig", "모든 파일의 SHA-256과 크기, 점포 Ed25519 서명 / hashes, signature"),
        ("SHA256SUMS, VERIFY.txt", "검증 방법 / how to verify"),
    ]
    if request.redact:
        contents.insert(
            3, ("redacted/", "선택한 사람 외 얼굴을 흐리게 한 사본 (원본은 그대로) / faces blurred copy")
        )
    source = (
        "녹화 영상 / recorded segments"
        if request.source == "recordings"
        else f"영상 파일 / video file: {request.source_note}"
    )
    duration_s = (request.end_utc - request.start_utc).total_seconds()
    return texts.ReportData(
        shop_name=shop.name,
        shop_address=shop.address or "-",
        case_no=case_no,
        created=texts.local_and_utc(created, zone),
        operator=request.operator,
        cameras=[(r.camera_id, r.name) for r in results],
        range_local=(
            f"{texts.shop_time_text(request.start_utc, zone, tenths=False)} ~ "
            f"{texts.shop_time_text(request.end_utc, zone, tenths=False)}"
        ),
        range_utc=f"{request.start_utc:%Y-%m-%d %H:%M:%S} ~ {request.end_utc:%Y-%m-%d %H:%M:%S} UTC",
        duration=f"{duration_s:.0f}초 / {duration_s:.0f} s",
        clock_offset=texts.clock_offset_text(request.clock_offset_s),
        source=source,
        description=description,
        timeline=timeline,
        stills=stills,
        contents=contents,
        verify_steps=texts.verify_steps_ko(folder),
        key_fingerprint=fingerprint,
    )
