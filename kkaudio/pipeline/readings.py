"""`kkaudio readings`: what the voice will say, and how each character is read, before a render.

The same front end a render uses (text/normalise.py), on lines of text or on a transcript's turns:
each line as one JSON object (text, spoken, pinyin per character, tones as said), or every
polyphone of a transcript with its sentence, to proofread the readings quickly.
"""

from __future__ import annotations

import functools
import gc
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Config
from ..machine import can_fork
from ..text.language import detect_line
from ..text.normalise import Reading, normalise_many
from ..text.words import split_sentences
from .inputs import read_script

BATCH = 1000  # lines read at once: the polyphones' model runs batched, the output still streams


def read_lines(lines: Iterable[str], config: Config, engine: str, language: str | None = None) -> Iterator[Reading]:
    """Each line's reading, in order; a line's language is `language`, or detected per line as a
    render detects a transcript's. Long input is read by a process per core, a batch each."""
    lexicon = config.lexicon_for(engine)
    batches = _batches(lines)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    workers = min(os.cpu_count() or 1, 8)
    if second is None or workers < 2 or not can_fork():
        yield from _batch(first, lexicon, language)
        if second is not None:
            yield from _batch(second, lexicon, language)
            for batch in batches:
                yield from _batch(batch, lexicon, language)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    list(_batch(["热身：2024年。"], lexicon, "zh-hans"))  # models loaded here, once, before the fork shares them
    gc.freeze()  # and kept out of the workers' collections, which would copy the pages they sit on
    work = functools.partial(_batch_list, lexicon=lexicon, language=language)
    # A line met before is read once, whichever process would have had it (transcripts repeat
    # their short answers, 对。 嗯。): only the lines new to the input go to the workers.
    read: dict[str, Reading | None] = {}

    def new_lines(batch: list[str]) -> list[str]:
        new = [line for line in dict.fromkeys(batch) if line not in read]
        read.update(dict.fromkeys(new))
        return new

    everything = list(itertools.chain([first, second], batches))  # the pool's map takes all at once anyway
    news = [new_lines(batch) for batch in everything]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_one_blas_thread) as pool:
            for batch, new, readings in zip(everything, news, pool.map(work, news)):
                read.update(zip(new, readings))
                yield from (read[line] for line in batch)
    finally:
        gc.unfreeze()


def _one_blas_thread() -> None:
    """A worker's numpy multiplies on one thread: the processes already fill the cores."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


def _batches(lines: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in lines:
        batch.append(line.rstrip("\r\n"))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _batch_list(lines: list[str], lexicon, language: str | None) -> list[Reading]:
    return list(_batch(lines, lexicon, language))


def _batch(lines: list[str], lexicon, language: str | None) -> Iterator[Reading]:
    by_language: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        by_language.setdefault(language or detect_line(line), []).append(i)
    out: dict[int, Reading] = {}
    for lang, at in by_language.items():
        out.update(zip(at, normalise_many([lines[i] for i in at], lexicon, lang)))
    yield from (out[i] for i in range(len(lines)))


def polyphones(path: Path, config: Config, engine: str) -> Iterator[dict]:
    """Every character of a transcript with more than one reading, as it will be read, with its
    sentence, chapter and speaker: {"char", "pinyin", "sentence", "chapter", "speaker"}."""
    script = read_script(path, config)
    names = {s.id: s.name for s in script.speakers}
    pieces = [(ci, turn.speaker, piece) for ci, chapter in enumerate(script.chapters) for turn in chapter.turns
              for piece, _ in split_sentences(turn.text, language=script.language)]
    readings = normalise_many([p for _, _, p in pieces], config.lexicon_for(engine), script.language)
    for (ci, speaker, piece), reading in zip(pieces, readings):
        for i, py in reading.polyphones():
            yield {"char": piece[i], "pinyin": py, "sentence": piece, "at": i, "chapter": ci,
                   "speaker": names[speaker]}
