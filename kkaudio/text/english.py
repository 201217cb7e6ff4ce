"""English spoken text: abbreviations said in full, ellipses and dashes as pauses, marks that are
not sounds dropped (spoken_english), then numbers as words (numbers_english): decades and phone
numbers by our rules (the grammars misread them), the rest by the grammars."""

from __future__ import annotations

import functools
import re

from .grammars import NEEDS_GRAMMAR, grammar, read_with_numbers
from .spoken import PICTURES

_ABBREVIATIONS = {
    "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Dr.": "Doctor", "Prof.": "Professor", "St.": "Saint",
    "vs.": "versus", "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "approx.": "approximately",
    "Jr.": "Junior", "Sr.": "Senior", "Inc.": "Incorporated", "No.": "number",
}
_ABBREVIATION = re.compile("|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True)))
# Units the grammar leaves as written (3 hrs, 10 sec, 2 tbsp), said in full after a number; pages
# before one (p. 12, pp. 45-47).
_UNIT_WORDS = {"hr": "hour", "hrs": "hour", "sec": "second", "secs": "second", "yr": "year", "yrs": "year",
               "wk": "week", "wks": "week", "tbsp": "tablespoon", "tsp": "teaspoon", "mins": "minute"}
_UNIT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(" + "|".join(_UNIT_WORDS) + r")(?:\.(?=\s+[a-z]))?(?![\w'’-])")
_PAGES = re.compile(r"\b(pp?)\.\s?(?=\d)")
_UNSPOKEN = re.compile(r"[*_#\"“”{}]")
_ELLIPSIS = re.compile(r"\.{3,}|…+")
_DASHES = re.compile(r"\s*(?:—+|–|-{2,})\s*")
_NUMBERS_APART = re.compile(r"(?<=\d)\s*[–—]\s*(?=\d)")  # pages 10–20, (1912–1954): "to", not a pause


# `St.` after a name is its street (221B Baker St.), before one its saint (St. Louis).
_STREET = re.compile(r"(?<=[A-Za-z]) St\.(?=[\s,;:)]|$)(?!\s+[A-Z][a-z])")
# A rate's `/`: 10k requests/sec, $5/month.
_PER = {"s": "second", "sec": "second", "second": "second", "min": "minute", "minute": "minute", "h": "hour", "hr": "hour",
        "hour": "hour", "day": "day", "wk": "week", "week": "week", "mo": "month", "month": "month", "yr": "year", "year": "year"}
_PER_UNIT = re.compile(r"(?<=[A-Za-z\d%])/(" + "|".join(sorted(_PER, key=len, reverse=True)) + r")\b(?![/\w])")


_METRES_PER_SECOND = re.compile(r"(?<=\d)\s?m/s\b")  # 5 m/s (the grammar: five minutes per second)


def spoken_english(text: str) -> str:
    text = _METRES_PER_SECOND.sub(" meters per second", _STREET.sub(" Street", text))
    text = _PER_UNIT.sub(lambda m: f" per {_PER[m.group(1)]}", text)
    text = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(0)], _NUMBER_SIGN.sub("number ", text))
    text = _UNIT.sub(lambda m: f"{m.group(1)} {_UNIT_WORDS[m.group(2)]}{'' if m.group(1) == '1' else 's'}", text)
    text = _PAGES.sub(lambda m: "pages " if m.group(1) == "pp" else "page ", text)
    text = _ELLIPSIS.sub(", ", text)
    text = _NUMBERS_APART.sub(" to ", text)
    text = _DASHES.sub(", ", text)
    text = PICTURES.sub("", _UNSPOKEN.sub("", text))
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.!?;:])", r"\1", text)


_DECADE = re.compile(r"\b(1[1-9]|20)(\d)0s\b")
_PHONE = re.compile(r"(?<![\d-])(?:\(\d{3}\)\s?|\d{3}-)?\d{3}-\d{4}(?![\d-])")
# What the grammar misreads (bench/readings.py's English sentences): money with cents ($1.50 "one
# point five dollars"), numbers grouped by commas (1,500 "thousand five hundred": it drops the
# "one"), 1000-1009 read as years ("ten hundred"), a slash that is no fraction (24/7 "twenty four
# sevenths", 9/11), a date with a two-digit year (5/29/24 "five divided by twenty nine..."), v2.0.
_CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
               "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "sen", "sen")}
