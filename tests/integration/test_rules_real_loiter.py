"""Loitering on real footage: the demo room, where six people come one at a time and stay 12–28 s
at the table (../shared/data/README.md). A zone in front of the table; the foot point counts."""

from __future__ import annotations

import pytest

from shopguard.config.zones import RuleKind, Zone, ZoneKind
from shopguard.domain.events import EventPhase, EventType
from shopguard.rules.engine import RulesEngine
from shopguard.vision.analysis import analyze_source
from shopguard.vision.factory import SharedModels, build_pipeline
from shopguard.vision.sources import VideoFileSource
from tests.conftest import footage

TABLE = Zone(
    id="table",
    name="탁자 앞",
    kind=ZoneKind.AREA,
    points=[(0.3, 0.45), (0.8, 0.45), (0.8, 0.95), (0.3, 0.95)],
    rules=[RuleKind.LOITER],
)


@pytest.fixture(scope="module")
def loiter_starts(models: SharedModels) -> dict[float, list]:
    engines = {
        limit: RulesEngine(
            "demo", [TABLE.model_copy(update={"loiter_s": limit})], [], falls=False, tamper=False
        )
        for limit in (8.0, 30.0)
    }
    starts: dict[float, list] = {limit: [] for limit in engines}

    def feed(result, image) -> None:  # noqa: ANN001
        for limit, engine in engines.items():
            starts[limit] += [
                e
                for e in engine.process(result, image)
                if e.type is EventType.LOITER and e.phase is EventPhase.START
            ]

    with VideoFileSource(footage("people", "one-by-one-person-detection.mp4")) as source:
        analyze_source(source, build_pipeline(models), on_frame=feed)
    return starts


def test_each_of_the_six_visitors_loiters_once(loiter_starts) -> None:
    events = loiter_starts[8.0]
    assert len(events) == 6
    assert len({tuple(e.track_ids) for e in events}) == 6
    starts = sorted(e.start_s for e in events)
    assert all(b - a > 15 for a, b in zip(starts, starts[1:], strict=False))  # one at a time


def test_nobody_stays_half_a_minute(loiter_starts) -> None:
    assert loiter_starts[30.0] == []
