# Sourced by convert.sh and convert_candidates.sh: the throw-away venv with the conversion tools.
# Needs WORK (a temp dir) and PYTHON; CONVENV reuses a venv that already has the tools. Sets PY.
# Tool versions that produced the committed files (see README.md); pass extra ones as arguments.
conversion_venv() {
  local tools=(
    tensorflow-cpu==2.21.0
    tf2onnx==1.17.0
    onnx==1.23.2
    onnxruntime==1.32.0
    numpy==2.4.6
    protobuf==7.36.2
    "$@"
  )
  local venv
  if [[ -n "${CONVENV:-}" ]]; then
    venv="$CONVENV"
  else
    venv="$WORK/venv"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet "${tools[@]}"
  fi
  PY="$venv/bin/python"
}
