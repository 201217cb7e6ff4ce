"""How far apart an engine's voices are heard: speaker embeddings, pitch, and (--cer) Whisper CER.

For every voice of the engine's pool and of voices.yaml's cast (and any `--try NAME='{yaml}'`),
synthesises plain sentences of the intelligibility set, embeds the speech with Resemblyzer's
speaker encoder (bench/voice_encoder.py, numpy only), and prints each voice's median pitch and
the pairwise cosine similarity matrix. Two halves of one voice score about 0.97-0.99 here, two
different speakers of one gender 0.7-0.9, a man and a woman 0.5-0.7.

    pip install '.[bench]' && pip install --no-deps Resemblyzer==0.1.4
    python bench/voices.py --engine kokoro [--cer] [--try 'deep={style: jm_kumo, formant: 0.9}']
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
from intelligibility import CASE_SENTENCES, SENTENCES  # noqa: E402

from kkaudio.audio.analysis import median_pitch  # noqa: E402
from kkaudio.config import load_config  # noqa: E402
from kkaudio.engines.base import engine_class  # noqa: E402
from kkaudio.text.spoken import spoken  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="kokoro")
    parser.add_argument("--sentences", type=int, default=8, help="plain sentences per voice for the embedding")
    parser.add_argument("--try", dest="extra", action="append", default=[], metavar="NAME=YAML",
                        help="another voice to measure, as a voice block")
    parser.add_argument("--only", help="comma-separated voice names to measure")
    parser.add_argument("--cer", action="store_true", help="also Whisper-base CER on all 48 sentences (slow)")
    args = parser.parse_args()
    cls = engine_class(args.engine)
    config = load_config(REPO / "voices.yaml")
    voices = {f"pool:{v.name}": cls.parse_voice(v.settings, v.name) for v in cls.voice_pool()
              if "zh-hans" in v.languages}
    for s in config.speakers:
        if args.engine in s.voices:
            voices[f"cast:{s.id}"] = s.voices[args.engine]
    for spec in args.extra:
        name, _, block = spec.partition("=")
        voices[name] = cls.parse_voice(yaml.safe_load(block), name)
    if args.only:
        keep = set(args.only.split(","))
        voices = {k: v for k, v in voices.items() if k in keep or k.split(":")[-1] in keep}
    engine = cls.create(config.engine_settings.get(args.engine, {}), None)
    lexicon = config.lexicon_for(args.engine)
    sentences = [s for s, _ in SENTENCES[CASE_SENTENCES : CASE_SENTENCES + args.sentences]]
    print(f"engine {engine.version}; {len(sentences)} sentences per voice; Resemblyzer encoder (numpy port)")
    embeddings, pitch = {}, {}
    for name, voice in voices.items():
        started = time.perf_counter()
        audio = [engine.synthesize(spoken(s, lexicon), voice) for s in sentences]
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
    worst = max(((voice_encoder.cosine(embeddings[a], embeddings[b]), a, b)
                 for i, a in enumerate(names) for b in names[i + 1 :]), default=None)
    if worst:
        print(f"\nclosest pair: {worst[1]} / {worst[2]} at {worst[0]:.3f}")
    if args.cer:
        import subprocess

        print("\nWhisper-base CER: python bench/intelligibility.py (per voice of voices.yaml)")
        subprocess.run([sys.executable, str(REPO / "bench" / "intelligibility.py"), "--engine", args.engine],
                       check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
