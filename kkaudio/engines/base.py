"""The speech-engine interface, and the registry every engine (built-in or not) goes through."""

from __future__ import annotations

import importlib
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

# What engines validate their voice blocks with (third-party engines too): the config's own checks.
from ..checks import keys as check_keys, number as check_range  # noqa: F401
from ..errors import EngineError


@dataclass(frozen=True)
class Audio:
    """Mono 16-bit signed little-endian PCM at a known sample rate."""

    pcm: bytes
    rate: int

    @property
    def frames(self) -> int:
        return len(self.pcm) // 2

    @property
    def duration_ms(self) -> float:
        return 1000.0 * self.frames / self.rate


@dataclass(frozen=True)
class VoiceSettings:
    """Base of each engine's validated voice settings; `key()` feeds the clip cache."""

    def key(self) -> str:
        fields = sorted(vars(self).items())
        return ";".join(f"{k}={v!r}" for k, v in fields)

    def block(self) -> dict[str, Any]:
        """These settings as a voice block of voices.yaml (what parse_voice reads back)."""
        return dict(vars(self))


@dataclass(frozen=True)
class PoolVoice:
    """A named voice an engine offers to speakers nobody configured (casting.py)."""

    name: str
    gender: str  # male | female
    settings: Mapping[str, Any]  # a voice block, as in voices.yaml
    languages: tuple[str, ...] = ("zh-hans", "zh-hant", "en")  # transcripts it suits
    note: str = ""  # what sets it apart, for `kkaudio voices`
    spare: bool = False  # given only when the pool's other voices of its gender are taken


class Engine(ABC):
    """Text + voice settings -> PCM. One instance per render; it may hold a loaded model."""

    name: ClassVar[str]
    #: A short description for `kkaudio voices` and error messages.
    summary: ClassVar[str] = ""
    #: CPUs one instance keeps busy, to place it on a cluster (render --cluster). 0: it waits on
    #: a network service, and `jobs` bounds its requests instead.
    cpus: ClassVar[int] = 1

    @classmethod
    @abstractmethod
    def parse_voice(cls, raw: Mapping[str, Any], where: str) -> VoiceSettings:
        """Validate one speaker's voice block from voices.yaml; `where` names it in errors."""

    @property
    @abstractmethod
    def version(self) -> str:
        """Changes whenever the same text and voice would sound different (part of the cache key)."""

    def voice_version(self, voice: VoiceSettings) -> str:
        """The version of the clips `voice` speaks (part of their cache key): `version`, unless
        the engine speaks some voices another way (kokoro's graph per voice)."""
        return self.version

    @abstractmethod
    def synthesize(self, text: str, voice: VoiceSettings) -> Audio:
        """Speak one sentence-sized piece of normalised text."""

    def synthesize_many(self, items: Sequence[tuple[str, VoiceSettings]]) -> Iterator[tuple[int, Audio]]:
        """Speak many pieces; yield (index into items, audio) as each is done, in any order.

        Engines that gain from batching or parallel requests override this. If one piece
        fails, the pieces already yielded stand (the caller has cached them).
        """
        for i, (text, voice) in enumerate(items):
            yield i, self.synthesize(text, voice)

    @classmethod
    def parse_settings(cls, raw: Mapping[str, Any], where: str) -> Mapping[str, Any]:
        """Validate the engine's own block of voices.yaml (`engines: {name: …}`)."""
        check_keys(raw, set(), where)
        return {}

    @classmethod
    def create(cls, settings: Mapping[str, Any], jobs: int | None) -> Engine:
        """The engine for one render; `jobs` bounds its parallel work (None: its default)."""
        return cls()

    @classmethod
    def list_voices(cls) -> list[str]:
        """Voice names this engine offers, for `kkaudio voices` (without loading a model)."""
        return []

    @classmethod
    def voice_pool(cls) -> tuple[PoolVoice, ...]:
        """Voices for speakers with none configured, each distinct from the others."""
        return ()

    @classmethod
    def warm_up(cls) -> None:
        """Start loading, in the background, what the first synthesis will need (a dictionary,
        say); a render calls it as soon as it knows its engine. Optional."""

    def worker_settings(self, settings: Mapping[str, Any]) -> Mapping[str, Any]:
        """The settings that make this same engine elsewhere (a cluster worker): `settings` with
        any choice this engine made for itself on this machine filled in."""
        return settings

    def close(self) -> None:
        """Release what the engine holds (models, sessions)."""


# Built-in engines are imported only when chosen, so a slow import (a neural model runtime)
# costs nothing to a user of another engine. Third-party engines are named in KKAUDIO_ENGINES
# ("name=module:Class,…"; it reaches cluster workers too), or register()ed in-process.
_BUILTIN: dict[str, str] = {
    "espeak": "kkaudio.engines.espeak:EspeakEngine",
    "kokoro": "kkaudio.engines.kokoro:KokoroEngine",
    "edge": "kkaudio.engines.edge:EdgeEngine",
}
ENGINES_ENV = "KKAUDIO_ENGINES"
_registered: dict[str, type[Engine]] = {}


def _sources() -> dict[str, str]:
    extra: dict[str, str] = {}
    for spec in filter(None, (s.strip() for s in os.environ.get(ENGINES_ENV, "").split(","))):
        name, _, target = spec.partition("=")
        if not name or ":" not in target:
            raise EngineError(f"{ENGINES_ENV}: {spec!r} is not name=module:Class")
        extra[name.strip()] = target.strip()
    return {**_BUILTIN, **extra}


def register(engine: type[Engine]) -> None:
    _registered[engine.name] = engine


def unregister(name: str) -> None:
    _registered.pop(name, None)


def engine_names() -> list[str]:
    return sorted(set(_sources()) | set(_registered))


def engine_class(name: str) -> type[Engine]:
    if name in _registered:
        return _registered[name]
    sources = _sources()
    if name not in sources:
        raise EngineError(f"unknown engine {name!r}; known engines: {', '.join(engine_names())}")
    module_name, _, class_name = sources[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:  # a missing optional dependency
        raise EngineError(f"engine {name!r} cannot load: {exc}") from exc
    engine = getattr(module, class_name, None)
    if not (isinstance(engine, type) and issubclass(engine, Engine)):
        raise EngineError(f"engine {name!r}: {sources[name]} is not a kkaudio Engine class")
    return engine
