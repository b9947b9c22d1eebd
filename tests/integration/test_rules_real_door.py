"""Door counting on the two CAVIAR shop clips through the real pipeline and RulesEngine.

The door line lies on the shop's threshold (y = 0.52 of the picture, x 0.53–0.86: the open
entrance right of the shop window), the shop side inside; placed by looking at the frames. What
we see (labels in tests/data/rules_labels.csv): in EnterExitCrossingPaths1front one person walks
in and one walks out; in OneLeaveShopReenter1front one person walks out and back in.

Measured here: the person detector (SSDLite, whole 384×288 frame) finds these ~50 px tall people
in too few frames to keep a track across the threshold: no crossing was counted at all. With a
focus region around the door line (vision/focus.py: the crop is enlarged to the detector's input)
one of the four crossings is counted (OneLeaveShopReenter: the walk out); analysing every frame
instead of 4 a second finds 3 of 4 but also one crossing too many. The counting itself is covered
on synthetic tracks in tests/unit/test_rules_door.py."""

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


def truth(clip: str) -> Counter:
    with LABELS.open(encoding="utf-8") as handle:
        return Counter(r["type"] for r in csv.DictReader(handle) if r["clip"] == f"shop/{clip}")


def _count(clip: str, models: SharedModels) -> Counter:
    engine = RulesEngine("caviar", [SHOP_DOOR], [], falls=False, tamper=False)
    events = []
    with VideoFileSource(footage("shop", clip)) as source:
        analyze_source(
            source,
            build_pipeline(models, [SHOP_DOOR]),
            on_frame=lambda r, image: events.extend(engine.process(r, image)),
        )
    return Counter(e.type.value for e in events if e.type in (EventType.DOOR_IN, EventType.DOOR_OUT))


@pytest.fixture(scope="module")
def counted(models: SharedModels) -> dict[str, Counter]:
    out = {clip: _count(clip, models) for clip in CLIPS}
    print(f"\nCAVIAR door counts: { {c: dict(n) for c, n in out.items()} }")
    return out


@pytest.mark.parametrize("clip", CLIPS)
def test_no_phantom_crossings(counted, clip):
    """Whatever the detector misses, the rule never counts a crossing that did not happen."""
    seen, real = counted[clip], truth(clip)
    assert all(seen[kind] <= real[kind] for kind in ("door_in", "door_out")), (seen, real)


@pytest.mark.xfail(
    strict=True,
    reason="SSDLite misses most of the ~50 px tall CAVIAR shoppers even in a door close-up: 1 of 4 counted",
)
@pytest.mark.parametrize("clip", CLIPS)
def test_counts_match_what_we_see(counted, clip):
    real = truth(clip)
    assert (counted[clip]["door_in"], counted[clip]["door_out"]) == (real["door_in"], real["door_out"])
