"""How far apart an engine's voices are heard: speaker embeddings, pitch, and (--cer) Whisper CER.

For each language's pool of the engine (Mandarin, then English), and voices.yaml's cast with the
Mandarin one (and any `--try NAME='{yaml}'`), synthesises plain sentences of the intelligibility
set in that language, embeds the speech with Resemblyzer's speaker encoder (bench/
voice_encoder.py, numpy only), and prints each voice's median pitch, the pairwise cosine
similarity matrix and the closest pair. Two halves of one voice score about 0.97-0.99 here, two
different speakers of one gender 0.7-0.9, a man and a woman 0.5-0.7; a pool keeps its voices at
most 0.85 apart.

    pip install '.[bench]' && pip install --no-deps Resemblyzer==0.1.4
    python bench/voices.py --engine kokoro [--language zh|en] [--cer] [--try 'deep={style: zm_yunxi, speed: 0.9}']
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import voice_encoder  # noqa: E402
from intelligibility import CASE_SENTENCES, ENGLISH_SENTENCES, SENTENCES  # noqa: E402

from kkaudio.audio.analysis import median_pitch  # noqa: E402
from kkaudio.config import load_config  # noqa: E402
from kkaudio.engines.base import engine_class  # noqa: E402
from kkaudio.machine import cpu_identity  # noqa: E402
from kkaudio.text.normalise import spoken  # noqa: E402


LANGUAGES = {"zh": ("Mandarin", "zh-hans"), "en": ("English", "en")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="kokoro")
    parser.add_argument("--language", choices=LANGUAGES, action="append",
                        help="the pool to measure (default: every language's)")
    parser.add_argument("--sentences", type=int, default=8, help="plain sentences per voice for the embedding")
    parser.add_argument("--try", dest="extra", action="append", default=[], metavar="NAME=YAML",
                        help="another voice to measure (with the first language's pool), as a voice block")
    parser.add_argument("--only", help="comma-separated voice names to measure")
    parser.add_argument("--cer", action="store_true", help="also Whisper-base CER or WER per pool (slow)")
    args = parser.parse_args()
    cls = engine_class(args.engine)
    config = load_config(REPO / "voices.yaml")
    engine = cls.create(config.engine_settings.get(args.engine, {}), None)
    print(f"engine {engine.version}; Resemblyzer encoder (numpy port); {cpu_identity()}")
    for n, language in enumerate(args.language or list(LANGUAGES)):
        title, code = LANGUAGES[language]
        voices = {f"pool:{v.name}": cls.parse_voice(v.settings, v.name) for v in cls.voice_pool()
                  if code in v.languages}
        if language == "zh":
            for s in config.speakers:
                if args.engine in s.voices:
                    voices[f"cast:{s.id}"] = s.voices[args.engine]
        for spec in args.extra if n == 0 else ():
            name, _, block = spec.partition("=")
            voices[name] = cls.parse_voice(yaml.safe_load(block), name)
        if args.only:
            keep = set(args.only.split(","))
            voices = {k: v for k, v in voices.items() if k in keep or k.split(":")[-1] in keep}
        if language == "zh":
            sentences = [spoken(s, config.lexicon_for(args.engine))
                         for s, _ in SENTENCES[CASE_SENTENCES : CASE_SENTENCES + args.sentences]]
        else:
            sentences = [spoken(s, language="en") for s in ENGLISH_SENTENCES[: args.sentences]]
        print(f"\n{title} pool: {len(sentences)} sentences per voice")
        measure(engine, voices, sentences)
        if args.cer:
            import subprocess

            print(f"\nWhisper-base {'CER' if language == 'zh' else 'WER'} (bench/intelligibility.py --pool):")
            subprocess.run([sys.executable, str(REPO / "bench" / "intelligibility.py"), "--engine", args.engine,
                            "--pool", "--language", language], check=False)
    return 0


def measure(engine, voices: dict, sentences: list[str]) -> None:
    embeddings, pitch = {}, {}
    for name, voice in voices.items():
        started = time.perf_counter()
        audio = [engine.synthesize(s, voice) for s in sentences]
        rate = audio[0].rate
        samples = np.concatenate([np.frombuffer(a.pcm, "<i2").astype(np.float32) / 32768 for a in audio])
        embeddings[name] = voice_encoder.embed(samples, rate)
        pitch[name] = np.median([median_pitch(a, 50, 500) for a in audio])
        seconds = len(samples) / rate
        print(f"  {name:<28} median pitch {pitch[name]:6.1f} Hz   {seconds:5.1f} s of speech "
              f"({time.perf_counter() - started:.0f} s)")
    names = list(voices)
    width = max(len(n) for n in names)
    print("\ncosine similarity (same speaker ~0.97+, distinct speakers <= 0.85):")
    print(" " * (width + 2) + " ".join(f"{i:>5}" for i in range(len(names))))
    for i, a in enumerate(names):
        row = " ".join(f"{voice_encoder.cosine(embeddings[a], embeddings[b]):5.2f}" if j != i else "    ·"
                       for j, b in enumerate(names))
        print(f"{a:<{width}} {i:>1} {row}")
    pairs = sorted(((voice_encoder.cosine(embeddings[a], embeddings[b]), a, b)
                    for i, a in enumerate(names) for b in names[i + 1 :]), reverse=True)
    if pairs:
        print(f"\nclosest pair: {pairs[0][1]} / {pairs[0][2]} at {pairs[0][0]:.3f}")
        pool = [(c, a, b) for c, a, b in pairs if a.startswith("pool:") and b.startswith("pool:")]
        over = [f"{a} / {b} {c:.2f}" for c, a, b in pool if c > 0.85]
        print("pool pairs over 0.85: " + (", ".join(over) if over else "none"))


if __name__ == "__main__":
    sys.exit(main())
