"""Model files: checksums from the MANIFEST are enforced with a message naming the file and the fix."""

from __future__ import annotations

import shutil

import pytest

from shopguard.errors import ModelFileError
from shopguard.paths import resource_path
from shopguard.vision.model_files import MODEL_KEYS, load_manifest, model_spec, verify_all


def test_every_bundled_model_matches_its_manifest() -> None:
    specs = verify_all()
    assert [s.key for s in specs] == list(MODEL_KEYS)
    manifest = load_manifest()
    for spec in specs:
        assert spec.path.stat().st_size == manifest[spec.key]["size_bytes"]
        assert (resource_path("models") / manifest[spec.key]["licence_file"]).is_file()


@pytest.fixture
def models_copy(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    folder.mkdir()
    shutil.copy(resource_path("models", "MANIFEST.json"), folder)
    shutil.copy(resource_path("models", "centerface.onnx"), folder)  # the smallest shipped model
    monkeypatch.setenv("SHOPGUARD_MODELS_DIR", str(folder))
    return folder


def test_corrupt_model_is_named_with_the_fix(models_copy) -> None:
    target = models_copy / "centerface.onnx"
    data = bytearray(target.read_bytes())
    data[1000] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(ModelFileError) as info:
        model_spec("face")
    assert "centerface.onnx" in info.value.en and "corrupt" in info.value.en
    assert "reinstall" in info.value.en and "손상" in info.value.ko


def test_missing_model_is_named(models_copy) -> None:
    with pytest.raises(ModelFileError, match="person_ssdlite.onnx"):
        model_spec("person")


def test_every_shipped_onnx_file_is_one_the_app_loads_and_checks() -> None:
    # The bundle takes models/*.onnx: a file not in the manifest would ship unchecked and unused
    # (the NFD fall head and the NanoDet candidate were measured and left out, models/README.md).
    manifest = load_manifest()
    assert set(manifest) == set(MODEL_KEYS)
    shipped = {p.name for p in resource_path("models").glob("*.onnx")}
    assert shipped == {entry["file"] for entry in manifest.values()}


def test_missing_manifest(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SHOPGUARD_MODELS_DIR", str(tmp_path))
    with pytest.raises(ModelFileError, match="manifest missing"):
        model_spec("person")
