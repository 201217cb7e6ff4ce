"""Lanes: clips spoken side by side give the same audio as one lane, longest first, every clip once."""

from __future__ import annotations

import os
import threading
import time

import pytest

from kkaudio.engines.kokoro import lanes
from kkaudio.machine import usable_cpus


def test_shapes_start_with_one_lane_on_every_core_and_respect_jobs_and_memory():
    assert lanes.shapes(2) == ["1x2", "2x1"]
    assert lanes.shapes(16) == ["1x16", "8x2", "16x1"]
    assert lanes.shapes(1) == ["1x1"]
    assert lanes.shapes(16, cap=4) == ["1x16", "4x2", "4x1"]
    assert lanes.shapes(16, memory=3 * lanes.LANE_BYTES) == ["1x16", "4x2", "4x1"]
    assert lanes.parse("8x2") == (8, 2)


def test_usable_cpus_is_the_affinity_at_most():
    assert 1 <= usable_cpus() <= len(os.sched_getaffinity(0))


def test_every_item_once_longest_first_each_lane_busy_with_one():
    items = ["a" * n for n in (3, 9, 1, 7, 5, 2, 8)]
    busy: set[int] = set()
    started: list[int] = []
    lock = threading.Lock()

    def speak(item: str, lane: int) -> str:
        with lock:
            assert lane not in busy, "a lane speaks one clip at a time"
            busy.add(lane)
            started.append(len(item))
        time.sleep(0.01 * len(item))
        with lock:
            busy.discard(lane)
        return item.upper()

    got = dict(lanes.run(items, 3, speak, size=len))
    assert got == {i: s.upper() for i, s in enumerate(items)}
    assert started[:3] == [9, 8, 7]  # the longest go first


def test_an_error_names_its_item_and_stops_the_rest():
    calls: list[int] = []

    def speak(item: int, lane: int) -> int:
        calls.append(item)
        if item == 4:
            raise ValueError("boom")
        time.sleep(0.05)
        return item

    with pytest.raises(ValueError) as error:
        list(lanes.run(list(range(40)), 2, speak, size=lambda i: -i))
    assert error.value.index == 4
    time.sleep(0.2)
    assert len(calls) < 40  # what had not started was cancelled


def test_one_lane_prepares_the_next_item_while_this_one_is_spoken():
    order: list[str] = []

    def prepare(item: str) -> str:
        order.append(f"prepare {item}")
        return item * 2

    def speak(prepared: str, item: str) -> str:
        time.sleep(0.05)
        order.append(f"speak {item}")
        return prepared

    assert list(lanes.one_lane(["a", "b", "c"], prepare, speak)) == [(0, "aa"), (1, "bb"), (2, "cc")]
    assert order.index("prepare b") < order.index("speak a")


@pytest.mark.slow  # the neural model
def test_four_lanes_on_two_cores_render_the_same_bytes_as_one(tmp_path):
    """The whole render, four clips at once against one at a time: every MP3 byte for byte."""
    from .conftest import REPO, kkaudio

    seed = tmp_path / "tiny.txt"
    seed.write_text("# 一\n刘润：你好，这是五千天后的世界。\nK.K.：我认为未来会更好，但变化需要时间。\n"
                    "刘润：AI会带来什么？\nK.K.：更多的工作，也有新的问题。我们会解决它们。\n", encoding="utf-8")
    outputs = {}
    for count in (1, 4):
        voices = tmp_path / f"voices-{count}.yaml"
        text = (REPO / "voices.yaml").read_text(encoding="utf-8")
        voices.write_text(text.replace("    graph: auto", f"    graph: int8\n    lanes: {count}"), encoding="utf-8")
        out = tmp_path / f"out-{count}"
        done = kkaudio("render", str(seed), "--voices", str(voices), "--out", str(out),
                       env={**os.environ, "KKAUDIO_CACHE_DIR": str(tmp_path / f"cache-{count}")})
        assert done.returncode == 0, done.stderr
        outputs[count] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.mp3"))}
    assert outputs[1] and outputs[1] == outputs[4]
