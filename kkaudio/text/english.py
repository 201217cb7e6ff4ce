"""English spoken-text normalisation: numbers, years, money, percentages, abbreviations.

Engines get words, not digits, so every engine reads `1994` as a year and `3.5%` as "three
point five percent" the same way. num2words does the number words (a maintained library with
years, ordinals and decimals; writing them by hand is how one gets "nineteen hundred ninety-four").
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Dr.": "Doctor", "Prof.": "Professor", "St.": "Saint",
    "vs.": "versus", "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "approx.": "approximately",
    "Jr.": "Junior", "Sr.": "Senior", "Inc.": "Incorporated", "No.": "number",
}
_ABBREVIATION = re.compile("|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True)))
_MONEY = re.compile(r"([$£€])\s?(\d[\d,]*(?:\.\d+)?)(?:\s*(k|K|m|M|bn|billion|million|thousand)\b)?")
_PERCENT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?%")
_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
_YEAR = re.compile(r"\b(1[1-9]\d\d|20\d\d)(s?)\b")  # 1100-2099 as years, and decades (1990s)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}
_SCALE = {"k": "thousand", "K": "thousand", "m": "million", "M": "million", "bn": "billion"}
_UNSPOKEN = re.compile(r"[*_#\"“”]")
_ELLIPSIS = re.compile(r"\.{3,}|…+")
_DASHES = re.compile(r"\s*(?:—+|–|-{2,})\s*")


def spoken_english(text: str) -> str:
    from num2words import num2words

    def number(s: str) -> str:
        whole, _, decimals = s.replace(",", "").partition(".")
        words = num2words(int(whole))
        if decimals:  # digit by digit, as said: 1.0 "one point zero", 3.14 "three point one four"
            words += " point " + " ".join(num2words(int(d)) for d in decimals)
        return words

    text = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(0)], text)
    text = _ELLIPSIS.sub(", ", text)
    text = _DASHES.sub(", ", text)
    text = _MONEY.sub(lambda m: " ".join(w for w in (number(m.group(2)), _SCALE.get(m.group(3), m.group(3)),
                                                      _CURRENCY[m.group(1)]) if w), text)
    text = _PERCENT.sub(lambda m: number(m.group(1)) + " percent", text)
    text = _ORDINAL.sub(lambda m: num2words(int(m.group(1)), to="ordinal"), text)
    text = _YEAR.sub(lambda m: _year(m.group(1), m.group(2)), text)
    text = _NUMBER.sub(lambda m: number(m.group(0)), text)
    text = _UNSPOKEN.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.!?;:])", r"\1", text)


def _year(digits: str, plural: str) -> str:
    from num2words import num2words

    words = num2words(int(digits), to="year")
    if plural:  # the 1990s: nineteen nineties
        words = words[:-1] + "ies" if words.endswith("y") else words + "s"
    return words
