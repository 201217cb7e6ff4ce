"""Speed and voice separation of the kokoro engine on this machine.

    python bench/kokoro_speed.py

Real-time factor (synthesis time / audio time) over the clips of the seed's chapters 1-2 (about
1100 characters, as `render` would synthesise them), and the median pitch and spectral
centroid of each voice on one sentence. Not a test: copy the figures into the README.
"""

from __future__ import annotations

import dataclasses
import os
import platform
import time
from pathlib import Path

from kkaudio.analysis import median_pitch, spectral_centroid
from kkaudio.config import load_config
from kkaudio.engines.kokoro import KokoroEngine
from kkaudio.transcript import load_script
from kkaudio.synth import plan_chapters

REPO = Path(__file__).resolve().parent.parent
SENTENCE = "我认为五千天足够常，足以让变化发生，但这个天数又不是特别多。五千天相当于是十三四年。"


def main() -> None:
    config = load_config(REPO / "voices.yaml")
    started = time.perf_counter()
    engine = KokoroEngine()
    print(f"machine   {platform.machine()}, {os.cpu_count()} cores; {engine.version}")
    print(f"load      {time.perf_counter() - started:.1f} s (join and hash-check the model, build the session)")
    script = load_script(REPO / "seeds" / "kk-5000-days.txt", config)
    clips = [c for chapter in plan_chapters(script, config, engine)[1:3] for c in chapter]
    engine.synthesize(clips[0].segment.spoken, clips[0].voice)  # warm-up
    started = time.perf_counter()
    pieces = [(c.segment.spoken, c.voice) for c in clips]
    audio_s = sum(a.duration_ms for _, a in engine.synthesize_many(pieces)) / 1000
    wall = time.perf_counter() - started
    chars = sum(len(c.segment.spoken) for c in clips)
    print(f"speed     {len(clips)} clips, {chars} characters, {audio_s:.1f} s of audio in {wall:.1f} s: "
          f"RTF {wall / audio_s:.3f}")
    # What the formant factor costs: the same clips with every voice at formant 1.0, in this run,
    # alternated with the voices as configured so drift in the machine's speed cancels out.
    plain = [(text, dataclasses.replace(voice, formant=1.0)) for text, voice in pieces]
    times = {"configured": 0.0, "formant 1.0": 0.0}
    for _ in range(2):
        for label, items in (("configured", pieces), ("formant 1.0", plain)):
            t0 = time.perf_counter()
            for _ in engine.synthesize_many(items):
                pass
            times[label] += time.perf_counter() - t0
    print(f"formant   voices as configured {times['configured']:.1f} s, all at formant 1.0 "
          f"{times['formant 1.0']:.1f} s: ratio {times['configured'] / times['formant 1.0']:.3f}")
    for speaker in config.speakers:
        audio = engine.synthesize(SENTENCE, config.voice(speaker.id, "kokoro"))
        print(f"voice     {speaker.id:9s} median pitch {median_pitch(audio, 60, 500):6.1f} Hz, "
              f"spectral centroid {spectral_centroid(audio):5.0f} Hz")


if __name__ == "__main__":
    main()