_MONEY = re.compile(r"([$€£¥])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d\d))?(?![\d.,]*\d)(?:([kKmMbB]|bn)\b)?"
                    r"(?!\s*(?:thousand|million|billion|trillion)\b)")
_SCALES = {"k": "thousand", "m": "million", "b": "billion", "bn": "billion"}
# A unit after a number grouped by commas, which the grammar no longer sees beside it: 1,200 km.
_UNIT_AFTER_GROUPED = {"km": "kilometers", "kg": "kilograms", "cm": "centimeters", "mm": "millimeters", "mi": "miles",
                       "ft": "feet", "lbs": "pounds", "lb": "pounds", "oz": "ounces", "mph": "miles per hour",
                       "GB": "gigabytes", "MB": "megabytes", "TB": "terabytes", "KB": "kilobytes"}
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?)(?![\d,]*\d)(?:\s?(" + "|".join(_UNIT_AFTER_GROUPED) + r")\b)?")
# A count in thousands with a small k (10k requests, 50k users): the K of 4K and of a 5K race is said as K.
_KILO = re.compile(r"(?<![\w.,$€£¥])(\d+(?:\.\d+)?)k\b(?![\w'’-])")
# A video's lines of resolution, said in pairs: 1080p "ten eighty p", 720p, 2160p.
_RESOLUTION = re.compile(r"(?<![\w.])(\d{3,4})([pi])\b")
_THOUSAND = re.compile(r"(?<![\d.,/:-])100\d(?![\d/:]|[.,]\d)")
_SLASHED = re.compile(r"(?<![\d/.])(\d+)/(\d+)(?![\d/]|\.\d)")
_SHORT_DATE = re.compile(r"(?<![\d/])((?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/)(\d\d)(?![\d/])")
_VERSION = re.compile(r"\bv(?=\d+(?:\.\d+)+\b)")
_PLUS = re.compile(r"(?<=\d)\+(?![\d+])")  # 100+ countries: "one hundred plus" (the grammar leaves it as written)
# A version's parts are numbers, not decimals: version 3.11 "three point eleven" (the grammar: one one).
_VERSION_NUMBER = re.compile(r"(?<=\bversion )(\d+(?:\.\d+)+)\b", re.IGNORECASE)
_SAME_TWICE = re.compile(r"(?<![\d.:-])(\d+)-\1(?![\d:]|[.-]\d)")  # 50-50: "fifty fifty" (the grammar: fifty to fifty)
# A span of years, 1939-1945: "nineteen thirty nine to nineteen forty five" (the grammar reads them as counts).
_YEAR_SPAN = re.compile(r"(?<![\d.,$€£/:-])\b(1[5-9]\d\d|20\d\d)\s*[-–—]\s*(1[5-9]\d\d|20\d\d|\d\d)\b(?![\d/:]|[.,-]\d)")
# A height in feet and inches, 6'2": "six foot two" (the grammar: "six'two").
_FEET = re.compile(r"(?<![\d.])(\d)['’′]\s?(\d{1,2})(?:\"|”|″|'')?(?![\d'’])")
# A number and a bare "m": the grammar reads minutes (8848m "eight thousand… minutes"); written so it is
# metres (the 100m, 8848m high, a 5m fall) or, before what is counted, millions (5m users).
_M = re.compile(r"(?<![\w$€£¥.,])(\d+(?:\.\d+)?)m\b(?![\w'’-])(?P<next>\s+[A-Za-z]+)?")
_METRE_WORDS = frozenset("in of high long tall wide deep away above below up down race races hurdles dash sprint "
                         "freestyle butterfly backstroke breaststroke relay from to and or at on by was is are".split())
# A Roman numeral after the words that number things: World War II, Chapter IV, Part II (the
# grammar reads only the first, and only where a digit brings it a stretch to read).
_ROMAN_AFTER = re.compile(r"\b(World War|Chapter|Part|Article|Section|Volume|Vol\.|Book|Phase|Act|Title|Super Bowl)"
                          r"\s+([IVXLC]{1,7})\b")
