"""Which graph a voice is spoken through: int8 only where it costs that voice no naturalness."""

from __future__ import annotations

import json

import pytest

from kkaudio.engines.kokoro.quality import BAR, QUALITY, GraphChoice
from kkaudio.engines.kokoro.voices import ENGLISH, JAPANESE, MANDARIN, pool

SHA = "ab" * 32


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "quality.json"
    path.write_text(json.dumps({"model_sha256": SHA, "measured": {
        "avx512_vnni": {"cost": {
            "int8": {"zm_yunjian": 0.03, "zf_xiaoxiao": 0.28, "zf_xiaoyi": 0.25, "af_nicole": 0.08},
            "int8-last-float": {"zm_yunjian": 0.0, "zf_xiaoxiao": 0.06, "zf_xiaoyi": 0.5, "af_nicole": 0.01}}},
        "avx2": {"cost": {
            "int8": {"zm_yunjian": 0.05, "af_nicole": 0.104},
            "int8-last-float": {"zm_yunjian": 0.01, "af_nicole": 0.01}}},
    }}), encoding="utf-8")
    return path


@pytest.mark.parametrize("blend, graph", [
    ((("zm_yunjian", 1.0),), "int8"),  # costs it 0.03: under the bar
    ((("zf_xiaoxiao", 1.0),), "int8-last-float"),  # int8 costs 0.28, the last stage in float 0.06
    ((("zf_xiaoyi", 1.0),), "float"),  # both cost it more than the bar
    ((("jf_alpha", 1.0),), "float"),  # never measured: the exact graph
    ((("zm_yunjian", 0.7), ("zf_xiaoxiao", 0.3)), "int8-last-float"),  # a blend: what suits every style
    ((("af_nicole", 1.0),), "int8-last-float"),  # under the bar with VNNI's kernels, over it with AVX2's
])
def test_an_int8_machine_gives_way_voice_by_voice(table, blend, graph):
    assert GraphChoice(SHA, table).graph(blend, "int8") == graph


def test_a_float_machine_speaks_every_voice_in_float(table):
    assert GraphChoice(SHA, table).graph((("zm_yunjian", 1.0),), "float") == "float"


def test_costs_measured_on_another_model_are_not_used(table):
    choice = GraphChoice("cd" * 32, table)
    assert choice.graph((("zm_yunjian", 1.0),), "int8") == "float"
    assert choice.digest != GraphChoice(SHA, table).digest  # and the clips' key says so


def test_the_shipped_table_measures_every_style_and_int8_suits_some():
    """A style nobody measured is spoken in float, at half the speed: none may be left out."""
    data = json.loads(QUALITY.read_text(encoding="utf-8"))
    styles = set(MANDARIN + ENGLISH + JAPANESE) | {v.settings["style"] for v in pool() if "style" in v.settings}
    assert {"avx512_vnni", "avx2"} <= set(data["measured"])  # the two families of x86 int8 kernels
    for family in data["measured"].values():
        cost = family["cost"]
        assert set(cost) == {"int8", "int8-last-float"}
        measured = set(cost["int8"]) & set(cost["int8-last-float"])
        assert styles <= measured, styles - measured
    choice = GraphChoice(data["model_sha256"])
    assert any(cost <= BAR for cost in choice.costs["int8"].values())  # or the table would not be worth shipping
