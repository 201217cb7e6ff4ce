"""The quiet ends of a piece: which frames are cut, and the normalisations that still count them
(kkaudio/engines/kokoro/ends.py), on small graphs of their own: no model needed."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from kkaudio.engines.kokoro import ends, graph as kokoro_graph

KEEP = ends.KEEP


def test_quiet_ends_cut_the_frames_at_the_energy_floor_keeping_a_margin():
    frames = 40
    level = np.full(frames, -9.3, np.float32)
    level[12:30] = np.linspace(-3, 8, 18)  # speech in frames 12..29
    level[20] = -9.2  # a pause inside the speech stays
    energy = np.repeat(level, 2).reshape(1, -1)  # two values per frame, as the model gives them
    assert ends.quiet_ends(energy, frames) == (12 - KEEP, 30 + KEEP)
    assert ends.quiet_ends(np.full((1, 2 * frames), -9.3, np.float32), frames) == (0, frames)  # no speech
    loud = np.full((1, 2 * frames), 5.0, np.float32)
    loud[0, :2] = -9.3
    assert ends.quiet_ends(loud, frames) == (0, frames)  # one quiet frame, fewer than the margin


def _norms_graph(channels: int) -> onnx.ModelProto:
    """x (1, C, L) -> InstanceNormalization(x) twice (scales and biases of their own, as the
    vocoder's resblocks normalise one input) and ReduceMean over time, with the decoder's
    features input (one column per frame) that ends.py reads F from."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, channels, None])
    features = helper.make_tensor_value_info(kokoro_graph.FEATURES, TensorProto.FLOAT, [1, 2, None])
    outs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in ("y", "mean", "y2")]
    rng = np.random.default_rng(1)
    inits = [numpy_helper.from_array(rng.uniform(0.5, 2, channels).astype(np.float32), "scale"),
             numpy_helper.from_array(rng.normal(size=channels).astype(np.float32), "bias"),
             numpy_helper.from_array(np.array([2], np.int64), "axes"),
             numpy_helper.from_array(rng.uniform(0.5, 2, channels).astype(np.float32), "scale2"),
             numpy_helper.from_array(rng.normal(size=channels).astype(np.float32), "bias2")]
    nodes = [helper.make_node("InstanceNormalization", ["x", "scale", "bias"], ["y"], epsilon=1e-5),
             helper.make_node("ReduceMean", ["x", "axes"], ["mean"], keepdims=1),
             helper.make_node("Identity", [kokoro_graph.FEATURES], ["unused"]),
             helper.make_node("InstanceNormalization", ["x", "scale2", "bias2"], ["y2"], epsilon=1e-5)]
    graph = helper.make_graph(nodes, "norms", [x, features], outs, inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])


def _weighted_norm(x, scale, bias, weights, eps=1e-5):
    w = weights / weights.sum()
    mean = (x * w).sum(axis=-1, keepdims=True)
    var = (((x - mean) ** 2) * w).sum(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * scale.reshape(1, -1, 1) + bias.reshape(1, -1, 1), mean


@pytest.mark.parametrize("frames, rate, cut", [(30, 1, (0, 0)), (30, 120, (9, 25)), (17, 20, (13, 0)), (40, 2, (0, 7))])
def test_the_normalisations_count_the_cut_frames_in_the_ends_kept(frames, rate, cut):
    """Each of the KEEP frames kept at an end counts 1 + cut / KEEP times in the mean and
    variance; with nothing cut, the rewritten graph computes what InstanceNormalization did."""
    channels = 6
    proto = _norms_graph(channels)
    assert ends.count_cut(proto, kokoro_graph.FEATURES) == 3
    before = ort.InferenceSession(_norms_graph(channels).SerializeToString(), providers=["CPUExecutionProvider"])
    after = ort.InferenceSession(proto.SerializeToString(), providers=["CPUExecutionProvider"])
    length = frames * rate + (1 if rate == 120 else 0)  # the vocoder's last rate has one sample more
    rng = np.random.default_rng(frames)
    # Channels far from zero, as activations are: a naive E[x^2] - mean^2 would lose them.
    x = (rng.normal(size=(1, channels, length)) * rng.uniform(0.01, 3, (1, channels, 1))
         + rng.uniform(-50, 50, (1, channels, 1))).astype(np.float32)
    feed = {"x": x, kokoro_graph.FEATURES: np.zeros((1, 2, frames), np.float32)}
    y, mean, y2 = after.run(None, {**feed, ends.CUT: np.array(cut, np.float32)})

    h = length * KEEP // frames
    weights = np.ones(length)
    weights[:h] += cut[0] / KEEP
    weights[length - h:] += cut[1] / KEEP
    inits = {t.name: numpy_helper.to_array(t) for t in proto.graph.initializer}
    expected_y, expected_mean = _weighted_norm(x.astype(np.float64), inits["scale"], inits["bias"], weights)
    np.testing.assert_allclose(mean, expected_mean, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(y, expected_y, atol=2e-3)
    np.testing.assert_allclose(y2, _weighted_norm(x.astype(np.float64), inits["scale2"], inits["bias2"], weights)[0], atol=2e-3)
    if cut == (0, 0):
        plain_y, plain_mean, plain_y2 = before.run(None, feed)
        np.testing.assert_allclose(y, plain_y, atol=2e-3)
        np.testing.assert_allclose(y2, plain_y2, atol=2e-3)
        np.testing.assert_allclose(mean, plain_mean, rtol=1e-6, atol=1e-5)
