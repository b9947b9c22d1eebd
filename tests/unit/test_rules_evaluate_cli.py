"""`shopguard evaluate LABELS.csv` as a user runs it, with the analysis faked (no real models): bad
input is one bilingual line and exit 2 before any model loads; the table and JSON add up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopguard.cli import main
from shopguard.commands import evaluate
from shopguard.paths import project_root, shared_footage_dir
from shopguard.rules.summary import IncidentSummary

HEADER = "clip,type,start_s,end_s,rules,note\n"
DOOR_RULES = {
    "zones": [
        {
            "camera_id": "shop",
            "zones": [
                {
                    "id": "door",
                    "name": "출입문",
                    "kind": "line",
                    "points": [[0.5, 0.5], [0.9, 0.5]],
                    "rules": ["door"],
                }
            ],
        }
    ]
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "footage"
    for clip in ("falls/a.mp4", "falls/b.mp4", "shop/door.mpg"):
        (folder / clip).parent.mkdir(parents=True, exist_ok=True)
        (folder / clip).write_bytes(b"not read: the analysis is faked")
    return folder


@pytest.fixture
def no_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails the test if a model would load: bad input is found before the slow part."""

    def refuse():
        raise AssertionError("models loaded although the input is bad")

    monkeypatch.setattr(evaluate, "load_models", refuse)


def write_labels(tmp_path: Path, body: str, rules: dict | str | None = None) -> Path:
    labels = tmp_path / "labels" / "labels.csv"
    labels.parent.mkdir(exist_ok=True)
    labels.write_text(HEADER + body, encoding="utf-8")
    if rules is not None:
        (labels.parent / "rules").mkdir(exist_ok=True)
        text = rules if isinstance(rules, str) else json.dumps(rules)
        (labels.parent / "rules" / "door.json").write_text(text, encoding="utf-8")
    return labels


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["evaluate", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("오류 / error: ")
    assert " / " in lines[0].removeprefix("오류 / error: ")  # Korean / English
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize(
    ("body", "needles"),
    [
        ("falls/a.mp4,fall,abc,,,\n", ["line 2", "start_s 'abc' is not seconds"]),
        ("falls/a.mp4,fall,-1,,,\n", ["line 2", "start_s '-1' is not seconds"]),
        ("falls/a.mp4,fall,1,nan,,\n", ["line 2", "end_s 'nan' is not seconds"]),
        ("falls/a.mp4,fall,1.0,,,\nfalls/b.mp4,falling,1.0,,,\n", ["line 3", "unknown type 'falling'"]),
        ("falls/a.mp4,fall,,,,\n", ["line 2", "a 'fall' row needs start_s"]),
        ("falls/a.mp4,none,2.0,,,\n", ["line 2", "a 'none' row has no times"]),
        ("falls/a.mp4,loiter,5.0,4.0,,\n", ["line 2", "end_s is before start_s"]),
        (",fall,1.0,,,\n", ["line 2", "no clip"]),
        ("falls/a.mp4,fall,1.0,,,on the floor, at last\n", ["line 2", "too many fields"]),
        ("falls/a.mp4,none,,,,\nfalls/a.mp4,fall,1.0,,,\n", ["line 3", "a 'none' row and other labels"]),
        ("", ["no labels"]),
    ],
)
def test_a_malformed_row_is_one_line_naming_the_row(capsys, tmp_path, data, no_models, body, needles) -> None:
    labels = write_labels(tmp_path, body)
    code, _, err = run(capsys, str(labels), "--data", str(data))
    assert_one_line_error(code, err, *needles)


def test_missing_columns(capsys, tmp_path, data, no_models) -> None:
    labels = tmp_path / "labels.csv"
    labels.write_text("clip,kind,start\nfalls/a.mp4,fall,1.0\n", encoding="utf-8")
    code, _, err = run(capsys, str(labels), "--data", str(data))
    assert_one_line_error(code, err, "missing columns: type, start_s, end_s")


def test_missing_labels_file(capsys, tmp_path, data, no_models) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.csv"), "--data", str(data))
    assert_one_line_error(code, err, "labels file not found", "nope.csv")


def test_missing_clip(capsys, tmp_path, data, no_models) -> None:
    labels = write_labels(tmp_path, "falls/a.mp4,fall,1.0,,,\nfalls/gone.mp4,none,,,,\n")
    code, _, err = run(capsys, str(labels), "--data", str(data))
    assert_one_line_error(code, err, "labels line 3: clip not found", str(data / "falls" / "gone.mp4"))


def test_missing_data_folder(capsys, tmp_path, no_models) -> None:
    labels = write_labels(tmp_path, "falls/a.mp4,fall,1.0,,,\n")
    code, _, err = run(capsys, str(labels), "--data", str(tmp_path / "nowhere"))
    assert_one_line_error(code, err, "data folder not found", "nowhere")


def test_missing_rules_file(capsys, tmp_path, data, no_models) -> None:
    labels = write_labels(tmp_path, "shop/door.mpg,door_in,1.0,2.0,rules/door.json,\n")
    code, _, err = run(capsys, str(labels), "--data", str(data))
    assert_one_line_error(code, err, "rules file not found", str(labels.parent / "rules" / "door.json"))


@pytest.mark.parametrize(
    ("rules", "needle"),
    [("{not json", "rules file is not valid JSON"), ({"zones": [{"camera_id": 1}]}, "rules file error at")],
)
def test_bad_rules_file(capsys, tmp_path, data, no_models, rules, needle) -> None:
    labels = write_labels(tmp_path, "shop/door.mpg,door_in,1.0,2.0,rules/door.json,\n", rules)
    code, _, err = run(capsys, str(labels), "--data", str(data))
    assert_one_line_error(code, err, needle)


def test_rows_of_one_clip_must_name_the_same_rules(capsys, tmp_path, data, no_models) -> None:
    body = "shop/door.mpg,door_in,1.0,2.0,rules/door.json,\nshop/door.mpg,door_out,5.0,6.0,,\n"
    labels = write_labels(tmp_path, body, DOOR_RULES)
    code, _, err = run(capsys, str(labels), "--data", str(data))
    assert_one_line_error(code, err, "line 3", "name different rules files")


def test_default_data_folder_is_shared_data_beside_the_project() -> None:
    assert shared_footage_dir() == project_root().parent / "shared" / "data"


# --- a whole run with the analysis faked ---


def incident(kind: str, start_s: float) -> IncidentSummary:
    return IncidentSummary(kind, "warning", None, start_s, start_s + 1.0, (1,), None, {})


@pytest.fixture
def fake_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: Path):
    """Labels over three clips; each clip 'raises' what is listed here. Records each analysis."""
    raised = {
        "falls/a.mp4": [incident("fall", 2.0), incident("tamper_frozen", 0.5)],
        "falls/b.mp4": [incident("fall", 4.0)],
        "shop/door.mpg": [incident("door_out", 9.5), incident("door_in", 20.0)],
    }
    analysed: list[tuple[str, list[str]]] = []

    def events_of(path, rules, models):
        clip = path.relative_to(data).as_posix()
        analysed.append((clip, [z.id for camera in rules.zones for z in camera.zones]))
        return raised[clip]

    monkeypatch.setattr(evaluate, "load_models", lambda: "models")
    monkeypatch.setattr(evaluate, "events_of", events_of)
    body = (
        "falls/a.mp4,fall,1.5,,,on the floor\n"
        "falls/b.mp4,none,,,,walking\n"
        "shop/door.mpg,door_in,9.0,10.0,rules/door.json,walks in\n"
        "shop/door.mpg,door_out,9.2,10.2,rules/door.json,walks out\n"
    )
    return write_labels(tmp_path, body, DOOR_RULES), analysed


