"""What a voice was given against what a listener heard (kkaudio proof).

Mandarin is compared syllable by syllable, without tones: the syllables of the spoken text as the
voice read them (each character's reading, the front end's pinned readings included) against the
syllables of what was heard, read in context. A homophone the recogniser writes with another
character is the same syllable, so it is no difference; a wrong syllable is. Latin words inside
are compared as words. English is compared word by word after the front end's normalisation
(numbers in words, case and punctuation aside, British spellings as American ones: Whisper writes
"neighbors" for the "neighbours" it heard).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from . import readings
from .normalise import normalise

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
LEXICON_UNITS = 4  # a difference longer than this is no misread word: no lexicon line for it
_VOWELS = re.compile(r"[aeiouy]+")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'.]*(?:\s+[A-Za-z][A-Za-z'.]*)*")  # ChatGPT, chat GPT, K.K.: one name


@dataclass(frozen=True)
class Unit:
    said: str  # what is compared: a toneless syllable, or a word in lower case
    shown: str  # as written: the character, or the word
    reading: str  # the syllable with its tone ("" for a word)
    at: int  # where it starts in the text it comes from


@dataclass(frozen=True)
class Difference:
    expected: tuple[Unit, ...]  # what the voice should have said (empty: something was heard in addition)
    heard: tuple[Unit, ...]  # what was heard instead (empty: it was not heard)

    @property
    def size(self) -> int:
        """How much differs, in syllables: each Mandarin unit is one, an English word its vowel groups."""
        return max(sum(map(_syllables, self.expected)), sum(map(_syllables, self.heard)))

    @property
    def likeness(self) -> float:
        """How alike what was to be said and what was heard sound, 0 to 1, by their letters (pinyin
        for Mandarin): a near miss (honey, "the money") is the recogniser's, a far one the voice's.
        An English word heard as Chinese characters is compared by its consonants as a
        transliteration keeps them (Kevin as 开文 kai wen, Waymo as 微目 wei mu: the recogniser,
        told the speech is Mandarin, wrote the name in characters)."""
        expected, heard = "".join(u.said for u in self.expected), "".join(u.said for u in self.heard)
        letters = SequenceMatcher(None, expected, heard, autojunk=False).ratio()
        if self.expected and all(not u.reading for u in self.expected) and any(u.reading for u in self.heard):
            sounds = _consonants(expected), _consonants(heard)
            if all(sounds):
                return max(letters, SequenceMatcher(None, *sounds, autojunk=False).ratio())
        return letters

    @property
    def written(self) -> str:
        """The expected units as written: characters run together, words with spaces."""
        return _joined(self.expected)

    @property
    def said_instead(self) -> str:
        """The heard units as the recogniser wrote them."""
        return _joined(self.heard)

    def lexicon_line(self) -> str:
        """A lexicon line that pins what should have been said, for the user to check and add."""
        if not self.expected:
            return ""
        if all(u.reading for u in self.expected):
            return f"{self.written}: {' '.join(u.reading for u in self.expected)}"
        return f"{self.written}: ?   # a respelling (KEH-vin) or phonemes (/ˈkɛvɪn/) that says it"


# Consonants by the class a transliteration keeps (Kevin 开文: v as w; Chat 前: ch as q), in
# English spelling and in pinyin alike; vowels, h and y are not kept.
_CONSONANT_CLASS = {"ng": "N", "ch": "K", "sh": "K", "zh": "K", "ck": "K", "ph": "P", "th": "T",  # two letters first
                    "b": "P", "p": "P", "f": "P", "v": "P", "w": "P", "m": "N", "n": "N", "d": "T", "t": "T",
                    "l": "L", "r": "L", "g": "K", "k": "K", "c": "K", "q": "K", "j": "K", "x": "K", "z": "K", "s": "K"}
_CONSONANT = re.compile("|".join(_CONSONANT_CLASS))


def _consonants(letters: str) -> str:
    return "".join(_CONSONANT_CLASS[m.group(0)] for m in _CONSONANT.finditer(letters.lower()))


def _syllables(unit: Unit) -> int:
    return 1 if unit.reading else max(1, len(_VOWELS.findall(unit.said)))


def _joined(units: tuple[Unit, ...]) -> str:
    """Units as text: syllables' characters run together, a word set apart by spaces."""
    return "".join(("" if not k or (u.reading and units[k - 1].reading) else " ") + u.shown
                   for k, u in enumerate(units))