# 3.5x faster: "three point five times" (the grammar reads whole numbers so, not decimals); #1:
# "number one" (the grammar: "one"); ~50: "about fifty" (the grammar glued its "approximately"
# to the number), once after "about".
_MULTIPLE = re.compile(r"(?<![\w.])(\d+\.\d+)x\b")
_NUMBER_SIGN = re.compile(r"(?<![\w&#])#\s?(?=\d)")
# A room's, a flight's or a bus route's number, room 305, flight 1024: as people say it, three oh
# five, ten twenty four (the grammar: three hundred and five).
_ROOM = re.compile(r"(?i)\b(room|suite|apartment|apt\.|flight|gate|route|bus|extension|ext\.)\s((?-i:[A-Z][A-Z0-9]\s?)?)(\d{3,4})\b(?![.,]\d)")
# A number that names, after what says so: zip code 94103, PIN 4821, account ending in 1702: digit by digit.
_CODE = re.compile(r"(?i)\b(zip(?: code)?|postcode|postal code|PIN|passcode|account(?: number)?|order(?: number)?|"
                   r"confirmation(?: number| code)?|ending in)((?:\s+(?:is|was|number))?:?\s+)(\d{4,})\b(?![.,]\d)")
_TILDE = re.compile(r"(?i)(?:\b(about|around|roughly|approximately|nearly|some)\s+)?[~≈]\s?(?=\d)")
_FRACTIONS = {2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 32, 64, 100}  # denominators read as fractions (3/4, 5/16)
_WORD = re.compile(r"\S+")
_CONTEXT = 3  # words either side of a number the grammar may see (March 3, 2024; 10:30 a.m.; 5 km/h)


def numbers_english(text: str) -> str:
    """English numbers and signs as words: each stretch of a few words around them through the
    grammar (its cost grows with the text it is given: a long answer with one number took 26 ms
    whole), the rest of the text as it is."""
    text = _DECADE.sub(lambda m: _decade(m.group(0)), text)
    text = _TILDE.sub(lambda m: f"{m.group(1) or 'about'} ", _MULTIPLE.sub(r"\1 times", text))
    text = _PHONE.sub(lambda m: _digits(m.group(0)), text)
    text = _ROOM.sub(lambda m: f"{m.group(1)} {m.group(2)}{_pairs(m.group(3))}", text)
    text = _CODE.sub(lambda m: m.group(1) + m.group(2) + " ".join(_DIGIT_NAMES[int(d)] for d in m.group(3)), text)
    text = _MONEY.sub(_money, text)
    text = _KILO.sub(lambda m: f"{m.group(1)} thousand", text)
    text = _RESOLUTION.sub(lambda m: f"{_pairs(m.group(1))} {m.group(2)}", text)
    text = _GROUPED.sub(lambda m: _cardinal(m.group(1).replace(",", "")) + (f" {_UNIT_AFTER_GROUPED[m.group(2)]}" if m.group(2) else ""),
                        text)
    text = _THOUSAND.sub(lambda m: _cardinal(m.group(0)), text)
    text = _SHORT_DATE.sub(lambda m: m.group(1) + ("20" if int(m.group(2)) < 50 else "19") + m.group(2), text)
    text = _SLASHED.sub(_slashed, text)
    text = _PLUS.sub(" plus", text)
    text = _VERSION.sub("version ", text)
    text = _VERSION_NUMBER.sub(_version, text)
    text = _YEAR_SPAN.sub(_year_span, text)
    text = _M.sub(_metres_or_millions, text)
    text = _FEET.sub(r"\1 foot \2", text)
    text = _SAME_TWICE.sub(lambda m: f"{_cardinal(m.group(1))} {_cardinal(m.group(1))}", text)
    text = _ROMAN_AFTER.sub(_roman, text)
    words = list(_WORD.finditer(text))
    spans: list[list[int]] = []
    for k, word in enumerate(words):
        if NEEDS_GRAMMAR.search(word.group(0)):
            first = last = k
            while first > 0 and k - first < _CONTEXT and _read_with_numbers(words[first - 1].group(0)):
                first -= 1
            while last < len(words) - 1 and last - k < _CONTEXT and _read_with_numbers(words[last + 1].group(0)):
                last += 1
            if spans and first <= spans[-1][1] + 1:
                spans[-1][1] = max(spans[-1][1], last)
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


_BARE = ".,;:!?\"'()[]{}“”‘’"


@functools.lru_cache(maxsize=65536)
def _read_with_numbers(word: str) -> bool:
    """Whether the grammar can read `word` with a number beside it: a month, unit, currency, a.m.,
    No. (the words of its data, grammar_context.json), or anything but letters (10:30, $, km/h).
    Only these reach the grammar with a number: it costs about 0.05 ms a character."""
    key = word.strip(_BARE).lower()
    return bool(key) and (not key.isalpha() or key in _grammar_words())


