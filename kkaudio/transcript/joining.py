"""The lines of one turn joined back into what was said: wraps undone, wrapping quotes off; and one
speaker's turns in a row joined into one."""

from __future__ import annotations

import re

from ..model import Turn

_OPEN_QUOTES = "“\"「『"
_CLOSE_QUOTES = "”\"」』"


def join_lines(pieces: list[str], english: bool = False) -> str:
    """Join the lines of one turn. A line break is a wrap, not a pause: `5000\\n天后` is `5000天后`.

    In an English transcript every break was a space (hard-wrapped text breaks between words).
    In Chinese text, between two Latin words the break was a space (`Blue\\nSky`), unless the
    next part is an all-capitals acronym glued to the word (`Chat\\nGPT` is ChatGPT); after an
    English sentence or clause mark before a word (`end.\\nNext`), a space too.
    """
    if english:
        return " ".join(p.strip() for p in pieces if p.strip())
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and _latin_letter(out[-1]) and _latin_letter(piece[0]):
            first_word = re.match(r"[A-Za-z\u00c0-\u024f]+", piece).group(0)
            out += piece if (len(first_word) > 1 and first_word.isupper()) else " " + piece
        elif out and out[-1] in ".,;:!?)'\"" and piece[0].isascii() and (piece[0].isalpha() or piece[0] in "\"'("):
            out += " " + piece
        else:
            out += piece
    return out.strip()


def _latin_letter(ch: str) -> bool:
    """A letter of an alphabet (with diacritics: Vélez), not a CJK character."""
    return ch.isascii() and ch.isalpha() or "\u00c0" <= ch <= "\u024f" and ch.isalpha()


def strip_wrapping_quotes(text: str) -> str:
    """`“Kevin，…吗？”` -> `Kevin，…吗？`; an opening quote that is never closed goes too."""
    if not text or text[0] not in _OPEN_QUOTES:
        return text
    if text[-1] in _CLOSE_QUOTES and _quotes_balanced(text[1:-1]):
        return text[1:-1].strip()
    if not _quotes_balanced(text):
        return text[1:].strip()
    return text


def _quotes_balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def merge_same_speaker(turns: list[Turn], lang: str) -> list[Turn]:
    """A speaker's turns one after another are one turn (a paragraph each under their own
    label, or a transcriber's chunk every minute)."""
    out: list[Turn] = []
    for t in turns:
        if out and out[-1].speaker == t.speaker:
            out[-1] = Turn(t.speaker, join_lines([out[-1].text, t.text], english=lang == "en"), out[-1].start)
        else:
            out.append(t)
    return out
