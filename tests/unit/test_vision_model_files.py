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
    shutil.copy(resource_path("models", "nfd_fall.onnx"), folder)
    monkeypatch.setenv("SHOPGUARD_MODELS_DIR", str(folder))
    return folder


def test_corrupt_model_is_named_with_the_fix(models_copy) -> None:
    target = models_copy / "nfd_fall.onnx"
    data = bytearray(target.read_bytes())
    data[1000] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(ModelFileError) as info:
        model_spec("fall")
    assert "nfd_fall.onnx" in info.value.en and "corrupt" in info.value.en
    assert "reinstall" in info.value.en and "손상" in info.value.ko


def test_missing_model_is_named(models_copy) -> None:
    with pytest.raises(ModelFileError, match="person_ssdlite.onnx"):
        model_spec("person")


def test_missing_manifest(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SHOPGUARD_MODELS_DIR", str(tmp_path))
    with pytest.raises(ModelFileError, match="manifest missing"):
        model_spec("person")