@dataclass(frozen=True)
class Comparison:
    units: int  # syllables or words the voice was to say
    errors: int  # substituted, missed and added units (their edit distance)
    differences: tuple[Difference, ...]
    expected: tuple[Unit, ...] = ()
    text: str = ""  # where the expected units stand

    @property
    def rate(self) -> float:
        return self.errors / max(1, self.units)

    def worst(self) -> Difference | None:
        """The difference least like what was to be said, of those two syllables long or more."""
        return min((d for d in self.differences if d.size >= 2), key=lambda d: d.likeness, default=None)

    def lexicon_line(self, difference: Difference) -> str:
        """A lexicon line for a word said as another, for the user to check and add ("" where the
        difference is no such thing: words missed or added, a long stretch). In Mandarin, for the
        whole words it falls in: a line for one character would pin it everywhere (行 in 行走 too)."""
        d = difference
        if not d.expected or not d.heard or len(d.expected) > LEXICON_UNITS:
            return ""
        if not all(u.reading for u in d.expected):  # English words: a respelling; with Chinese around them, none
            return d.lexicon_line() if len(d.expected) <= 2 and not any(u.reading for u in d.expected) else ""
        start = min(u.at for u in d.expected)
        stop = max(u.at + len(u.shown) for u in d.expected)
        pos = 0
        for word in readings.words(self.text) if self.text else ():
            if pos < stop and pos + len(word) > start:
                start, stop = min(start, pos), max(stop, pos + len(word))
            pos += len(word)
        span = [u for u in self.expected if start <= u.at < stop]
        if not self.text or len(span) != stop - start or not all(u.reading for u in span):
            return ""
        return f"{self.text[start:stop]}: {' '.join(u.reading for u in span)}"


def units(spoken: str, language: str) -> list[Unit]:
    """The units of a spoken text (with its reading marks): syllables and Latin words."""
    text, pinned = readings.parse_marks(spoken)
    if language == "en":
        american = _american()
        return [Unit(american.get(w := m.group(0).lower().strip("'"), w), m.group(0), "", m.start())
                for m in _LATIN_WORD.finditer(text)]
    said = readings.default_pinyin(text)
    for i, py in pinned.items():
        if not py.startswith("/"):
            said[i] = py
    return _mandarin_units(text, said)


def written(text: str, language: str, lexicon=()) -> str:
    """A text as written, read by the front end (its spoken form, reading marks and all): numbers
    in words, polyphones in context, the lexicon's readings and phonemes pinned, but not its text
    said instead (proof asks whether the voice said what is written, and a lexicon line can make
    it say otherwise)."""
    from .normalise import lexicon_entry

    pins = tuple((w, v) for w, v in lexicon if lexicon_entry(w, v).readings or lexicon_entry(w, v).phonemes)
    return normalise(text, pins, language="en" if language == "en" else "zh-hans").spoken


def written_units(text: str, language: str, lexicon=()) -> list[Unit]:
    """The units of `written(text)`, placed in its text with the marks dropped."""
    return units(written(text, language, lexicon), language)


def heard_text(heard: str, language: str) -> str:
    """What the recogniser wrote, read by the front end: numbers in words, and in simplified
    characters (Whisper writes traditional ones at times)."""
    reading = normalise(heard, language="en" if language == "en" else "zh-hant")
    return readings.parse_marks(reading.spoken)[0]


def heard_units(heard: str, language: str) -> list[Unit]:
    """The units of `heard_text(heard)`, its characters read in context, placed in that text."""
    text = heard_text(heard, language)
    if language == "en":
        return units(text, "en")
    return _mandarin_units(text, readings.context_pinyin([text])[0])


@cache
def _american() -> dict[str, str]:
    """British spellings to American ones: the list Whisper's own evaluation uses."""
    from whisper_normalizer.english import EnglishSpellingNormalizer  # the proof extra's

    return EnglishSpellingNormalizer().mapping


def _mandarin_units(text: str, pinyin: list[str | None]) -> list[Unit]:
    out: list[Unit] = []
    pos = 0
    for m in _LATIN_RUN.finditer(text):
        out += [Unit(_toneless(py), ch, py, pos + i) for i, (ch, py) in enumerate(zip(text[pos : m.start()],
                                                                                     pinyin[pos : m.start()])) if py]
        out.append(Unit(re.sub(r"[\s.]+", "", m.group(0)).lower(), m.group(0).rstrip("."), "", m.start()))
        pos = m.end()
    out += [Unit(_toneless(py), ch, py, pos + i) for i, (ch, py) in enumerate(zip(text[pos:], pinyin[pos:])) if py]
    return out


def _toneless(py: str) -> str:
    return py.rstrip("012345").replace("u:", "v").replace("ü", "v")


def compare(expected: list[Unit], heard: list[Unit], text: str = "") -> Comparison:
    """The units' edit distance, and where they differ (runs of substituted, missed or added units);
    `text`: the text the expected units stand in (for lexicon lines of whole words)."""
    n, m = len(expected), len(heard)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            same = expected[i - 1].said == heard[j - 1].said
            cost[i][j] = min(cost[i - 1][j - 1] + (0 if same else 1), cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    ops: list[tuple[int | None, int | None]] = []  # (expected index, heard index); None: missing on that side
    i, j = n, m
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (0 if expected[i - 1].said == heard[j - 1].said else 1):
            ops.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            ops.append((i - 1, None))
            i -= 1
        else:
            ops.append((None, j - 1))
            j -= 1
    ops.reverse()
    differences: list[Difference] = []
    run_e: list[Unit] = []
    run_h: list[Unit] = []
    for e, h in [*ops, (-1, -1)]:
        wrong = e != -1 and (e is None or h is None or expected[e].said != heard[h].said)
        if wrong:
            if e is not None:
                run_e.append(expected[e])
            if h is not None:
                run_h.append(heard[h])
        elif run_e or run_h:
            differences.append(Difference(tuple(run_e), tuple(run_h)))
            run_e, run_h = [], []
    return Comparison(n, cost[n][m], tuple(differences), tuple(expected), text)
