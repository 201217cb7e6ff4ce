"""Script -> the clips to make: sentence-sized pieces of each turn, in its speaker's voice, each
with the silence that follows it and its key in the clip cache.

`kkaudio render` plans a whole Script; `kkaudio say` plans one line the same way (plan_text),
so a word auditioned sounds exactly as it will in the episode and shares its cached clips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..casting import cast_voices
from ..config import Config, Pauses
from ..engines.base import Engine, VoiceSettings
from ..model import Script, Segment
from ..text.spoken import spoken
from ..text.words import has_speech, split_sentences
from .cache import clip_key


@dataclass(frozen=True)
class PlannedClip:
    segment: Segment
    voice: VoiceSettings
    key: str


def plan_chapters(script: Script, config: Config, engine: Engine) -> list[list[PlannedClip]]:
    """For each chapter, its clips in order, each speaker in the voice casting gives them. The
    last clip of a chapter is followed by the chapter pause."""
    pauses = config.pauses
    voices = {sid: c.voice for sid, c in cast_voices(script, type(engine)).items()}
    lexicon, version = config.lexicon_for(engine.name), engine.version  # once, not per clip
    chapters: list[list[PlannedClip]] = []
    for ci, chapter in enumerate(script.chapters):
        clips: list[PlannedClip] = []
        for ti, turn in enumerate(chapter.turns):
            clips += plan_text(turn.text, voices[turn.speaker], engine.name, version, pauses, lexicon,
                               script.language, chapter=ci, turn=ti, speaker=turn.speaker)
        if clips:
            clips[-1] = with_gap(clips[-1], pauses.chapter_ms)
        chapters.append(clips)
    return chapters


def plan_text(text: str, voice: VoiceSettings, engine: str, version: str, pauses: Pauses,
              lexicon: Sequence[tuple[str, str]], language: str, *, chapter: int = 0, turn: int = 0,
              speaker: str = "") -> list[PlannedClip]:
    """One turn's clips: its sentences (long ones cut at clauses), each as it is said, followed
    by the clause, sentence or (for the last) turn pause."""
    pieces = [(p, end) for p, end in split_sentences(text, language=language) if has_speech(p)]
    clips = []
    for pi, (piece, ends_sentence) in enumerate(pieces):
        said = spoken(piece, lexicon, language=language)
        if not has_speech(said):
            continue
        last = pi == len(pieces) - 1
        gap = pauses.turn_ms if last else pauses.sentence_ms if ends_sentence else pauses.clause_ms
        seg = Segment(chapter, turn, speaker, piece, said, gap)
        clips.append(PlannedClip(seg, voice, clip_key(engine, version, voice.key(), said)))
    return clips


def with_gap(clip: PlannedClip, gap_ms: int) -> PlannedClip:
    return replace(clip, segment=replace(clip.segment, gap_after_ms=gap_ms))
