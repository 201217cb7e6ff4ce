"""The pipeline, end to end: seeds -> Scripts -> clips -> chapters -> MP3s, transcripts, feed.

Everything written into the output folder goes through fsutil (temp file + os.replace), under a
lock, and a per-episode manifest records what each chapter file was made from, so a re-render
re-encodes only chapters whose clips or settings changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os

import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from filelock import FileLock, Timeout

from . import __version__
from .assemble import assemble_chapter, encode_mp3, master, mp3_info
from .cache import ClipCache
from .cluster import Cluster, preflight
from . import site
from .cover import embedded_copy, render_cover
from .config import Config
from .engines.base import Engine, engine_class
from .errors import OutputError, ScriptError
from .fsutil import Staging, check_writable, read_json, remove_stale_temp_files
from .model import Cue, Script, Speaker
from .publish import (
    FeedItem, Person, Transcript, build_feed, chapters_json, item_guid, transcript_json, transcript_srt,
    transcript_vtt, url,
)
from .transcript import load_script
from .transcript.language import FEED_LANGUAGE
from .casting import cast_voices, describe
from .synth import PlannedClip, plan_chapters, synthesise_missing
from .tags import ChapterMark, Tags, write_tags

MANIFEST = ".kkaudio.json"
ID3_LANGUAGE = {"zh-hans": "zho", "zh-hant": "zho", "en": "eng"}  # ISO 639-2
LOCK = ".kkaudio.lock"


@dataclass(frozen=True)
class RenderOptions:
    out: Path
    cache_dir: Path
    engine: str | None = None  # None: the config's engine
    base_url: str | None = None  # None: the config's show.base_url
    jobs: int | None = None  # parallel work: engine requests, chapters encoded (None: defaults)
    chapters: frozenset[int] | None = None  # a preview of these chapter numbers; None: all
    cluster: str | None = None  # synthesise on this Ray cluster (cluster.py); None: here
    shared_cache: bool = False  # cache_dir is at the same path on every cluster machine: workers write it


@dataclass
class RenderSummary:
    clips_synthesised: int = 0
    clips_cached: int = 0
    chapters_encoded: int = 0
    chapters_total: int = 0
    audio_ms: float = 0.0
    wall_s: float = 0.0
    episodes: list[Path] = field(default_factory=list)

    def line(self) -> str:
        minutes, seconds = divmod(round(self.audio_ms / 1000), 60)
        return (
            f"{self.clips_synthesised} clips synthesised, {self.clips_cached} from cache, "
            f"{self.chapters_encoded}/{self.chapters_total} chapters encoded, "
            f"{minutes}:{seconds:02d} of audio in {self.wall_s:.1f} s"
        )


Progress = Callable[[int, int], None]


def render(
    seeds: Sequence[Path], config: Config, options: RenderOptions,
    progress: Progress | None = None, log: Callable[[str], None] = lambda _m: None,
) -> RenderSummary:
    started = time.monotonic()
    engine_name = options.engine or config.engine
    config.check_engine(engine_name)
    engine_class(engine_name).warm_up()  # while the transcripts are read
    scripts = [load_script(p, config) for p in seeds]  # every input checked before any output
    config = with_show(config, scripts)
    if options.chapters is not None:
        for script in scripts:
            missing = sorted(n for n in options.chapters if n >= len(script.chapters))
            if missing:
                raise ScriptError(f"has no chapter {missing[0]}; its chapters are 0-{len(script.chapters) - 1}",
                                  script.slug)
    slugs = [s.slug for s in scripts]
    for slug in slugs:
        if slugs.count(slug) > 1:
            raise ScriptError(f"two seeds share the slug {slug!r}; rename one of them")
    base_url = (options.base_url or config.show.base_url).rstrip("/")

    if options.cluster is not None:
        preflight(options.cluster)  # no Ray, or an address that does not answer fails now, before anything is written
    settings = config.engine_settings.get(engine_name, {})
    engine = engine_class(engine_name).create(settings, options.jobs)
    cluster = None
    try:
        if options.cluster is not None:
            cache = options.cache_dir.resolve() if options.shared_cache else None
            cluster = Cluster(options.cluster, engine, engine.worker_settings(settings), options.jobs, cache, log)
        out = options.out
        check_writable(out)
        lock = FileLock(str(out / LOCK))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise OutputError(f"another kkaudio render is writing to {out}; wait for it to finish") from None
        try:
            summary = _render_locked(scripts, config, options, engine, base_url, progress, log, cluster)
        finally:
            lock.release()
    finally:
        if cluster is not None:
            cluster.close()
        engine.close()
    summary.wall_s = time.monotonic() - started
    return summary


def _render_locked(scripts, config, options, engine: Engine, base_url, progress, log,
                   cluster: Cluster | None) -> RenderSummary:
    summary = RenderSummary()
    remove_stale_temp_files(options.out)  # a killed render's leftovers; we hold the lock
    cache = ClipCache(options.cache_dir)
    for script in scripts:
        for warning in script.warnings:
            log(f"warning: {warning}")
        log(f"{script.slug}: {script.language}, cast:")
        for line in describe(cast_voices(script, type(engine))):
            log(line)
    plans = [plan_chapters(s, config, engine) for s in scripts]
    if options.chapters is not None:  # a preview: synthesise and publish only these chapters
        plans = [[c if i in options.chapters else None for i, c in enumerate(plan)] for plan in plans]
    all_clips = [c for plan in plans for chapter in plan if chapter for c in chapter]
    chapters = sum(1 for plan in plans for chapter in plan if chapter is not None)
    log(f"{len(all_clips)} clips in {chapters} chapters, engine {engine.name}"
        + (f" (preview of chapters {_numbers(options.chapters)})" if options.chapters is not None else ""))
    stats = synthesise_missing(all_clips, engine, cache, progress, cluster)
    summary.clips_synthesised, summary.clips_cached = stats.synthesised, stats.cached

    log("assembling and encoding")
    staging = Staging()
    try:
        manifests = {}
        for script, plan in zip(scripts, plans):
            manifests[script.slug] = _publish_episode(script, plan, config, options, cache, staging, engine,
                                                      summary)
            summary.episodes.append(options.out / script.slug / manifests[script.slug]["file"])
        everything = _all_manifests(options.out, manifests)
        _write_feeds(config, base_url, everything, staging, options.out)
        _write_site(config, base_url, everything, staging, options.out)
        staging.commit()
    finally:
        staging.discard()
    for path in summary.episodes:
        log(f"wrote {path}")
    return summary


def with_show(config: Config, scripts: Sequence[Script]) -> Config:
    """The show's fields voices.yaml leaves out, from the first transcript: its title (or front
    matter), its language, its host as author."""
    first = scripts[0]
    show = config.show
    hosts = [s.name for s in first.speakers if s.role == "host"]
    filled = dataclasses.replace(
        show,
        title=show.title or first.meta.get("show") or first.title,
        language=show.language or FEED_LANGUAGE[first.language],
        author=show.author or first.meta.get("author") or "、".join(hosts) or "kkaudio",
        description=show.description or first.meta.get("description") or "",
    )
    return dataclasses.replace(config, show=filled)


def safe_filename(title: str, max_len: int = 60) -> str:
    """A file name that is valid on every OS: no separators, controls or reserved names."""
    s = unicodedata.normalize("NFC", title)
    s = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', " ", s)
    s = re.sub(r"\s+", " ", s).strip(" .")[:max_len].rstrip(" .")
    if re.fullmatch(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?", s):
        s = "_" + s
    return s or "chapter"


def _strip_id3(data: bytes) -> bytes:
    if data[:3] != b"ID3":
        return data
    size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
    footer = 10 if data[5] & 0x10 else 0
    return data[10 + size + footer :]


def _chapter_hash(clips: Sequence[PlannedClip], config: Config, tags: Tags) -> str:
    cover = hashlib.sha256(tags.cover_jpeg or b"").hexdigest()
    blob = json.dumps(
        [__version__, [(c.key, c.segment.gap_after_ms, c.segment.text, c.segment.speaker) for c in clips],
         vars(config.audio), repr(dataclasses.replace(tags, cover_jpeg=None)), cover],
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def _publish_episode(
    script: Script, plan: list[list[PlannedClip] | None], config: Config, options: RenderOptions,
    cache: ClipCache, staging: Staging, engine: Engine, summary: RenderSummary,
) -> dict:
    """Stage one episode's files; return its manifest (what each file was made from)."""
    ep_dir = options.out / script.slug
    chapters_dir = ep_dir / "chapters"
    old = read_json(ep_dir / MANIFEST)
    published = old.get("published") or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    date = published[:10]
    names = {s.id: s.name for s in script.speakers}
    artist = ", ".join(s.name for s in _cast(script))
    total = len(script.chapters)
    preview = options.chapters is not None
    old_chapters = {c["file"]: c for c in old.get("chapters", []) if isinstance(c, dict) and "file" in c}
    cover = render_cover(config.show.title, script.title, " × ".join(s.name for s in _cast(script)))
    if _read(ep_dir / "cover.jpg") != cover:
        staging.write(ep_dir / "cover.jpg", cover)
    apic = embedded_copy(cover)

    entries: list[dict] = []
    sources: dict[str, Path] = {}  # chapter file -> where its bytes are now (staged or in place)
    pending: deque[tuple[int, Future]] = deque()
    workers = min(options.jobs or 2, os.cpu_count() or 1)  # LAME and the limiter use a core each
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for i, (chapter, clips) in enumerate(zip(script.chapters, plan)):
            if clips is None:
                continue
            file_name = f"{i:02d}-{safe_filename(chapter.title)}.mp3"
            tags = Tags(title=chapter.title, artist=artist, album=config.show.title, track=i + 1,
                        total=total, date=date, cover_jpeg=apic, language=ID3_LANGUAGE[script.language])
            digest = _chapter_hash(clips, config, tags)
            path = chapters_dir / file_name
            prev = old_chapters.get(file_name)
            entry = {"file": file_name, "title": chapter.title, "hash": digest}
            entries.append(entry)
            if prev and prev.get("hash") == digest and _size(path) == prev.get("size"):
                entry.update({k: prev[k] for k in ("size", "duration_ms", "cues")})
                sources[file_name] = path
                continue
            # Assembled chapters wait in memory for an encoder: keep at most one per worker waiting.
            while len(pending) > workers:
                _finish(pending.popleft(), entries, sources)
            assembled = assemble_chapter(clips, cache, names)
            entry["cues"] = [vars(c) for c in assembled.cues]
            job = pool.submit(_encode_chapter, staging, path, assembled.audio, config, tags)
            pending.append((len(entries) - 1, job))
            summary.chapters_encoded += 1
        while pending:
            _finish(pending.popleft(), entries, sources)
    summary.chapters_total += total

    ep_file = ep_dir / f"{script.slug}.mp3"
    ep_title = script.title + (f"（节选：第 {_numbers(options.chapters)} 章）" if preview else "")
    manifest = {
        "slug": script.slug,
        "language": script.language,
        "preview": preview,
        "title": ep_title,
        "description": _description(script, options.chapters),
        "published": published,
        "engine": engine.name,
        "file": ep_file.name,
        "people": [[s.name, s.role] for s in _cast(script)],
        "chapters": entries,
    }
    ep_hash = hashlib.sha256(json.dumps([[e["hash"] for e in entries], ep_title, date]).encode()).hexdigest()
    if old.get("hash") == ep_hash and _size(ep_file) == old.get("size"):
        manifest.update(hash=ep_hash, size=old["size"], duration_ms=old["duration_ms"])  # nothing changed
        summary.audio_ms += old["duration_ms"]
    else:
        manifest.update(hash=ep_hash, **_stage_episode(ep_file, entries, sources, staging, ep_tags=Tags(
            title=ep_title, artist=artist, album=config.show.title, track=1, total=1, date=date,
            cover_jpeg=apic, language=ID3_LANGUAGE[script.language])))
        summary.audio_ms += manifest["duration_ms"]
        for entry in entries:  # each chapter's own transcript, for the one-item-per-chapter feed
            _stage_transcripts(staging, chapters_dir / Path(entry["file"]).stem, [Cue(**c) for c in entry["cues"]])
    # Files of chapters an earlier render made that are gone or renamed now (not in a preview,
    # which leaves the other chapters alone).
    for stale in set() if preview else set(old_chapters) - {e["file"] for e in entries}:
        for suffix in (".mp3", ".vtt", ".srt", ".json"):
            staging.remove(chapters_dir / Path(stale).with_suffix(suffix))
    staging.write_text(ep_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def _stage_episode(ep_file: Path, entries: list[dict], sources: dict[str, Path], staging: Staging,
                   ep_tags: Tags) -> dict:
    """The full episode: the chapters' MP3 frames one after another. Each chapter stream starts
    fresh (no bit reservoir reaches across), so the joins are clean, and their lengths in
    frames give exact chapter times."""
    streams = [_strip_id3(sources[entry["file"]].read_bytes()) for entry in entries]
    marks, cues, duration_ms = timeline(entries)
    tags = dataclasses.replace(ep_tags, chapters=tuple(marks))
    staged = staging.write(ep_file, b"".join(streams), finish=lambda tmp: write_tags(tmp, tags))
    staging.write_text(ep_file.with_name("chapters.json"), chapters_json([(m.title, m.start_ms) for m in marks]))
    _stage_transcripts(staging, ep_file.with_name("transcript"), cues)
    return {"size": staged.stat().st_size, "duration_ms": duration_ms}


def timeline(entries: Sequence[dict]) -> tuple[list[ChapterMark], list[Cue], int]:
    """Chapter marks and cues in the full episode, from each chapter's length in MP3 frames
    (its entry's duration_ms) and its own cues."""
    marks, cues = [], []
    position = 0.0
    for entry in entries:
        start = round(position)
        marks.append(ChapterMark(entry["title"], start, round(position + entry["duration_ms"])))
        cues += [Cue(c["start_ms"] + start, c["end_ms"] + start, c["speaker"], c["text"]) for c in entry["cues"]]
        position += entry["duration_ms"]
    return marks, cues, round(position)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _finish(job: tuple[int, Future], entries: list[dict], sources: dict[str, Path]) -> None:
    index, future = job
    staged, duration_ms = future.result()
    entries[index].update({"size": staged.stat().st_size, "duration_ms": duration_ms})
    sources[entries[index]["file"]] = staged


def _stage_transcripts(staging: Staging, stem: Path, cues: Sequence[Cue]) -> None:
    staging.write_text(stem.with_name(stem.name + ".vtt"), transcript_vtt(cues))
    staging.write_text(stem.with_name(stem.name + ".srt"), transcript_srt(cues))
    staging.write_text(stem.with_name(stem.name + ".json"), transcript_json(cues))


def _cast(script: Script) -> list[Speaker]:
    """Host and guest: the artists in the tags, the people in the feed, the names on the cover."""
    return [s for s in script.speakers if s.role in ("host", "guest")]


def _encode_chapter(staging: Staging, path: Path, audio, config: Config, tags: Tags) -> tuple[Path, float]:
    data = encode_mp3(master(audio), config.audio)
    staged = staging.write(path, data, finish=lambda tmp: write_tags(tmp, tags))
    return staged, mp3_info(data).duration_ms


def _description(script: Script, only: frozenset[int] | None) -> str:
    lines = [f"{i:02d} {c.title}" for i, c in enumerate(script.chapters) if only is None or i in only]
    head = script.title if only is None else f"{script.title}（节选预览，共 {len(script.chapters)} 章中的 {len(lines)} 章）"
    return f"{head}\n\n" + "\n".join(lines)


def _numbers(chapters: frozenset[int] | None) -> str:
    return "、".join(str(n) for n in sorted(chapters or ()))


def parse_chapters(spec: str) -> frozenset[int]:
    """'1,9' or '0-3,9' -> {1, 9} / {0, 1, 2, 3, 9}."""
    numbers: set[int] = set()
    for part in spec.split(","):
        m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not m or (m.group(2) and int(m.group(2)) < int(m.group(1))):
            raise ValueError(f"{part.strip()!r} is not a chapter number or range such as 1,9 or 0-3")
        numbers.update(range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1))
    return frozenset(numbers)


