"""The pipeline, end to end: transcripts -> Scripts -> clips -> episodes -> the show's feeds and pages.

Everything written into the output folder is staged (fsutil) under a lock and moved into place
together at the end, so a render killed at any moment leaves the previous outputs as they were;
each episode's record (manifest.py) lets the next render redo only what changed.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from ..audio.cache import ClipCache
from ..audio.plan import plan_chapters
from ..audio.synth import synthesise_missing
from ..casting import cast_voices, describe
from ..config import Config
from ..engines.base import Engine, engine_class
from ..errors import OutputError, ScriptError
from ..fsutil import Staging, check_writable, remove_stale_temp_files
from ..manifest import published_episodes
from ..model import Script
from ..publish.show import stage_show
from ..text.language import FEED_LANGUAGE
from .episode import EpisodeJob, stage_episode
from .inputs import read_script

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
Log = Callable[[str], None]


def render(seeds: Sequence[Path], config: Config, options: RenderOptions, progress: Progress | None = None,
           log: Log = lambda _m: None) -> RenderSummary:
    started = time.monotonic()
    engine_name = options.engine or config.engine
    cls = engine_class(engine_name)  # an unknown engine fails here, before any work
    cls.warm_up()  # while the transcripts are read
    scripts = [read_script(p, config) for p in seeds]  # every input checked before any output
    config = with_show(config, scripts)
    _check(scripts, options.chapters)
    if options.cluster is not None:
        from .cluster import preflight

        preflight(options.cluster)  # no Ray, or an address that does not answer fails now, before anything is written
    settings = config.engine_settings.get(engine_name, {})
    engine = cls.create(settings, options.jobs)
    cluster = None
    try:
        if options.cluster is not None:
            from .cluster import Cluster

            cache = options.cache_dir.resolve() if options.shared_cache else None
            cluster = Cluster(options.cluster, engine, engine.worker_settings(settings), options.jobs, cache, log)
        check_writable(options.out)
        lock = FileLock(str(options.out / LOCK))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise OutputError(f"another kkaudio render is writing to {options.out}; wait for it to finish") from None
        try:
            summary = _render_locked(scripts, config, options, engine, cluster, progress, log)
        finally:
            lock.release()
    finally:
        if cluster is not None:
            cluster.close()
        engine.close()
    summary.wall_s = time.monotonic() - started
    return summary


def _check(scripts: Sequence[Script], chapters: frozenset[int] | None) -> None:
    if chapters is not None:
        for script in scripts:
            missing = sorted(n for n in chapters if n >= len(script.chapters))
            if missing:
                raise ScriptError(f"has no chapter {missing[0]}; its chapters are 0-{len(script.chapters) - 1}",
                                  script.slug)
    slugs = [s.slug for s in scripts]
    for slug in slugs:
        if slugs.count(slug) > 1:
            raise ScriptError(f"two seeds share the slug {slug!r}; rename one of them")


def _render_locked(scripts: Sequence[Script], config: Config, options: RenderOptions, engine: Engine,
                   cluster, progress: Progress | None, log: Log) -> RenderSummary:
    summary = RenderSummary()
    remove_stale_temp_files(options.out)  # a killed render's leftovers; we hold the lock
    if not config.show.owner_email:
        log("warning: show.owner_email is not set: Apple Podcasts sends a code to the feed's owner email "
            "(itunes:owner) to verify you own the show before it lists it; set it in voices.yaml")
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
        + (f" (preview of chapters {'、'.join(map(str, sorted(options.chapters)))})"
           if options.chapters is not None else ""))
    stats = synthesise_missing(all_clips, engine, cache, progress, cluster)
    summary.clips_synthesised, summary.clips_cached = stats.synthesised, stats.cached

    log("assembling and encoding")
    base_url = (options.base_url or config.show.base_url).rstrip("/")
    staging = Staging()
    try:
        records = []
        for script, plan in zip(scripts, plans):
            job = EpisodeJob(script, plan, options.out / script.slug, config.show.title, config.audio, engine.name,
                             options.chapters)
            staged = stage_episode(job, cache, staging, options.jobs or 2)
            records.append(staged.record)
            summary.chapters_encoded += staged.chapters_encoded
            summary.chapters_total += len(script.chapters)
            summary.audio_ms += staged.record.duration_ms
            summary.episodes.append(job.folder / staged.record.file)
        stage_show(published_episodes(options.out, records), config.show, base_url, staging, options.out)
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


def parse_chapters(spec: str) -> frozenset[int]:
    """'1,9' or '0-3,9' -> {1, 9} / {0, 1, 2, 3, 9}."""
    numbers: set[int] = set()
    for part in spec.split(","):
        m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not m or (m.group(2) and int(m.group(2)) < int(m.group(1))):
            raise ValueError(f"{part.strip()!r} is not a chapter number or range such as 1,9 or 0-3")
        numbers.update(range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1))
    return frozenset(numbers)
