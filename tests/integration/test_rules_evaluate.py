"""`shopguard evaluate tests/data/rules_labels.csv` on the real clips: every labelled fall, dwell
episode and door crossing is found, falls are alerted within 3 s, and nothing is raised where
nothing happened."""

from __future__ import annotations

import csv
import json
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import pytest

from shopguard.cli import main
from shopguard.commands.evaluate import format_report
from tests.conftest import SHARED_DATA, footage

LABELS = Path(__file__).resolve().parent.parent / "data" / "rules_labels.csv"
pytestmark = pytest.mark.timeout(2400)  # 15 clips (≈7,000 frames) through detection and pose


@pytest.fixture(scope="module")
def report() -> dict:
    with LABELS.open(encoding="utf-8") as handle:
        for clip in sorted({row["clip"] for row in csv.DictReader(handle)}):
            footage(*clip.split("/"))
    out = StringIO()
    with redirect_stdout(out):
        code = main(["evaluate", str(LABELS), "--data", str(SHARED_DATA), "--json"])
    assert code == 0
    result = json.loads(out.getvalue())
    print("\n" + format_report(result))
    return result


def test_every_fall_is_found_and_nothing_else_looks_like_one(report) -> None:
    fall = report["types"]["fall"]
    assert (fall["labels"], fall["hits"], fall["false_alarms"]) == (5, 5, 0), fall
    assert all(0 <= delay <= 3.0 for delay in fall["delays_s"]), fall  # alerted within 3 s


@pytest.mark.parametrize("kind", ["door_in", "door_out"])
def test_every_door_crossing_is_counted_and_none_is_made_up(report, kind) -> None:
    door = report["types"][kind]
    assert (door["labels"], door["hits"], door["false_alarms"]) == (2, 2, 0), door


def test_every_dwell_at_the_table_is_found_once(report) -> None:
    loiter = report["types"]["loiter"]
    assert (loiter["labels"], loiter["hits"], loiter["false_alarms"]) == (6, 6, 0), loiter


def test_clips_where_nothing_happens_raise_nothing(report) -> None:
    verdicts = [label["verdict"] for c in report["clips"] for label in c["labels"] if label["type"] == "none"]
    assert verdicts == ["ok"] * 6
