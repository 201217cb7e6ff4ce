"""Script -> clips: plan the sentence-sized segments, take what the cache has, synthesise the rest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .cache import ClipCache, clip_key
from .config import Config
from .engines.base import Engine, VoiceSettings
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
    chapters: list[list[PlannedClip]] = []
    for ci, chapter in enumerate(script.chapters):
        clips: list[PlannedClip] = []
        for ti, turn in enumerate(chapter.turns):
            voice = config.voice(turn.speaker, engine.name)
            pieces = [(p, end) for p, end in split_sentences(turn.text) if has_speech(p)]
            for pi, (piece, ends_sentence) in enumerate(pieces):
                said = spoken(piece, config.lexicon)
                if not has_speech(said):
                    continue
                last_of_turn = pi == len(pieces) - 1
                gap = pauses.turn_ms if last_of_turn else pauses.sentence_ms if ends_sentence else pauses.clause_ms
                seg = Segment(ci, ti, turn.speaker, piece, said, gap)
                clips.append(PlannedClip(seg, voice, clip_key(engine.name, engine.version, voice.key(), said)))
        if clips:
            last = clips[-1]
            clips[-1] = PlannedClip(_with_gap(last.segment, pauses.chapter_ms), last.voice, last.key)
        chapters.append(clips)
    return chapters


def _with_gap(seg: Segment, gap_ms: int) -> Segment:
    return Segment(seg.chapter, seg.turn, seg.speaker, seg.text, seg.spoken, gap_ms)


def synthesise_missing(
    clips: Sequence[PlannedClip], engine: Engine, cache: ClipCache, progress: Progress | None = None
) -> SynthStats:
    """Make sure every clip is in the cache. Each clip is stored as soon as it is made, so an
    interrupted render loses nothing it finished."""
    stats = SynthStats()
    todo: dict[str, PlannedClip] = {}
    for clip in clips:
        if clip.key not in todo and clip.key not in cache:
            todo[clip.key] = clip
    stats.cached = len(clips) - len(todo)  # a clip said twice is made once, then reused
    if progress:
        progress(0, len(todo))
    pending = list(todo.values())
    results = engine.synthesize_many((c.segment.spoken, c.voice) for c in pending)
    for done, clip in enumerate(pending, start=1):
        try:
            audio = next(results)
        except KkaudioError:
            raise
        except Exception as exc:  # an engine or library bug: name the clip it failed on
            raise EngineError(
                f"{engine.name} failed on chapter {clip.segment.chapter}, turn {clip.segment.turn + 1} "
                f"({clip.segment.text[:30]}…): {exc}"
            ) from exc
        cache.put(clip.key, audio)
        stats.synthesised += 1
        stats.audio_ms += audio.duration_ms
        if progress:
            progress(done, len(todo))
    return stats
