"""The spaces between words on a PDF page, where pypdf's layout mode gets them wrong.

Layout mode (pdf.py reads pages with it, for the indents that start a speaker's paragraph) puts
each run of glyphs on a grid of columns; in a word processor's justified text, where every run is
placed with its own kerning and word spacing (`[(D)-8 (epartment)] TJ`), a gap inside a word can
round to a column (`Treasury D epartment`, `people ’s`, `broad-  based`) and a space between words
to none (`MICHELLE SMITH.Nick Timiraos.`, which hides a speaker's label). pypdf's plain mode spaces
such pages right. Where a page's layout text shows one of those shapes, the page is read again in
plain mode, the two texts' letters are aligned (difflib), and at those spots only the spaces are
taken from plain mode; the letters, the lines and the indents stay as layout mode gave them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

# A capital alone before the rest of its word (`D epartment`; of I, A and O, which are words
# themselves, only before what is not: `A nd`), a sentence's end glued to the next (`Journal.To`,
# `SMITH.Nick`), an apostrophe or a comma spaced off its word, a hyphenated word split by the grid.
_SUSPECT = tuple(re.compile(p) for p in (
    r"\b[B-HJ-NP-Z] +[a-z]{2,}|\b[AIO] +(?:nd|s|t|f|n|r|ll|ther|nother|lso|fter|nly|ur|ver|ne|ff)\b",
    r"(?:[a-z]|[A-Z]{2})[.?!,;][A-Z]", r"\w +[’'] *(?:s|t|re|ve|ll|d|m)\b|\w[’'] +(?:s|t|re|ve|ll|d|m)\b",
    r"\b[A-Za-z] +[,;](?= )|[a-z]- +[a-z]"))  # each on its own: `have.A  nd` is two spots that overlap


def respaced(layout: str, plain: Callable[[], str]) -> str:
    """`layout` with the spaces at its suspect spots as `plain()` (read only if there are any) has them."""
    gaps = sorted({pair for p in _SUSPECT for m in p.finditer(layout) for pair in _gaps(layout, *m.span())},
                  reverse=True)
    if not gaps:
        return layout
    text = plain()
    ours = [k for k, c in enumerate(layout) if not c.isspace()]
    theirs = [k for k, c in enumerate(text) if not c.isspace()]
    stream = {k: n for n, k in enumerate(ours)}
    aligned: dict[int, int] = {}  # a letter of layout's (its place among the letters) -> plain's
    matcher = SequenceMatcher(None, "".join(text[k] for k in theirs), "".join(layout[k] for k in ours),
                              autojunk=False)
    for block in matcher.get_matching_blocks():
        aligned.update((block.b + d, block.a + d) for d in range(block.size))
    out = list(layout)
    for left, right in gaps:  # right to left, so the places still to mend do not move
        a, b = aligned.get(stream[left]), aligned.get(stream[right])
        if a is None or b != a + 1:
            continue  # not the same two letters side by side in plain mode: leave it
        spaced = theirs[b] > theirs[a] + 1
        if spaced and right == left + 1:
            out[right:right] = [" "]
        elif not spaced and right > left + 1:
            del out[left + 1 : right]
    return "".join(out)


def _gaps(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The places of each two letters side by side (spaces between or not) in text[start:end]."""
    letters = [k for k in range(start, end) if not text[k].isspace()]
    return list(zip(letters, letters[1:]))
