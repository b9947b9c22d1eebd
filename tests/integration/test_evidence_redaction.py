"""Redacted copies on real faces: the four COCO photos and an UP-Fall clip. Every face CenterFace
finds in the exported video is blurred in redacted/, the originals are untouched, and a person
chosen with --keep stays sharp. Photos become short clips (the photo repeated) so they go through
the same --video path as a DVR file; the test says so rather than pretending they are CCTV."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from shopguard.evidence.faces import CenterFaceDetector, Face
from shopguard.vision.cv import cv2
from tests.conftest import footage
from tests.integration.test_evidence_export import package_in, run_cli, write_settings

CANVAS = (640, 432)  # every COCO photo fits; even sizes for H.264
SECONDS_PER_PHOTO = 1.0
FPS = 4


def photos_clip(images: list[Path], out: Path) -> list[np.ndarray]:
    """A clip showing each photo for SECONDS_PER_PHOTO on a grey canvas; returns the canvases."""
    canvases = []
    with av.open(str(out), "w") as container:
        stream = container.add_stream("libx264", rate=FPS, options={"crf": "10"})
        stream.width, stream.height, stream.pix_fmt = CANVAS[0], CANVAS[1], "yuv420p"
        pts = 0
        for path in images:
            photo = cv2.imread(str(path))
            canvas = np.full((CANVAS[1], CANVAS[0], 3), 128, np.uint8)
            canvas[: photo.shape[0], : photo.shape[1]] = photo
            canvases.append(canvas)
            for _ in range(round(SECONDS_PER_PHOTO * FPS)):
                frame = av.VideoFrame.from_ndarray(canvas, format="bgr24")
                frame.pts, frame.time_base = pts, Fraction(1, FPS)
                pts += 1
                for packet in stream.encode(frame):
                    container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return canvases


def frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]


def sharpness(image: np.ndarray, face: Face) -> float:
    b = face.box
    region = image[int(b.y1) : int(b.y2), int(b.x1) : int(b.x2)]
    return float(cv2.Laplacian(cv2.cvtColor(region, cv2.COLOR_BGR2GRAY), cv2.CV_64F).var())


def difference(a: np.ndarray, b: np.ndarray, face: Face) -> float:
    x1, y1, x2, y2 = (int(v) for v in (face.box.x1, face.box.y1, face.box.x2, face.box.y2))
    return float(np.abs(a[y1:y2, x1:x2].astype(int) - b[y1:y2, x1:x2].astype(int)).mean())


@pytest.fixture(scope="module")
def faces() -> CenterFaceDetector:
    return CenterFaceDetector()


def test_every_face_in_the_coco_photos_is_blurred_and_the_original_untouched(
    private_data_dir: Path, tmp_path: Path, faces: CenterFaceDetector
) -> None:
    images = sorted(footage("images").glob("*.jpg"))
    clip = tmp_path / "coco.mp4"
    canvases = photos_clip(images, clip)
    write_settings(private_data_dir)
    out = tmp_path / "out"
    done = run_cli(private_data_dir, "export", "--video", str(clip), "--out", str(out), "--redact")
    assert done.returncode == 0, done.stderr
    package = package_in(out)
    assert (package / "original" / clip.name).read_bytes() == clip.read_bytes()
    plain, blurred = (
        frames(package / "video" / "video.mp4"),
        frames(package / "redacted" / "video" / "video.mp4"),
    )
    assert len(plain) == len(blurred) == len(images) * SECONDS_PER_PHOTO * FPS
    checked = 0
    for index in range(len(images)):
        middle = round((index + 0.5) * SECONDS_PER_PHOTO * FPS)
        # Faces CenterFace finds in the photo itself and in the exported (re-encoded) frame.
        found = faces.detect(canvases[index]) + faces.detect(plain[middle])
        assert found, images[index].name
        for face in found:
            assert sharpness(blurred[middle], face) < 0.25 * sharpness(plain[middle], face), images[
                index
            ].name
            assert difference(blurred[middle], plain[middle], face) > 3.0
            checked += 1
    assert checked >= 18  # 1 + 2 + 2 + 5 faces in the photos, found again in (nearly) all frames
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["redacted"] is True and manifest["cameras"][0]["faces_blurred_regions"] > 0
    assert run_cli(private_data_dir, "verify-export", str(package)).returncode == 0


def test_the_selected_person_stays_sharp_while_the_other_is_blurred(
    private_data_dir: Path, tmp_path: Path, faces: CenterFaceDetector
) -> None:
    photo = footage("images", "000000040083.jpg")  # two men, one at each side of a market stall
    clip = tmp_path / "stall.mp4"
    photos_clip([photo], clip)
    write_settings(private_data_dir)
    out = tmp_path / "out"
    # Keep the man on the left: the point is on his body (x 0.15 of 640 px, y 0.6 of 432 px).
    done = run_cli(
        private_data_dir,
        "export",
        "--video",
        str(clip),
        "--out",
        str(out),
        "--redact",
        "--keep",
        "0.5,0.15,0.6",
    )
    assert done.returncode == 0, done.stderr
    package = package_in(out)
    plain, blurred = (
        frames(package / "video" / "video.mp4"),
        frames(package / "redacted" / "video" / "video.mp4"),
    )
    found = sorted(faces.detect(plain[2]), key=lambda f: f.box.x1)
    assert len(found) == 2
    left, right = found
    assert difference(blurred[2], plain[2], left) < 1.0  # untouched
    assert sharpness(blurred[2], right) < 0.25 * sharpness(plain[2], right)


def test_faces_in_a_real_clip_are_blurred(
    private_data_dir: Path, tmp_path: Path, faces: CenterFaceDetector
) -> None:
    clip = footage("falls", "upfall_A06_S1_T1_Cam1.mp4")  # the subject walks towards the camera
    write_settings(private_data_dir)
    out = tmp_path / "out"
    done = run_cli(
        private_data_dir,
        "export",
        "--video",
        str(clip),
        "--out",
        str(out),
        "--redact",
        "--from",
        "2",
        "--to",
        "5",
    )
    assert done.returncode == 0, done.stderr
    package = package_in(out)
    assert (package / "original" / clip.name).read_bytes() == clip.read_bytes()
    plain, blurred = (
        frames(package / "video" / "video.mp4"),
        frames(package / "redacted" / "video" / "video.mp4"),
    )
    assert len(plain) == len(blurred) > 40
    checked = 0
    for index in range(0, len(plain), 2):
        for face in faces.detect(plain[index]):
            if face.score < 0.6:
                continue
            assert sharpness(blurred[index], face) < 0.25 * sharpness(plain[index], face), index
            checked += 1
    assert checked >= 8
