"""What `graph: auto` and `lanes: auto` time on a user's machine (calibrate.py keeps the choice)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...machine import cpu_identity
from . import graph as kokoro_graph
from .sessions import expected_sha

# What "auto" times: the float graph (exact) first, so it wins ties.
CALIBRATION_SENTENCE = "我认为五千天足够长，足以让变化发生，但这个天数又不是特别多。"


def candidates() -> tuple[str, ...]:
    return ("float", "int8") if kokoro_graph.load_ranges(expected_sha()) else ("float",)


def graph_trial(cls):
    """Time a graph: its one-lane engine made once, then the calibration sentence."""
    engines: dict[str, Any] = {}

    def trial(graph: str) -> None:
        engine = engines.setdefault(graph, cls(graph=graph))
        engine.synthesize(CALIBRATION_SENTENCE, cls.parse_voice({"style": "zm_yunjian"}, "calibration"))
    return trial


def lanes_trial(engine) -> None:
    """A batch for every lane twice over, as a render hands them out."""
    voice = type(engine).parse_voice({"style": "zm_yunjian"}, "calibration")
    for _ in engine.synthesize_many([(CALIBRATION_SENTENCE, voice)] * max(4, 2 * engine.lanes)):
        pass


def machine_key(candidates: Sequence[str]) -> str:
    """What the fastest of `candidates` depends on: the CPU, onnxruntime, the model and the graphs."""
    import onnxruntime as ort

    return (f"{cpu_identity()} | onnxruntime {ort.__version__} | kokoro {expected_sha()[:12]} "
            f"| {' '.join(kokoro_graph.GRAPHS[g] for g in candidates)} {kokoro_graph.BACK}")
