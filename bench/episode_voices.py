"""How far apart the speakers of a rendered episode are heard, from the episode itself.

Decodes the full episode's MP3, cuts each speaker's speech out by the transcript's cue times
(up to 90 s each), embeds it with Resemblyzer's encoder (bench/voice_encoder.py) and prints the
pairwise cosine similarity, and each speaker's two halves against each other for scale.

    python bench/episode_voices.py episodes/kk-5000-days
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import voice_encoder  # noqa: E402

from kkaudio import manifest  # noqa: E402

RATE = 16000
MAX_SECONDS = 90


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("episode", type=Path, help="an episode folder render wrote")
    args = parser.parse_args()
    import miniaudio

    record = manifest.load(args.episode)
    if record is None:
        parser.error(f"{args.episode} holds no rendered episode")
    decoded = miniaudio.decode((args.episode / record.file).read_bytes(), nchannels=1, sample_rate=RATE)
    samples = np.asarray(decoded.samples, dtype=np.float32) / 32768
    cues = json.loads((args.episode / "transcript.json").read_text(encoding="utf-8"))["segments"]
    speech: dict[str, list[np.ndarray]] = {}
    for cue in cues:
        parts = speech.setdefault(cue["speaker"], [])
        if sum(len(p) for p in parts) < MAX_SECONDS * RATE:
            parts.append(samples[int(cue["startTime"] * RATE) : int(cue["endTime"] * RATE)])
    embeddings, halves = {}, {}
    for name, parts in speech.items():
        audio = np.concatenate(parts)
        embeddings[name] = voice_encoder.embed(audio, RATE)
        mid = len(audio) // 2
        halves[name] = voice_encoder.cosine(voice_encoder.embed(audio[:mid], RATE), voice_encoder.embed(audio[mid:], RATE))
        print(f"{name}: {len(audio) / RATE:.0f} s of speech; its two halves {halves[name]:.3f}")
    names = list(embeddings)
    print("\npairwise cosine similarity:")
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            print(f"  {a} / {b}: {voice_encoder.cosine(embeddings[a], embeddings[b]):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
