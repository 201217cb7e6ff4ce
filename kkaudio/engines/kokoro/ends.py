"""The silence at a piece's ends, cut before the vocoder and still counted by its statistics.

The model begins every piece with about half a second of silence (the pad token's frames) and
ends it with more (a pause it puts into the last phoneme's duration), which the render trims
(assemble.trim): 23% of what the vocoder made for the seed was thrown away. The front part's
predicted energy marks those frames plainly, at its floor, so quiet_ends finds them and the
engine hands the back part only the frames between, KEEP of the quiet ones kept at each end.

Cut like that alone, the speech itself changes (docs/performance.md, "Tried: not vocoding the
silence"): the decoder's AdaIN layers normalise each channel by its mean and variance over the
whole piece, and silent frames are a good part of that whole. So count_cut rewrites each of
those normalisations to weigh the KEEP frames kept at each end as the frames they stand for too:
the statistics are those of the piece with its silence, as if it were there. With nothing cut
the rewritten graph computes what it did (to float rounding; a test holds it to that).
"""

from __future__ import annotations

import numpy as np
from ...lazy import lazy_module

onnx = lazy_module("onnx")  # 0.5 s to import: only a graph rewrite needs it

# Frames (25 ms) kept at each end: the render's trim takes them off, and they stand for the cut.
KEEP = 4
# Quiet: predicted energy within this of the piece's floor (silence sits within 0.3 of it,
# speech 2 to 6 above it).
ABOVE_FLOOR = 1.0
# The back part's input: how many frames were cut at the start and at the end, float32 [2].
CUT = "kkaudio_cut_frames"


def quiet_ends(energy: np.ndarray, frames: int) -> tuple[int, int]:
    """The frames to vocode, [start, end): all but the quiet ones at either end, KEEP of those
    kept. `energy` holds two values per frame. Nothing is cut from a piece with no speech."""
    level = np.asarray(energy, np.float32).reshape(-1)[: 2 * frames].reshape(frames, 2).max(axis=1)
    loud = np.flatnonzero(level > level.min() + ABOVE_FLOOR)
    if len(loud) == 0:
        return 0, frames
    return max(0, int(loud[0]) - KEEP), min(frames, int(loud[-1]) + 1 + KEEP)


def count_cut(proto: onnx.ModelProto, features: str) -> int:
    """Every normalisation over time in the back part (InstanceNormalization, and ReduceMean over
    the last axis as the unfused AdaINs spell it) made to count the cut frames, in place; adds
    the input CUT. `features` names the input with one column per frame (graph.FEATURES), which
    gives F. Returns how many were rewritten.

    For a tensor of L samples per channel (F frames in the piece, so a frame is L/F samples), the
    first and last h = L * KEEP // F samples count 1 + cut / KEEP times each. InstanceNormalization
    becomes LayerNormalization over time (onnxruntime's kernel, which gives the piece's own mean
    and 1/std too), the weighted mean and variance made from those and the two ends, and one
    per-channel affine (BatchNormalization) carrying AdaIN's scale and bias with the correction.
    """
    rewrite = _Rewrite(proto.graph, features)
    nodes, count = [], 0
    for node in proto.graph.node:
        if node.op_type == "InstanceNormalization":
            nodes += rewrite.instance_norm(node)
        elif node.op_type == "ReduceMean" and rewrite.over_time(node):
            nodes += rewrite.mean(node.input[0], node.output[0])
        else:
            nodes.append(node)
            continue
        count += 1
    del proto.graph.node[:]
    proto.graph.node.extend(rewrite.head + nodes)
    proto.graph.input.append(onnx.helper.make_tensor_value_info(CUT, onnx.TensorProto.FLOAT, [2]))
    return count


