"""The one front end: written text -> what a voice says, and how each character is read.

`normalise()` is what the render, `kkaudio say` and `kkaudio readings` all use (one truth):
1. stage directions out ((laughs), （笑）), the lexicon applied (text for text, or readings
   pinned on the written characters: `还钱: huan2 qian2`, phonemes on a word: `Kevin: /ˈkɛvɪn/`);
2. numbers, dates, times, money, units, ranges, scores, fractions and digit strings read as a
   person reads them, by WeTextProcessing's grammars (`wetext`: the project's own runtime with
   its compiled FSTs inside the wheel, on kaldifst, which has wheels for Python 3.10-3.14; the
   full WeTextProcessing needs pynini, a 165 MB wheel for x86-64 Linux only). Our own rules come
   first only where the grammar is wrong for speech (measured in bench/readings.py, listed in
   docs/readings.md): Chinese in numbers_zh.py (units it does not know, fractions, 零下, 两,
   rates, ranges, scores…), English in english.py (decades, phone numbers, money, 24/7…);
3. polyphones read in context (readings.py), their reading pinned where a word's reading would
   say otherwise.
Only the parts of a text with something to read as words go through the grammars; text that
can not be read is left as written, never dropped.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import readings
from .english import numbers_english, spoken_english
from .language import to_simplified
from .numbers_zh import numbers_zh
from .spoken import clean_marks, lexicon_pattern, squeeze, unsaid

REVISION = 1  # bumped when the spoken form of the same text changes (part of every engine's cache key)


@dataclass(frozen=True)
class Reading:
    """How one piece of text is said."""

    text: str  # as written
    spoken: str  # what the engine is given: words, with a reading pinned where context needs one (还{huan2})
    pinyin: tuple[str | None, ...]  # for each character of `text`: TONE3 before tone sandhi, or None (not read as itself)
    said: tuple[str | None, ...]  # the same, with tone sandhi as said (不去 bu2 qu4)
    language: str

    @property
    def plain(self) -> str:
        """The spoken text without reading marks (what an engine without a G2P of its own reads)."""
        return readings.unmark(self.spoken)

    def polyphones(self) -> list[tuple[int, str]]:
        """(index, reading) of the characters of `text` that have more than one reading."""
        model = readings._polyphones()
        return [(i, py) for i, (ch, py) in enumerate(zip(self.text, self.pinyin)) if py and model.polyphonic(ch)]

    def to_json(self) -> dict:
        return {"text": self.text, "spoken": self.spoken, "pinyin": list(self.pinyin), "said": list(self.said)}


def spoken(text: str, lexicon: Iterable[tuple[str, str]] = (), language: str = "zh-hans") -> str:
    """The text an engine reads: lexicon applied, numbers in words, polyphones' readings pinned
    where context needs them, marks that are not sounds turned into pauses."""
    return normalise(text, lexicon, language).spoken


def normalise(text: str, lexicon: Iterable[tuple[str, str]] = (), language: str = "zh-hans") -> Reading:
    return normalise_many([text], lexicon, language)[0]


def normalise_many(texts: Sequence[str], lexicon: Iterable[tuple[str, str]] = (),
                   language: str = "zh-hans") -> list[Reading]:
    """Readings of many texts (their polyphones read by one batched run of the model). A text
    read before with the same lexicon is not read again: transcripts repeat short answers (对。
    嗯。 Yeah.), and `kkaudio say` or a second episode repeat whole sentences."""
    entries = tuple(lexicon)
    keys = [(entries, language, text) for text in texts]
    found: dict[tuple, Reading] = {}
    with _MEMO_LOCK:
        for key in keys:
            if key in _MEMO:
                found[key] = _MEMO[key]
                _MEMO.move_to_end(key)
    missing = [key for key in dict.fromkeys(keys) if key not in found]
    if missing:
        read = _read_many([text for _, _, text in missing], entries, language)
        found.update(zip(missing, read))
        with _MEMO_LOCK:
            _MEMO.update(zip(missing, read))
            while len(_MEMO) > _MEMO_SIZE:
                _MEMO.popitem(last=False)
    return [found[key] for key in keys]


_MEMO: OrderedDict[tuple, Reading] = OrderedDict()  # (lexicon, language, text) -> Reading, least recent first
_MEMO_SIZE = 20_000  # about 2.5 KB a reading of a long sentence: at most ~50 MB
_MEMO_LOCK = threading.Lock()


def _read_many(texts: Sequence[str], entries: tuple[tuple[str, str], ...], language: str) -> list[Reading]:
    if language == "en":
        return [_english(t, entries) for t in texts]
    prepared = [_prepare(t, entries, language) for t in texts]
    spoken = [p[0] for p in prepared]
    out = []
    for text, (said, origin, pinned), (default, context) in zip(texts, prepared, readings.readings_of(spoken)):
        for i, py in pinned.items():
            if not py.startswith("/"):
                context[i] = py
        marked = []
        for i, ch in enumerate(said):
            marked.append(ch)
            if pinned.get(i, "").startswith("/"):
                marked.append("{" + pinned[i] + "}")
            elif context[i] and context[i] != default[i]:
                marked.append("{" + context[i] + "}")
        pinyin: list[str | None] = [None] * len(text)
        for i, src in enumerate(origin):
            if src is not None and readings.HAN.match(text[src]) and context[i]:
                pinyin[src] = context[i]
        out.append(Reading(text, "".join(marked), tuple(pinyin), tuple(readings.sandhi(text, pinyin)), language))
    return out


def _prepare(text: str, lexicon: tuple[tuple[str, str], ...], language: str) -> tuple[str, list[int | None], dict[int, str]]:
    """Chinese text -> (spoken characters, for each the index of the written character it reads,
    or None, readings pinned by the lexicon on spoken characters)."""
    stripped = unsaid(text)
    origin = _align_map(text, stripped)
    written, pinned_written = _apply_lexicon(stripped, lexicon)
    origin = [origin[i] if i is not None else None for i in _align_map(stripped, written)]
    if language == "zh-hant":
        simple = to_simplified(written)
        if len(simple) == len(written):
            written = simple
        else:  # a phrase changed length in conversion: align what stayed
            origin = [origin[i] if i is not None else None for i in _align_map(written, simple)]
            written = simple
    said = squeeze(clean_marks(numbers_zh(written)))
    back = _align_map(written, said)
    pinned = {j: pinned_written[i] for j, i in enumerate(back) if i is not None and i in pinned_written}
    return said, [origin[i] if i is not None else None for i in back], pinned


def _english(text: str, lexicon: tuple[tuple[str, str], ...]) -> Reading:
    said = unsaid(text)
    said, pinned = _apply_lexicon(said, lexicon)
    said = numbers_english(spoken_english(said))  # abbreviations first: the grammar says "doctor" in lower case
    marks = "".join("{" + p + "}" for p in pinned.values() if p.startswith("/"))  # phonemes pinned by the lexicon
    return Reading(text, said + marks if marks and not said.endswith(marks) else said, (None,) * len(text),
                   (None,) * len(text), "en")


def _apply_lexicon(text: str, lexicon: tuple[tuple[str, str], ...]) -> tuple[str, dict[int, str]]:
    """The lexicon in one pass, longest match first: text for text, or readings pinned on the
    written characters (`还钱: huan2 qian2`), or phonemes on an English word (`/ˈkɛvɪn/`)."""
    if not lexicon:
        return text, {}
    said = dict(lexicon)
    out, pinned, pos = [], {}, 0
    for m in lexicon_pattern(tuple(sorted(said, key=len, reverse=True))).finditer(text):
        out.append(text[pos : m.start()])
        at = sum(len(p) for p in out)
        entry = lexicon_entry(m.group(0), said[m.group(0)])
        if entry.readings:
            han = [i for i, ch in enumerate(m.group(0)) if readings.HAN.match(ch)]
            pinned.update({at + i: py for i, py in zip(han, entry.readings)})
            out.append(m.group(0))
        elif entry.phonemes:
            out.append(m.group(0))
            pinned[at + len(m.group(0)) - 1] = entry.phonemes
        else:
            out.append(entry.said)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), pinned


@dataclass(frozen=True)
class LexiconEntry:
    written: str
    said: str  # text said instead (the written text where readings or phonemes are pinned)
    readings: tuple[str, ...] = ()  # TONE3 per Chinese character of `written`
    phonemes: str = ""  # `/ˈkɛvɪn/`: an English word's phonemes (IPA, as the kokoro engine reads them)


@functools.lru_cache(maxsize=4096)
def lexicon_entry(written: str, value: str) -> LexiconEntry:
    """What a lexicon line says. Raises ValueError with the fix for a reading that cannot be."""
    value = value.strip()
    if re.fullmatch(r"/[^/]+/", value):
        return LexiconEntry(written, written, phonemes=value)
    tokens = value.split()
    han = readings.HAN.findall(written)
    if tokens and han and all(re.fullmatch(r"[a-zA-Zü:]+[0-9]", t) for t in tokens):
        bad = [t for t in tokens if not readings.valid_syllable(t.lower())]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a Mandarin syllable (TONE3 pinyin: hang2, lv4, nü3, de5)")
        if len(tokens) != len(han):
            raise ValueError(f"{len(tokens)} syllables for {len(han)} characters; give one syllable per character")
        return LexiconEntry(written, written, readings=tuple(t.lower() for t in tokens))
    if re.fullmatch(r"[A-Z]+(?:-[A-Za-z]+)+", value):  # a respelling, KEH-vin: said as one word
        return LexiconEntry(written, value.replace("-", "").capitalize())
    return LexiconEntry(written, value)


def _align_map(source: str, target: str) -> list[int | None]:
    """For each character of `target`, the index of the same character in `source` it comes from
    (None for what a rule or the grammars wrote)."""
    if source == target:  # most text: nothing stripped, replaced or read out
        return list(range(len(target)))
    # What the two share at the ends is matched as it is; difflib aligns only the middle, where
    # a number was read out (its cost grows with the product of the lengths it is given).
    head = len(os.path.commonprefix([source, target]))
    tail = len(os.path.commonprefix([source[head:][::-1], target[head:][::-1]]))
    out: list[int | None] = list(range(head)) + [None] * (len(target) - head - tail) \
        + list(range(len(source) - tail, len(source)))
    middle = difflib.SequenceMatcher(None, source[head : len(source) - tail], target[head : len(target) - tail],
                                     autojunk=False)
    for a, b, size in middle.get_matching_blocks():
        for k in range(size):
            out[head + b + k] = head + a + k
    return out
