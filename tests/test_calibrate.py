"""The per-machine choice of the fastest engine variant: timed once, remembered, redone when
what it depends on changes. A fake clock stands in for the real one."""

from __future__ import annotations

import json

import pytest

from kkaudio import machine
from kkaudio.engines import calibrate


class FakeClock:
    """A timer that moves only when a trial says how long it took."""

    def __init__(self, cost: dict[str, float]) -> None:
        self.now, self.cost, self.trials = 0.0, cost, []

    def __call__(self) -> float:
        return self.now

    def trial(self, variant: str) -> None:
        self.trials.append(variant)
        self.now += self.cost[variant]


def test_the_faster_variant_is_chosen_and_written_down(tmp_path):
    clock = FakeClock({"float": 2.0, "int8": 1.3})
    file = tmp_path / "calibration.json"
    made_things = {"float": object(), "int8": object()}
    by_thing = {id(v): k for k, v in made_things.items()}
    chosen, made = calibrate.choose("cpu A", ("float", "int8"), made_things.__getitem__,
                                    lambda thing: clock.trial(by_thing[id(thing)]), file, timer=clock)
    assert chosen == "int8" and made is made_things["int8"]  # the timed instance, not another
    assert clock.trials == ["float", "int8"] * calibrate.ROUNDS  # in turn, so drift hits both
    entry = json.loads(file.read_text())["cpu A"]
    assert entry["choice"] == "int8" and entry["seconds"] == {"float": 2.0, "int8": 1.3}


def test_the_best_of_each_counts_not_the_sum(tmp_path):
    """One slow round (another program woke up) must not decide."""
    costs = iter([9.0, 1.0, 1.5, 1.2, 1.5, 1.2])  # float, int8, float, int8, …

    class Clock(FakeClock):
        def trial(self, variant):
            self.now += next(costs)

    clock = Clock({})
    chosen, _ = calibrate.choose("k", ("float", "int8"), str, clock.trial, tmp_path / "c.json", timer=clock)
    assert chosen == "int8"  # best 1.0 against 1.5
    costs = iter([1.0, 9.0, 1.0, 1.2, 1.0, 1.2])
    chosen, _ = calibrate.choose("k2", ("float", "int8"), str, clock.trial, tmp_path / "c.json", timer=clock)
    assert chosen == "float"


@pytest.mark.parametrize("int8, chosen", [(1.0, "float"), (0.97, "float"), (0.9, "int8")])
def test_the_first_candidate_wins_unless_another_is_clearly_faster(tmp_path, int8, chosen):
    """A tie, or a gain within the margin, keeps the exact variant."""
    clock = FakeClock({"float": 1.0, "int8": int8})
    assert calibrate.choose("k", ("float", "int8"), str, clock.trial, tmp_path / "c.json", timer=clock)[0] == chosen


def test_the_remembered_choice_is_reused_without_timing(tmp_path):
    file = tmp_path / "calibration.json"
    clock = FakeClock({"float": 2.0, "int8": 1.0})
    calibrate.choose("cpu A", ("float", "int8"), str, clock.trial, file, timer=clock)
    made = []

    def make(variant):
        made.append(variant)
        return variant

    def no_trial(_):
        raise AssertionError("timed again")

    assert calibrate.choose("cpu A", ("float", "int8"), make, no_trial, file, timer=clock) == ("int8", "int8")
    assert made == ["int8"]  # only the chosen one is built


def test_another_key_times_again_and_both_are_kept(tmp_path):
    """A new onnxruntime version (or CPU, or model) is another key: timed afresh."""
    file = tmp_path / "calibration.json"
    old = FakeClock({"float": 2.0, "int8": 1.0})
    calibrate.choose("cpu A | onnxruntime 1.32.0", ("float", "int8"), str, old.trial, file, timer=old)
    clock = FakeClock({"float": 1.0, "int8": 3.0})  # on the new version int8 got slower
    chosen, _ = calibrate.choose("cpu A | onnxruntime 1.33.0", ("float", "int8"), str, clock.trial, file, timer=clock)
    assert chosen == "float" and len(clock.trials) == 2 * calibrate.ROUNDS
    assert {k: v["choice"] for k, v in json.loads(file.read_text()).items()} == {
        "cpu A | onnxruntime 1.32.0": "int8", "cpu A | onnxruntime 1.33.0": "float"}


def test_a_remembered_choice_no_longer_offered_is_timed_again(tmp_path):
    file = tmp_path / "calibration.json"
    file.write_text(json.dumps({"k": {"choice": "int4"}}))
    clock = FakeClock({"float": 2.0, "int8": 1.0})
    assert calibrate.choose("k", ("float", "int8"), str, clock.trial, file, timer=clock)[0] == "int8"


@pytest.mark.parametrize("content", ["not json", "[1, 2]", ""])
def test_a_damaged_file_is_timed_again_and_rewritten(tmp_path, content):
    file = tmp_path / "calibration.json"
    file.write_text(content)
    clock = FakeClock({"float": 1.0, "int8": 2.0})
    assert calibrate.choose("k", ("float", "int8"), str, clock.trial, file, timer=clock)[0] == "float"
    assert json.loads(file.read_text())["k"]["choice"] == "float"


def test_an_unwritable_file_only_means_timing_again_next_time(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    clock = FakeClock({"float": 2.0, "int8": 1.0})
    assert calibrate.choose("k", ("float", "int8"), str, clock.trial, blocker / "c.json", timer=clock)[0] == "int8"


def test_one_candidate_is_not_timed(tmp_path):
    def no_trial(_):
        raise AssertionError("timed")

    assert calibrate.choose("k", ("float",), str, no_trial, tmp_path / "c.json") == ("float", "float")


def test_the_cpu_identity_names_the_cpu_and_its_simd(monkeypatch):
    identity = machine.cpu_identity()
    assert "CPUs" in identity
    flags = open("/proc/cpuinfo").read() if __import__("os").path.exists("/proc/cpuinfo") else ""
    if " avx2 " in flags:
        assert "avx2" in identity.split("; ")[-1].split()


def test_the_file_lives_where_the_environment_says(monkeypatch, tmp_path):
    monkeypatch.setenv(calibrate.ENV, str(tmp_path / "x"))
    assert calibrate.path() == tmp_path / "x" / "calibration.json"
    monkeypatch.delenv(calibrate.ENV)
    assert calibrate.path().name == "calibration.json" and "kkaudio" in str(calibrate.path())