class _Rewrite:
    def __init__(self, graph: onnx.GraphProto, features: str) -> None:
        self.graph = graph
        self.inits = {t.name: t for t in graph.initializer}
        self.n = 0
        self._made: dict[tuple[str, float], tuple[str, str, str, str]] = {}  # see _moments
        c = self.const
        self.i0, self.i1, self.i2, self.i3 = (c(f"i{i}", np.array([i], np.int64)) for i in range(4))
        self.axis = self.i2  # time, in (N, C, T)
        self.keep = c("keep", np.array([KEEP], np.int64))
        n = "kkaudio_cut"
        # Per piece: F, and how much more each kept end frame counts (cut / KEEP).
        self.frames, self.more_start, self.more_end = n + "_F", n + "_more_start", n + "_more_end"
        self.head = [
            onnx.helper.make_node("Shape", [features], [n + "_fshape"]),
            onnx.helper.make_node("Slice", [n + "_fshape", self.i2, self.i3], [self.frames]),
            onnx.helper.make_node("Div", [CUT, c("keepf", np.array([KEEP], np.float32))], [n + "_more"]),
            onnx.helper.make_node("Slice", [n + "_more", self.i0, self.i1], [self.more_start]),
            onnx.helper.make_node("Slice", [n + "_more", self.i1, self.i2], [self.more_end]),
        ]

    def const(self, name: str, value: np.ndarray) -> str:
        name = "kkaudio_cut_" + name
        if name not in self.inits:
            self.inits[name] = onnx.numpy_helper.from_array(np.asarray(value), name)
            self.graph.initializer.append(self.inits[name])
        return name

    def over_time(self, node: onnx.NodeProto) -> bool:
        """A ReduceMean over the last axis of (N, C, T), its dimension kept, as AdaIN has it."""
        axes = node.input[1] if len(node.input) > 1 else None
        keepdims = next((a.i for a in node.attribute if a.name == "keepdims"), 1)
        return (keepdims == 1 and axes in self.inits
                and onnx.numpy_helper.to_array(self.inits[axes]).tolist() in ([2], [-1]))

    def _ends(self, x: str, p: str) -> tuple[list[onnx.NodeProto], str, str, str, str]:
        """Nodes giving x's first and last h samples, its length L and the weighted count N."""
        big = self.const("big", np.array([2**62], np.int64))
        nodes = [
            onnx.helper.make_node("Shape", [x], [p + "shape"]),
            onnx.helper.make_node("Slice", [p + "shape", self.i2, self.i3], [p + "L"]),
            onnx.helper.make_node("Mul", [p + "L", self.keep], [p + "Lk"]),
            onnx.helper.make_node("Div", [p + "Lk", self.frames], [p + "h"]),
            onnx.helper.make_node("Neg", [p + "h"], [p + "-h"]),
            onnx.helper.make_node("Slice", [x, self.i0, p + "h", self.axis], [p + "head"]),
            onnx.helper.make_node("Slice", [x, p + "-h", big, self.axis], [p + "tail"]),
            onnx.helper.make_node("Cast", [p + "L"], [p + "Lf"], to=onnx.TensorProto.FLOAT),
            onnx.helper.make_node("Cast", [p + "h"], [p + "hf"], to=onnx.TensorProto.FLOAT),
            onnx.helper.make_node("Add", [self.more_start, self.more_end], [p + "more"]),
            onnx.helper.make_node("Mul", [p + "more", p + "hf"], [p + "extra"]),
            onnx.helper.make_node("Add", [p + "Lf", p + "extra"], [p + "N"]),
        ]
        return nodes, p + "head", p + "tail", p + "Lf", p + "N"

    def _more(self, op: str, head: str, tail: str, p: str) -> tuple[list[onnx.NodeProto], str]:
        """What the ends add to a sum (op: ReduceSum or ReduceSumSquare) beyond counting once."""
        return [
            onnx.helper.make_node(op, [head, self.axis], [p + "h"], keepdims=1),
            onnx.helper.make_node(op, [tail, self.axis], [p + "t"], keepdims=1),
            onnx.helper.make_node("Mul", [p + "h", self.more_start], [p + "hm"]),
            onnx.helper.make_node("Mul", [p + "t", self.more_end], [p + "tm"]),
            onnx.helper.make_node("Add", [p + "hm", p + "tm"], [p + "sum"]),
        ], p + "sum"

    def _prefix(self) -> str:
        self.n += 1
        return f"kkaudio_cut{self.n}_"

    def mean(self, x: str, out: str) -> list[onnx.NodeProto]:
        p = self._prefix()
        nodes, head, tail, _, count = self._ends(x, p)
        more, extra = self._more("ReduceSum", head, tail, p + "sx_")
        return nodes + more + [
            onnx.helper.make_node("ReduceSum", [x, self.axis], [p + "all"], keepdims=1),
            onnx.helper.make_node("Add", [p + "all", extra], [p + "S"]),
            onnx.helper.make_node("Div", [p + "S", count], [out]),
        ]

    def instance_norm(self, node: onnx.NodeProto) -> list[onnx.NodeProto]:
        x, scale, bias = node.input
        epsilon = next((a.f for a in node.attribute if a.name == "epsilon"), 1e-5)
        nodes, (u, inv_s0, dm, s) = self._moments(x, epsilon)
        p = self._prefix()
        flat, column = self.const("flat", np.array([-1], np.int64)), self.const("column", np.array([1, -1, 1], np.int64))
        return nodes + [
            # y = (x - m) / s * g + b = u * (g s0 / s) + (b + g (m0 - m) / s)
            onnx.helper.make_node("Reshape", [scale, column], [p + "g"]),
            onnx.helper.make_node("Div", [p + "g", s], [p + "g_s"]),
            onnx.helper.make_node("Div", [p + "g_s", inv_s0], [p + "gain"]),
            onnx.helper.make_node("Mul", [dm, p + "g_s"], [p + "shift"]),
            onnx.helper.make_node("Reshape", [p + "gain", flat], [p + "gain_c"]),
            onnx.helper.make_node("Reshape", [p + "shift", flat], [p + "shift_c"]),
            onnx.helper.make_node("Add", [bias, p + "shift_c"], [p + "bias_c"]),
            onnx.helper.make_node("Mul", [p + "bias_c", self.const("zero", np.float32(0))], [p + "zeros"]),
            onnx.helper.make_node("Add", [p + "zeros", self.const("unit", np.float32(1))], [p + "units"]),
            # BatchNormalization as a per-channel affine (mean 0, variance 1, no eps): one pass.
            onnx.helper.make_node("BatchNormalization", [u, p + "gain_c", p + "bias_c", p + "zeros", p + "units"],
                             [node.output[0]], epsilon=0.0),
        ]

    def _moments(self, x: str, epsilon: float) -> tuple[list[onnx.NodeProto], tuple[str, str, str, str]]:
        """x normalised over the piece as given (u), 1/s0, and m0 - m and s of the weighted
        statistics. Made once per tensor: the vocoder's resblocks normalise the same input three
        times, each with its own scale and bias (only the affine differs). The nodes come with
        the first use and none with the others."""
        key = (x, epsilon)
        if key in self._made:
            return [], self._made[key]
        eps = self.const(f"eps_{epsilon}", np.float32(epsilon))
        p = self._prefix()
        nodes, head, tail, length, count = self._ends(x, p)
        # u = (x - m0) / s0 over the piece as given, with m0 and 1/s0 (s0 includes eps).
        nodes += [
            onnx.helper.make_node("Expand", [self.const("one", np.array([1.0], np.float32)), p + "L"], [p + "ones"]),
            onnx.helper.make_node("LayerNormalization", [x, p + "ones"], [p + "u", p + "m0", p + "inv_s0"],
                             axis=-1, epsilon=epsilon),
        ]
        # m = (L m0 + more at the ends) / N
        more, extra = self._more("ReduceSum", head, tail, p + "sx_")
        nodes += more + [
            onnx.helper.make_node("Mul", [p + "m0", length], [p + "Lm0"]),
            onnx.helper.make_node("Add", [p + "Lm0", extra], [p + "S1"]),
            onnx.helper.make_node("Div", [p + "S1", count], [p + "m"]),
            onnx.helper.make_node("Sub", [head, p + "m"], [p + "head_d"]),
            onnx.helper.make_node("Sub", [tail, p + "m"], [p + "tail_d"]),
        ]
        # v = (L (v0 + (m0 - m)^2) + more (x - m)^2 at the ends) / N: no sum that cancels.
        more, extra = self._more("ReduceSumSquare", p + "head_d", p + "tail_d", p + "sq_")
        nodes += more + [
            onnx.helper.make_node("Mul", [p + "inv_s0", p + "inv_s0"], [p + "inv_v0"]),
            onnx.helper.make_node("Reciprocal", [p + "inv_v0"], [p + "v0_eps"]),
            onnx.helper.make_node("Sub", [p + "v0_eps", eps], [p + "v0"]),
            onnx.helper.make_node("Sub", [p + "m0", p + "m"], [p + "dm"]),
            onnx.helper.make_node("Mul", [p + "dm", p + "dm"], [p + "dm2"]),
            onnx.helper.make_node("Add", [p + "v0", p + "dm2"], [p + "q"]),
            onnx.helper.make_node("Mul", [p + "q", length], [p + "Lq"]),
            onnx.helper.make_node("Add", [p + "Lq", extra], [p + "S2"]),
            onnx.helper.make_node("Div", [p + "S2", count], [p + "v"]),
            onnx.helper.make_node("Add", [p + "v", eps], [p + "v_eps"]),
            onnx.helper.make_node("Sqrt", [p + "v_eps"], [p + "s"]),
        ]
        self._made[key] = (p + "u", p + "inv_s0", p + "dm", p + "s")
        return nodes, self._made[key]
