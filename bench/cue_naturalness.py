"""How natural each speaker of a rendered episode sounds, cue length for cue length (DistillMOS).

    python bench/cue_naturalness.py episodes/kk-5000-days [--cache DIR]

Reads the episode's record (.kkaudio.json), takes each cue's clip from the clip cache, scores it
with DistillMOS (bench/naturalness.py's scorer) and prints, per speaker, the mean score of its
cues of 1-3 s, 3-5 s and 5-9 s and over, with how many cues each holds: the issue's bar is the
narrator within 0.2 of the host in every length.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from naturalness import Scorer  # noqa: E402

from kkaudio import manifest  # noqa: E402
from kkaudio.audio.cache import ClipCache  # noqa: E402
from kkaudio.machine import cpu_identity  # noqa: E402

LENGTHS = ((1, 3), (3, 5), (5, 9), (9, 60))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("episode", type=Path)
    parser.add_argument("--cache", type=Path, help="the clip cache (default: KKAUDIO_CACHE_DIR or the user's)")
    args = parser.parse_args()
    import platformdirs

    cache = ClipCache(args.cache or Path(os.environ.get("KKAUDIO_CACHE_DIR")
                                         or Path(platformdirs.user_cache_dir("kkaudio")) / "clips"))
    record = manifest.load(args.episode)
    if record is None:
        raise SystemExit(f"{args.episode}: no rendered episode there")
    score = Scorer()
    by: dict[tuple[str, int], list[float]] = defaultdict(list)
    for chapter in record.chapters:
        for cue in chapter.cues:
            audio = cache.get(cue.clip)
            if audio is None:
                raise SystemExit(f"cue {cue.text[:20]!r}: its clip is not in the cache; render the episode first")
            seconds = audio.frames / audio.rate
            for i, (low, high) in enumerate(LENGTHS):
                if low <= seconds < high:
                    by[(cue.speaker, i)].append(score(audio.pcm, audio.rate))
    print(cpu_identity())
    print(f"{'speaker':14s} " + " ".join(f"{f'{lo}-{hi} s':>14s}" for lo, hi in LENGTHS))
    for speaker in dict.fromkeys(s for s, _ in sorted(by)):
        cells = [by.get((speaker, i), []) for i in range(len(LENGTHS))]
        print(f"{speaker:14s} " + " ".join(f"{sum(c) / len(c):8.2f} ({len(c):3d})" if c else f"{'-':>14s}"
                                            for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
