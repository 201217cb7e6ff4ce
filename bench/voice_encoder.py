"""Resemblyzer's speaker encoder, run with numpy alone (no torch), for bench/voices.py.

The weights ship inside the `Resemblyzer` wheel on PyPI (`resemblyzer/pretrained.pt`, a legacy
torch pickle: magic number, protocol, system info, the pickled checkpoint with storages as
persistent ids, the storage keys, then each storage's raw bytes). The network, as the package
defines it: a 3-layer LSTM (256 units) over 40-band mel frames (25 ms windows every 10 ms at
16 kHz), the last layer's final hidden state through a linear layer, ReLU and L2 norm; an
utterance is the L2-normed mean of its 1.6 s partials, 1.3 partials per second.

`python bench/voice_encoder.py` checks the port behaves as the package documents: two halves of
one voice score high, different speakers low.
"""

from __future__ import annotations

import pickle
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

RATE = 16000
N_FFT, HOP, N_MELS = 400, 160, 40
PARTIAL_FRAMES = 160


# --- loading a legacy torch checkpoint without torch -------------------------------------------

@dataclass
class _Storage:
    dtype: np.dtype
    key: str
    data: np.ndarray | None = None


_STORAGE_TYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64, "LongStorage": np.int64,
                  "IntStorage": np.int32, "HalfStorage": np.float16, "ByteStorage": np.uint8}


class _Tensor:
    def __init__(self, storage: _Storage, offset: int, size: tuple, stride: tuple) -> None:
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def numpy(self) -> np.ndarray:
        data = self.storage.data
        itemsize = data.itemsize
        return np.lib.stride_tricks.as_strided(
            data[self.offset:], shape=self.size, strides=tuple(s * itemsize for s in self.stride)).copy()


def _rebuild_tensor(storage, offset, size, stride, *_rest):
    return _Tensor(storage, offset, size, stride)


class _Unpickler(pickle.Unpickler):
    def __init__(self, f, storages: dict) -> None:
        super().__init__(f)
        self.storages = storages

    def find_class(self, module, name):
        if module.startswith("torch") and name in _STORAGE_TYPES:
            return name
        if module == "torch._utils" and name.startswith("_rebuild_tensor"):
            return _rebuild_tensor
        if module == "collections" and name == "OrderedDict":
            from collections import OrderedDict
            return OrderedDict
        if module.startswith("torch"):
            return lambda *a, **k: None  # anything else torch-specific (hooks, devices) is unused here
        return super().find_class(module, name)

    def persistent_load(self, pid):
        kind, storage_type, key, _location, _size = pid[:5]
        assert kind == "storage"
        if key not in self.storages:
            self.storages[key] = _Storage(np.dtype(_STORAGE_TYPES[storage_type]), key)
        return self.storages[key]


def load_legacy_checkpoint(path: Path) -> dict:
    storages: dict[str, _Storage] = {}
    with open(path, "rb") as f:
        for _ in range(3):  # magic number, protocol version, system info
            pickle.load(f)
        result = _Unpickler(f, storages).load()
        keys = pickle.load(f)
        for key in keys:
            (count,) = struct.unpack("<q", f.read(8))
            storage = storages[key]
            storage.data = np.frombuffer(f.read(count * storage.dtype.itemsize), dtype=storage.dtype)
    return result


# --- the encoder ---------------------------------------------------------------------------------

def weights_path() -> Path:
    """pretrained.pt of the installed Resemblyzer wheel (`pip install --no-deps Resemblyzer==0.1.4`:
    its own dependencies are torch, librosa and webrtcvad, none of which this port needs).
    Found without importing the package, which would import torch."""
    import importlib.util
    import os

    if os.environ.get("RESEMBLYZER_WEIGHTS"):
        return Path(os.environ["RESEMBLYZER_WEIGHTS"])
    spec = importlib.util.find_spec("resemblyzer")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("Resemblyzer's weights are missing: pip install --no-deps Resemblyzer==0.1.4")
    return Path(next(iter(spec.submodule_search_locations))) / "pretrained.pt"


@lru_cache(maxsize=1)
def _weights() -> dict[str, np.ndarray]:
    state = load_legacy_checkpoint(weights_path())["model_state"]
    return {k: v.numpy().astype(np.float32) for k, v in state.items() if isinstance(v, _Tensor)}


