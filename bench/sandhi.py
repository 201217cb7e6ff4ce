"""Does the model say Mandarin better given the tones as said (third-tone sandhi, 不 and 一) or the
dictionary's tones, as misaki gives them and the model learnt them?

    pip install '.[bench]' && python bench/sandhi.py [--only zf_xiaoxiao,...] [--pool]

For each voice (voices.yaml's cast by default), the intelligibility sentences of
bench/intelligibility.py are said twice in one process: once as kkaudio gives them (dictionary
tones), once with every tone the sandhi rules change pinned in its changed form (the same rules
`kkaudio readings` shows as `said`), and Whisper-base hears both. Prints CER and the syllable
error rate (pinyin with tones) of each, and how many syllables the sandhi changed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import intelligibility as bench  # noqa: E402

from kkaudio.config import load_config  # noqa: E402
from kkaudio.engines import g2p  # noqa: E402
from kkaudio.engines.base import engine_class  # noqa: E402
from kkaudio.machine import cpu_identity  # noqa: E402
from kkaudio.text import readings  # noqa: E402

CHANGED = [0]  # syllables the sandhi changed in this variant


def with_sandhi(plain):
    """g2p.mandarin with the tones as said pinned wherever they differ from the dictionary's."""
    def mandarin(text: str, pinned=None) -> str:
        pinned = dict(pinned or {})
        tones = [pinned.get(i, py) for i, py in enumerate(readings.default_pinyin(text))]
        for i, (was, said) in enumerate(zip(tones, readings.sandhi(text, tones))):
            if said and said != was:
                pinned[i] = said
                CHANGED[0] += 1
        return plain(text, pinned)

    return mandarin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated speaker ids or pool voices")
    parser.add_argument("--pool", action="store_true", help="the kokoro pool's Mandarin voices, not the cast")
    args = parser.parse_args()
    import opencc

    t2s = opencc.OpenCC("t2s")
    config = load_config(bench.REPO / "voices.yaml")
    engine = engine_class("kokoro").create(dict(config.engine_settings.get("kokoro", {})), None)
    args.extra, args.language, args.engine = [], ["zh"], "kokoro"
    plain = g2p.mandarin
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "whisper-base").mkdir()
        model = bench.whisper_model(tmp / "whisper-base")
        print(f"engine {engine.version}; Whisper-base (faster-whisper), beam 5; {cpu_identity()}")
        for speaker_id, name, voice in bench.voices_to_score(engine, config, args, "zh"):
            for label, mandarin in (("dictionary tones (as shipped)", plain), ("tones as said (sandhi)", with_sandhi(plain))):
                g2p.mandarin = mandarin
                CHANGED[0] = 0
                print(f"\n-- {label}")
                bench.mandarin_cer(engine, voice, speaker_id, name, model, tmp, config, "kokoro", t2s)
                if CHANGED[0]:
                    print(f"   ({CHANGED[0]} syllables said with another tone)")
    g2p.mandarin = plain


if __name__ == "__main__":
    main()
