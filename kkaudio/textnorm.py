"""Written text -> what an engine should say, and sentence-sized pieces to say it in.

The Script keeps the original wording (transcripts show it); engines get `spoken()` of it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

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

# Marks that are not sounds. The interpunct of transliterated names (凯文·凯利) is read
# without a break; left in, it reached Kokoro as a symbol outside its vocabulary.
_UNSPOKEN = re.compile(r"[《》「」『』“”\"*_#·•‧・]")
_ELLIPSIS = re.compile(r"(?:\.{3,}|…+|。{2,})")
_DASHES = re.compile(r"—+|-{2,}")
_SPACES = re.compile(r"\s+")
_CJK = "\u4e00-\u9fff"

# Numbers, in the order they must be tried.
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_YEAR = re.compile(r"(?<![\d.])(\d{4})(?=\s*年(?!代|龄|纪|级|轻|薪))")
_DECADE = re.compile(r"(?<![\d.])(\d0)(?=\s*年代)")
_DIGITS = "零一二三四五六七八九"


def spoken(text: str, lexicon: Iterable[tuple[str, str]] = (), language: str = "zh-hans") -> str:
    """The text an engine reads: lexicon applied, numbers in words, marks that are not sounds
    turned into pauses. Latin words stay Latin (engines read them as English).

    Traditional Chinese is read in simplified characters (every engine's Mandarin G2P knows
    those best); English has its own normalisation (english.py)."""
    if language == "en":
        from .english import spoken_english

        return spoken_english(apply_lexicon(text, tuple(lexicon)))
    text = apply_lexicon(text, tuple(lexicon))
    if language == "zh-hant":
        from .transcript.language import to_simplified

        text = to_simplified(text)
    text = _ELLIPSIS.sub("，", text)
    text = _DASHES.sub("，", text)
    text = _UNSPOKEN.sub("", text)
    # Single quotes as quotation marks ('失控') are not read either; an apostrophe inside an
    # English word (don't) is. Left in, they reached Kokoro as a symbol it does not know.
    text = re.sub(r"[‘’]|(?<![A-Za-z])'|'(?![A-Za-z])", "", text)
    text = numbers_to_words(text)
    text = re.sub(r"[，,]{2,}", "，", text)
    # A space between CJK and a number or word is a wrap, not a pause: 再等17 年 -> 再等十七年.
    text = re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])", "", text)
    text = _SPACES.sub(" ", text).strip()
    return text.lstrip("，,").strip()


def apply_lexicon(text: str, lexicon: tuple[tuple[str, str], ...]) -> str:
    """Replace each written form by its spoken one in one pass, longest match first, so one
    entry never rewrites another's output (K.K. -> KK, then K -> 开, must not give 开开)."""
    if not lexicon:
        return text
    said = dict(lexicon)
    pattern = _lexicon_pattern(tuple(sorted(said, key=len, reverse=True)))
    return pattern.sub(lambda m: said[m.group(0)], text)


@functools.lru_cache(maxsize=8)
def _lexicon_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in keys))


def numbers_to_words(text: str) -> str:
    """Digits as a Mandarin listener expects them.

    Years digit by digit (2019年 二零一九年), decades as tens (90年代 九十年代), counts and
    durations as numbers (5000天 五千天, 13年 十三年), percentages (99.9% 百分之九十九点九),
    decimals and versions (0.1 零点一, Web3.0 Web三点零). A number glued between Latin
    letters (P2P) is left for the lexicon or the engine's English reading.
    """
    import cn2an  # imported here: only normalisation needs it, and it is slow to import

    def say(digits: str) -> str:
        if re.fullmatch(r"0\d+", digits):  # a code or a zero-padded count: digit by digit
            return "".join(_DIGITS[int(d)] for d in digits)
        return cn2an.an2cn(digits, "low")

    text = _PERCENT.sub(lambda m: "百分之" + say(m.group(1)), text)
    text = _YEAR.sub(lambda m: "".join(_DIGITS[int(d)] for d in m.group(1)), text)
    text = _DECADE.sub(lambda m: say(m.group(1)), text)
    return re.sub(r"(?<![A-Za-z])\d+(?:\.\d+)?|(?<=[A-Za-z])\d+\.\d+", lambda m: say(m.group(0)), text)


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
    for word in quiet_jieba().cut(text):
        pos += len(word)
        offsets.append(pos)
    return offsets[:-1]


@functools.lru_cache(maxsize=1)
def quiet_jieba():
    """The jieba module (Chinese word segmentation; the G2P uses it too), imported on first
    use and told once not to print its dictionary loading."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def has_speech(text: str) -> bool:
    """Whether a piece has anything to say (not only punctuation)."""
    return bool(re.search(r"[\w]", text))
