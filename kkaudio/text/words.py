"""Text cut into the pieces it is said and shown in: sentences and clauses, and Chinese words.

Bottom of the stack: the spoken-text normaliser, the G2P and the subtitle line breaker all use it.
"""

from __future__ import annotations

import re

# Where a sentence ends, and where a long one may be cut into clauses.
_SENTENCE_END = "。！？!?；;…"
_CLAUSE_END = "，,、：:—"
_CLOSERS = "”」』）)\"'》"
MAX_PIECE_CHARS = 40  # longer pieces are cut at a clause; also bounds a transcript cue to two lines
MAX_ENGLISH_CHARS = 110  # the same for English, whose words are longer
# An English sentence ends at . ! ? before a space and a capital, digit or quote; not after a
# title or a common abbreviation (Mr. Smith, e.g. this).
_ENGLISH_END = re.compile(r"[.!?]+[\"”')\]]*(?=\s+[A-Z0-9\"“'(])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|vs|Prof|Jr|Sr|Inc|Co|e\.g|i\.e|etc)|\b[A-Z])\.$")


def split_sentences(text: str, max_chars: int | None = None, language: str = "zh-hans") -> list[tuple[str, bool]]:
    """Cut text into (piece, ends_sentence) pairs; punctuation stays with the piece before it.

    Sentences longer than `max_chars` are cut at clause marks (，、：) so that no request
    exceeds an engine's limit, and are cut hard at `max_chars` if they have none. English
    sentences end at a full stop before the next sentence too (not after Mr. or in 3.5).
    """
    english = language == "en"
    max_chars = max_chars or (MAX_ENGLISH_CHARS if english else MAX_PIECE_CHARS)
    out: list[tuple[str, bool]] = []
    sentences = [p for s in _english_sentences(text) for p in _cut(s, _SENTENCE_END)] if english else \
        _cut(text, _SENTENCE_END)
    for sentence in sentences:
        if len(sentence) <= max_chars:
            out.append((sentence, True))
            continue
        clauses = _pack(_cut(sentence, _CLAUSE_END), max_chars, " " if english else "")
        pieces = [p for c in clauses for p in _hard_cut(c, max_chars)]
        out.extend((p, i == len(pieces) - 1) for i, p in enumerate(pieces))
    return out


def _english_sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in _ENGLISH_END.finditer(text):
        if _ABBREVIATION.search(text[start : m.start() + 1]):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    return [p for p in out + [text[start:].strip()] if p]


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


def _pack(clauses: list[str], max_chars: int, joiner: str = "") -> list[str]:
    """Rejoin short clauses so pieces are as long as allowed: fewer, more natural breaks."""
    out: list[str] = []
    for c in clauses:
        if out and len(out[-1]) + len(c) <= max_chars:
            out[-1] += joiner + c
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


def word_gaps(text: str) -> list[int]:
    """Offsets between the words of a Chinese text, as jieba cuts it. Subtitle lines end only
    there: breaking at a character count split 新书 and 变化 over two lines."""
    offsets, pos = [], 0
    for word in segment(text):
        pos += len(word)
        offsets.append(pos)
    return offsets[:-1]


def segment(text: str) -> list[str]:
    """The words of a Chinese text as jieba cuts them (its dictionary and its HMM for words not in
    it), through rjieba: jieba-rs, the same algorithm and dictionary in Rust, 14x faster than
    jieba's Python and its dictionary built in 0.2 s instead of loaded in 0.7 s. On 11,363 lines
    of Chinese (CPP's dev sentences, the seed, every transcript of the corpus) the two cut every
    Han word alike; they differ only inside Latin tokens, which rjieba keeps whole (`full-width`,
    `SPEAKER_00`, where jieba cuts at the hyphen and underscore). tests/test_readings.py holds
    them to it; rjieba is pinned exactly."""
    import rjieba

    return rjieba.cut(text)


def has_speech(text: str) -> bool:
    """Whether a piece has anything to say (not only punctuation)."""
    return bool(re.search(r"[\w]", text))
