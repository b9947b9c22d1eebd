"""Write the realistic tampering clips of tests/fakes/tamper_footage (every case × source clip, H.264)
and OUT/labels.csv (clip,type,start_s,end_s,rules,note; a tampering's start is the moment it is
complete), so `shopguard evaluate OUT/labels.csv --data OUT` scores them with the product pipeline.

    python -m tools.make_tamper_clips OUT [--source falls/upfall_A06_S1_T1_Cam1.mp4 ...] [--case hand ...]"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from tests.fakes.tamper_footage import (
    BY_NAME,
    CASES,
    DATA,
    FIT_SOURCES,
    HELD_OUT_SOURCES,
    Case,
    Footage,
    play,
)


def write_clip(path: Path, fps: float, frames: Iterator[tuple[float, np.ndarray]]) -> None:
    import av

    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        stream = None
        for _, image in frames:
            if stream is None:
                stream = container.add_stream("libx264", rate=round(fps))
                stream.width, stream.height = image.shape[1] // 2 * 2, image.shape[0] // 2 * 2
                stream.pix_fmt = "yuv420p"
            crop = np.ascontiguousarray(image[: stream.height, : stream.width])
            for packet in stream.encode(av.VideoFrame.from_ndarray(crop, format="bgr24")):
                container.mux(packet)
        if stream is not None:
            for packet in stream.encode():
                container.mux(packet)


def generate(
    out: Path, sources: tuple[str, ...] = FIT_SOURCES + HELD_OUT_SOURCES, cases: tuple[Case, ...] = CASES
) -> Path:
    """Every case × source as OUT/<case>/<source stem>.mp4, and OUT/labels.csv for `shopguard evaluate`."""
    rows = []
    for case in cases:
        for source in sources:
            clip = f"{case.name}/{Path(source).stem}.mp4"
            write_clip(out / clip, Footage(DATA / source, 0.1).fps, play(case, source))
            split = "fit" if source in FIT_SOURCES else "held-out"
            note = f"{case.note}; from {source} ({split})"
            if case.kind == "none":
                rows.append(
                    {"clip": clip, "type": "none", "start_s": "", "end_s": "", "rules": "", "note": note}
                )
            else:
                end = "" if case.end_s is None else f"{case.end_s:g}"
                rows.append(
                    {
                        "clip": clip,
                        "type": case.kind,
                        "start_s": f"{case.complete_s:g}",
                        "end_s": end,
                        "rules": "",
                        "note": note,
                    }
                )
            print(f"wrote {clip}", file=sys.stderr)
    labels = out / "labels.csv"
    with labels.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["clip", "type", "start_s", "end_s", "rules", "note"])
        writer.writeheader()
        writer.writerows(rows)
    return labels


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tools.make_tamper_clips", description=__doc__)
    parser.add_argument("out", type=Path, help="folder for the clips and labels.csv")
    parser.add_argument("--source", action="append", help="a clip of ../shared/data (default: all sources)")
    parser.add_argument("--case", action="append", choices=sorted(BY_NAME), help="default: every case")
    args = parser.parse_args(argv)
    sources = tuple(args.source or FIT_SOURCES + HELD_OUT_SOURCES)
    cases = tuple(BY_NAME[name] for name in args.case or []) or CASES
    print(generate(args.out, sources, cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
