"""Planned clips -> the clip cache: take what it has, synthesise the rest (here, or on a cluster)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..engines.base import Audio, Engine, VoiceSettings
from ..errors import EngineError, KkaudioError
from .cache import ClipCache
from .plan import PlannedClip


@dataclass
class SynthStats:
    synthesised: int = 0
    cached: int = 0


@dataclass(frozen=True)
class Item:
    """One clip to make elsewhere: its position in the list, what to say, how, and its key."""

    index: int
    text: str
    voice: VoiceSettings
    key: str


class Remote(Protocol):
    """Synthesis somewhere else (pipeline/cluster.py): make every item, calling done(item, audio,
    duration_ms) as each arrives (audio None: the far side stored it in the cache itself)."""

    def synthesise(self, items: Sequence[Item], done: Callable[[Item, Audio | None, float], None]) -> None: ...


Progress = Callable[[int, int], None]  # (clips done, clips to synthesise)


def _where(exc: BaseException, pending: Sequence[PlannedClip]) -> str:
    """'chapter N, turn M (…): ' when the engine said which piece failed (exc.index)."""
    index = getattr(exc, "index", None)
    if not isinstance(index, int) or not 0 <= index < len(pending):
        return ""
    seg = pending[index].segment
    return f"chapter {seg.chapter}, turn {seg.turn + 1} ({seg.text[:24]}…): "


def synthesise_missing(
    clips: Sequence[PlannedClip], engine: Engine, cache: ClipCache, progress: Progress | None = None,
    remote: Remote | None = None,
) -> SynthStats:
    """Make sure every clip is in the cache, here or on `remote`. Each clip is stored as soon as
    it is made, so an interrupted render loses nothing it finished."""
    stats = SynthStats()
    todo: dict[str, PlannedClip] = {}
    for clip in clips:
        if clip.key not in todo and clip.key not in cache:
            todo[clip.key] = clip
    stats.cached = len(clips) - len(todo)  # a clip said twice is made once, then reused
    if progress:
        progress(0, len(todo))
    pending = list(todo.values())
    if remote is not None:
        def arrived(item: Item, audio: Audio | None, _duration_ms: float) -> None:
            if audio is not None:  # None: the worker stored it in the shared cache itself
                cache.put(item.key, audio)
            stats.synthesised += 1
            if progress:
                progress(stats.synthesised, len(todo))

        remote.synthesise([Item(i, c.segment.spoken, c.voice, c.key) for i, c in enumerate(pending)], arrived)
        return stats
    results = engine.synthesize_many([(c.segment.spoken, c.voice) for c in pending])
    while True:
        try:
            index, audio = next(results)
        except StopIteration:
            break
        except KkaudioError as exc:
            raise EngineError(f"{_where(exc, pending)}{exc}") from exc
        except Exception as exc:  # an engine or library bug: say which clip it failed on
            raise EngineError(f"{_where(exc, pending)}{engine.name} failed: {exc!r}") from exc
        cache.put(pending[index].key, audio)  # stored at once: an interrupted render keeps it
        stats.synthesised += 1
        if progress:
            progress(stats.synthesised, len(todo))
    return stats
