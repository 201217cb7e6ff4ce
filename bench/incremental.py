"""Incremental rendering of the whole seed with the espeak engine.

    python bench/incremental.py

Three renders into one output folder with one cache: from nothing; again with no change; again
after editing one turn. Prints each one's summary line, wall time and share of the first.
Targets: the second ≤ 10% of the first and synthesises nothing; the third ≤ 15%, synthesising
only the edited turn's clips.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kkaudio.config import load_config
from kkaudio.pipeline.render import RenderOptions, render

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    config = load_config(REPO / "voices.yaml")
    print(f"machine  {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}; engine espeak")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seed = tmp / "kk-5000-days.txt"
        shutil.copy(REPO / "seeds" / "kk-5000-days.txt", seed)
        options = RenderOptions(out=tmp / "episodes", cache_dir=tmp / "cache", engine="espeak")

        def timed(label: str) -> float:
            started = time.perf_counter()
            summary = render([seed], config, options)
            wall = time.perf_counter() - started
            print(f"{label:14s} {wall:6.1f} s  {summary.line()}")
            return wall

        first = timed("first render")
        second = timed("no change")
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("K.K.：好问题。我认为5000天足够长", "K.K.：这是个好问题。我认为5000天足够长"),
                        encoding="utf-8")
        third = timed("one turn edited")
    print(f"no change:       {second / first:.1%} of the first render (target ≤ 10%)")
    print(f"one turn edited: {third / first:.1%} of the first render (target ≤ 15%)")


if __name__ == "__main__":
    main()
