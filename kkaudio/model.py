"""Plain, immutable data passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    role: str  # host | guest | narrator


@dataclass(frozen=True)
class Turn:
    speaker: str  # a Speaker.id
    text: str  # what is said, clean; the original wording (not the spoken form)


@dataclass(frozen=True)
class Chapter:
    title: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class Script:
    title: str
    slug: str
    speakers: tuple[Speaker, ...]
    chapters: tuple[Chapter, ...]

    def to_json(self) -> dict[str, Any]:
        """The Script contract of DESIGN.md (what `kkaudio script` prints)."""
        return {
            "title": self.title,
            "slug": self.slug,
            "speakers": {s.id: {"name": s.name, "role": s.role} for s in self.speakers},
            "chapters": [
                {"title": c.title, "turns": [{"speaker": t.speaker, "text": t.text} for t in c.turns]}
                for c in self.chapters
            ],
        }


@dataclass(frozen=True)
class Segment:
    """One unit of synthesis: a sentence (or part of a long one) of one turn."""

    chapter: int
    turn: int
    speaker: str
    text: str  # original wording, for transcripts
    spoken: str  # normalised text the engine reads
    gap_after_ms: int  # silence after this segment within its chapter


@dataclass(frozen=True)
class Cue:
    """Where a segment sits in the assembled audio (ms from the start of its file)."""

    start_ms: int
    end_ms: int
    speaker: str
    text: str
