"""`shopguard evaluate LABELS.csv`: run the rules over labelled clips and score events per rule."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from shopguard.commands.analyze import rules_engine
from shopguard.errors import SourceError
from shopguard.paths import shared_footage_dir
from shopguard.rules.config import RulesFile, load_rules_file
from shopguard.rules.labels import LabelRow, by_clip, load_labels
from shopguard.rules.scoring import NONE, SLACK_S, ClipScore, Detected, Evaluation, TypeScore, score, tally
from shopguard.rules.summary import EventLog, IncidentSummary
from shopguard.vision.analysis import analyze_source
from shopguard.vision.factory import SharedModels, build_pipeline, load_models
from shopguard.vision.sources import VideoFileSource


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "evaluate", help="score the rules' events against hand labels (hits, misses, false alarms, delay)"
    )
    parser.add_argument(
        "labels", type=Path, help="labels CSV: clip,type,start_s,end_s,rules,note (see tests/data)"
    )
    parser.add_argument(
        "--data", type=Path, help="folder the clip paths are relative to (default: ../shared/data)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON with per-clip details")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    rows = load_labels(args.labels)
    data = args.data or shared_footage_dir()
    if not data.is_dir():
        raise SourceError(
            f"영상 폴더가 없습니다: {data} (--data로 지정하세요)",
            f"data folder not found: {data} (give --data)",
        )
    clips = by_clip(rows)
    rules = {clip: _rules_of(group) for clip, group in clips.items()}  # a bad file fails before the models
    for group in clips.values():
        if not (data / group[0].clip).is_file():
            raise SourceError(
                f"라벨 파일 {group[0].line}행의 영상이 없습니다: {data / group[0].clip}",
                f"labels line {group[0].line}: clip not found: {data / group[0].clip}",
            )
    models = load_models()
    started = time.perf_counter()
    found: dict[str, list[IncidentSummary]] = {}
    for n, clip in enumerate(clips, 1):
        found[clip] = events_of(data / clip, rules[clip], models)
        print(f"[{n}/{len(clips)}] {clip}: {len(found[clip])} events", file=sys.stderr)
    wall_s = time.perf_counter() - started
    labels = {clip: [row.label for row in group] for clip, group in clips.items()}
    detected = {
        clip: [Detected(e.type, e.start_s, e.alerted_s) for e in events] for clip, events in found.items()
    }
    evaluation = score(labels, detected)
    report = build_report(args.labels, clips, found, evaluation, wall_s)
    report["groups"] = group_reports(clips, evaluation, labels, detected)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return 0


def _rules_of(rows: list[LabelRow]) -> RulesFile:
    return load_rules_file(rows[0].rules) if rows[0].rules is not None else RulesFile()


def events_of(path: Path, rules: RulesFile, models: SharedModels) -> list[IncidentSummary]:
    """One clip through the pipeline and the rules as `analyze` runs them (falls and tamper on)."""
    engine = rules_engine(rules)
    log = EventLog()
    with VideoFileSource(path) as source:
        analyze_source(
            source,
            build_pipeline(models, engine.zones),
            on_frame=lambda result, image: log.add(engine.process(result, image)),
        )
    log.add(engine.finish())
    return log.incidents()


def build_report(
    labels_csv: Path,
    clips: dict[str, list[LabelRow]],
    found: dict[str, list[IncidentSummary]],
    evaluation: Evaluation,
    wall_s: float,
) -> dict:
    types = {t.type: _figures(t) for t in evaluation.types}
    return {
        "labels": str(labels_csv),
        "slack_s": SLACK_S,
        "wall_s": round(wall_s, 1),
        "types": types,
        "clips": [
            _clip_report(clip, rows, found[clip], evaluation.clips[clip], set(types))
            for clip, rows in clips.items()
        ],
    }


def _figures(t: TypeScore) -> dict:
    return {
        "labels": t.labels,
        "hits": t.hits,
        "misses": t.misses,
        "false_alarms": t.false_alarms,
        "delays_s": [round(d, 2) for d in t.delays_s],
        "median_delay_s": None if t.median_delay_s is None else round(t.median_delay_s, 2),
        "max_delay_s": None if t.max_delay_s is None else round(t.max_delay_s, 2),
    }


def group_reports(
    clips: dict[str, list[LabelRow]],
    evaluation: Evaluation,
    labels: dict[str, list],
    detected: dict[str, list[Detected]],
) -> list[dict]:
    """The figures per split (fit / held out), and per camera within each split: a rule tuned on
    some clips is judged on the others. Empty when the labels name no split and no camera."""
    if not any(g[0].split or g[0].camera for g in clips.values()):
        return []
    keys: dict[tuple[str, str | None], list[str]] = {}
    for clip, group in clips.items():
        split = group[0].split or "unassigned"
        keys.setdefault((split, None), []).append(clip)
        keys.setdefault((split, group[0].camera or "–"), []).append(clip)
    order = {"fit": 0, "holdout": 1, "unassigned": 2}
    out = []
    for (split, camera), members in sorted(keys.items(), key=lambda kv: (order[kv[0][0]], kv[0][1] or "")):
        figures = {
            t.type: _figures(t)
            for t in tally(evaluation, labels, detected, members)
            if t.labels or t.false_alarms
        }
        out.append({"split": split, "camera": camera, "clips": len(members), "types": figures})
    return out


def _clip_report(
    clip: str, rows: list[LabelRow], events: list[IncidentSummary], result: ClipScore, types: set[str]
) -> dict:
    def verdict(j: int) -> str:
        if result.event_label[j] is not None:
            return "hit"
        return "false_alarm" if events[j].type in types else "not_evaluated"

    labels = []
    for row, event, delay in zip(rows, result.label_event, result.delays_s, strict=True):
        if row.label.type == NONE:
            status = "false_alarm" if result.false_alarms else "ok"
        else:
            status = "miss" if event is None else "hit"
        labels.append(
            {
                "line": row.line,
                "type": row.label.type,
                "start_s": row.label.start_s,
                "end_s": row.label.end_s,
                "note": row.note,
                "verdict": status,
                "event": event,
                "delay_s": None if delay is None else round(delay, 2),
            }
        )
    return {
        "clip": clip,
        "split": rows[0].split,
        "camera": rows[0].camera,
        "rules": None if rows[0].rules is None else str(rows[0].rules),
        "labels": labels,
        "events": [
            {**e.as_dict(), "verdict": verdict(j), "label": result.event_label[j]}
            for j, e in enumerate(events)
        ],
    }


def format_report(report: dict) -> str:
    """The table per rule, then each miss and false alarm on its own line."""
    header = ("type", "labels", "hits", "misses", "false alarms", "median delay s")
    rows = [
        (
            kind,
            str(t["labels"]),
            str(t["hits"]),
            str(t["misses"]),
            str(t["false_alarms"]),
            "–" if t["median_delay_s"] is None else f"{t['median_delay_s']:+.2f}",
        )
        for kind, t in report["types"].items()
    ]
    lines = [f"규칙별 평가 / evaluation per rule (events within ±{report['slack_s']:g} s of a label)"]
    lines.extend(_table(header, rows, left=1))
    lines.extend(_format_groups(report.get("groups", [])))
    for clip in report["clips"]:
        for label in clip["labels"]:
            if label["verdict"] == "miss":
                span = f"{label['start_s']:g}" + ("" if label["end_s"] is None else f"–{label['end_s']:g}")
                lines.append(f"  놓침 / missed: {clip['clip']} {label['type']} {span} s ({label['note']})")
        for event in clip["events"]:
            if event["verdict"] == "false_alarm":
                lines.append(
                    f"  오경보 / false alarm: {clip['clip']} {event['type']} at {event['start_s']:g} s"
                )
    lines.append(f"{len(report['clips'])} clips analysed in {report['wall_s']:g} s")
    return "\n".join(lines)


def _format_groups(groups: list[dict]) -> list[str]:
    if not groups:
        return []
    header = ("split", "camera", "clips", "type", "labels", "hits", "misses", "false alarms", "delays s")
    rows = []
    for group in groups:
        for kind, t in group["types"].items():
            delays = " ".join(f"{d:+.1f}" for d in t["delays_s"]) or "–"
            rows.append(
                (
                    group["split"],
                    group["camera"] or "(all)",
                    str(group["clips"]),
                    kind,
                    str(t["labels"]),
                    str(t["hits"]),
                    str(t["misses"]),
                    str(t["false_alarms"]),
                    delays,
                )
            )
    return [
        "",
        "맞춘 영상과 따로 둔 영상 / fitted vs held-out clips, per camera",
        *_table(header, rows, left=4),
    ]


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], left: int) -> list[str]:
    """Columns padded to width: the first `left` ones left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append(" | ".join(cells))
        if row is header:
            lines.append("-+-".join("-" * w for w in widths))
    return lines
