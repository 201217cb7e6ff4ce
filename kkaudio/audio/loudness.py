"""Loudness to the podcast norm: −16 LUFS integrated, true peak at most −1 dBTP.

Measured with pyloudnorm (ITU-R BS.1770-4, the meter ffmpeg's ebur128 also implements); peaks
held by a look-ahead limiter working on 4× oversampled peaks, because sample peaks miss the
inter-sample overs a decoder (and the MP3 encoder's filtering) produce.
"""

from __future__ import annotations

import numpy as np

# pyloudnorm and scipy.signal are imported where they are used: together they take a second
# to import, which a render would otherwise spend before its first clip is synthesised.

TARGET_LUFS = -16.0
# Below the −1 dBTP ceiling, so the MP3 encoder's own overshoot still stays under it.
PEAK_CEILING_DBTP = -2.0
LIMITER_MS = 3.0  # look-ahead/attack; short enough to be inaudible on speech


def peak_envelope(x: np.ndarray) -> np.ndarray:
    """For each sample, the highest |value| of the 4× oversampled signal around it.

    Worked in blocks, so an hour of audio does not need four hours' worth of memory at once.
    """
    from scipy.signal import resample_poly

    out = np.empty(len(x), dtype=np.float32)
    for start in range(0, len(x), _BLOCK):
        lo, hi = max(0, start - _PAD), min(len(x), start + _BLOCK + _PAD)
        up = np.abs(resample_poly(x[lo:hi], 4, 1)).astype(np.float32)
        env = np.maximum.reduce([up[0::4], up[1::4], up[2::4], up[3::4]])
        out[start : start + _BLOCK] = env[start - lo : start - lo + _BLOCK]
    return out


_BLOCK = 1 << 18
_PAD = 64  # longer than the resampling filter's reach, so block edges match the whole signal


def normalise(x: np.ndarray, rate: int) -> np.ndarray:
    """Float samples in [-1, 1] -> the same speech at TARGET_LUFS, true peak under the ceiling."""
    x = x.astype(np.float32)
    if len(x) < rate // 2 or not np.any(x):
        return x  # too short to measure (the meter needs 400 ms blocks); leave it be
    import pyloudnorm

    meter = pyloudnorm.Meter(rate)
    y = x
    # Limiting lowers the loudness a little; a pass or two more makes up for it.
    for _ in range(3):
        loudness = meter.integrated_loudness(y)
        if not np.isfinite(loudness):
            return x
        if abs(loudness - TARGET_LUFS) < 0.25:
            break
        y = _limit(y * _db(TARGET_LUFS - loudness), rate)
    return _limit(x, rate) if y is x else y


def _limit(x: np.ndarray, rate: int) -> np.ndarray:
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = _db(PEAK_CEILING_DBTP)
    if np.max(np.abs(x)) < ceiling / 2:
        return x  # 6 dB of headroom: no inter-sample peak of speech reaches the ceiling
    over = peak_envelope(x)
    if over.max() <= ceiling:
        return x
    need = np.minimum(1.0, ceiling / np.maximum(over, 1e-9))
    width = max(1, int(rate * LIMITER_MS / 1000))
    # The minimum over 2w then the mean over w never exceeds the gain needed at any sample,
    # and ramps smoothly into and out of each peak.
    gain = uniform_filter1d(minimum_filter1d(need, size=2 * width + 1), size=width)
    return (x * gain).astype(np.float32)


def _db(db: float) -> float:
    return float(10 ** (db / 20))
