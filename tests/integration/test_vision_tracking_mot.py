"""`shopguard evaluate-tracks` on a MOT Challenge sequence: the app's pipeline scored against its GT."""

from __future__ import annotations

import json

import pytest

from tests.conftest import footage, run_shopguard

pytestmark = pytest.mark.footage


def test_evaluate_tracks_on_tud_campus_reports_todays_level() -> None:
    folder = footage("people", "mot15", "TUD-Campus")
    done = run_shopguard("evaluate-tracks", str(folder / "TUD-Campus.mp4"), str(folder / "gt.txt"), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["frames"] == 71  # seqinfo.ini: seqLength=71
    assert 0 < report["analysed_frames"] < report["frames"]
    assert report["gt_people"] >= 6
    # Floors a little under the level measured with detection regions and the re-worked tracker
    # (recall 0.51, over analysed frames 0.54, precision 0.87, IDF1 0.55, 7 ids for 8 people; the
    # first version of the command measured 0.44 / 0.47 / 0.64 / 0.47 with 5 ids): a regression
    # guard, not the target of 90 % recall and 0.9 precision.
    assert report["recall"] >= 0.47 and report["recall_analysed"] >= 0.50
    assert report["precision"] >= 0.80
    assert report["idf1"] >= 0.50
    assert report["ids_per_person"] <= 1.25
