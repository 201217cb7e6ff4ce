"""Mandarin tones made clearer in the pitch Kokoro predicts.

The only styles shipped with the model come from Japanese speakers, and with them the model
says many Mandarin tones too flat: Whisper-base heard 叫做 (jiào) as 交做 (jiāo) and 驾驶 as
加时. Between the model's prosody predictor and its decoder (graph.split), this module
moves the F0 of every toned syllable part of the way towards the textbook shape of its tone.

- The shapes are Chao's tone letters: 55, 35, 21 (the third tone as said inside a phrase)
  and 51. They are drawn around the speaker's own pitch, smoothed over about half a second,
  so the voice keeps its register, its intonation and its declination.
- `strength` is how far each syllable moves towards the shape: 0 leaves the model's pitch
  alone, 1 replaces it.
- `semitones` is the step between two of Chao's levels.
- A third tone before another third tone in the same word is said as a second tone (你好).
- Unvoiced frames, neutral-tone syllables and English words are left as they are.

Syllables come from the G2P's phonemes (g2p.py). A tone arrow follows the syllable's vowels, and a
nasal coda follows the arrow: ʨjau↘ (叫), tjɛ↘n (电), ʂa→ŋ (商).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

REVISION = 1  # part of the engine version: clips shaped by another revision are not reused
TONES = {"→": 1, "↗": 2, "↓": 3, "↘": 4}
# Chao's five pitch levels (5 high, 1 low) at the start, middle and end of the syllable.
SHAPES = {1: (5, 5, 5), 2: (3, 4, 5), 3: (2, 1, 1), 4: (5, 3, 1)}
_VOWELS = set("aeiouəɤɛɨʊyɚœɑɔæøɪʌɻ")
_RHYME = _VOWELS | set("jwɥ")  # the medial glides carry the tone too
_VOICED_HZ = 30.0  # the model predicts a few Hz for unvoiced frames
_CONTEXT_FRAMES = 41  # the speaker's own pitch is smoothed over this many F0 values (~0.5 s)


def syllables(symbols: Sequence[str]) -> list[tuple[int, int, int]]:
    """(first symbol, end, tone) of each toned syllable's rhyme, with third-tone sandhi applied."""
    found: list[list[int]] = []
    for i, symbol in enumerate(symbols):
        if symbol not in TONES:
            continue
        start = i
        while start > 0 and symbols[start - 1] in _RHYME:
            start -= 1
        end = i + 1
        if end < len(symbols) and symbols[end] in "nŋ" and not (end + 1 < len(symbols) and symbols[end + 1] in _VOWELS):
            end += 1
        found.append([start, end, TONES[symbol]])
    for this, following in zip(found, found[1:]):
        if this[2] == 3 and following[2] == 3 and " " not in symbols[this[1] : following[0]]:
            this[2] = 2
    return [(start, end, tone) for start, end, tone in found]


def shape(symbols: Sequence[str], durations: np.ndarray, f0: np.ndarray, strength: float,
          semitones: float) -> np.ndarray:
    """F0 (Hz, as the model predicted it for `symbols`) with each tone moved towards its shape.

    `durations` are the model's frames per token, the two pad tokens around the symbols included.
    """
    durations = np.asarray(durations).ravel()
    f0 = np.asarray(f0, dtype=np.float32).ravel()
    frames = durations.sum()
    if strength <= 0 or len(durations) != len(symbols) + 2 or frames <= 0 or len(f0) % frames:
        return f0
    per_frame = len(f0) // int(frames)
    edges = np.concatenate([[0], np.cumsum(durations)]).astype(int) * per_frame
    voiced = f0 > _VOICED_HZ
    if voiced.sum() < 2:
        return f0
    where = np.arange(len(f0))
    # log F0 with the unvoiced gaps bridged, so that smoothing never mixes in their few Hz
    log_f0 = np.interp(where, where[voiced], np.log(f0[voiced]))
    own = _smooth(log_f0, _CONTEXT_FRAMES)
    out = log_f0.copy()
    step = semitones * np.log(2) / 12
    for start, end, tone in syllables(symbols):
        a, b = edges[start + 1], edges[end + 1]  # + 1: the leading pad token
        if b - a < 2:
            continue
        levels = np.interp(np.linspace(0, 1, b - a), [0, 0.5, 1], SHAPES[tone])
        target = own[a:b] + (levels - 3) * step
        out[a:b] = strength * target + (1 - strength) * log_f0[a:b]
    out = _smooth(out, 3)  # no steps between syllables
    return np.where(voiced, np.exp(out), f0).astype(np.float32)


def _smooth(x: np.ndarray, width: int) -> np.ndarray:
    padded = np.pad(x, width // 2, mode="edge")
    return np.convolve(padded, np.ones(width) / width, mode="valid")
