"""Script -> clips: plan the sentence-sized segments, take what the cache has, synthesise the rest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .cache import ClipCache, clip_key
from .cluster import Cluster, Item  # Ray itself is imported only when a cluster is used
from .casting import cast_voices
from .config import Config
from .engines.base import Audio, Engine, VoiceSettings
from .errors import EngineError, KkaudioError
from .model import Script, Segment
from .textnorm import has_speech, split_sentences, spoken


@dataclass(frozen=True)
class PlannedClip:
    segment: Segment
    voice: VoiceSettings
    key: str


@dataclass
class SynthStats:
    synthesised: int = 0
    cached: int = 0
    audio_ms: float = 0.0


Progress = Callable[[int, int], None]  # (clips done, clips to synthesise)


def plan_chapters(script: Script, config: Config, engine: Engine) -> list[list[PlannedClip]]:
    """For each chapter, its clips in order, each with the silence that follows it."""
    pauses = config.pauses
    voices = {sid: c.voice for sid, c in cast_voices(script, type(engine)).items()}
    lexicon, version = config.lexicon_for(engine.name), engine.version  # once, not per clip
    chapters: list[list[PlannedClip]] = []
    for ci, chapter in enumerate(script.chapters):
        clips: list[PlannedClip] = []
        for ti, turn in enumerate(chapter.turns):
            voice = voices[turn.speaker]
            pieces = [(p, end) for p, end in split_sentences(turn.text, language=script.language) if has_speech(p)]
            for pi, (piece, ends_sentence) in enumerate(pieces):
                said = spoken(piece, lexicon, language=script.language)
                if not has_speech(said):
                    continue
                last_of_turn = pi == len(pieces) - 1
                gap = pauses.turn_ms if last_of_turn else pauses.sentence_ms if ends_sentence else pauses.clause_ms
                seg = Segment(ci, ti, turn.speaker, piece, said, gap)
                clips.append(PlannedClip(seg, voice, clip_key(engine.name, version, voice.key(), said)))
        if clips:
            last = clips[-1]
            clips[-1] = PlannedClip(_with_gap(last.segment, pauses.chapter_ms), last.voice, last.key)
        chapters.append(clips)
    return chapters


def _where(exc: BaseException, pending: Sequence[PlannedClip]) -> str:
    """'chapter N, turn M (…): ' when the engine said which piece failed (exc.index)."""
    index = getattr(exc, "index", None)
    if not isinstance(index, int) or not 0 <= index < len(pending):
        return ""
    seg = pending[index].segment
    return f"chapter {seg.chapter}, turn {seg.turn + 1} ({seg.text[:24]}…): "


def _with_gap(seg: Segment, gap_ms: int) -> Segment:
    return Segment(seg.chapter, seg.turn, seg.speaker, seg.text, seg.spoken, gap_ms)


def synthesise_missing(
    clips: Sequence[PlannedClip], engine: Engine, cache: ClipCache, progress: Progress | None = None,
    cluster: Cluster | None = None,
) -> SynthStats:
    """Make sure every clip is in the cache, here or on `cluster`. Each clip is stored as soon as
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
    if cluster is not None:
        def arrived(item: Item, audio: Audio | None, duration_ms: float) -> None:
            if audio is not None:  # None: the worker stored it in the shared cache itself
                cache.put(item.key, audio)
            stats.synthesised += 1
            stats.audio_ms += duration_ms
            if progress:
                progress(stats.synthesised, len(todo))

        items = [Item(i, c.segment.spoken, c.voice, c.key) for i, c in enumerate(pending)]
        cluster.synthesise(items, arrived)
        return stats
    results = engine.synthesize_many([(c.segment.spoken, c.voice) for c in pending])
    done = 0
    while True:
        try:
            index, audio = next(results)
        except StopIteration:
            break
        except KkaudioError as exc:
            raise EngineError(f"{_where(exc, pending)}{exc}") from exc
        except Exception as exc:  # an engine or library bug: say which clip it failed on
            raise EngineError(f"{_where(exc, pending)}{engine.name} failed: {exc!r}") from exc
        clip = pending[index]
        cache.put(clip.key, audio)  # stored at once: an interrupted render keeps it
        done += 1
        stats.synthesised += 1
        stats.audio_ms += audio.duration_ms
        if progress:
            progress(done, len(todo))
    return stats