def test_each_clip_is_analysed_once_with_its_rows_rules(capsys, fake_run, data) -> None:
    labels, analysed = fake_run
    code, _, err = run(capsys, str(labels), "--data", str(data))
    assert code == 0, err
    assert analysed == [("falls/a.mp4", []), ("falls/b.mp4", []), ("shop/door.mpg", ["door"])]


def test_the_table_per_rule(capsys, fake_run, data) -> None:
    labels, _ = fake_run
    code, out, _ = run(capsys, str(labels), "--data", str(data))
    assert code == 0
    rows = {line.split("|")[0].strip(): [c.strip() for c in line.split("|")[1:]] for line in out.splitlines()}
    assert rows["type"] == ["labels", "hits", "misses", "false alarms", "median delay s"]
    assert rows["fall"] == ["1", "1", "0", "1", "+0.50"]
    assert rows["door_in"] == ["1", "0", "1", "1", "–"]
    assert rows["door_out"] == ["1", "1", "0", "0", "+0.30"]
    assert "tamper_frozen" not in rows
    assert "놓침 / missed: shop/door.mpg door_in 9–10 s (walks in)" in out
    assert "오경보 / false alarm: falls/b.mp4 fall at 4 s" in out
    assert "오경보 / false alarm: shop/door.mpg door_in at 20 s" in out


