"""Written text -> what an engine should say, and sentence-sized pieces to say it in.

The Script keeps the original wording (transcripts show it); engines get `spoken()` of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Where a sentence ends, and where a long one may be cut into clauses.
_SENTENCE_END = "。！？!?；;…"
_CLAUSE_END = "，,、：:—"
_CLOSERS = "”」』）)\"'》"
MAX_PIECE_CHARS = 40  # longer pieces are cut at a clause; also bounds a transcript cue to two lines

_UNSPOKEN = re.compile(r"[《》「」『』“”\"*_#]")
_ELLIPSIS = re.compile(r"(?:\.{3,}|…+|。{2,})")
_DASHES = re.compile(r"—+|-{2,}")
_SPACES = re.compile(r"\s+")


def spoken(text: str, lexicon: Iterable[tuple[str, str]] = ()) -> str:
    """The text an engine reads: lexicon applied, marks that are not sounds turned into pauses."""
    for written, said in lexicon:
        text = text.replace(written, said)
    text = _ELLIPSIS.sub("，", text)
    text = _DASHES.sub("，", text)
    text = _UNSPOKEN.sub("", text)
    text = re.sub(r"[，,]{2,}", "，", text)
    text = _SPACES.sub(" ", text).strip()
    return text.lstrip("，,").strip()


def split_sentences(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[tuple[str, bool]]:
    """Cut text into (piece, ends_sentence) pairs; punctuation stays with the piece before it.

    Sentences longer than `max_chars` are cut at clause marks (，、：) so that no request
    exceeds an engine's limit, and are cut hard at `max_chars` if they have none.
    """
    out: list[tuple[str, bool]] = []
    for sentence in _cut(text, _SENTENCE_END):
        if len(sentence) <= max_chars:
            out.append((sentence, True))
            continue
        clauses = _pack(_cut(sentence, _CLAUSE_END), max_chars)
        pieces = [p for c in clauses for p in _hard_cut(c, max_chars)]
        out.extend((p, i == len(pieces) - 1) for i, p in enumerate(pieces))
    return out


def _cut(text: str, marks: str) -> list[str]:
    pieces, start, i = [], 0, 0
    while i < len(text):
        if text[i] in marks:
            j = i + 1
            while j < len(text) and (text[j] in marks or text[j] in _CLOSERS):
                j += 1
            piece = text[start:j].strip()
            if piece:
                pieces.append(piece)
            start = i = j
        else:
            i += 1
    if text[start:].strip():
        pieces.append(text[start:].strip())
    return pieces


def _pack(clauses: list[str], max_chars: int) -> list[str]:
    """Rejoin short clauses so pieces are as long as allowed: fewer, more natural breaks."""
    out: list[str] = []
    for c in clauses:
        if out and len(out[-1]) + len(c) <= max_chars:
            out[-1] += c
        else:
            out.append(c)
    return out


def _hard_cut(piece: str, max_chars: int) -> list[str]:
    if len(piece) <= max_chars:
        return [piece]
    # Prefer a space (between Latin words) near the limit to a cut inside a word.
    cut = piece.rfind(" ", max_chars // 2, max_chars)
    cut = cut if cut > 0 else max_chars
    return [piece[:cut].strip()] + _hard_cut(piece[cut:].strip(), max_chars)


def has_speech(text: str) -> bool:
    """Whether a piece has anything to say (not only punctuation)."""
    return bool(re.search(r"[\w]", text))
