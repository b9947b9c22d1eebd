"""Pass cards: rendered PNGs decode to the exact payload (ours and zbarimg), also photographed."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from shopguard.access.card import RECEIPT_WIDTH_PX, make_card, render_card, render_receipt
from shopguard.access.keys import ShopKey, key_path, load_or_create_key
from shopguard.access.passes import HoursWindow, PassRepository
from shopguard.access.policy import DoorPolicy, evaluate
from shopguard.access.qr import QrReader, read_image_file
from shopguard.vision.cv import cv2


@pytest.fixture
def card(db, tmp_path: Path):
    key = load_or_create_key(tmp_path)
    now = datetime.now(UTC)
    entry = PassRepository(db).issue(
        "owner", "박지훈", True, now, now + timedelta(days=30), hours=HoursWindow.parse("00:00-23:59")
    )
    return make_card(entry, key, "행복 무인상점", "Asia/Seoul"), key, PassRepository(db)


def zbar(path: Path) -> str:
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg not installed (apt-get install zbar-tools; installer/system-deps.sh)")
    out = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True, check=False
    )
    return out.stdout.strip()


def photographed(card_png: np.ndarray, seed: int = 3) -> np.ndarray:
    """The card seen by a 1280×720 door camera: tilted, soft, noisy, JPEG-compressed."""
    rng = np.random.default_rng(seed)
    scene = np.full((720, 1280, 3), 90, np.uint8)
    scene[:] = np.linspace(60, 160, 1280, dtype=np.uint8)[None, :, None]
    h, w = card_png.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[520, 140], [790, 170], [770, 600], [500, 560]])
    matrix = cv2.getPerspectiveTransform(src, dst)
    cv2.warpPerspective(card_png, matrix, (1280, 720), scene, borderMode=cv2.BORDER_TRANSPARENT)
    scene = cv2.GaussianBlur(scene, (5, 5), 1.2)
    noisy = np.clip(scene.astype(np.int16) + rng.normal(0, 8, scene.shape), 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, 55])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_COLOR)


def test_card_png_decodes_to_the_exact_payload_with_zbarimg_and_ours(card, tmp_path: Path) -> None:
    pass_card, key, repo = card
    path = tmp_path / "카드.png"
    render_card(pass_card).save(path)
    assert zbar(path) == pass_card.payload
    text = QrReader().read_still(read_image_file(path))
    assert text == pass_card.payload
    policy = DoorPolicy("Asia/Seoul", ())
    assert evaluate(text, key, repo.get, policy, datetime.now(UTC)).granted


def test_receipt_version_is_printer_width_and_decodes(card, tmp_path: Path) -> None:
    pass_card, _, _ = card
    image = render_receipt(pass_card)
    assert image.width == RECEIPT_WIDTH_PX
    path = tmp_path / "receipt.png"
    image.save(path)
    assert zbar(path) == pass_card.payload
    assert QrReader().read_still(read_image_file(path)) == pass_card.payload


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_photographed_card_still_verifies(card, seed: int, tmp_path: Path) -> None:
    pass_card, key, repo = card
    rgb = np.array(render_card(pass_card))
    frame = photographed(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), seed)
    text = QrReader().read(frame)  # the live-camera path, not the still-image fallback
    assert text == pass_card.payload
    assert evaluate(text, key, repo.get, DoorPolicy("Asia/Seoul", ()), datetime.now(UTC)).granted
    path = tmp_path / "photo.jpg"
    cv2.imwrite(str(path), frame)
    assert zbar(path) == pass_card.payload


def test_a_frame_without_a_code_reads_nothing() -> None:
    frame = np.random.default_rng(0).integers(0, 255, (720, 1280, 3), np.uint8)
    assert QrReader().read(frame) is None


def test_shop_key_is_private_stable_and_never_silently_replaced(tmp_path: Path) -> None:
    first = load_or_create_key(tmp_path)
    path = key_path(tmp_path)
    if hasattr(path.stat(), "st_mode") and not path.drive:
        assert path.stat().st_mode & 0o777 == 0o600
    assert load_or_create_key(tmp_path) == first
    assert first.key_id != ShopKey.generate().key_id
    assert first.secret.hex() not in repr(first)
    path.write_bytes(b"short")
    with pytest.raises(Exception, match="damaged"):
        load_or_create_key(tmp_path)
