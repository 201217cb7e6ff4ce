"""English spoken text, after the number grammars (normalise.py): abbreviations said in full,
ellipses and dashes as pauses, marks that are not sounds dropped."""

from __future__ import annotations

import re

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
