"""`shopguard evaluate tests/data/rules_labels.csv` on the real clips: every labelled fall, dwell
episode and door crossing is found, falls are alerted within 3 s, and nothing is raised where
nothing happened.

The CAVIAR door (tests/data/rules/caviar_door.json) lies on the shop's threshold (y = 0.52 of the
picture, x 0.53–0.86: the open entrance right of the shop window), placed by looking at the frames.
In EnterExitCrossingPaths1front one person walks in along the shop front while another walks out
past them; in OneLeaveShopReenter1front one person walks out, waits and walks back in. The people
are ~50–60 px tall. What it took to count all four crossings, measured: the door's square
close-up with MoveNet as well as SSDLite in it (SSDLite alone never finds the dark-clothed
shopper), the side a track was first seen on, and door watch (12.5 looks a second while something
moves at the door). Before: 1 of 4. The counting itself is covered on synthetic tracks in
tests/unit/test_rules_door.py."""

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


def test_each_door_crossing_is_counted_when_it_happens(report) -> None:
    """Within a second of the labelled window, so its snapshot and clip show the person at the door."""
    crossings = [
        label for c in report["clips"] for label in c["labels"] if label["type"] in ("door_in", "door_out")
    ]
    assert len(crossings) == 4
    for label in crossings:
        assert -1.0 <= label["delay_s"] <= label["end_s"] - label["start_s"] + 1.0, label


def test_every_dwell_at_the_table_is_found_once(report) -> None:
    loiter = report["types"]["loiter"]
    assert (loiter["labels"], loiter["hits"], loiter["false_alarms"]) == (6, 6, 0), loiter


def test_clips_where_nothing_happens_raise_nothing(report) -> None:
    verdicts = [label["verdict"] for c in report["clips"] for label in c["labels"] if label["type"] == "none"]
    assert verdicts == ["ok"] * 6
