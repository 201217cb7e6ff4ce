"""Which graph each voice may be spoken through without sounding worse.

The int8 graph is faster on a CPU with VNNI (calibrate.py times it), and costs some voices their
naturalness: the women's, whose higher pitch drives the vocoder's last stage where 8-bit outputs
are too coarse. How much it costs each style was measured with DistillMOS against the float
graph on the same sentences (bench/naturalness.py, which writes QUALITY), and a graph that costs a
voice more than BAR is not used for it: the engine falls back, voice by voice, to the int8 graph
with its last stage in float, then to float. A style nobody measured is spoken in float.

The costs are recorded per family of int8 kernels (AVX-512 VNNI, AVX2, ...: machine.int8_kernels;
they round differently), and a graph is chosen for a voice by the worst of them, so a voice
sounds the same wherever it is rendered and a CPU of a family nobody measured is covered too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from ...fsutil import read_json

QUALITY = Path(__file__).with_name("graph_quality.json")
BAR = 0.1  # the most DistillMOS (1-5) a graph may cost a voice against float
# What an int8 engine speaks each voice through: the first of these that costs it at most BAR.
FALLBACK = ("int8", "int8-last-float", "float")


class GraphChoice:
    """The graph for a voice (its styles and their weights), from the measured costs."""

    def __init__(self, model_sha: str, path: Path = QUALITY) -> None:
        data = read_json(path)
        families = data.get("measured", {}) if data.get("model_sha256") == model_sha else {}
        self.costs: dict[str, dict[str, float]] = {}  # graph -> style -> the worst cost measured
        for family in families.values():
            for graph, costs in family.get("cost", {}).items():
                worst = self.costs.setdefault(graph, {})
                for style, cost in costs.items():
                    worst[style] = max(cost, worst.get(style, cost))
        self.digest = hashlib.sha256(repr(sorted((g, sorted(c.items())) for g, c in self.costs.items())).encode()
                                     ).hexdigest()[:12]

    def graph(self, blend: Sequence[tuple[str, float]], preferred: str) -> str:
        """`preferred` (the machine's graph) unless it is int8 and costs one of the blend's styles
        more than BAR; then the next of FALLBACK that does not."""
        if preferred != "int8":
            return preferred
        for graph in FALLBACK:
            costs = self.costs.get(graph, {})
            if graph == "float" or all(costs.get(style, BAR + 1) <= BAR for style, _ in blend):
                return graph
        return "float"  # pragma: no cover - FALLBACK ends with float
