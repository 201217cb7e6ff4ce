"""One episode's files, staged: chapter MP3s (only those whose clips or settings changed), the
full episode with its chapter marks, chapters.json, transcripts, the cover, and its record.

Each chapter's record holds a hash of everything its file is made from; a chapter whose hash
and file size match the previous record is kept as it is. The full episode is the chapters'
MP3 frames one after another, rebuilt only when a chapter or its title changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import unicodedata
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..audio.assemble import assemble_chapter, master
from ..audio.cache import ClipCache
from ..audio.cover import embedded_copy, render_cover
from ..audio.mp3 import encode_mp3, mp3_info, strip_id3
from ..audio.plan import PlannedClip
from ..audio.tags import Tags, write_tags
from ..config import AudioSettings
from ..fsutil import Staging, read_if_present
from ..manifest import FILE, ChapterRecord, EpisodeRecord, Person
from ..model import Cue, Script
from ..publish.notes import summary
from ..publish.transcripts import TYPES as TRANSCRIPT_TYPES
from ..publish.transcripts import chapters_json, transcript_files
from .. import manifest

ID3_LANGUAGE = {"zh-hans": "zho", "zh-hant": "zho", "en": "eng"}  # ISO 639-2


@dataclass(frozen=True)
class EpisodeJob:
    """What one episode is made of and where it goes."""

    script: Script
    plan: Sequence[Sequence[PlannedClip] | None]  # per chapter; None: not in this (preview) render
    folder: Path
    album: str  # the show's title
    audio: AudioSettings
    engine: str
    preview: frozenset[int] | None = None  # the chapters of a preview; None: the whole episode


@dataclass(frozen=True)
class Staged:
    record: EpisodeRecord
    chapters_encoded: int


def stage_episode(job: EpisodeJob, cache: ClipCache, staging: Staging, workers: int = 2) -> Staged:
    """Stage one episode's files; return its record (what each file was made from)."""
    script, folder = job.script, job.folder
    chapters_dir = folder / "chapters"
    old = manifest.load(folder)
    # To the microsecond, so episodes rendered one after another keep their order (episode numbers).
    published = old.published if old else datetime.now(timezone.utc).isoformat()
    date = published[:10]
    names = {s.id: s.name for s in script.speakers}
    cast = [s for s in script.speakers if s.role in ("host", "guest")]  # the artists, the feed's people
    artist = ", ".join(s.name for s in cast)
    total = len(script.chapters)
    cover = render_cover(job.album, script.title, " × ".join(s.name for s in cast))
    if read_if_present(folder / "cover.jpg") != cover:
        staging.write(folder / "cover.jpg", cover)
    apic = embedded_copy(cover)
    tags = Tags(title="", artist=artist, album=job.album, track=1, total=total, date=date, cover_jpeg=apic,
                language=ID3_LANGUAGE[script.language])

    previous = {c.file: c for c in old.chapters} if old else {}
    records: list[ChapterRecord] = []
    sources: dict[str, Path] = {}  # chapter file -> where its bytes are now (staged or in place)
    pending: deque[tuple[int, Future]] = deque()
    encoded = 0
    workers = max(1, min(workers, os.cpu_count() or 1))  # LAME and the limiter use a core each
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for i, (chapter, clips) in enumerate(zip(script.chapters, job.plan)):
            if clips is None:
                continue
            file_name = f"{i:02d}-{safe_filename(chapter.title)}.mp3"
            chapter_tags = dataclasses.replace(tags, title=chapter.title, track=i + 1)
            digest = chapter_hash(clips, job.audio, chapter_tags)
            path = chapters_dir / file_name
            prev = previous.get(file_name)
            # Kept as it is when nothing it is made of changed (and its record has every cue's clip,
            # which kkaudio proof reads; a record from before proof is assembled again, from the cache).
            if prev and prev.hash == digest and prev.cues is not None and all(c.clip for c in prev.cues) \
                    and _size(path) == prev.size:
                records.append(prev)
                sources[file_name] = path
                continue
            # Assembled chapters wait in memory for an encoder: keep at most one per worker waiting.
            while len(pending) > workers:
                _finish(pending.popleft(), records, sources)
            assembled = assemble_chapter(clips, cache, names)
            records.append(ChapterRecord(file_name, chapter.title, digest, cues=assembled.cues))
            pending.append((len(records) - 1, pool.submit(_encode, staging, path, assembled.audio, job.audio,
                                                            chapter_tags)))
            encoded += 1
        while pending:
            _finish(pending.popleft(), records, sources)

    ep_file = folder / f"{script.slug}.mp3"
    title = script.title + (f"（节选：第 {_numbers(job.preview)} 章）" if job.preview is not None else "")
    record = EpisodeRecord(
        slug=script.slug, language=script.language, preview=job.preview is not None, title=title,
        description=summary(script, job.preview), published=published, engine=job.engine,
        file=ep_file.name, people=tuple(Person(s.name, s.role) for s in cast), chapters=tuple(records),
        notes=script.info.notes, season=script.info.season, soundbites=script.info.soundbites,
    )
    ep_hash = hashlib.sha256(json.dumps([[c.hash for c in records], title, date]).encode()).hexdigest()
    if old and old.hash == ep_hash and _size(ep_file) == old.size:
        record = record.with_audio(old.size, old.duration_ms, ep_hash)  # nothing changed
    else:
        marks, cues = record.timeline()
        ep_tags = dataclasses.replace(tags, title=title, total=1, chapters=tuple(marks))
        streams = [strip_id3(sources[c.file].read_bytes()) for c in records]
        staged = staging.write(ep_file, b"".join(streams), finish=lambda tmp: write_tags(tmp, ep_tags))
        staging.write_text(folder / "chapters.json", chapters_json([(m.title, m.start_ms) for m in marks]))
        _stage_transcripts(staging, folder / "transcript", cues)
        record = record.with_audio(staged.stat().st_size, record.total_ms(), ep_hash)
        for chapter in records:  # each chapter's own transcript, for the one-item-per-chapter feed
            _stage_transcripts(staging, chapters_dir / chapter.stem, chapter.cues or ())
    # Files of chapters an earlier render made that are gone or renamed now (not in a preview,
    # which leaves the other chapters alone).
    for stale in set() if job.preview is not None else set(previous) - {c.file for c in records}:
        for suffix in (".mp3", *(f".{ext}" for ext, _ in TRANSCRIPT_TYPES)):
            staging.remove(chapters_dir / Path(stale).with_suffix(suffix))
    # When anything published about it last changed (the feed's lastBuildDate): kept while the
    # record stays the same, so a render that changes nothing rewrites no feed.
    if old is not None and dataclasses.replace(record, updated=old.updated) == old:
        record = old
    else:
        record = dataclasses.replace(record, updated=datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    staging.write_text(folder / FILE, record.dumps())
    return Staged(record, encoded)


def chapter_hash(clips: Sequence[PlannedClip], audio: AudioSettings, tags: Tags) -> str:
    """Of everything a chapter's MP3 is made from: its clips and pauses, the audio settings, its
    tags and cover, and kkaudio's version."""
    cover = hashlib.sha256(tags.cover_jpeg or b"").hexdigest()
    blob = json.dumps(
        [__version__, [(c.key, c.segment.gap_after_ms, c.segment.text, c.segment.speaker) for c in clips],
         vars(audio), repr(dataclasses.replace(tags, cover_jpeg=None)), cover],
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def safe_filename(title: str, max_len: int = 60) -> str:
    """A file name that is valid on every OS: no separators, controls or reserved names."""
    s = unicodedata.normalize("NFC", title)
    s = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', " ", s)
    s = re.sub(r"\s+", " ", s).strip(" .")[:max_len].rstrip(" .")
    if re.fullmatch(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?", s):
        s = "_" + s
    return s or "chapter"


def _encode(staging: Staging, path: Path, audio, settings: AudioSettings, tags: Tags) -> tuple[Path, float]:
    data = encode_mp3(master(audio), settings)
    staged = staging.write(path, data, finish=lambda tmp: write_tags(tmp, tags))
    return staged, mp3_info(data).duration_ms


def _finish(job: tuple[int, Future], records: list[ChapterRecord], sources: dict[str, Path]) -> None:
    index, future = job
    staged, duration_ms = future.result()
    records[index] = dataclasses.replace(records[index], size=staged.stat().st_size, duration_ms=duration_ms)
    sources[records[index].file] = staged


def _stage_transcripts(staging: Staging, stem: Path, cues: Sequence[Cue]) -> None:
    for ext, text in transcript_files(cues):
        staging.write_text(stem.with_name(f"{stem.name}.{ext}"), text)


def _numbers(chapters: frozenset[int] | None) -> str:
    return "、".join(str(n) for n in sorted(chapters or ()))


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None
