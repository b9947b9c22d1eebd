"""The camera tile draws the people the tracker shows, and not the ones it only holds on to."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from shopguard.domain.geometry import Box
from shopguard.domain.vision import FrameResult, Track
from shopguard.services.camera_worker import CameraView
from shopguard.ui.widgets.camera_tile import TRACK_COLOURS, CameraTileWidget
from shopguard.vision.sources import SourceStatus


def _tile_with(qtbot, track: Track) -> CameraTileWidget:
    tile = CameraTileWidget("front", "Front")
    qtbot.addWidget(tile)
    tile.resize(640, 520)
    result = FrameResult(0.0, 640, 480, False, 0.0, True, (), (track,))
    image = np.zeros((480, 640, 3), np.uint8)
    tile.show_view(CameraView(image, result, 0.0, 10.0, 0, SourceStatus.LIVE))
    return tile


def _box_pixels(tile: CameraTileWidget, colour: str) -> int:
    picture = tile.grab().toImage()
    wanted = QColor(colour)
    return sum(
        1
        for x in range(0, picture.width(), 2)
        for y in range(0, picture.height(), 2)
        if picture.pixelColor(x, y) == wanted
    )


def test_a_shown_track_is_drawn_and_a_held_one_is_not(qtbot) -> None:
    person = Track(3, Box(200, 100, 300, 400), 0.9, 0.0, 0.0, 5, True)
    colour = TRACK_COLOURS[3 % len(TRACK_COLOURS)]
    assert _box_pixels(_tile_with(qtbot, person), colour) > 50
    held = Track(3, Box(200, 100, 300, 400), 0.9, 0.0, 0.0, 5, True, lost_frames=4, shown=False)
    assert _box_pixels(_tile_with(qtbot, held), colour) == 0
