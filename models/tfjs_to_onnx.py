"""Run tf2onnx's TF.js graph-model conversion under numpy 2 (tf2onnx 1.17 still calls np.product)."""

import runpy
import sys

import numpy as np

if __name__ == "__main__":
    # np.product was removed in numpy 2.0; np.prod is the same function under its current name.
    np.product = np.prod  # type: ignore[attr-defined]
    sys.argv[0] = "tf2onnx.convert"
    runpy.run_module("tf2onnx.convert", run_name="__main__")
