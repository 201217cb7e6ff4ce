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
from ..text.normalise import REVISION as NORMALISE_REVISION
from ..text.normalise import normalise_many
from ..text.readings import REVISION as READINGS_REVISION
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
    lexicon = config.lexicon_for(engine.name)
    versions = {sid: front_end_version(engine, voice) for sid, voice in voices.items()}  # once, not per clip
    turns = [(ci, ti, turn) for ci, chapter in enumerate(script.chapters) for ti, turn in enumerate(chapter.turns)]
    pieces = [_pieces(turn.text, script.language) for _, _, turn in turns]
    # Every piece of the episode read at once: the polyphones' model runs in batches (text/readings.py).
    said = iter(normalise_many([p for ps in pieces for p, _ in ps], lexicon, script.language))
    chapters: list[list[PlannedClip]] = [[] for _ in script.chapters]
    for (ci, ti, turn), ps in zip(turns, pieces):
        chapters[ci] += _clips(ps, [next(said).spoken for _ in ps], voices[turn.speaker], engine.name,
                               versions[turn.speaker], pauses, chapter=ci, turn=ti, speaker=turn.speaker)
    for clips in chapters:
        if clips:
            clips[-1] = with_gap(clips[-1], pauses.chapter_ms)
    return chapters


def front_end_version(engine: Engine, voice: VoiceSettings) -> str:
    """The engine's version for `voice` and the front end's: a cached clip is made again when
    either changes (a reading that changes for one piece changes that piece's spoken text, hence
    its key only)."""
    return f"{engine.voice_version(voice)} tn{NORMALISE_REVISION} rd{READINGS_REVISION}"


def plan_text(text: str, voice: VoiceSettings, engine: str, version: str, pauses: Pauses,
              lexicon: Sequence[tuple[str, str]], language: str, *, chapter: int = 0, turn: int = 0,
              speaker: str = "") -> list[PlannedClip]:
    """One turn's clips: its sentences (long ones cut at clauses), each as it is said, followed
    by the clause, sentence or (for the last) turn pause."""
    pieces = _pieces(text, language)
    said = [r.spoken for r in normalise_many([p for p, _ in pieces], lexicon, language)]
    return _clips(pieces, said, voice, engine, version, pauses, chapter=chapter, turn=turn, speaker=speaker)


def _pieces(text: str, language: str) -> list[tuple[str, bool]]:
    return [(p, end) for p, end in split_sentences(text, language=language) if has_speech(p)]


def _clips(pieces: list[tuple[str, bool]], said: list[str], voice: VoiceSettings, engine: str, version: str,
           pauses: Pauses, *, chapter: int, turn: int, speaker: str) -> list[PlannedClip]:
    clips = []
    for pi, ((piece, ends_sentence), spoken) in enumerate(zip(pieces, said)):
        if not has_speech(spoken):
            continue
        last = pi == len(pieces) - 1
        gap = pauses.turn_ms if last else pauses.sentence_ms if ends_sentence else pauses.clause_ms
        seg = Segment(chapter, turn, speaker, piece, spoken, gap)
        clips.append(PlannedClip(seg, voice, clip_key(engine, version, voice.key(), spoken)))
    return clips


def with_gap(clip: PlannedClip, gap_ms: int) -> PlannedClip:
    return replace(clip, segment=replace(clip.segment, gap_after_ms=gap_ms))
