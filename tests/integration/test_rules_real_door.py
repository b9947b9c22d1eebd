"""Door counting on the two CAVIAR shop clips through the real pipeline and RulesEngine.

The door line lies on the shop's threshold (y = 0.52 of the picture, x 0.53–0.86: the open
entrance right of the shop window), the shop side inside; placed by looking at the frames. What
we see (labels in tests/data/rules_labels.csv, times when the feet pass the threshold): in
EnterExitCrossingPaths1front one person walks in along the shop front while another walks out
past them; in OneLeaveShopReenter1front one person walks out, waits, and walks back in.

The people are ~50–60 px tall. What it takes to count all four crossings, measured here: the
door's square close-up with MoveNet as well as SSDLite in it (SSDLite alone never finds the
dark-clothed shopper), the side a track was first seen on, and door watch (looking at 12.5 frames
a second while something moves at the door). Before: 1 of 4. The counting itself is covered on
synthetic tracks in tests/unit/test_rules_door.py."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.events import EventType
from shopguard.rules.engine import RulesEngine
from shopguard.vision.analysis import analyze_source
from shopguard.vision.factory import SharedModels, build_pipeline
from shopguard.vision.sources import VideoFileSource
from tests.conftest import footage

LABELS = Path(__file__).resolve().parent.parent / "data" / "rules_labels.csv"
CLIPS = ["EnterExitCrossingPaths1front.mpg", "OneLeaveShopReenter1front.mpg"]
SHOP_DOOR = Zone(
    id="door",
    name="출입문",
    kind=ZoneKind.LINE,
    points=[(0.53, 0.52), (0.86, 0.52)],  # left → right: the shop (up) is on the left, inside
    rules=[RuleKind.DOOR],
)


def labelled(clip: str) -> list[tuple[str, float, float]]:
    with LABELS.open(encoding="utf-8") as handle:
        return [
            (r["type"], float(r["start_s"]), float(r["end_s"]))
            for r in csv.DictReader(handle)
            if r["clip"] == f"shop/{clip}"
        ]


def _crossings(clip: str, models: SharedModels) -> list[tuple[str, float]]:
    engine = RulesEngine("caviar", [SHOP_DOOR], [], falls=False, tamper=False)
    events = []
    with VideoFileSource(footage("shop", clip)) as source:
        analyze_source(
            source,
            build_pipeline(models, [SHOP_DOOR]),
            on_frame=lambda r, image: events.extend(engine.process(r, image)),
        )
    return [(e.type.value, e.start_s) for e in events if e.type in (EventType.DOOR_IN, EventType.DOOR_OUT)]


def truth(clip: str) -> Counter:
    return Counter(kind for kind, _, _ in labelled(clip))


@pytest.fixture(scope="module")
def seen(models: SharedModels) -> dict[str, list[tuple[str, float]]]:
    out = {clip: _crossings(clip, models) for clip in CLIPS}
    print(f"\nCAVIAR door crossings: {out}")
    return out


@pytest.fixture(scope="module")
def counted(seen) -> dict[str, Counter]:
    return {clip: Counter(kind for kind, _ in crossings) for clip, crossings in seen.items()}


@pytest.fixture(scope="module")
def crossing_times(seen) -> dict[str, dict[str, list[float]]]:
    return {
        clip: {kind: [ts for k, ts in crossings if k == kind] for kind in ("door_in", "door_out")}
        for clip, crossings in seen.items()
    }


@pytest.mark.parametrize("clip", CLIPS)
def test_no_phantom_crossings(counted, clip):
    """Whatever the detector misses, the rule never counts a crossing that did not happen."""
    seen, real = counted[clip], truth(clip)
    assert all(seen[kind] <= real[kind] for kind in ("door_in", "door_out")), (seen, real)


@pytest.mark.parametrize("clip", CLIPS)
def test_counts_match_what_we_see(counted, clip):
    real = truth(clip)
    assert (counted[clip]["door_in"], counted[clip]["door_out"]) == (real["door_in"], real["door_out"])


@pytest.mark.parametrize("clip", CLIPS)
def test_each_crossing_is_counted_when_it_happens(crossing_times, clip):
    """Within a second of the labelled moment, so a snapshot and clip show the person at the door."""
    for kind, start, end in labelled(clip):
        assert any(start - 1.0 <= ts <= end + 1.0 for ts in crossing_times[clip][kind]), (
            kind,
            crossing_times[clip],
        )
