"""eSpeak NG through ctypes, from the `espeakng-loader` wheel (libespeak-ng 1.52 and its data).

Never the system espeak-ng: Debian's 1.51 reads Mandarin (`cmn`) as spelled-out pinyin.
Robotic but ~1000x real time here, so it is the engine for tests and drafts.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError, EngineError
from ..text.readings import unmark
from .base import Audio, Engine, PoolVoice, VoiceSettings, check_keys, check_range

# espeak_AUDIO_OUTPUT, espeak_PARAMETER, espeak_POSITION_TYPE and flags from speak_lib.h
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PARAM = {"rate": 1, "volume": 2, "pitch": 3, "range": 4}
_VARIANTS = {f"m{i}" for i in range(1, 8)} | {f"f{i}" for i in range(1, 6)} | {
    "klatt", "klatt2", "klatt3", "klatt4", "klatt5", "klatt6", "croak", "whisper", "whisperf",
}


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),
    ]


_SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


class _Library:
    """The process-global libespeak-ng: loaded and initialised once, used under one lock."""

    _instance: _Library | None = None
    _create_lock = threading.Lock()

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:
            raise EngineError("engine 'espeak' needs the espeakng-loader package: pip install espeakng-loader") from exc
        try:
            lib = ctypes.CDLL(espeakng_loader.get_library_path())
        except OSError as exc:
            raise EngineError(f"cannot load libespeak-ng from espeakng-loader: {exc}") from exc
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0)
        if rate <= 0:
            raise EngineError("libespeak-ng failed to initialise (espeak_Initialize returned an error)")
        self.lib = lib
        self.rate = rate
        self.version = lib.espeak_Info(None).decode()
        self.lock = threading.Lock()
        self._chunks: list[bytes] = []
        self._interrupted: BaseException | None = None
        # Keep a reference: ctypes callbacks are freed when collected.
        self._callback = _SynthCallback(self._on_audio)
        lib.espeak_SetSynthCallback(self._callback)

    @classmethod
    def get(cls) -> _Library:
        with cls._create_lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def _on_audio(self, wav, n, _events) -> int:
        if self._interrupted is not None:
            return 1  # interrupted as this callback was last entered: abort (speak() raises it)
        try:
            if n > 0:
                self._chunks.append(ctypes.string_at(wav, n * 2))
        except BaseException as exc:  # noqa: BLE001  Ctrl-C arriving in here: ctypes would print it and go on
            self._interrupted = exc
            return 1  # 1 = abort: speak() raises it once espeak_Synth returns
        return 0  # 0 = continue

    def speak(self, text: str, voice: EspeakVoice) -> bytes:
        with self.lock:
            if self.lib.espeak_SetVoiceByName(f"{voice.language}+{voice.variant}".encode()) != 0:
                raise EngineError(f"espeak has no voice {voice.language}+{voice.variant}")
            for name in ("rate", "pitch", "range", "volume"):
                self.lib.espeak_SetParameter(_PARAM[name], int(getattr(voice, name)), 0)
            self._chunks, self._interrupted = [], None
            data = text.encode("utf-8")
            # Ctrl-C can be raised as the callback is entered, before its `try` runs; ctypes then
            # hands the KeyboardInterrupt to sys.unraisablehook and goes on, and the render would
            # finish as if nothing had been asked. For the call's length a hook keeps it for this
            # method to raise; every other report goes on to the hook that was there.
            previous = sys.unraisablehook

            def keep_interrupts(unraisable) -> None:
                if unraisable.object == self._on_audio and isinstance(unraisable.exc_value, KeyboardInterrupt):
                    self._interrupted = unraisable.exc_value
                else:
                    previous(unraisable)

            sys.unraisablehook = keep_interrupts
            try:
                status = self.lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            finally:
                sys.unraisablehook = previous
            if self._interrupted is not None:
                raise self._interrupted
            if status != 0:
                raise EngineError(f"espeak failed to synthesise (error {status}) on: {text[:40]}")
            pcm, self._chunks = b"".join(self._chunks), []
            return pcm


@dataclass(frozen=True)
class EspeakVoice(VoiceSettings):
    language: str = "cmn"
    variant: str = "m3"
    pitch: int = 50  # 0-100, espeak's base pitch
    range: int = 50  # 0-100, how much the pitch moves
    rate: int = 175  # words per minute
    volume: int = 100


class EspeakEngine(Engine):
    name = "espeak"
    summary = "eSpeak NG 1.52 (offline, robotic, very fast; for drafts and tests)"

    def __init__(self) -> None:
        self._lib = _Library.get()

    @classmethod
    def parse_voice(cls, raw: Mapping[str, Any], where: str) -> EspeakVoice:
        check_keys(raw, {"language", "variant", "pitch", "range", "rate", "volume"}, where)
        language = raw.get("language", "cmn")
        variant = raw.get("variant", "m3")
        if not isinstance(language, str) or not language:
            raise ConfigError(f"{where}.language must be an espeak language such as 'cmn'")
        if variant not in _VARIANTS:
            raise ConfigError(f"{where}.variant must be one of {', '.join(sorted(_VARIANTS))}, got {variant!r}")
        return EspeakVoice(
            language=language,
            variant=variant,
            pitch=int(check_range(raw, "pitch", 0, 100, 50, where)),
            range=int(check_range(raw, "range", 0, 100, 50, where)),
            rate=int(check_range(raw, "rate", 80, 450, 175, where)),
            volume=int(check_range(raw, "volume", 0, 200, 100, where)),
        )

    @property
    def version(self) -> str:
        return f"espeak-ng {self._lib.version}"

    def synthesize(self, text: str, voice: VoiceSettings) -> Audio:
        text = unmark(text)  # espeak reads characters with its own dictionary; reading marks are kokoro's
        assert isinstance(voice, EspeakVoice)
        return Audio(self._lib.speak(text, voice), self._lib.rate)

    @classmethod
    def list_voices(cls) -> list[str]:
        return [f"cmn+{v}" for v in sorted(_VARIANTS)]


    @classmethod
    def voice_pool(cls) -> tuple[PoolVoice, ...]:
        # Variants change the formants (timbre), pitch and range the register: each voice is
        # apart from the others in both. English transcripts get the same voices in en-us.
        voices = []
        for lang, tag in (("cmn", ("zh-hans", "zh-hant")), ("en-us", ("en",))):
            for name, gender, variant, pitch, rng, rate in _POOL:
                settings = {"language": lang, "variant": variant, "pitch": pitch, "range": rng, "rate": rate}
                voices.append(PoolVoice(f"{lang}-{name}", gender, settings, tag))
        return tuple(voices)


# Measured (median pitch / spectral centroid on a Mandarin sentence): each voice is at least 10%
# from every other in pitch, or far apart in timbre. Pitch 0-100 moves a variant's register a
# lot; `range` and the variants alone did not set voices apart (f1-f4 at one pitch: 190-218 Hz).
_POOL = (  # name, gender, variant, pitch, range, rate (words per minute)
    ("m-deep", "male", "m1", 20, 45, 170),  # 66 Hz / 1720 Hz
    ("m-dark", "male", "m7", 40, 50, 175),  # 90 Hz / 1500 Hz
    ("m-mid", "male", "m2", 50, 55, 180),  # 93 Hz / 1950 Hz
    ("m-high", "male", "m3", 70, 60, 185),  # 115 Hz / 1840 Hz
    ("f-low", "female", "f4", 50, 50, 175),  # 162 Hz / 1890 Hz
    ("f-mid", "female", "f3", 60, 55, 180),  # 203 Hz / 2070 Hz
    ("f-bright", "female", "f5", 70, 55, 180),  # 235 Hz / 2470 Hz
    ("f-high", "female", "f2", 90, 60, 185),  # 272 Hz / 2140 Hz
)
