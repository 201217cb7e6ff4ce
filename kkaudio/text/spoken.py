"""Written text -> what an engine should say: lexicon, numbers as words, unspoken marks out.

The Script keeps the original wording (transcripts show it); engines get `spoken()` of it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# What happens rather than what is said, inside a turn: (laughs), [crosstalk], （笑）, (Kevin
# laughs), [inaudible 00:12:03]. Short, bracketed, and naming a sound that is not speech; the
# transcript keeps them, no voice says them. (A line that is nothing else is left out earlier,
# by the reader: transcript/furniture.py's STAGE_DIRECTION.)
_EVENT = (r"laugh|chuckl|giggl|applau|crosstalk|cross-talk|inaudible|unintelligible|indistinct|overlapping"
          r"|silence|pause|music|cough|sigh|clap|笑|掌声|鼓掌|音乐|停顿|沉默|听不清|咳嗽|叹气")
# Where words follow (not punctuation or the end), `word` is set and a space takes its place.
_STAGE = re.compile(rf"\s*[\[(（【](?=[^\[\]()（）【】]{{1,40}}[\])）】])[^\[\]()（）【】]*?(?:{_EVENT})"
                    r"[^\[\]()（）【】]*[\])）】](?:(?=\s*(?P<word>[^\s，。！？、；：,.!?;:]))|)", re.IGNORECASE)
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
    turned into pauses, stage directions ((laughs), （笑）) left out. Latin words stay Latin (engines read them as English).

    Traditional Chinese is read in simplified characters (every engine's Mandarin G2P knows
    those best); English has its own normalisation (english.py)."""
    text = _STAGE.sub(lambda m: " " if m.group("word") else "", text)
    if language == "en":
        from .english import spoken_english

        return spoken_english(apply_lexicon(text, tuple(lexicon)))
    text = apply_lexicon(text, tuple(lexicon))
    if language == "zh-hant":
        from .language import to_simplified

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
