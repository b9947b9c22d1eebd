"""Camera tampering as it really happens, made from real clips (../shared/data has none): a lit hand,
a cloth, a plastic bag or spray paint arriving over 1–2.5 s; the camera turned to another view with
motion blur; the focus ring turned; condensation. Beside them what must NOT alarm: lights off and on,
exposure swings, white balance, IR night mode, a person or a box passing close to the lens.

`python -m tools.make_tamper_clips OUT` writes them as clips with a labels CSV for `shopguard evaluate`."""

from __future__ import annotations

import functools
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from shopguard.vision.cv import cv2

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
# The thresholds were set looking at the first group; the second is only reported on.
FIT_SOURCES = (
    "falls/upfall_A06_S1_T1_Cam1.mp4",
    "people/one-by-one-person-detection.mp4",
    "shop/EnterExitCrossingPaths1front.mpg",
)
HELD_OUT_SOURCES = (
    "falls/upfall_A07_S1_T2_Cam2.mp4",
    "people/vtest.avi",
    "shop/OneLeaveShopReenter1front.mpg",
    "people/mot15/TUD-Stadtmitte/TUD-Stadtmitte.mp4",
)
AT_S = 4.0  # every case starts here: the background has had 4 s to settle
CLIP_S = 11.0
NOISE = 2.0  # a camera's sensor noise, grey levels

Transform = Callable[[np.ndarray, float], np.ndarray]


class Footage:
    """A clip's frames at its own rate; played back and forth (never cut) when shorter than asked."""

    def __init__(self, path: Path, seconds: float = CLIP_S) -> None:
        cap = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
        self.fps = cap.get(cv2.CAP_PROP_FPS) or 25.0
        self.frames: list[np.ndarray] = []
        while len(self.frames) < seconds * self.fps:
            ok, image = cap.read()
            if not ok:
                break
            self.frames.append(image)
        cap.release()
        if not self.frames:
            raise FileNotFoundError(path)
        self.height, self.width = self.frames[0].shape[:2]

    def at(self, index: int) -> np.ndarray:
        n = len(self.frames)
        if n == 1:
            return self.frames[0]
        k = index % (2 * n - 2)
        return self.frames[k if k < n else 2 * n - 2 - k]


@dataclass(frozen=True)
class Scene:
    """What a case is built from: the picture size, a seeded generator and another clip."""

    width: int
    height: int
    rng: np.random.Generator
    other: Footage
    fps: float


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the EventType value that must be raised, or "none"
    complete_s: float  # the tampering is complete (label start); for "none" the end of the disturbance
    end_s: float | None  # removed again (None: stays to the end)
    note: str
    build: Callable[[Scene], Transform]


def ease(ts: float, start: float, end: float) -> float:
    """0 before `start`, 1 after `end`, smooth in between (a hand does not move at constant speed)."""
    p = min(1.0, max(0.0, (ts - start) / (end - start)))
    return p * p * (3 - 2 * p)


def noisy(image: np.ndarray, rng: np.random.Generator, sigma: float = NOISE) -> np.ndarray:
    return np.clip(image + rng.normal(0, sigma, image.shape), 0, 255).astype(np.uint8)


def smooth_field(scene: Scene, scale: float, amount: float) -> np.ndarray:
    """A slowly varying 1 ± amount field (shading of a hand, folds of a cloth)."""
    small = scene.rng.normal(0, 1, (8, 8)).astype(np.float32)
    field = cv2.resize(small, (scene.width, scene.height), interpolation=cv2.INTER_CUBIC)
    field = cv2.GaussianBlur(field, (0, 0), scale * scene.width)
    return 1 + amount * field / max(1e-6, float(np.abs(field).max()))


def blend(image: np.ndarray, cover: np.ndarray, mask: np.ndarray) -> np.ndarray:
    m = mask[..., None]
    return image.astype(np.float32) * (1 - m) + cover * m


