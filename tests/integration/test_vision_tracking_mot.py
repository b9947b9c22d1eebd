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
    # Floors at the level measured when this test was written (a regression guard, not the
    # issue's target of 90 % recall and 0.9 precision).
    assert report["recall"] >= 0.40 and report["recall_analysed"] >= 0.42
    assert report["precision"] >= 0.55
    assert report["idf1"] >= 0.40
    assert report["ids_per_person"] <= 1.5
