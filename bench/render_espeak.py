"""Time a full render of the seed with the espeak engine, from an empty cache.

    python bench/render_espeak.py

Prints wall time, audio length, real-time factor and peak memory. Not a test: run it by hand
and copy the figures into the README with the machine they ran on.
"""

from __future__ import annotations

import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

from kkaudio.config import load_config
from kkaudio.pipeline.render import RenderOptions, render

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    config = load_config(REPO / "voices.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        options = RenderOptions(out=Path(tmp) / "episodes", cache_dir=Path(tmp) / "cache", engine="espeak")
        started = time.perf_counter()
        summary = render([REPO / "seeds" / "kk-5000-days.txt"], config, options)
        wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    audio_min = summary.audio_ms / 60000
    print(f"machine      {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"clips        {summary.clips_synthesised} synthesised, {summary.chapters_encoded} chapters encoded")
    print(f"wall time    {wall:.1f} s")
    print(f"audio        {audio_min:.1f} min")
    print(f"speed        {audio_min * 60 / wall:.0f}x real time")
    print(f"peak memory  {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