@lru_cache(maxsize=1)
def mel_filters() -> np.ndarray:
    """librosa.filters.mel(sr=16000, n_fft=400, n_mels=40): Slaney's mel scale and area norm."""
    def hz_to_mel(f):
        f = np.asarray(f, dtype=np.float64)
        lin = f / (200.0 / 3)
        log = 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) / (np.log(6.4) / 27.0)
        return np.where(f >= 1000.0, log, lin)

    def mel_to_hz(m):
        m = np.asarray(m, dtype=np.float64)
        lin = m * (200.0 / 3)
        log = 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0))
        return np.where(m >= 15.0, log, lin)

    fft_freqs = np.linspace(0, RATE / 2, 1 + N_FFT // 2)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(RATE / 2), N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_freqs[None, :]
    weights = np.zeros((N_MELS, len(fft_freqs)))
    for i in range(N_MELS):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_f[2 : N_MELS + 2] - mel_f[:N_MELS]))[:, None]
    return weights.astype(np.float32)


def mel_spectrogram(wav: np.ndarray) -> np.ndarray:
    """(frames, 40) power mel spectrogram, as librosa computes it (centred, reflect-padded)."""
    padded = np.pad(wav, N_FFT // 2, mode="reflect")
    n = 1 + (len(padded) - N_FFT) // HOP
    frames = np.lib.stride_tricks.as_strided(padded, shape=(n, N_FFT), strides=(padded.strides[0] * HOP,
                                                                                padded.strides[0]))
    window = np.hanning(N_FFT + 1)[:-1]  # periodic Hann, as scipy's get_window("hann")
    power = np.abs(np.fft.rfft(frames * window, axis=1)) ** 2
    return (power @ mel_filters().T).astype(np.float32)


def preprocess(samples: np.ndarray, rate: int) -> np.ndarray:
    """To 16 kHz, loudness raised to -30 dBFS (never lowered), long silences out (as its VAD does)."""
    from math import gcd

    from scipy.signal import resample_poly

    wav = samples.astype(np.float64)
    if rate != RATE:
        g = gcd(rate, RATE)
        wav = resample_poly(wav, RATE // g, rate // g)
    rms = np.sqrt(np.mean(wav**2)) if len(wav) else 0.0
    if rms > 0:
        change = -30 - 20 * np.log10(rms)
        if change > 0:
            wav = wav * 10 ** (change / 20)
    # Speech only: 30 ms windows well above the floor, short pauses kept.
    win = RATE * 30 // 1000
    n = len(wav) // win
    if n:
        energy = np.sqrt(np.mean(wav[: n * win].reshape(n, win) ** 2, axis=1))
        voiced = energy > max(1e-4, 0.05 * np.percentile(energy, 95))
        keep = np.convolve(voiced.astype(float), np.ones(7), mode="same") > 0  # 6 windows' grace
        wav = wav[: n * win].reshape(n, win)[keep].ravel()
    return wav.astype(np.float32)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -60, 60)))


def _forward(mels: np.ndarray) -> np.ndarray:
    """(batch, 160, 40) -> (batch, 256) L2-normed embeddings."""
    w = _weights()
    x = mels
    batch = x.shape[0]
    for layer in range(3):
        w_ih, w_hh = w[f"lstm.weight_ih_l{layer}"], w[f"lstm.weight_hh_l{layer}"]
        bias = w[f"lstm.bias_ih_l{layer}"] + w[f"lstm.bias_hh_l{layer}"]
        h = np.zeros((batch, 256), np.float32)
        c = np.zeros((batch, 256), np.float32)
        inputs = x @ w_ih.T + bias  # all time steps at once
        out = np.empty((batch, x.shape[1], 256), np.float32)
        for t in range(x.shape[1]):
            gates = inputs[:, t] + h @ w_hh.T
            i, f, g, o = np.split(gates, 4, axis=1)  # PyTorch's gate order
            c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
            h = _sigmoid(o) * np.tanh(c)
            out[:, t] = h
        x = out
    raw = np.maximum(0, h @ w["linear.weight"].T + w["linear.bias"])
    return raw / np.linalg.norm(raw, axis=1, keepdims=True)


def embed(samples: np.ndarray, rate: int) -> np.ndarray:
    """A voice's embedding from its speech (float samples at `rate`)."""
    wav = preprocess(samples, rate)
    n_frames = int(np.ceil((len(wav) + 1) / HOP))
    step = int(np.round((RATE / 1.3) / HOP))
    starts = list(range(0, max(1, n_frames - PARTIAL_FRAMES + step + 1), step))
    last = starts[-1] * HOP
    if (len(wav) - last) / (PARTIAL_FRAMES * HOP) < 0.75 and len(starts) > 1:
        starts = starts[:-1]
    need = (starts[-1] + PARTIAL_FRAMES) * HOP
    if need >= len(wav):
        wav = np.pad(wav, (0, need - len(wav) + 1))
    mel = mel_spectrogram(wav)
    partials = _forward(np.stack([mel[s : s + PARTIAL_FRAMES] for s in starts]))
    mean = partials.mean(axis=0)
    return mean / np.linalg.norm(mean)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))