@functools.lru_cache(maxsize=1)
def _grammar_words() -> frozenset[str]:
    return frozenset(read_with_numbers()["en"].split())


def _metres_or_millions(m: re.Match) -> str:
    following = m.group("next") or ""
    word = following.strip().lower()
    described = re.search(r"\b(?:a|an|the|this|that)\s+$", m.string[: m.start()], re.IGNORECASE)  # a 5m fall
    if not word or word in _METRE_WORDS:
        unit = "meters"
    elif not described:
        unit = "million"  # 5m users
    else:
        unit = "meter" if described.group(0).strip().lower() in ("a", "an") else "meters"
    return f"{m.group(1)} {unit}{following}"


def _year_span(m: re.Match) -> str:
    first, last = int(m.group(1)), int(m.group(2))
    if last < 100:  # 1995-97
        last += first - first % 100
    if not 0 < last - first < 100:
        return m.group(0)  # 2000-1500, 1500-2000: not a span of years
    from num2words import num2words

    return " to ".join(num2words(y, to="year").replace("-", " ") for y in (first, last))


def _cardinal(number: str) -> str:
    """1,234.5 -> one thousand two hundred and thirty four point five (the grammar's own style)."""
    from num2words import num2words

    value = float(number) if "." in number else int(number)
    return num2words(value).replace(",", "").replace("-", " ")


def _money(m: re.Match) -> str:
    one, many, cent, cents = _CURRENCIES[m.group(1)]
    whole = int(m.group(2).replace(",", ""))
    if m.group(4):  # $5k, £2bn: five thousand dollars
        amount = m.group(2) + (f".{m.group(3)}" if m.group(3) else "")
        return f"{_cardinal(amount.replace(',', ''))} {_SCALES[m.group(4).lower()]} {many}"
    said = f"{_cardinal(str(whole))} {one if whole == 1 else many}"
    if m.group(3) and int(m.group(3)):
        said += f" and {_cardinal(m.group(3).lstrip('0'))} {cent if int(m.group(3)) == 1 else cents}"
    return said


def _slashed(m: re.Match) -> str:
    """3/4 stays a fraction for the grammar, and 1/10 of it; a score out of 5, 10 or 100 is said so
    (8/10 "eight out of ten"); 24/7, 50/50, 9/11 are said as the two numbers."""
    top, bottom = int(m.group(1)), int(m.group(2))
    if top < bottom and bottom in (5, 10, 100) and not re.match(r"\s+of\b", m.string[m.end():]):
        return f"{_cardinal(m.group(1))} out of {_cardinal(m.group(2))}"
    if top < bottom and bottom in _FRACTIONS:
        return m.group(0)
    return f"{_cardinal(m.group(1))} {_cardinal(m.group(2))}"


def _version(m: re.Match) -> str:
    """3.11 "three point eleven", 2.0 "two point oh", 0.7 "zero point seven"."""
    first, *rest = m.group(1).split(".")
    return " point ".join([_cardinal(first), *("oh" if int(p) == 0 else _cardinal(p) for p in rest)])


def _roman(m: re.Match) -> str:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    digits = [values[ch] for ch in m.group(2)]
    number = sum(-d if d < after else d for d, after in zip(digits, digits[1:] + [0]))
    return f"{m.group(1)} {_cardinal(str(number))}"


def _decade(written: str) -> str:
    from num2words import num2words

    words = num2words(int(written[:-1]), to="year")
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


_DIGIT_NAMES = "oh one two three four five six seven eight nine".split()  # digits as numbers are read out


def _pairs(number: str) -> str:
    """305 -> three oh five, 300 -> three hundred, 1024 -> ten twenty four, 1200 -> twelve hundred:
    a room's number, its last two digits a pair and what comes before them."""
    head, tail = number[:-2], number[-2:]
    said = _DIGIT_NAMES[int(head)] if len(head) == 1 else _cardinal(head)
    if tail == "00":
        return f"{said} hundred"
    return f"{said} {_cardinal(tail) if tail[0] != '0' else 'oh ' + _DIGIT_NAMES[int(tail[1])]}"


def _digits(number: str) -> str:
    """555-0123 -> five five five, oh one two three: a phone number digit by digit, in groups."""
    groups = re.findall(r"\d+", number)
    return ", ".join(" ".join(_DIGIT_NAMES[int(d)] for d in g) for g in groups)
