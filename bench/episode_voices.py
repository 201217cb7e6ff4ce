"""How the speakers of a rendered episode are heard, from the episode itself.

Decodes the full episode's MP3 and cuts each speaker's speech out by the transcript's cue times.
Speaker distance: each speaker's speech (up to 90 s) embedded with Resemblyzer's encoder (bench/
voice_encoder.py), the pairwise cosine similarity, and each speaker's two halves against each
other for scale. Intelligibility (--cer): every cue (or every n-th, --every) transcribed with
Whisper-base and scored against the cue's text, as bench/intelligibility.py scores sentences:
CER per speaker for Mandarin, WER for English. Each cue is heard with the pause the episode has
around it (half the gap to each neighbouring cue, at most PAUSE_S a side), as a listener hears
it and as bench/intelligibility.py's clips come from the engine; --tight cuts at the cue times.

    python bench/episode_voices.py episodes/kk-5000-days [--cer] [--every 3] [--tight]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import voice_encoder  # noqa: E402

from kkaudio import manifest  # noqa: E402
from kkaudio.engines.base import Audio  # noqa: E402
from kkaudio.machine import cpu_identity  # noqa: E402

RATE = 16000
MAX_SECONDS = 90


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("episode", type=Path, help="an episode folder render wrote")
    parser.add_argument("--cer", action="store_true", help="also Whisper-base CER (WER in English) per speaker")
    parser.add_argument("--every", type=int, default=1, help="with --cer: score every n-th cue of each speaker")
    parser.add_argument("--tight", action="store_true", help="with --cer: cut each cue at its times, without its pauses")
    args = parser.parse_args()
    import miniaudio

    record = manifest.load(args.episode)
    if record is None:
        parser.error(f"{args.episode} holds no rendered episode")
    decoded = miniaudio.decode((args.episode / record.file).read_bytes(), nchannels=1, sample_rate=RATE)
    samples = np.asarray(decoded.samples, dtype=np.float32) / 32768
    transcript = json.loads((args.episode / "transcript.json").read_text(encoding="utf-8"))
    cues = transcript["segments"]
    print(f"{args.episode / record.file}: {len(samples) / RATE / 60:.1f} min, {len(cues)} cues; {cpu_identity()}")
    speech: dict[str, list[np.ndarray]] = {}
    for cue in cues:
        parts = speech.setdefault(cue["speaker"], [])
        if sum(len(p) for p in parts) < MAX_SECONDS * RATE:
            parts.append(cut(samples, cue))
    embeddings = {}
    for name, parts in speech.items():
        audio = np.concatenate(parts)
        embeddings[name] = voice_encoder.embed(audio, RATE)
        mid = len(audio) // 2
        halves = voice_encoder.cosine(voice_encoder.embed(audio[:mid], RATE), voice_encoder.embed(audio[mid:], RATE))
        print(f"{name}: {len(audio) / RATE:.0f} s of speech; its two halves {halves:.3f}")
    names = list(embeddings)
    print("\npairwise cosine similarity:")
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            print(f"  {a} / {b}: {voice_encoder.cosine(embeddings[a], embeddings[b]):.3f}")
    if args.cer:
        intelligibility(samples, cues, record.language, args.every, args.tight)
    return 0


def cut(samples: np.ndarray, cue: dict) -> np.ndarray:
    return samples[int(cue["startTime"] * RATE) : int(cue["endTime"] * RATE)]


# The silence around a cue that goes with it to Whisper. The cue times are the speech alone
# (assemble.trim); Whisper-base hears speech that starts and stops at the very edge of its input
# worse: the seed's narrator cues, synthesised and trimmed, 25 characters of 463 missed, the
# same with 0.3 s of silence either side 16, untrimmed as the engine made them 15.
PAUSE_S = 0.3


def with_pauses(samples: np.ndarray, cues: list[dict], i: int) -> np.ndarray:
    """Cue i with the pause before and after it in the episode: up to half the gap to the cue
    either side (so no neighbour's speech), and at most PAUSE_S."""
    start, end = cues[i]["startTime"], cues[i]["endTime"]
    before = (start - cues[i - 1]["endTime"]) / 2 if i > 0 else start
    after = (cues[i + 1]["startTime"] - end) / 2 if i + 1 < len(cues) else len(samples) / RATE - end
    start -= min(PAUSE_S, max(before, 0.0))
    end += min(PAUSE_S, max(after, 0.0))
    return samples[int(start * RATE) : int(end * RATE)]


def intelligibility(samples: np.ndarray, cues: list[dict], language: str, every: int, tight: bool = False) -> None:
    import opencc
    from intelligibility import distance, hear, normalise, syllables, whisper_model, words

    english = language.startswith("en")
    t2s = opencc.OpenCC("t2s")
    errors: dict[str, list[int]] = {}  # speaker -> [edits, reference length, cues, syllable edits, syllables]
    seen: dict[str, int] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "whisper").mkdir()
        model = whisper_model(tmp / "whisper")
        for i, cue in enumerate(cues):
            seen[cue["speaker"]] = seen.get(cue["speaker"], -1) + 1
            if seen[cue["speaker"]] % every:
                continue
            audio = cut(samples, cue) if tight else with_pauses(samples, cues, i)
            pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()
            heard = hear(model, Audio(pcm, RATE), tmp / "cue.wav", "en" if english else "zh")
            if english:
                ref, got = words(cue["body"]), words(heard)
            else:
                ref, got = normalise(cue["body"], t2s), normalise(heard, t2s)
            tally = errors.setdefault(cue["speaker"], [0, 0, 0, 0, 0])
            tally[0] += distance(ref, got)
            tally[1] += len(ref)
            tally[2] += 1
            if not english:
                tally[3] += distance(syllables(ref), syllables(got))
                tally[4] += len(syllables(ref))
    rate = "WER" if english else "CER"
    cutting = "at the cue times" if tight else f"each cue with its pauses, up to {PAUSE_S} s a side"
    print(f"\nWhisper-base {rate} per speaker, {cutting} ({time.perf_counter() - started:.0f} s):")
    for speaker, (edits, total, n, syllable_edits, syllable_count) in errors.items():
        heard = "" if english else f"; {syllable_edits / max(syllable_count, 1):.1%} of syllables (pinyin with tones)"
        print(f"  {speaker}: {rate} {edits / max(total, 1):.1%} over {n} cues ({total} "
              f"{'words' if english else 'characters'}){heard}")


if __name__ == "__main__":
    sys.exit(main())
