"""Measurements of synthesised speech, used by tests and benchmarks to check voices differ."""

from __future__ import annotations

import numpy as np

from ..engines.base import Audio


def samples(audio: Audio) -> np.ndarray:
    return np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768.0


def median_pitch(audio: Audio, fmin: float = 60.0, fmax: float = 400.0) -> float:
    """Median fundamental frequency (Hz) over voiced 40 ms frames, by normalised autocorrelation."""
    x = samples(audio)
    rate = audio.rate
    frame, hop = int(0.04 * rate), int(0.01 * rate)
    lo, hi = int(rate / fmax), int(rate / fmin)
    loud = np.sqrt(np.mean(x**2)) if len(x) else 0.0
    pitches = []
    for start in range(0, len(x) - frame, hop):
        f = x[start : start + frame]
        if np.sqrt(np.mean(f**2)) < 0.5 * loud:  # silence or unvoiced consonants
            continue
        f = f - f.mean()
        ac = np.correlate(f, f, mode="full")[frame - 1 :]
        if ac[0] <= 0:
            continue
        ac = ac / ac[0]
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] > 0.5:  # clearly periodic: voiced
            pitches.append(rate / lag)
    return float(np.median(pitches)) if pitches else 0.0


def spectral_centroid(audio: Audio) -> float:
    """Where the energy of the spectrum sits (Hz): a coarse measure of timbre."""
    x = samples(audio)
    spectrum = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(len(x), 1 / audio.rate)
    return float((spectrum * freqs).sum() / max(spectrum.sum(), 1e-9))