@functools.cache
def _grid(width: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    return yy, xx


def soft_ellipse(scene: Scene, cx: float, cy: float, rx: float, ry: float, soft: float) -> np.ndarray:
    """A filled ellipse (centre and radii in picture widths/heights) with an out-of-focus edge."""
    yy, xx = _grid(scene.width, scene.height)
    d = np.sqrt(((xx / scene.width - cx) / rx) ** 2 + ((yy / scene.height - cy) / ry) ** 2)
    return np.clip((1 - d) / soft + 0.5, 0, 1)


def _hand(scene: Scene) -> Transform:
    # Skin lit by the shop's ceiling lights: brighter at the top, smooth, well exposed, not dark.
    lit = np.linspace(1.15, 0.8, scene.height, dtype=np.float32)[:, None] * smooth_field(scene, 0.1, 0.08)
    skin = np.array([125, 160, 205], np.float32)[None, None, :] * lit[..., None]

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        p = ease(ts, AT_S, AT_S + 1.0)
        if p <= 0:
            return image
        shake = 0.01 * np.sin(7 * ts)
        mask = soft_ellipse(scene, 1.25 - 0.7 * p + shake, 1.3 - 0.75 * p, 0.4 + 0.8 * p, 0.4 + 0.9 * p, 0.25)
        return noisy(blend(image, skin, mask), scene.rng)

    return apply


def _cloth(scene: Scene) -> Transform:
    # A woven cloth 5–10 cm from a wide-angle lens: the weave is blurred, the folds shade it.
    yy, xx = np.mgrid[0 : scene.height, 0 : scene.width].astype(np.float32)
    weave = 1 + 0.25 * np.sin(xx * 2 * np.pi / 6) * np.sin(yy * 2 * np.pi / 6)
    folds = smooth_field(scene, 0.06, 0.3)
    colour = np.array([150, 120, 95], np.float32)[None, None, :]
    cloth = cv2.GaussianBlur(colour * (weave * folds)[..., None], (0, 0), 0.006 * scene.width)

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        p = ease(ts, AT_S, AT_S + 1.0)
        if p <= 0:
            return image
        edge = -0.15 + 1.3 * p  # drawn down from the top, its lower edge out of focus
        rows = np.arange(scene.height, dtype=np.float32) / scene.height
        mask = np.clip((edge - rows) / 0.12, 0, 1)[:, None] * np.ones((1, scene.width), np.float32)
        return noisy(blend(image, cloth, mask), scene.rng)

    return apply


def _plastic(scene: Scene) -> Transform:
    # A translucent bag pulled over the camera: the scene shows through as a milky, diffuse glow.
    sheen = smooth_field(scene, 0.03, 0.25)

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        p = ease(ts, AT_S, AT_S + 1.2)
        if p <= 0:
            return image
        diffuse = cv2.GaussianBlur(image, (0, 0), 0.06 * scene.width).astype(np.float32)
        bag = (0.45 * diffuse + 0.55 * 210) * sheen[..., None]
        cols = np.arange(scene.width, dtype=np.float32) / scene.width
        mask = np.clip((-0.2 + 1.45 * p - cols) / 0.2, 0, 1)[None, :] * np.ones((scene.height, 1), np.float32)
        return noisy(blend(image, bag, mask), scene.rng)

    return apply


def _spray(scene: Scene) -> Transform:
    # Spray paint: splats pile up around where the can points until the picture is painted over.
    splats = [
        (scene.rng.normal(0.5, 0.18), scene.rng.normal(0.5, 0.18), scene.rng.uniform(0.08, 0.2))
        for _ in range(60)
    ]
    colour = np.array([40, 40, 160], np.float32)[None, None, :] * smooth_field(scene, 0.05, 0.15)[..., None]
    grow_s = 2.5

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        p = ease(ts, AT_S, AT_S + grow_s)
        if p <= 0:
            return image
        density = np.zeros((scene.height, scene.width), np.float32)
        shown = splats[: max(1, int(p * len(splats)))]
        for x, y, r in shown:
            density += soft_ellipse(scene, x, y, r * (0.6 + p), r * (0.6 + p), 0.6)
        density = np.clip(density * (0.3 + 0.7 * p) + max(0.0, p - 0.8) * 5, 0, 1)
        return noisy(blend(image, colour, density), scene.rng)

    return apply


def _shifted(image: np.ndarray, dx: float, dy: float, size: tuple[int, int]) -> np.ndarray:
    move = np.float32([[1, 0, dx], [0, 1, dy]])
    return cv2.warpAffine(image, move, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def _motion_blur(image: np.ndarray, dx: float, dy: float) -> np.ndarray:
    """Blur along the camera's motion during one exposure (dx, dy in pixels)."""
    length = int(round(np.hypot(dx, dy)))
    if length < 2:
        return image
    kernel = np.zeros((length + 1, length + 1), np.float32)
    c = length / 2
    ux, uy = dx / length, dy / length
    start = (int(round(c - ux * c)), int(round(c - uy * c)))
    cv2.line(kernel, start, (int(round(c + ux * c)), int(round(c + uy * c))), 1.0, 1)
    return cv2.filter2D(image, -1, kernel / kernel.sum())


def _turned(scene: Scene, dx: float, dy: float, angle_deg: float) -> Transform:
    # The camera is turned over 1 s: the view slides off the shop onto a different place (another
    # clip, still playing, lying (dx, dy) picture sizes away), rotating by `angle_deg` on the way.
    # Exposure 1/30 s smears the motion.
    size = (scene.width, scene.height)
    exposure_s = 1 / 30
    yy, xx = np.mgrid[0 : scene.height, 0 : scene.width].astype(np.float32)

    def view(image: np.ndarray, ts: float) -> np.ndarray:
        p = ease(ts, AT_S, AT_S + 1.0)
        other = scene.other.at(int(ts * scene.other.fps))
        other = cv2.resize(other, size, interpolation=cv2.INTER_AREA)
        ox, oy = dx * scene.width * (1 - p), dy * scene.height * (1 - p)
        old = _shifted(image, -dx * scene.width * p, -dy * scene.height * p, size)
        new = _shifted(other, ox, oy, size)
        mask = ((xx >= ox) & (yy >= oy)).astype(np.float32)
        picture = blend(old, new.astype(np.float32), mask)
        if angle_deg:
            turn = cv2.getRotationMatrix2D((scene.width / 2, scene.height / 2), angle_deg * p, 1 + 0.15 * p)
            picture = cv2.warpAffine(picture, turn, size, borderMode=cv2.BORDER_REFLECT)
        moved = ease(ts + exposure_s, AT_S, AT_S + 1.0) - p
        return _motion_blur(picture, dx * scene.width * moved, dy * scene.height * moved)

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        if ts < AT_S:
            return image
        return noisy(view(image, ts), scene.rng)

    return apply


def _disk(radius: float) -> np.ndarray:
    r = max(1, int(np.ceil(radius)))
    yy, xx = np.mgrid[-r : r + 1, -r : r + 1]
    kernel = np.clip(radius + 0.5 - np.hypot(xx, yy), 0, 1).astype(np.float32)
    return kernel / kernel.sum()


def _focus(scene: Scene) -> Transform:
    # The focus ring turned: a lens's blur is a disk that grows; 1 % of the width is clearly soft.
    final = 0.01 * scene.width

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        radius = final * ease(ts, AT_S, AT_S + 0.8)
        if radius < 0.5:
            return image
        return noisy(cv2.filter2D(image, -1, _disk(radius)).astype(np.float32), scene.rng)

    return apply


def _haze(scene: Scene) -> Transform:
    # Condensation on the lens: a bright veil (brighter towards the light) and a soft picture.
    veil = 215 * smooth_field(scene, 0.15, 0.1)[..., None]

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        p = ease(ts, AT_S, AT_S + 2.0)
        if p <= 0:
            return image
        soft = cv2.filter2D(image, -1, _disk(0.006 * scene.width * p + 0.5)).astype(np.float32)
        return noisy(soft * (1 - 0.6 * p) + veil * 0.6 * p, scene.rng)

    return apply


def _freeze(scene: Scene) -> Transform:
    # The feed stalls or is replaced by a replayed still: the same picture, noise and all.
    held: list[np.ndarray] = []

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        if ts < AT_S:
            return image
        if not held:
            held.append(image.copy())
        return held[0]

    return apply


def _gain(scene: Scene, level: Callable[[float], float], noise: Callable[[float], float]) -> Transform:
    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        if ts < AT_S:
            return image
        return noisy(image.astype(np.float32) * level(ts), scene.rng, noise(ts))

    return apply


def _lights(scene: Scene) -> Transform:
    # Lights off at 4 s (gain to 25 %, the camera's auto gain brings it back to ~35 % with more
    # noise), on again at 7 s.
    def level(ts: float) -> float:
        off = ease(ts, AT_S, AT_S + 0.2) * (1 - ease(ts, 7.0, 7.2))
        return 1 - off * (0.75 - 0.1 * ease(ts, AT_S + 0.2, AT_S + 2.0))

    return _gain(scene, level, lambda ts: NOISE + 4 * ease(ts, AT_S, AT_S + 0.2) * (1 - ease(ts, 7.0, 7.2)))


def _exposure(scene: Scene) -> Transform:
    # Auto-exposure hunting after a door opened onto sunlight: ±60 % for 5 s, clipping highlights.
    def level(ts: float) -> float:
        return 1 + 0.6 * np.sin(2 * np.pi * (ts - AT_S) / 2.5) * (1 - ease(ts, 8.0, 9.0))

    return _gain(scene, level, lambda ts: NOISE)


def _whiteout(scene: Scene) -> Transform:
    # A door opened onto the sun: the picture whites out (gain ×3, clipped) and the exposure
    # catches up over 0.6 s.
    def level(ts: float) -> float:
        return 1 + 2 * (1 - ease(ts, AT_S + 0.1, AT_S + 0.7)) if ts < AT_S + 0.7 else 1.0

    return _gain(scene, level, lambda ts: NOISE)


def _white_balance(scene: Scene) -> Transform:
    gains = np.array([1.35, 1.0, 0.7], np.float32)

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        p = ease(ts, AT_S, AT_S + 0.5) * (1 - ease(ts, 8.0, 8.5))
        if p <= 0:
            return image
        return noisy(image.astype(np.float32) * (1 + (gains - 1) * p), scene.rng)

    return apply


def _infrared(scene: Scene) -> Transform:
    # Night mode: the filter flips, colour is gone, IR reflectance differs from visible (red-heavy),
    # the camera's own IR lamp lights the centre, and the gain is up.
    yy, xx = np.mgrid[0 : scene.height, 0 : scene.width].astype(np.float32)
    r = np.hypot(xx / scene.width - 0.5, yy / scene.height - 0.5)
    lamp = 1.2 - 1.0 * r

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        if ts < AT_S:
            return image
        b, g, rr = (image[..., i].astype(np.float32) for i in range(3))
        grey = (0.15 * b + 0.3 * g + 0.55 * rr) * lamp
        return noisy(np.repeat(grey[..., None], 3, axis=2), scene.rng, 5.0)

    return apply


def _passing(
    scene: Scene, width: float, height: float, seconds: float, colour: tuple, sharp: float
) -> Transform:
    # Something passes right in front of the lens, out of focus, from left to right.
    shade = smooth_field(scene, 0.05, 0.2)[..., None] * np.array(colour, np.float32)[None, None, :]

    def apply(image: np.ndarray, ts: float) -> np.ndarray:
        if not AT_S <= ts <= AT_S + seconds:
            return image
        p = (ts - AT_S) / seconds
        cx = -width / 2 + (1 + width) * p
        mask = soft_ellipse(scene, cx, 0.55, width / 2, height / 2, sharp)
        return noisy(blend(image, shade, mask), scene.rng)

    return apply


CASES: tuple[Case, ...] = (
    Case(
        "hand", "tamper_covered", AT_S + 1.0, None, "lit hand over the lens in 1 s (bright, not dark)", _hand
    ),
    Case("cloth", "tamper_covered", AT_S + 1.0, None, "woven cloth drawn down over the lens in 1 s", _cloth),
    Case("plastic", "tamper_covered", AT_S + 1.2, None, "translucent bag pulled across in 1.2 s", _plastic),
    Case("spray", "tamper_covered", AT_S + 2.5, None, "spray paint smear growing over 2.5 s", _spray),
    Case(
        "turn",
        "tamper_moved",
        AT_S + 1.0,
        None,
        "turned in 1 s to another view, motion blur",
        lambda s: _turned(s, 1.0, 0.0, 0.0),
    ),
    Case(
        "knock",
        "tamper_moved",
        AT_S + 1.0,
        None,
        "knocked down and rotated 12° onto another view",
        lambda s: _turned(s, 0.3, 1.0, 12.0),
    ),
    Case(
        "focus",
        "tamper_defocused",
        AT_S + 0.8,
        None,
        "focus ring turned: blur disk to 1 % of width in 0.8 s",
        _focus,
    ),
    Case("haze", "tamper_defocused", AT_S + 2.0, None, "condensation: veil 60 % and soft in 2 s", _haze),
    Case("freeze", "tamper_frozen", AT_S, None, "the picture stops (a stalled or replayed feed)", _freeze),
    Case("lights", "none", 7.2, None, "lights off 4–7 s (gain 25–35 %, noisier)", _lights),
    Case("exposure", "none", 9.0, None, "auto-exposure hunting ±60 % for 5 s", _exposure),
    Case("whiteout", "none", AT_S + 0.7, None, "white-out: exposure ×3, caught up in 0.6 s", _whiteout),
    Case("white_balance", "none", 8.5, None, "white balance swing 4–8 s", _white_balance),
    Case(
        "infrared", "none", CLIP_S, None, "IR night mode from 4 s: grey, lamp-lit centre, noisier", _infrared
    ),
    Case(
        "passer",
        "none",
        AT_S + 1.5,
        None,
        "person-size blob close to the lens for 1.5 s",
        lambda s: _passing(s, 0.55, 1.5, 1.5, (60, 55, 70), 0.15),
    ),
    Case(
        "box",
        "none",
        AT_S + 2.0,
        None,
        "a cardboard box carried past the lens in 2 s",
        lambda s: _passing(s, 0.6, 0.7, 2.0, (70, 120, 170), 0.05),
    ),
)
BY_NAME = {case.name: case for case in CASES}


def other_source(source: str) -> str:
    """The clip a turned camera ends up looking at: a different place from the source."""
    pool = FIT_SOURCES + HELD_OUT_SOURCES
    folder = source.split("/")[0]
    return next(s for s in pool[pool.index(source) + 1 :] + pool if s.split("/")[0] != folder)


def play(
    case: Case, source: str, seconds: float = CLIP_S, every_s: float = 0.0
) -> Iterator[tuple[float, np.ndarray]]:
    """(ts, picture) of `source` with `case` applied; `every_s` > 0 yields only frames that far apart
    (the transforms depend on time only, so skipped frames need not be made)."""
    clip = Footage(DATA / source, seconds)
    seed = zlib.crc32(f"{case.name}:{source}".encode())
    scene = Scene(
        clip.width,
        clip.height,
        np.random.default_rng(seed),
        Footage(DATA / other_source(source), seconds),
        clip.fps,
    )
    transform = case.build(scene)
    last = None
    for index in range(int(seconds * clip.fps)):
        ts = index / clip.fps
        if every_s <= 0 or last is None or ts - last >= every_s - 1e-6:
            last = ts
            yield ts, transform(clip.at(index), ts)
