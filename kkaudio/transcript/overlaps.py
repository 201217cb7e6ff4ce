"""Overlapping speech, as transcription tools and conventions mark it inside the turn it is said
over (noScribe, GAT): `…versüßt. //S02: Ist das herrlich. // Ich kann…`. The overlap is a turn
of its own; the turn it interrupted goes on after it (reader._split_inline)."""

from __future__ import annotations

import re

from .labels import Candidate, could_name, make_candidate, untimed

# `//S02:` opens an overlap; `//` (or the end of the line) closes it.
OVERLAP = re.compile(r"(?:(?<=\s)|^)//\s*(?P<name>[^\s:：/][^:：/]{0,39}?)\s*[:：]\s*")
OVERLAP_END = re.compile(r"\s*//(?=\s|$)")


def overlap_candidates(plain: str, index: int) -> list[Candidate]:
    """Speakers marked as talking over the turn they interrupt."""
    out = []
    text = untimed(plain)
    for m in OVERLAP.finditer(text):
        if not could_name(m.group("name")):
            continue
        cand = make_candidate(m.group("name"), "plain:colon", index, text[m.end():].strip(), inline=True,
                              start=m.start("name"), overlap=True)
        if cand:
            out.append(cand)
    return out
