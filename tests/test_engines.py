"""Engines: the registry, and espeak making real, distinct Mandarin voices."""

from __future__ import annotations

import pytest

from kkaudio.audio.analysis import median_pitch, spectral_centroid
from kkaudio.config import load_config
from kkaudio.engines.base import engine_class, engine_names
from kkaudio.errors import EngineError

from .conftest import REPO

SENTENCE = "我认为五千天足够长，足以让变化发生，但这个天数又不是特别多。"


def test_unknown_engine_lists_the_known_ones():
    with pytest.raises(EngineError, match=r"unknown engine 'nope'; known engines: edge, espeak, kokoro"):
        engine_class("nope")
    assert "espeak" in engine_names()


@pytest.fixture(scope="module")
def espeak():
    return engine_class("espeak")()


def test_engines_named_in_the_environment(monkeypatch):
    """KKAUDIO_ENGINES adds engines to the CLI and to cluster workers, which register() cannot reach."""
    monkeypatch.setenv("KKAUDIO_ENGINES", "beep=tests.tone_engine:ToneEngine, bad=json:dumps")
    assert "beep" in engine_names() and engine_class("beep").__name__ == "ToneEngine"
    with pytest.raises(EngineError, match=r"engine 'bad': json:dumps is not a kkaudio Engine class"):
        engine_class("bad")
    monkeypatch.setenv("KKAUDIO_ENGINES", "beep")
    with pytest.raises(EngineError, match=r"KKAUDIO_ENGINES: 'beep' is not name=module:Class"):
        engine_names()


def test_espeak_speaks_mandarin(espeak):
    config = load_config(REPO / "voices.yaml")
    audio = espeak.synthesize(SENTENCE, config.voice("kk", "espeak"))
    assert audio.rate == 22050
    # ~30 characters of Mandarin take seconds, not the fraction a spelled-out failure would.
    assert 3.0 < audio.duration_ms / 1000 < 15.0
    assert espeak.version.startswith("espeak-ng 1.52")


def test_project_voices_are_distinct(espeak):
    config = load_config(REPO / "voices.yaml")
    clips = {s: espeak.synthesize(SENTENCE, config.voice(s, "espeak")) for s in ("liurun", "kk", "narrator")}
    pitch = {s: median_pitch(a) for s, a in clips.items()}
    assert all(p > 0 for p in pitch.values()), pitch
    # Host and guest: both male, clearly apart; the narrator: higher than both.
    assert abs(pitch["liurun"] - pitch["kk"]) / min(pitch["liurun"], pitch["kk"]) >= 0.15, pitch
    assert pitch["narrator"] > 1.2 * max(pitch["liurun"], pitch["kk"]), pitch
    assert max(pitch["liurun"], pitch["kk"]) < 200, pitch
    assert spectral_centroid(clips["liurun"]) != spectral_centroid(clips["kk"])
    assert clips["liurun"].pcm != clips["kk"].pcm


def test_ctrl_c_inside_espeaks_callback_stops_the_clip(monkeypatch):
    """A KeyboardInterrupt raised while libespeak-ng is calling back into Python with audio would
    be printed by ctypes and lost (the render went on to the end): it aborts the clip and is raised."""
    import ctypes

    from kkaudio.engines.espeak import EspeakVoice, _Library

    library = _Library.get()

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(ctypes, "string_at", interrupted)
    with pytest.raises(KeyboardInterrupt):
        library.speak("你好，今天我们聊聊五千天后的世界。", EspeakVoice())
    monkeypatch.undo()
    assert len(library.speak("你好。", EspeakVoice())) > 1000  # and the next clip is whole


@pytest.mark.slow  # a few seconds of real signals
def test_ctrl_c_at_any_moment_of_an_espeak_clip_is_raised_never_lost():
    """SIGINT sent at random moments while libespeak-ng speaks: each one surfaces as a
    KeyboardInterrupt, whether it lands in the C library, in the callback's body or as the
    callback is entered (where ctypes would print it and let the clip, and the render, go on)."""
    import os
    import random
    import signal
    import threading
    import time

    from kkaudio.engines.espeak import EspeakVoice, _Library

    library = _Library.get()
    text = "你好，今天我们聊聊五千天后的世界，人工智能会怎样改变我们的工作和生活。" * 3
    start = time.perf_counter()
    library.speak(text, EspeakVoice())
    length = time.perf_counter() - start
    rng = random.Random(7)
    raised = 0
    trials = 60
    # Ctrl-C as at a terminal: a run in a background job (CI's) inherits SIGINT ignored.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        for _ in range(trials):
            sender = threading.Timer(rng.uniform(0, length), os.kill, (os.getpid(), signal.SIGINT))
            try:
                sender.start()
                library.speak(text, EspeakVoice())
                sender.join()
                time.sleep(0.05)  # a signal that landed after the clip is raised here, in plain Python
            except KeyboardInterrupt:
                raised += 1
                sender.join()
    finally:
        signal.signal(signal.SIGINT, before)
    assert raised == trials
