"""`kkaudio proof`: hear a rendered episode back and find the sentences that came out wrong.

Each cue of each chapter is heard as a listener hears it, its clip with the pause the episode has
around it, by Whisper-base (engines/hearing.py), and compared with what the voice was given
(text/compare.py): Mandarin by syllables, English by words, against the text as written (read by
the front end, so a lexicon line that makes the voice say other words is caught). A cue is flagged where a word was
said as other words (two syllables or more wrong in one place, sounding unlike what was written)
or much of it was missed (a third of its units or more). One syllable alone, or a near miss
(honey heard as "the money"), is the recogniser's noise as often as the voice's error.

What was heard is kept per clip, by its sound's hash, in the clip cache's folder: proofing again
after an edit hears only the clips that changed. The episode's clips come from the clip cache
by the keys its record keeps; an episode rendered before proof existed, or whose clips have left
the cache, is to be rendered again first. Nothing published changes: proof.html is written
beside the episode's files and linked from nowhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import manifest
from ..audio.cache import ClipCache
from ..config import Config
from ..engines.base import Audio
from ..engines.hearing import VERSION, Hearing
from ..errors import ScriptError
from ..fsutil import read_json, write_bytes
from ..model import Cue
from ..text.compare import Comparison, compare, heard_text, heard_units, units, written
from ..text.normalise import lexicon_entry
from ..text.readings import unmark
from .inputs import read_script

PAUSE_S = 0.3  # the most silence kept either side of a cue: half the gap to its neighbour, up to this
FLAG_LIKENESS = 0.6  # a cue is flagged where two syllables or more in one place sound less alike than this
FLAG_RATE = 0.34  # or this share of its units is wrong (with three units or more)
BATCH = 96  # clips heard in one call: packed, about sixteen of Whisper's windows


@dataclass(frozen=True)
class HeardCue:
    chapter: int
    chapter_title: str
    start_ms: int  # in the full episode
    end_ms: int
    speaker: str
    text: str  # as written
    spoken: str  # what the voice was given (the lexicon's text said instead, reading marks)
    heard: str  # what the recogniser wrote
    expected_read: str  # the text as written, read by the front end: where the comparison's units stand
    heard_read: str  # what was heard, read by the front end: where its units stand
    comparison: Comparison
    lexicon: tuple[str, ...] = ()  # the lexicon's lines that make it say other words than are written

    def suggestions(self) -> list[str]:
        """Lexicon lines to start from, one per word; none where the lexicon's own line made it
        say other words (that line is the one to fix)."""
        if self.lexicon:
            return []
        lines = (self.comparison.lexicon_line(d) for d in self.comparison.differences)
        return list(dict.fromkeys(line for line in lines if line))

    @property
    def clock(self) -> str:
        return _clock(self.start_ms)

    @property
    def flagged(self) -> bool:
        c = self.comparison
        worst = c.worst()
        return (worst is not None and worst.likeness < FLAG_LIKENESS) or (c.units >= 3 and c.rate >= FLAG_RATE)


@dataclass(frozen=True)
class SpeakerFigures:
    speaker: str
    cues: int
    flagged: int
    units: int
    errors: int

    @property
    def rate(self) -> float:
        return self.errors / max(1, self.units)


@dataclass(frozen=True)
class EpisodeProof:
    slug: str
    title: str
    folder: Path
    language: str
    cues: tuple[HeardCue, ...]
    skipped: tuple[str, ...] = ()  # what could not be compared, and why
    heard_now: int = 0  # clips heard in this run (the others came from earlier runs)

    def speakers(self) -> list[SpeakerFigures]:
        out: dict[str, list[HeardCue]] = {}
        for c in self.cues:
            out.setdefault(c.speaker, []).append(c)
        return [SpeakerFigures(s, len(cs), sum(c.flagged for c in cs), sum(c.comparison.units for c in cs),
                               sum(c.comparison.errors for c in cs)) for s, cs in out.items()]

    def flagged(self) -> list[HeardCue]:
        return sorted((c for c in self.cues if c.flagged), key=lambda c: -c.comparison.rate)


@dataclass
class _Job:
    """One cue to hear: where it is, its clip padded with its pauses, and what identifies that sound."""

    cue: Cue
    chapter: int
    title: str
    offset_ms: int
    audio: Audio
    language: str
    key: str = field(init=False)

    def __post_init__(self) -> None:
        blob = f"{VERSION}|{self.language}|{self.audio.rate}|".encode() + self.audio.pcm
        self.key = hashlib.sha256(blob).hexdigest()


def proof(seeds: Sequence[Path], config: Config, out: Path, cache_dir: Path,
          progress: Callable[[int, int], None] | None = None) -> tuple[list[EpisodeProof], list[str]]:
    """Proof every rendered episode of `seeds`; (the proofs, the seeds with no episode rendered)."""
    cache = ClipCache(cache_dir)
    plans, missing = [], []
    for seed in seeds:
        script = read_script(seed, config)
        folder = out / script.slug
        record = manifest.load(folder)
        if record is None or not (folder / record.file).is_file():
            missing.append(f"{seed} (no episode in {folder}: render it first)")
            continue
        plans.append((record, folder, _jobs(record, folder, cache)))
    if not plans and missing:
        raise ScriptError(f"nothing to proof: {'; '.join(missing)}")
    folder_heard = cache_dir / "heard"
    heard = _hear_all([j for _, _, (jobs, _) in plans for j in jobs], folder_heard, progress)
    lexicons = [config.lexicon_for(record.engine) for record, _, _ in plans]
    compared = [[_compared(j, heard[j.key][0], lexicon) for j in jobs] for lexicon, (_, _, (jobs, _)) in zip(lexicons, plans)]
    # A cue the packed hearing flags is heard again alone, and the hearing closer to the text is
    # kept: a wrong word is heard wrong both times, the recogniser's slip (most often a window's
    # first words) seldom twice. The seed's opening line: 你很充名 packed, as written alone.
    again = [(p, k, plans[p][2][0][k]) for p, cues in enumerate(compared) for k, cue in enumerate(cues) if cue.flagged]
    alone = _hear_all([job for _, _, job in again], folder_heard, None, packed=False)
    for p, k, job in again:
        second = _compared(job, alone[job.key][0], lexicons[p])
        if second.comparison.errors < compared[p][k].comparison.errors:
            compared[p][k] = second
    return [EpisodeProof(record.slug, record.title, folder, record.language, tuple(cues), tuple(skipped),
                         sum(not heard[j.key][1] for j in jobs))
            for (record, folder, (jobs, skipped)), cues in zip(plans, compared)], missing


def _jobs(record: manifest.EpisodeRecord, folder: Path, cache: ClipCache) -> tuple[list[_Job], list[str]]:
    if not record.chapters or not record.has_cues or any(not c.clip for ch in record.chapters for c in ch.cues or ()):
        raise ScriptError(f"{folder}: rendered by an earlier kkaudio, which kept no clips for proof: render it "
                          f"again (the clip cache makes that quick), then proof it")
    jobs, skipped = [], []
    offset = 0.0
    for ci, chapter in enumerate(record.chapters):
        cues = list(chapter.cues or ())
        for k, cue in enumerate(cues):
            clip = cache.get(cue.clip)
            if clip is None:
                raise ScriptError(f"{folder}: the clip of cue {k + 1} of chapter {ci} is gone from the clip cache: "
                                  f"render the episode again, then proof it")
            language = _language(record.language, cue.spoken)
            if language is None:
                skipped.append(f"chapter {ci}, {_clock(offset + cue.start_ms)}: {record.language} cannot be compared")
                continue
            before = min(PAUSE_S, (cue.start_ms - cues[k - 1].end_ms) / 2000) if k else PAUSE_S
            after = min(PAUSE_S, (cues[k + 1].start_ms - cue.end_ms) / 2000) if k + 1 < len(cues) else PAUSE_S
            jobs.append(_Job(cue, ci, chapter.title, round(offset), _padded(clip, max(0.0, before), max(0.0, after)),
                             language))
        offset += chapter.duration_ms
    return jobs, skipped


def _language(episode: str, spoken: str) -> str | None:
    """What the recogniser listens for: zh for Chinese (a cue with no Chinese in it is heard as
    English), en for English; None for a language it cannot be compared in."""
    if episode.startswith("zh"):
        return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in spoken) else "en"
    return "en" if episode == "en" else None


def _padded(audio: Audio, before: float, after: float) -> Audio:
    width = 2  # 16-bit mono
    silence = lambda s: b"\x00" * (int(s * audio.rate) * width)  # noqa: E731
    return Audio(silence(before) + audio.pcm + silence(after), audio.rate)


def _hear_all(jobs: list[_Job], folder: Path, progress: Callable[[int, int], None] | None, packed: bool = True
              ) -> dict[str, tuple[str, bool]]:
    """What was heard in each job's sound, packed with its neighbours or alone: (text, taken from
    an earlier run). Both hearings of a sound are kept in one file, by its hash."""
    field = "heard" if packed else "alone"
    heard: dict[str, tuple[str, bool]] = {}
    todo: dict[str, _Job] = {}
    kept: dict[str, dict] = {}
    for job in jobs:
        record = read_json(folder / job.key[:2] / f"{job.key}.json")
        kept[job.key] = record if isinstance(record, dict) else {}
        if isinstance(kept[job.key].get(field), str):
            heard[job.key] = (kept[job.key][field], True)
        else:
            todo.setdefault(job.key, job)
    if progress:
        progress(len(jobs) - len(todo), len(jobs))
    if todo:
        hearing = Hearing(folder.parent)
        pending = list(todo.values())
        for language in ("zh", "en"):
            batch_of = [j for j in pending if j.language == language]
            for start in range(0, len(batch_of), BATCH):
                batch = batch_of[start : start + BATCH]
                for job, text in zip(batch, hearing.hear([j.audio for j in batch], language, packed)):
                    heard[job.key] = (text, False)
                    write_bytes(folder / job.key[:2] / f"{job.key}.json", json.dumps(
                        {**kept[job.key], field: text, "by": VERSION}, ensure_ascii=False).encode("utf-8"))
                if progress:
                    progress(sum(1 for j in jobs if j.key in heard), len(jobs))
    return heard


def _compared(job: _Job, heard: str, lexicon) -> HeardCue:
    cue, language = job.cue, job.language
    expected = written(cue.text, language, lexicon)
    comparison = compare(units(expected, language), heard_units(heard, language), unmark(expected))
    said_instead = tuple(f"{w}: {v}" for w, v in lexicon if w in cue.text and lexicon_entry(w, v).said != w)
    return HeardCue(job.chapter, job.title, job.offset_ms + cue.start_ms, job.offset_ms + cue.end_ms, cue.speaker,
                    cue.text, cue.spoken, heard, unmark(expected), heard_text(heard, language), comparison,
                    said_instead)


def _clock(ms: float) -> str:
    s = int(ms // 1000)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def report_json(proofs: Iterable[EpisodeProof]) -> dict:
    """What --json prints: per episode, per speaker figures and every flagged cue."""
    return {"episodes": [{
        "slug": p.slug, "title": p.title, "skipped": list(p.skipped),
        "speakers": [{"speaker": s.speaker, "cues": s.cues, "flagged": s.flagged, "units": s.units,
                      "errors": s.errors, "error_rate": round(s.rate, 4)} for s in p.speakers()],
        "flagged": [{
            "chapter": c.chapter, "chapter_title": c.chapter_title, "start": c.clock,
            "start_ms": c.start_ms, "speaker": c.speaker, "text": c.text, "spoken": c.spoken, "heard": c.heard,
            "lexicon_in_use": list(c.lexicon),
            "differences": [{"expected": d.written or None, "heard": d.said_instead or None,
                             "lexicon": None if c.lexicon else c.comparison.lexicon_line(d) or None}
                            for d in c.comparison.differences],
        } for c in p.flagged()],
    } for p in proofs]}