TRANSCRIPT_TYPES = (("vtt", "text/vtt"), ("srt", "application/x-subrip"), ("json", "application/json"))


def _transcripts(base_url: str, *path: str) -> tuple[Transcript, ...]:
    *folder, stem = path
    return tuple(Transcript(url(base_url, *folder, f"{stem}.{ext}"), mime) for ext, mime in TRANSCRIPT_TYPES)


def _all_manifests(out: Path, fresh: dict[str, dict]) -> dict[str, dict]:
    """Every episode in the output folder: this render's, and earlier ones still there."""
    manifests = dict(fresh)
    for manifest_path in sorted(out.glob(f"*/{MANIFEST}")):
        m = read_json(manifest_path)
        if m.get("slug") and m["slug"] not in manifests and (manifest_path.parent / m.get("file", "")).is_file():
            manifests[m["slug"]] = m
    return manifests


def _chapters_feed_title(config: Config) -> str:
    english = (config.show.language or "").startswith("en")
    return config.show.title + (" (chapters)" if english else "（分章节）")


def _site_feeds(config: Config, base_url: str) -> list[site.Feed]:
    return [site.Feed(config.show.title, "feed.xml", url(base_url, "feed.xml")),
            site.Feed(_chapters_feed_title(config), "feed-chapters.xml", url(base_url, "feed-chapters.xml"))]


