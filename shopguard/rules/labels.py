"""Read a labels CSV (clip, type, start_s, end_s, rules, split, camera, note) for `shopguard evaluate`.

`split` says what a clip was used for: `fit` (looked at while tuning or fitting a rule) or
`holdout` (kept aside to report on); empty or no column: not assigned. `camera` names the camera
or viewpoint (free text) so results can be told apart per camera. Both are per clip."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from shopguard.domain.events import EventType
from shopguard.errors import ConfigError
from shopguard.rules.scoring import NONE, Label

REQUIRED = ("clip", "type", "start_s", "end_s")
TYPES = frozenset({t.value for t in EventType} | {NONE})
FIT = "fit"
HOLDOUT = "holdout"
SPLITS = (FIT, HOLDOUT)


@dataclass(frozen=True)
class LabelRow:
    """One labelled event (or a clip's `none`); `rules` is resolved against the CSV's folder."""

    line: int
    clip: str
    label: Label
    rules: Path | None
    note: str
    split: str | None = None  # FIT, HOLDOUT or None (not assigned)
    camera: str = ""


def load_labels(path: Path) -> list[LabelRow]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"라벨 파일이 없습니다: {path}", f"labels file not found: {path}") from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise ConfigError(
            f"라벨 파일을 읽을 수 없습니다: {path}", f"labels file is not UTF-8 text: {path}"
        ) from None
    reader = csv.DictReader(text.splitlines())
    missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
    if missing:
        raise _bad(path, 1, f"열이 없습니다: {', '.join(missing)}", f"missing columns: {', '.join(missing)}")
    rows = [_row(path, reader.line_num, raw) for raw in reader]
    if not rows:
        raise _bad(path, 1, "라벨이 하나도 없습니다", "no labels")
    for group in by_clip(rows).values():
        _check_clip(path, group)
    return rows


def by_clip(rows: list[LabelRow]) -> dict[str, list[LabelRow]]:
    """Rows grouped per clip, clips in order of first appearance."""
    groups: dict[str, list[LabelRow]] = {}
    for row in rows:
        groups.setdefault(row.clip, []).append(row)
    return groups


def _row(path: Path, line: int, raw: dict) -> LabelRow:
    if None in raw:
        raise _bad(path, line, "칸이 너무 많습니다", "too many fields (a comma in the note? quote it)")
    clip = (raw.get("clip") or "").strip()
    kind = (raw.get("type") or "").strip()
    if not clip:
        raise _bad(path, line, "영상(clip)이 비어 있습니다", "no clip")
    if kind not in TYPES:
        raise _bad(
            path,
            line,
            f"알 수 없는 종류 '{kind}'",
            f"unknown type '{kind}' (one of: {', '.join(sorted(TYPES))})",
        )
    start = _seconds(path, line, "start_s", raw.get("start_s"))
    end = _seconds(path, line, "end_s", raw.get("end_s"))
    if kind == NONE and (start is not None or end is not None):
        raise _bad(path, line, "none 행에는 시간이 없어야 합니다", "a 'none' row has no times")
    if kind != NONE and start is None:
        raise _bad(path, line, "start_s가 비어 있습니다", f"a '{kind}' row needs start_s")
    if start is not None and end is not None and end < start:
        raise _bad(path, line, "end_s가 start_s보다 빠릅니다", "end_s is before start_s")
    rules = (raw.get("rules") or "").strip()
    split = (raw.get("split") or "").strip().lower()
    if split and split not in SPLITS:
        raise _bad(
            path,
            line,
            f"split '{split}'은(는) fit 또는 holdout이어야 합니다",
            f"split '{split}' must be fit (used for tuning) or holdout (kept aside), or empty",
        )
    return LabelRow(
        line=line,
        clip=clip,
        label=Label(kind, start, end),
        rules=path.parent / rules if rules else None,
        note=(raw.get("note") or "").strip(),
        split=split or None,
        camera=(raw.get("camera") or "").strip(),
    )


def _seconds(path: Path, line: int, column: str, text: str | None) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise _bad(
            path,
            line,
            f"{column} '{text}'은(는) 초 단위 숫자가 아닙니다",
            f"{column} '{text}' is not seconds",
        )
    return value


def _check_clip(path: Path, rows: list[LabelRow]) -> None:
    """One clip is analysed once: its rows must agree on the rules, and `none` stands alone."""
    if len({row.rules for row in rows}) > 1:
        raise _bad(
            path,
            rows[-1].line,
            f"{rows[0].clip}의 행들이 서로 다른 규칙 파일을 씁니다",
            f"rows of {rows[0].clip} name different rules files",
        )
    for column, values in (("split", {r.split for r in rows}), ("camera", {r.camera for r in rows})):
        if len(values) > 1:
            raise _bad(
                path,
                rows[-1].line,
                f"{rows[0].clip}의 행들이 서로 다른 {column} 값을 씁니다",
                f"rows of {rows[0].clip} name different {column} values (one per clip)",
            )
    if len(rows) > 1 and any(row.label.type == NONE for row in rows):
        raise _bad(
            path,
            rows[-1].line,
            f"{rows[0].clip}: none 행과 다른 라벨이 함께 있습니다",
            f"{rows[0].clip}: a 'none' row and other labels for the same clip",
        )


def _bad(path: Path, line: int, ko: str, en: str) -> ConfigError:
    return ConfigError(f"라벨 파일 {path} {line}행: {ko}", f"labels file {path} line {line}: {en}")
