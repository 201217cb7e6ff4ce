"""Measure the output ranges of the kokoro int8 graph's convolutions (a maintainer's tool).

    python bench/kokoro_int8_ranges.py   # rewrites kkaudio/engines/kokoro_int8_ranges.json

The int8 graph (engines/kokoro/graph.py, quantize_convs) writes each convolution's output in 8 bits, on a
scale that follows its input's: the output reaches at most `range` input steps. This runs the
float graph over clips of the seed in every voice of the pool, records that reach per
convolution, and writes the largest seen with the model's SHA-256; the engine uses the file
only with that model. Run it again when the model or the rewrite changes.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from kkaudio.config import load_config
from kkaudio.engines.kokoro import graph as kokoro_graph
from kkaudio.engines.kokoro import KokoroEngine
from kkaudio.engines.kokoro.sessions import load_model as _load_model
from kkaudio.audio.plan import plan_chapters
from kkaudio.transcript import load_script

REPO = Path(__file__).resolve().parent.parent
CHAPTERS = slice(3, 6)  # not the chapters bench/kokoro_speed.py times
CLIPS = 40


class _Recorder:
    """Stands in for the back session: keeps each input it is given, runs the real one."""

    def __init__(self, session) -> None:
        self.session, self.feeds = session, []

    def run(self, outputs, feed):
        self.feeds.append(feed)
        return self.session.run(outputs, feed)


def main() -> None:
    started = time.perf_counter()
    config = load_config(REPO / "voices.yaml")
    engine = KokoroEngine(graph="float")
    front, back = engine._graphs[engine.graph][0]
    recorder = _Recorder(back)
    engine._graphs[engine.graph] = [(front, recorder)]
    script = load_script(REPO / "seeds" / "kk-5000-days.txt", config)
    clips = [c for chapter in plan_chapters(script, config, engine)[CHAPTERS] for c in chapter][:CLIPS]
    pool = [KokoroEngine.parse_voice(v.settings, v.name) for v in KokoroEngine.voice_pool()]
    for i, clip in enumerate(clips):
        engine.synthesize(clip.segment.spoken, pool[i % len(pool)])
    model, sha = _load_model()
    ranges = kokoro_graph.output_ranges(kokoro_graph.float_vocoder(model), recorder.feeds)
    data = {"model_sha256": sha,
            "measured_on": f"{len(recorder.feeds)} clips of the seed's chapters {CHAPTERS.start}-{CHAPTERS.stop - 1}, "
                           f"the {len(pool)} voices of the pool in turn",
            "ranges": {name: [float(f"{x:.4g}") for x in r] for name, r in sorted(ranges.items())}}
    text = json.dumps(data, indent=1)
    text = re.sub(r"\[\s+([^\]]*?)\s+\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)  # a layer a line
    kokoro_graph.INT8_RANGES.write_text(text + "\n", encoding="utf-8")
    print(f"{len(ranges)} convolutions over {len(recorder.feeds)} clips in {time.perf_counter() - started:.0f} s "
          f"-> {kokoro_graph.INT8_RANGES}")


if __name__ == "__main__":
    main()
