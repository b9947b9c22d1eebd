"""Following skeletons from look to look (MoveNet gives no ids), and the tracks near a person.

A falling body moves fast and its box changes shape (tall to wide), so poses are matched to people
by the distance between box centres, gated at MATCH_GATE of the person's last box diagonal, nearest
pairs first. A person who is not matched keeps their last box: the pose model and the box detector
both lose people lying on the floor, and the fall decision must carry them for a while."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from shopguard.domain.geometry import Box
from shopguard.domain.vision import Pose, Track
from shopguard.rules.base import OpenIncident
from shopguard.rules.fall_decision import FallState

MATCH_GATE = 1.2  # a pose matches a person within this many of their box diagonals
GONE_S = 10.0  # a person unseen this long is forgotten (an open incident then ends)


@dataclass
class FollowedPerson:
    person_id: int
    box: Box
    last_seen_s: float
    state: FallState = field(default_factory=FallState)
    incident: OpenIncident | None = None


class PoseFollower:
    """The people seen in the poses of one camera, each with its fall state."""

    def __init__(self) -> None:
        self.people: list[FollowedPerson] = []
        self._next_id = 1

    def match(self, poses: Sequence[Pose], ts: float) -> list[tuple[FollowedPerson, Pose]]:
        """Each pose with its person (new people for poses nobody was near)."""
        pairs = []
        for person in self.people:
            gate = MATCH_GATE * math.hypot(person.box.width, person.box.height)
            for index, pose in enumerate(poses):
                distance = math.dist(person.box.center, pose.box.center)
                if distance <= gate:
                    pairs.append((distance, person.person_id, index))
        by_id = {p.person_id: p for p in self.people}
        used_people: set[int] = set()
        used_poses: set[int] = set()
        matched: list[tuple[FollowedPerson, Pose]] = []
        for _, person_id, index in sorted(pairs):
            if person_id in used_people or index in used_poses:
                continue
            used_people.add(person_id)
            used_poses.add(index)
            matched.append((by_id[person_id], poses[index]))
        for index, pose in enumerate(poses):
            if index not in used_poses:
                person = FollowedPerson(self._next_id, pose.box, ts)
                self._next_id += 1
                self.people.append(person)
                matched.append((person, pose))
        for person, pose in matched:
            person.box = pose.box
            person.last_seen_s = ts
        return matched

    def forget_gone(self, ts: float) -> list[FollowedPerson]:
        """Remove and return the people unseen for GONE_S."""
        gone = [p for p in self.people if ts - p.last_seen_s > GONE_S]
        self.people = [p for p in self.people if p not in gone]
        return gone


def tracks_near(box: Box, tracks: Sequence[Track]) -> list[int]:
    """Tracker ids overlapping a person (often none: the detector misses people lying down)."""
    return [t.track_id for t in tracks if t.box.iou(box) > 0.1]