def test_json_has_the_figures_and_per_clip_matches(capsys, fake_run, data) -> None:
    labels, _ = fake_run
    code, out, _ = run(capsys, str(labels), "--data", str(data), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["slack_s"] == 3.0
    assert list(report["types"]) == ["fall", "door_in", "door_out"]
    assert report["types"]["fall"] == {
        "labels": 1,
        "hits": 1,
        "misses": 0,
        "false_alarms": 1,
        "delays_s": [0.5],
        "median_delay_s": 0.5,
        "max_delay_s": 0.5,
    }
    a, b, door = report["clips"]
    assert [(e["type"], e["verdict"], e["label"]) for e in a["events"]] == [
        ("fall", "hit", 0),
        ("tamper_frozen", "not_evaluated", None),
    ]
    assert a["labels"][0] | {"note": ""} == {
        "line": 2,
        "type": "fall",
        "start_s": 1.5,
        "end_s": None,
        "note": "",
        "verdict": "hit",
        "event": 0,
        "delay_s": 0.5,
    }
    assert b["labels"][0]["verdict"] == "false_alarm" and b["events"][0]["verdict"] == "false_alarm"
    assert [label["verdict"] for label in door["labels"]] == ["miss", "hit"]
    assert door["rules"].endswith("door.json")
    assert report["groups"] == []  # these labels name no split and no camera


SPLIT_HEADER = "clip,type,start_s,end_s,rules,split,camera,note\n"


@pytest.mark.parametrize(
    ("body", "needles"),
    [
        ("falls/a.mp4,fall,1.0,,,train,cam1,\n", ["line 2", "split 'train' must be fit", "or holdout"]),
        (
            "shop/door.mpg,door_in,1,2,,fit,cam1,\nshop/door.mpg,door_out,5,6,,holdout,cam1,\n",
            ["line 3", "different split values"],
        ),
        (
            "shop/door.mpg,door_in,1,2,,fit,cam1,\nshop/door.mpg,door_out,5,6,,fit,cam2,\n",
            ["line 3", "different camera values"],
        ),
    ],
)
def test_a_bad_split_or_camera_is_one_line_naming_the_row(
    capsys, tmp_path, data, no_models, body, needles
) -> None:
    labels = tmp_path / "split.csv"
    labels.write_text(SPLIT_HEADER + body, encoding="utf-8")
    code, _, err = run(capsys, str(labels), "--data", str(data))
    assert_one_line_error(code, err, *needles)


def test_fitted_and_held_out_clips_are_reported_apart_per_camera(capsys, monkeypatch, tmp_path, data) -> None:
    raised = {
        "falls/a.mp4": [incident("fall", 2.0)],  # fitted, cam1: hit, alerted 0.5 s after the label
        "falls/b.mp4": [incident("fall", 4.0)],  # held out, cam2: a false alarm on a `none` clip
        "shop/door.mpg": [],  # held out, cam1: the fall is missed
    }
    monkeypatch.setattr(evaluate, "load_models", lambda: "models")
    monkeypatch.setattr(
        evaluate, "events_of", lambda path, rules, models: raised[path.relative_to(data).as_posix()]
    )
    labels = tmp_path / "split.csv"
    labels.write_text(
        SPLIT_HEADER
        + "falls/a.mp4,fall,1.5,,,fit,cam1,\n"
        + "falls/b.mp4,none,,,,holdout,cam2,\n"
        + "shop/door.mpg,fall,3.0,,,holdout,cam1,\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, str(labels), "--data", str(data), "--json")
    assert code == 0
    report = json.loads(out)
    groups = {(g["split"], g["camera"]): (g["clips"], g["types"].get("fall")) for g in report["groups"]}
    assert set(groups) == {
        ("fit", None),
        ("fit", "cam1"),
        ("holdout", None),
        ("holdout", "cam1"),
        ("holdout", "cam2"),
    }
    fit_all, held_all = groups[("fit", None)][1], groups[("holdout", None)][1]
    assert (fit_all["labels"], fit_all["hits"], fit_all["false_alarms"], fit_all["delays_s"]) == (
        1,
        1,
        0,
        [0.5],
    )
    assert (held_all["labels"], held_all["hits"], held_all["misses"], held_all["false_alarms"]) == (
        1,
        0,
        1,
        1,
    )
    assert groups[("holdout", "cam2")][0] == 1
    assert groups[("holdout", "cam2")][1]["false_alarms"] == 1
    assert [c["split"] for c in report["clips"]] == ["fit", "holdout", "holdout"]
    text = evaluate.format_report(report)
    rows = [
        [c.strip() for c in line.split("|")]
        for line in text.splitlines()
        if line.startswith(("fit", "holdout"))
    ]
    assert ["holdout", "(all)", "2", "fall", "1", "0", "1", "1", "–"] in rows
    assert ["fit", "cam1", "1", "fall", "1", "1", "0", "0", "+0.5"] in rows
