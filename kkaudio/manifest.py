"""The record of a rendered episode: what each file in its folder was made from.

A render writes one `.kkaudio.json` per episode folder; the next render reads it to skip the
chapters whose clips and settings did not change, the feeds and pages read it to list every
episode in the output folder (this render's and earlier ones). These records are that file,
typed: `from_json` reads what any earlier version wrote (a chapter without cues is one rendered
before the pages existed), `to_json` writes the same format.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from .fsutil import read_json
from .model import Cue, Soundbite

FILE = ".kkaudio.json"
_CUE_FIELDS = {f.name for f in fields(Cue)}  # a newer version's keys in a cue are left aside


@dataclass(frozen=True)
class ChapterMark:
    """A chapter's place in the full episode (ID3 CHAP, chapters.json, the page's chapter list)."""

    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class ChapterRecord:
    file: str  # the chapter's MP3, in the episode's chapters/ folder
    title: str
    hash: str  # of everything the file was made from (pipeline/episode.py)
    size: int = 0  # bytes
    duration_ms: float = 0.0  # from its MP3 frames
    cues: tuple[Cue, ...] | None = None  # None: rendered before cues were recorded

    @property
    def stem(self) -> str:
        return Path(self.file).stem

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "title": self.title, "hash": self.hash, "size": self.size,
                               "duration_ms": self.duration_ms}
        if self.cues is not None:
            out["cues"] = [vars(c) for c in self.cues]
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ChapterRecord:
        cues = raw.get("cues")
        return cls(file=raw["file"], title=raw["title"], hash=raw.get("hash", ""), size=raw.get("size", 0),
                   duration_ms=raw.get("duration_ms", 0.0),
                   cues=None if cues is None else tuple(Cue(**{k: v for k, v in c.items() if k in _CUE_FIELDS})
                                                         for c in cues))


@dataclass(frozen=True)
class Person:
    name: str
    role: str  # host | guest (the Podcasting 2.0 taxonomy's roles)


@dataclass(frozen=True)
class EpisodeRecord:
    slug: str
    title: str  # with the preview's note when only some chapters were rendered
    description: str  # one or two sentences on the episode (publish/notes.py's summary)
    published: str  # ISO 8601, set by the first render and kept
    file: str  # the full episode's MP3, in the episode's folder
    chapters: tuple[ChapterRecord, ...]
    language: str = "zh-hans"
    preview: bool = False
    engine: str = ""
    people: tuple[Person, ...] = ()  # hosts and guests
    hash: str = ""  # of the chapters' hashes, the title and the date
    size: int = 0
    duration_ms: int = 0
    notes: str = ""  # the user's own show notes, Markdown
    season: int | None = None
    soundbites: tuple[Soundbite, ...] | None = None  # the user's; None: chosen by publish/notes.py's rule
    updated: str = ""  # ISO 8601: when anything published about it last changed ("": published)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # keys a newer version wrote

    @property
    def published_at(self) -> datetime:
        return datetime.fromisoformat(self.published)

    @property
    def updated_at(self) -> datetime:
        return datetime.fromisoformat(self.updated or self.published)

    @property
    def has_cues(self) -> bool:
        return all(c.cues is not None for c in self.chapters)

    def timeline(self) -> tuple[list[ChapterMark], list[Cue]]:
        """Chapter marks and cues in the full episode: each chapter starts where the one before
        it ends, by its length in MP3 frames."""
        marks: list[ChapterMark] = []
        cues: list[Cue] = []
        position = 0.0
        for chapter in self.chapters:
            start = round(position)
            marks.append(ChapterMark(chapter.title, start, round(position + chapter.duration_ms)))
            cues += [replace(c, start_ms=c.start_ms + start, end_ms=c.end_ms + start) for c in chapter.cues or ()]
            position += chapter.duration_ms
        return marks, cues

    def total_ms(self) -> int:
        return round(sum(c.duration_ms for c in self.chapters))

    def to_json(self) -> dict[str, Any]:
        return {
            **self.extra,
            "slug": self.slug, "language": self.language, "preview": self.preview, "title": self.title,
            "description": self.description, "published": self.published, "engine": self.engine,
            "file": self.file, "people": [[p.name, p.role] for p in self.people],
            "chapters": [c.to_json() for c in self.chapters],
            "hash": self.hash, "size": self.size, "duration_ms": self.duration_ms,
            "notes": self.notes, "season": self.season, "updated": self.updated,
            "soundbites": None if self.soundbites is None else [vars(b) for b in self.soundbites],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> EpisodeRecord:
        known = {f.name for f in fields(cls)} - {"extra"}  # each field is written under its own name
        bites = raw.get("soundbites")
        return cls(
            slug=raw["slug"], title=raw["title"], description=raw.get("description", ""),
            published=raw["published"], file=raw["file"],
            chapters=tuple(ChapterRecord.from_json(c) for c in raw.get("chapters", [])),
            language=raw.get("language", "zh-hans"), preview=bool(raw.get("preview", False)),
            engine=raw.get("engine", ""), people=tuple(Person(n, r) for n, r in raw.get("people", [])),
            hash=raw.get("hash", ""), size=raw.get("size", 0), duration_ms=raw.get("duration_ms", 0),
            notes=raw.get("notes", ""), season=raw.get("season"), updated=raw.get("updated", ""),
            soundbites=None if bites is None else tuple(Soundbite(**b) for b in bites),
            extra={k: v for k, v in raw.items() if k not in known},
        )

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)

    def with_audio(self, size: int, duration_ms: int, hash: str) -> EpisodeRecord:
        return replace(self, size=size, duration_ms=duration_ms, hash=hash)


def load(folder: Path) -> EpisodeRecord | None:
    """The record in an episode folder, or None if there is none or it cannot be read (the
    render then makes everything again)."""
    raw = read_json(folder / FILE)
    try:
        return EpisodeRecord.from_json(raw) if raw else None
    except (KeyError, TypeError, ValueError):
        return None


def published_episodes(out: Path, fresh: Sequence[EpisodeRecord]) -> list[EpisodeRecord]:
    """Every episode in the output folder: this render's, and earlier ones still there (their
    MP3 present), by slug."""
    records = {r.slug: r for r in fresh}
    for path in sorted(out.glob(f"*/{FILE}")):
        record = load(path.parent)
        if record and record.slug not in records and (path.parent / record.file).is_file():
            records[record.slug] = record
    return sorted(records.values(), key=lambda r: r.slug)
