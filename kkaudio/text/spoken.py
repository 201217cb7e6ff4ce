"""Written text -> what an engine should say. The work is normalise.py's (the one front end);
here are the pieces it is made of that are not about numbers: stage directions out, marks that
are not sounds turned into pauses or dropped, the lexicon's pattern.

The Script keeps the original wording (transcripts show it); engines get normalise.spoken() of it.
"""

from __future__ import annotations

import functools
import re

# What happens rather than what is said, inside a turn: (laughs), [crosstalk], （笑）, (Kevin
# laughs), [inaudible 00:12:03]. Short, bracketed, and naming a sound that is not speech; the
# transcript keeps them, no voice says them. (A line that is nothing else is left out earlier,
# by the reader: transcript/furniture.py's STAGE_DIRECTION.)
_EVENT = (r"laugh|chuckl|giggl|applau|crosstalk|cross-talk|inaudible|unintelligible|indistinct|overlapping"
          r"|silence|pause|music|cough|sigh|clap|slam|bang|knock|\bring|beep|buzz|thud|crash|scream|gasp|groan"
          r"|sniff|\bsob|siren|bark|cheer|whistl|footstep|static|shout|whisper|\bsing"
          r"|笑|掌声|鼓掌|音乐|停顿|沉默|听不清|咳嗽|叹气"
          r"|以下简称|以下簡稱|下称|下稱|hereafter|hereinafter"  # and what an introduction calls someone from now on
          r"|redact|anonymi[sz]|已隐去|已删除")  # and words taken out: [REDACTED], [name redacted]
# Where words follow (not punctuation or the end), `word` is set and a space takes its place.
_STAGE = re.compile(rf"\s*(?:[\[(（【](?=[^\[\]()（）【】]{{1,40}}[\])）】])[^\[\]()（）【】]*?(?:{_EVENT})"
                    r"[^\[\]()（）【】]*[\])）】]"
                    # or between asterisks, as chats and some transcribers write an action: `*claps*`
                    rf"|\*(?=[^*\n]{{1,40}}\*)[^*\n]*?(?:{_EVENT})[^*\n]*\*)(?:(?=\s*(?P<word>[^\s，。！？、；：,.!?;:]))|)",
                    re.IGNORECASE)


def is_event(text: str) -> bool:
    """A few words naming something that happens, not said (`claps`, `laughs`, `掌声`)."""
    return len(text.split()) <= 4 and len(text.strip()) <= 40 and bool(re.search(_EVENT, text, re.IGNORECASE))
# Marks that are not sounds. The interpunct of transliterated names (凯文·凯利) is read
# without a break; left in, it reached Kokoro as a symbol outside its vocabulary. Braces are
# the reading marks' own (readings.MARK): a brace in the text is not one.
_UNSPOKEN = re.compile(r"[《》「」『』“”\"*_#·•‧・{}]")
# Pictures, not words: emoji (😀, 👉, a keycap's 1️⃣ marks), dingbats and their joiners. No voice
# says them; left in, they reached the phonemes as symbols.
PICTURES = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE00-\uFE0F\u20E3\u200D]")
_ELLIPSIS = re.compile(r"(?:\.{3,}|…+|。{2,})")
_DASHES = re.compile(r"—+|-{2,}")
_SPACES = re.compile(r"\s+")
_CJK = "\u4e00-\u9fff"


def drop_stage_directions(text: str) -> str:
    return _STAGE.sub(lambda m: " " if m.group("word") else "", text)


# What scripts and broadcast transcripts write in capitals in round brackets, beside words written
# otherwise: sounds and cues (PASSING TRUCK), (HORN, BRAKES), (BEGIN VIDEOTAPE), (SOUNDBITE OF
# MUSIC); and the marks transcribers leave in lower case: (ph), (sic), (voice-over), (as Stu Price),
# (through translator). An acronym alone, (CIA) or (NATO), is a word and stays.
_ASIDE = re.compile(r"\s*\((?:(?P<caps>[A-Z][A-Z0-9 ,.'’&/:;-]*[A-Z.])|ph|sp|sic|voice-over|on camera|off camera"
                    r"|through (?:an? )?(?:translator|interpreter)|as [A-Z][^()]{1,40})\)")


