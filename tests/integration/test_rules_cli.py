"""`shopguard analyze VIDEO --rules FILE --json` prints the rules' events; a bad rules file is one
clear line and exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import DEMO_CLIP, footage, run_shopguard

run_cli = run_shopguard


def test_bad_rules_file_is_one_line_and_exit_2(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(
        '{"zones": [{"camera_id": "c", "zones": [{"id": "Bad Id", "name": "x", "points": []}]}]}'
    )
    result = run_cli("analyze", str(DEMO_CLIP), "--rules", str(rules))
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "rules file error at zones.0.zones.0.id" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_analyze_prints_the_fall_with_its_time_and_a_snapshot(tmp_path):
    clip = footage("falls", "upfall_A04_S1_T1_Cam1.mp4")
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"zones": [{"camera_id": "upfall", "zones": []}]}))
    result = run_cli(
        "analyze", str(clip), "--rules", str(rules), "--json", "--snapshots", str(tmp_path / "snaps")
    )
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    assert [e["type"] for e in events] == ["fall"]
    fall = events[0]
    assert 0.5 <= fall["start_s"] <= 1.5  # the person was last seen standing just before going down
    assert fall["end_s"] is not None and fall["severity"] == "critical"
    snapshot = Path(fall["snapshot"])
    assert snapshot.is_file() and (tmp_path / "snaps") in snapshot.parents
