"""Phonemise every sentence of the seed with kkaudio's G2P and with misaki's, and compare.

kkaudio's Mandarin G2P (kkaudio/engines/g2p.py) rebuilds misaki 0.9.4's ZHG2P on packages that
install on Python 3.10-3.14. This runs both over every clip the seed renders into (the spoken
text the kokoro engine receives, numbers and lexicon applied) and prints each difference.

misaki is not a dependency of kkaudio (it declares Requires-Python < 3.13); install it beside
it to run this, on Python 3.12 or older:

    pip install '.[bench]' 'misaki[zh,en]==0.9.4'
    python bench/g2p_compare.py [SEED ...]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kkaudio.config import load_config  # noqa: E402
from kkaudio.engines.kokoro import phonemes as kokoro  # noqa: E402
from kkaudio.transcript import load_script  # noqa: E402
from kkaudio.audio.plan import plan_chapters  # noqa: E402


class MisakiG2P(kokoro.Phonemes):
    """The kokoro engine's G2P as it was before: misaki's ZHG2P and EspeakG2P, same fixes around."""

    def __init__(self) -> None:
        from misaki import espeak
        from misaki.zh import ZHG2P

        super().__init__()
        self._zh = ZHG2P()
        self._misaki_en = espeak.EspeakG2P(language="en-us")

    def _mandarin(self, text: str) -> str:
        out, pos = [], 0
        for m in kokoro._NUMBER.finditer(text):
            number = self._zh.word2ipa(m.group(0)).replace("\u032f", "")
            out += [self._zh(text[pos : m.start()])[0], kokoro._NUMBER_YI.sub("ji", number)]
            pos = m.end()
        out.append(self._zh(text[pos:])[0])
        return " ".join(out)

    def _english(self, words: str) -> str:
        spelled = kokoro._ACRONYM.sub(lambda m: ".".join(m.group(0)) + ".", words)
        return kokoro._STOP.sub(r"\1ʰ", self._misaki_en(spelled)[0].replace(".", " ")).strip()


class _Engine:  # what plan_chapters needs of an engine
    name = "kokoro"
    version = "compare"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="*", type=Path, default=[REPO / "seeds" / "kk-5000-days.txt"])
    parser.add_argument("--voices", type=Path, default=REPO / "voices.yaml")
    args = parser.parse_args()
    try:
        old = MisakiG2P()
    except ImportError:
        sys.exit("misaki is not installed: pip install 'misaki[zh,en]==0.9.4' (Python 3.12 or older)")
    new = kokoro.Phonemes()
    config = load_config(args.voices)
    texts: dict[str, None] = {}
    for seed in args.seeds:
        for chapter in plan_chapters(load_script(seed, config), config, _Engine()):
            for clip in chapter:
                texts[clip.segment.spoken] = None
    same = 0
    differ = []
    t_old = t_new = 0.0
    for text in texts:
        t0 = time.perf_counter()
        a = old(text)
        t1 = time.perf_counter()
        b = new(text)
        t_new += time.perf_counter() - t1
        t_old += t1 - t0
        if a == b:
            same += 1
        else:
            differ.append((text, a, b))
    print(f"{len(texts)} distinct sentences, {sum(len(t) for t in texts)} characters, "
          f"{len(re.findall(r'[A-Za-z]+', ''.join(texts)))} Latin words")
    print(f"identical phonemes: {same}; different: {len(differ)}")
    print(f"time: misaki {t_old:.2f} s, kkaudio {t_new:.2f} s")
    for text, a, b in differ:
        print(f"\n{text}\n  misaki:  {a}\n  kkaudio: {b}")
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
