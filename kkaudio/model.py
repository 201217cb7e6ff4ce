"""Plain, immutable data passed between the pipeline stages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    role: str  # host | guest | narrator
    labels: tuple[str, ...] = ()  # as written before the colon in the transcript
    turns: int = 0
    chars: int = 0
    configured: bool = False  # named in voices.yaml or a sidecar (not found by the reader)
    certain: bool = True  # False: the role is a guess the text does not settle
    gender: str | None = None  # male | female | None: unknown
    voices: Mapping[str, Any] = field(default_factory=dict)  # engine -> VoiceSettings configured for it
    gender_evidence: str = ""  # what the gender rests on: "configured", "given name 娜", "Mr."


@dataclass(frozen=True)
class Dropped:
    """A line of the transcript that is not spoken, and why (kkaudio script --explain)."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class IgnoredLabel:
    """Something written like a speaker label that the reader did not take as one, and why."""

    label: str
    line: int
    reason: str


@dataclass(frozen=True)
class Turn:
    speaker: str  # a Speaker.id
    text: str  # what is said, clean; the original wording (not the spoken form)
    start: float | None = None  # where it starts in the source's recording (captions, STT JSON), seconds


@dataclass(frozen=True)
class Chapter:
    title: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class Soundbite:
    """A stretch of the episode an app may play as a preview (podcast:soundbite)."""

    start_ms: int
    duration_ms: int
    title: str = ""


@dataclass(frozen=True)
class EpisodeInfo:
    """What is published with an episode besides its audio, from its sidecar or front matter."""

    notes: str = ""  # the user's own show notes, Markdown
    season: int | None = None
    soundbites: tuple[Soundbite, ...] | None = None  # None: chosen by publish/notes.py's rule


@dataclass(frozen=True)
class Script:
    title: str
    slug: str
    speakers: tuple[Speaker, ...]
    chapters: tuple[Chapter, ...]
    language: str = "zh-hans"  # zh-hans | zh-hant | en
    meta: Mapping[str, str] = field(default_factory=dict)  # front matter: author, date, description…
    dropped: tuple[Dropped, ...] = ()
    ignored_labels: tuple[IgnoredLabel, ...] = ()
    label_style: str = ""  # the shapes taken as labels (`kkaudio script --explain`)
    source: str = ""  # the file as its source read it: "PDF, 92 pages", "text in GB18030"
    pages: tuple[int, ...] = ()  # a PDF's first line number on each page, for `where`
    warnings: tuple[str, ...] = ()  # for the user: a sidecar naming a label the text lacks
    info: EpisodeInfo = EpisodeInfo()

    def where(self, line: int) -> str:
        """A line number as the user finds it in the file: `12`, or `p. 3, line 12` in a PDF."""
        if not self.pages or line < self.pages[0]:
            return str(line)
        page = max(i for i, first in enumerate(self.pages) if first <= line)
        return f"p. {page + 1}, line {line - self.pages[page] + 1}"

    def speaker(self, speaker_id: str) -> Speaker:
        return next(s for s in self.speakers if s.id == speaker_id)

    def to_json(self) -> dict[str, Any]:
        """The Script contract of DESIGN.md (what `kkaudio script` prints)."""
        return {
            "title": self.title,
            "slug": self.slug,
            "speakers": {s.id: {"name": s.name, "role": s.role} for s in self.speakers},
            "chapters": [
                {"title": c.title, "turns": [{"speaker": t.speaker, "text": t.text,
                                              **({"start": round(t.start, 3)} if t.start is not None else {})}
                                             for t in c.turns]}
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
    spoken: str = ""  # what the engine was given (kkaudio proof compares what it hears with it)
    clip: str = ""  # the clip's key in the clip cache ("": rendered before proof existed)
