"""Small synthetic video files for the owner's-window tests (a square sliding across a room)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np


def make_clip(path: Path, frames: int = 60, fps: int = 15, size: tuple[int, int] = (320, 240)) -> Path:
    width, height = size
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for i in range(frames):
            image = np.full((height, width, 3), 90, np.uint8)
            image[height * 5 // 8 :, :] = (40, 70, 120)
            x = (i * 5) % (width - 40)
            image[height // 4 : height * 7 // 12, x : x + 40] = 230
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path
