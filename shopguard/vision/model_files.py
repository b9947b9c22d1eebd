"""Locate the bundled ONNX models, check them against models/MANIFEST.json, open sessions."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shopguard.errors import ModelFileError
from shopguard.paths import resource_path

MANIFEST_NAME = "MANIFEST.json"
MODEL_KEYS = ("person", "pose", "face")
FIX_HINT_KO = "프로그램을 다시 설치하거나 저장소에서 models/ 폴더를 복원하세요"
FIX_HINT_EN = "reinstall ShopGuard or restore the models/ folder from the repository"

# Checksums already confirmed in this process, keyed by (path, size, mtime, expected sha256).
_verified: set[tuple[Path, int, int, str]] = set()
_verified_lock = threading.Lock()


@dataclass(frozen=True)
class ModelSpec:
    key: str
    path: Path
    sha256: str
    entry: dict[str, Any]

    def input_name(self, index: int = 0) -> str:
        return str(self.entry["inputs"][index]["name"])

    def output_names(self) -> list[str]:
        return [str(o["name"]) for o in self.entry["outputs"]]


MODELS_DIR_ENV = "SHOPGUARD_MODELS_DIR"


def models_dir() -> Path:
    """The bundled models/ folder, or $SHOPGUARD_MODELS_DIR (another checked set, e.g. for trials)."""
    override = os.environ.get(MODELS_DIR_ENV)
    return Path(override) if override else resource_path("models")


def load_manifest(folder: Path | None = None) -> dict[str, Any]:
    folder = folder or models_dir()
    manifest = folder / MANIFEST_NAME
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return dict(data["models"])
    except FileNotFoundError:
        raise ModelFileError(
            f"모델 목록 파일이 없습니다: {manifest} — {FIX_HINT_KO}",
            f"model manifest missing: {manifest} — {FIX_HINT_EN}",
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelFileError(
            f"모델 목록 파일이 손상되었습니다: {manifest} — {FIX_HINT_KO}",
            f"model manifest is corrupt ({exc.__class__.__name__}): {manifest} — {FIX_HINT_EN}",
        ) from None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def model_spec(key: str, folder: Path | None = None) -> ModelSpec:
    """The checked spec of one model; raises ModelFileError naming the file and the fix."""
    folder = folder or models_dir()
    manifest = load_manifest(folder)
    if key not in manifest:
        raise ModelFileError(
            f"모델 목록에 '{key}' 항목이 없습니다 — {FIX_HINT_KO}",
            f"model '{key}' is not listed in {folder / MANIFEST_NAME} — {FIX_HINT_EN}",
        )
    entry = manifest[key]
    path = folder / entry["file"]
    expected = str(entry["sha256"]).lower()
    if not path.is_file():
        raise ModelFileError(
            f"모델 파일이 없습니다: {path} — {FIX_HINT_KO}",
            f"model file missing: {path} — {FIX_HINT_EN}",
        )
    stat = path.stat()
    cache_key = (path.resolve(), stat.st_size, stat.st_mtime_ns, expected)
    with _verified_lock:
        already = cache_key in _verified
    if not already:
        actual = file_sha256(path)
        if actual != expected:
            raise ModelFileError(
                f"모델 파일이 손상되었습니다(체크섬 불일치): {path} — {FIX_HINT_KO}",
                f"model file is corrupt (sha256 {actual[:12]}… ≠ {expected[:12]}…): {path} — {FIX_HINT_EN}",
            )
        with _verified_lock:
            _verified.add(cache_key)
    return ModelSpec(key=key, path=path, sha256=expected, entry=entry)


def open_session(spec: ModelSpec, threads: int = 2) -> Any:
    """An onnxruntime session on the CPU (or a faster provider where one is installed)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # Several sessions (person, pose, face) take turns on 2 cores: idle pool threads that spin-wait
    # would steal the core the next session needs.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    preferred = ("DmlExecutionProvider", "OpenVINOExecutionProvider", "CPUExecutionProvider")
    available = set(ort.get_available_providers())
    providers = [p for p in preferred if p in available] or ["CPUExecutionProvider"]
    try:
        return ort.InferenceSession(str(spec.path), sess_options=options, providers=providers)
    except Exception as exc:  # onnxruntime raises its own untyped errors for unreadable graphs
        raise ModelFileError(
            f"모델 파일을 열 수 없습니다: {spec.path} — {FIX_HINT_KO}",
            f"cannot load model {spec.path} ({exc.__class__.__name__}) — {FIX_HINT_EN}",
        ) from None


def verify_all(folder: Path | None = None) -> list[ModelSpec]:
    """Check every model's checksum; used by --smoke-test and at start-up."""
    return [model_spec(key, folder) for key in MODEL_KEYS]
