"""English spoken text: abbreviations said in full, ellipses and dashes as pauses, marks that are
not sounds dropped (spoken_english), then numbers as words (numbers_english): decades and phone
numbers by our rules (the grammars misread them), the rest by the grammars."""

from __future__ import annotations

import functools
import re

from .grammars import NEEDS_GRAMMAR, grammar

_ABBREVIATIONS = {
    "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Dr.": "Doctor", "Prof.": "Professor", "St.": "Saint",
    "vs.": "versus", "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "approx.": "approximately",
    "Jr.": "Junior", "Sr.": "Senior", "Inc.": "Incorporated", "No.": "number",
}
_ABBREVIATION = re.compile("|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True)))
_UNSPOKEN = re.compile(r"[*_#\"“”{}]")
_ELLIPSIS = re.compile(r"\.{3,}|…+")
_DASHES = re.compile(r"\s*(?:—+|–|-{2,})\s*")


def spoken_english(text: str) -> str:
    text = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(0)], text)
    text = _ELLIPSIS.sub(", ", text)
    text = _DASHES.sub(", ", text)
    text = _UNSPOKEN.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.!?;:])", r"\1", text)


_DECADE = re.compile(r"\b(1[1-9]|20)(\d)0s\b")
_PHONE = re.compile(r"(?<![\d-])(?:\(\d{3}\)\s?|\d{3}-)?\d{3}-\d{4}(?![\d-])")
_WORD = re.compile(r"\S+")
_CONTEXT = 3  # words either side of a number that the grammar sees (March 3, 2024; 10:30 a.m.; $5 million)


def numbers_english(text: str) -> str:
    """English numbers and signs as words: each stretch of a few words around them through the
    grammar (its cost grows with the text it is given: a long answer with one number took 26 ms
    whole), the rest of the text as it is."""
    text = _DECADE.sub(lambda m: _decade(m.group(0)), text)
    text = _PHONE.sub(lambda m: _digits(m.group(0)), text)
    words = list(_WORD.finditer(text))
    spans: list[list[int]] = []
    for k, word in enumerate(words):
        if NEEDS_GRAMMAR.search(word.group(0)):
            first, last = max(0, k - _CONTEXT), min(len(words) - 1, k + _CONTEXT)
            if spans and first <= spans[-1][1] + 1:
                spans[-1][1] = last
            else:
                spans.append([first, last])
    out, pos = [], 0
    for first, last in spans:
        start, stop = words[first].start(), words[last].end()
        out += [text[pos:start], _window(text[start:stop])]
        pos = stop
    out.append(text[pos:])
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def _window(words: str) -> str:
    return grammar("en", words)


def _decade(written: str) -> str:
    from num2words import num2words

    words = num2words(int(written[:-1]), to="year")
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def _digits(number: str) -> str:
    """555-0123 -> five five five, oh one two three: a phone number digit by digit, in groups."""
    names = "oh one two three four five six seven eight nine".split()
    groups = re.findall(r"\d+", number)
    return ", ".join(" ".join(names[int(d)] for d in g) for g in groups)