def _write_site(config: Config, base_url: str, manifests: dict[str, dict], staging: Staging, out: Path) -> None:
    """index.html for the show and for each episode, and their stylesheet and script; each
    written only when it changed."""
    feeds = _site_feeds(config, base_url)
    pages = {out / "index.html": site.show_page(list(manifests.values()), config.show, base_url, feeds)}
    for slug, m in manifests.items():
        if "cues" not in (m["chapters"][0] if m["chapters"] else {"cues": []}):
            continue  # an episode rendered before pages existed: it gets one on its next render
        marks, cues, _ = timeline(m["chapters"])
        pages[out / slug / "index.html"] = site.episode_page(m, marks, cues, config.show, base_url, feeds)
    for name in site.ASSETS:
        pages[out / "assets" / name] = site.asset(name)
    for path, data in pages.items():
        if _read(path) != data:
            staging.write(path, data)


def _write_feeds(config: Config, base_url: str, manifests: dict[str, dict], staging: Staging, out: Path) -> None:
    """feed.xml, one item per episode in the output folder (this render's and earlier ones), and
    feed-chapters.xml, one item per chapter, for listening to the sections as a serial show."""
    episodes, chapters, people = [], [], {}
    for slug, m in sorted(manifests.items()):
        episode_cast = tuple(Person(name, role) for name, role in m.get("people", []))
        for person in episode_cast:  # the channel names everyone; each item its own episode's cast
            people.setdefault(person.name, person)
        published = datetime.fromisoformat(m["published"])
        image = url(base_url, slug, "cover.jpg")
        episodes.append(FeedItem(
            title=m["title"],
            description=m["description"],
            guid=item_guid(config.show.title, slug),
            published=published,
            enclosure_url=url(base_url, slug, m["file"]),
            length=m["size"],
            duration_s=round(m["duration_ms"] / 1000),
            chapters_url=url(base_url, slug, "chapters.json"),
            transcripts=_transcripts(base_url, slug, "transcript"),
            image_url=image,
            people=episode_cast,
        ))
        for n, ch in enumerate(m["chapters"], start=1):
            stem = Path(ch["file"]).stem
            chapters.append(FeedItem(
                title=ch["title"],
                description=f"{m['title']}（{n}/{len(m['chapters'])}）：{ch['title']}",
                guid=item_guid(config.show.title, slug, f"chapter-{n}"),
                # Apps that sort by date keep the chapters in order.
                published=published + timedelta(minutes=n),
                enclosure_url=url(base_url, slug, "chapters", ch["file"]),
                length=ch["size"],
                duration_s=round(ch["duration_ms"] / 1000),
                transcripts=_transcripts(base_url, slug, "chapters", stem),
                episode=n,
                image_url=image,
                people=episode_cast,
            ))
    episodes.sort(key=lambda i: i.published, reverse=True)
    image = episodes[0].image_url if episodes else None
    cast = list(people.values())
    staging.write(out / "feed.xml", build_feed(config.show, url(base_url, "feed.xml"), image, cast, episodes))
    staging.write(out / "feed-chapters.xml", build_feed(
        config.show, url(base_url, "feed-chapters.xml"), image, cast, chapters,
        title=_chapters_feed_title(config), serial=True,
    ))