# Words blacked out in an anonymised transcript: runs of X's (`XXXXXXX XX XXXX`, one X alone is a
# letter: Malcolm X), ××× in Chinese, █ blocks. No voice spells them out; the run is left unsaid.
_BLACKED_OUT = re.compile(r"(?<![A-Za-z])(?:X{2,}|×{2,}|█+)(?:[\s,.'’]*(?:X+|×+|█+))*(?![A-Za-z])")


# A pause as conversation analysts and transcription tools mark it: (.), (..), (...), (0.5), (2 s),
# (3 Sek.). Not a number alone in brackets, which counts a list: (1), (2).
_PAUSE = re.compile(r"\s*[(（](?:\.{1,3}|…|\d+[.,]\d+|\d+(?:[.,]\d+)?\s*(?:s|secs?|seconds?|Sek\.?|Sekunden|秒))[)）]")


# A link is said as its site (`youtube.com`), never letter by letter with its path and query.
_URL = re.compile(r"\b(?:https?://|www\.)(?:www\.)?(?P<host>[^\s/?#()（）<>\"“”]+?)(?:[/?#][^\s()（）<>\"“”]*?)?"
                  r"(?=[.,;:!?。，；：！？]*(?:\s|$|[)）]))")


def unsaid(text: str) -> str:
    """`text` without what no voice says in it: stage directions, pauses marked in brackets, a link's
    path (its site is said), words blacked out, and the capitals asides and transcribers' marks of
    _ASIDE (where the text has lower case of its own)."""
    text = _URL.sub(lambda m: m["host"], _PAUSE.sub("", drop_stage_directions(text)))
    # A space where the run was, between Latin words; nothing beside a Chinese character or mark
    text = _BLACKED_OUT.sub(lambda m: " " if m.string[m.start() - 1 : m.start()].isascii()
                            and m.string[m.end() : m.end() + 1].isascii() else "", text)
    if not re.search(r"[a-z]{2}", text):
        return text
    return _ASIDE.sub(lambda m: m.group(0) if m.group("caps") and not _cue(m.group("caps")) else "", text)


def _cue(caps: str) -> bool:
    return bool(re.search(r"[ ,]", caps)) or len(caps) >= 6  # (TRAFFIC), (HORN, BRAKES); not (CIA), (NATO)


_LEADING = re.compile(r"^\s*[(（][^()（）]{1,12}[)）]\s*(?=\S)")


def leading_direction(text: str) -> tuple[str, str]:
    """A stage direction at `text`'s start, before a label (`（笑）李建国：`, `(laughs) Jane:`), and
    the rest: ("", text) when it starts otherwise."""
    m = _LEADING.match(text)
    if m is None or drop_stage_directions(m.group(0)).strip():
        return "", text
    return m.group(0), text[m.end():]


def clean_marks(text: str) -> str:
    """Ellipses and dashes as pauses (commas), quotation marks and other signs that are not
    sounds out, so that no engine reads them or meets a symbol it does not know."""
    text = _ELLIPSIS.sub("，", text)
    text = _DASHES.sub("，", text)
    text = PICTURES.sub("", _UNSPOKEN.sub("", text))
    # Single quotes as quotation marks ('失控') are not read either; an apostrophe inside an
    # English word (don't) is. Left in, they reached Kokoro as a symbol it does not know.
    return re.sub(r"[‘’]|(?<![A-Za-z])'|'(?![A-Za-z])", "", text)


def squeeze(text: str) -> str:
    """Commas one at a time, spaces between Chinese characters gone (a wrap: 再等17 年), others one."""
    text = re.sub(r"[，,]{2,}", "，", text)
    text = re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])", "", text)
    text = _SPACES.sub(" ", text).strip()
    return text.lstrip("，,").strip()


def apply_lexicon(text: str, lexicon: tuple[tuple[str, str], ...]) -> str:
    """Replace each written form by its spoken one in one pass, longest match first, so one
    entry never rewrites another's output (K.K. -> KK, then K -> 开, must not give 开开)."""
    if not lexicon:
        return text
    said = dict(lexicon)
    return lexicon_pattern(tuple(sorted(said, key=len, reverse=True))).sub(lambda m: said[m.group(0)], text)


@functools.lru_cache(maxsize=8)
def lexicon_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in keys))
