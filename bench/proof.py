"""Does `kkaudio proof` find what a voice said wrong, and how fast, against the render's own time?

1. Renders the seed from an empty clip cache (timed: the reference run of this session).
2. Adds ten deliberately wrong lexicon entries, each making one word of one cue say other words
   (the words picked across the episode, each in one cue only), and renders again.
3. Proofs the episode from an empty hearing cache (timed), then again (all heard before).

Prints which of the ten cues were flagged (the bar: nine or more), how many of the other cues
were flagged (the bar: under 3%), each speaker's error rate, and proof's time as a share of the
render's (the bar: under a third), with the CPU named.

    python bench/proof.py [seeds/kk-5000-days.txt] [--engine kokoro] [--keep DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kkaudio import manifest  # noqa: E402
from kkaudio.config import load_config  # noqa: E402
from kkaudio.machine import cpu_identity  # noqa: E402
from kkaudio.pipeline.proof import proof  # noqa: E402
from kkaudio.pipeline.render import RenderOptions, render  # noqa: E402
from kkaudio.text.readings import words  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# What the ten words are said as instead: unrelated everyday words, of two to three syllables.
INSTEAD = ["火车站", "西红柿", "长颈鹿", "巧克力", "图书馆", "自行车", "大熊猫", "洗衣机", "足球场", "向日葵"]
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,3}$")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=REPO / "seeds" / "kk-5000-days.txt")
    parser.add_argument("--voices", type=Path, default=REPO / "voices.yaml")
    parser.add_argument("--engine", default=None, help="default: voices.yaml's")
    parser.add_argument("--keep", type=Path, help="render and cache here (kept), not in a temporary folder")
    args = parser.parse_args()
    config = load_config(args.voices if args.voices.is_file() else None)
    print(f"{args.seed}; {cpu_identity()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        out, cache = root / "out", root / "cache"
        options = RenderOptions(out=out, cache_dir=cache, engine=args.engine)

        started = time.perf_counter()
        render([args.seed], config, options)
        render_s = time.perf_counter() - started
        record = _record(out)
        print(f"render, from an empty clip cache: {render_s:.1f} s for {record.duration_ms / 60000:.1f} min of audio")

        wrong = _wrong_entries(record, config)
        wrong_config = dataclasses.replace(config, lexicon=config.lexicon + tuple(wrong))
        started = time.perf_counter()
        render([args.seed], wrong_config, options)
        print(f"render again with {len(wrong)} wrong entries: {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        (episode,), _ = proof([args.seed], wrong_config, out, cache)
        proof_s = time.perf_counter() - started
        started = time.perf_counter()
        proof([args.seed], wrong_config, out, cache)
        again_s = time.perf_counter() - started

    print(f"\nproof: {proof_s:.1f} s for {len(episode.cues)} cues = {proof_s / render_s:.2f} of the render's time "
          f"(bar: under 0.33); again, all heard before: {again_s:.1f} s")
    planted = {w for w, _ in wrong}
    found = 0
    print("\nthe ten wrong entries:")
    for word, instead in wrong:
        (cue,) = [c for c in episode.cues if word in c.text]
        found += cue.flagged
        print(f"  {'FLAGGED' if cue.flagged else 'missed '}  {word} -> {instead}  {cue.clock} {cue.speaker}: "
              f"heard {cue.heard}")
    others = [c for c in episode.cues if not any(w in c.text for w in planted)]
    noise = [c for c in others if c.flagged]
    print(f"\nflagged: {found}/{len(wrong)} wrong entries (bar: 9 or more); {len(noise)}/{len(others)} other cues "
          f"= {100 * len(noise) / max(1, len(others)):.1f}% (bar: under 3%)")
    for c in noise:
        diffs = "; ".join(f"{d.written or '∅'} -> {d.said_instead or '∅'}" for d in c.comparison.differences)
        print(f"  {c.clock} {c.speaker}: {c.text}\n      heard {c.heard}\n      {diffs}")
    print("\nper speaker:")
    for s in episode.speakers():
        print(f"  {s.speaker}: {s.cues} cues, {s.flagged} flagged, error rate {100 * s.rate:.1f}% of {s.units} units")
    return 0 if found >= 9 and len(noise) < 0.03 * len(others) and proof_s < render_s / 3 else 1


def _record(out: Path) -> manifest.EpisodeRecord:
    (record,) = [manifest.load(p.parent) for p in out.glob(f"*/{manifest.FILE}")]
    assert record is not None
    return record


def _wrong_entries(record: manifest.EpisodeRecord, config) -> list[tuple[str, str]]:
    """Ten words of two or three characters, each in one cue only and in no lexicon entry, spread
    evenly over the episode, each to be said as one of INSTEAD."""
    cues = [c for ch in record.chapters for c in ch.cues or ()]
    texts = [c.text for c in cues]
    lexicon = [w for w, _ in config.lexicon]
    where: dict[str, int] = {}
    for i, text in enumerate(texts):
        for word in set(words(text)):
            if HAN_WORD.match(word) and not any(word in w or w in word for w in lexicon):
                where[word] = i if word not in where else -1
    alone = sorted((i, w) for w, i in where.items() if i >= 0 and sum(w in t for t in texts) == 1)
    step = len(alone) / len(INSTEAD)
    picked, used = [], set()
    for k in range(len(INSTEAD)):
        for i, word in alone[int(k * step):]:
            if i not in used:
                picked.append((word, INSTEAD[k]))
                used.add(i)
                break
    return picked


if __name__ == "__main__":
    sys.exit(main())
