"""Which language a transcript is in: simplified Chinese, traditional Chinese or English."""

from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES = ("zh-hans", "zh-hant", "en")
FEED_LANGUAGE = {"zh-hans": "zh-cn", "zh-hant": "zh-tw", "en": "en"}
# Letters of an alphabet (Latin with its accents, Cyrillic, Greek…), not CJK: a transcript in
# Russian or German is spaced like English and read by its voices, never by the Mandarin ones.
_LETTER = r"[^\W\d_\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]"
_ALPHABETIC, _WORD = re.compile(_LETTER), re.compile(_LETTER + "+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SAMPLE = 4000  # characters of Chinese looked at: plenty to tell the scripts apart


def detect(text: str) -> str:
    han = _HAN.findall(text)
    latin = _ALPHABETIC.findall(text)
    if len(latin) > 3 * len(han):  # an English word is ~5 letters; a Chinese one ~1.5 characters
        return "en"
    sample = "".join(han[:_SAMPLE])
    if not sample:
        return "zh-hans"
    changed = sum(ch in _traditional() for ch in sample)
    # Simplified text has next to nothing to convert; traditional text has many (這 個 們 來 為).
    return "zh-hant" if changed >= max(3, 0.03 * len(sample)) else "zh-hans"


def detect_line(line: str) -> str:
    """The language of one line, as `say` and `readings` meet it: Chinese where it has as many Chinese
    characters as English words (`iPhone 15 Pro Max售价9999元`: its numbers are read in Chinese; `I met
    刘润 in 2019` stays English); whole transcripts go by `detect`, an English word ~5 letters."""
    han = _HAN.findall(line)
    if len(han) >= 2 and len(han) >= len(_WORD.findall(line)):
        return detect("".join(han))
    return detect(line)


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    """The characters OpenCC's t2s conversion changes, from its character table (萬 -> 万): counting
    them is the conversion's own test, without converting (which costs ~40 µs a character)."""
    from importlib.resources import files

    table = files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in table.splitlines() if "\t" in line)
    return frozenset(char for char, simple in pairs if len(char) == 1 and char != simple.split()[0])


def to_simplified(text: str) -> str:
    """Traditional -> simplified, for engines' phonemes only (transcripts keep what was written)."""
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC  # opencc-python-reimplemented: pure Python, the OpenCC dictionaries

    return OpenCC("t2s")
