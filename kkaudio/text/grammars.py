"""WeTextProcessing's grammars (through `wetext`), the one place that calls them: numbers, dates,
times, money and units as words, for Chinese and English. What calls them decides which stretch
of text they see (normalise.py for Chinese, english.py for English): they cost about 0.07 ms a
character, so only the few words around a number go through them.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

# A run with something for the grammars: digits (ASCII or full-width), or signs they read.
NEEDS_GRAMMAR = re.compile(r"[0-9０-９%％$￥€£℃°㎡㎞㎝㎜㎏㎎㎖]")


# The marks the grammars' own token format quotes with: given to them, they come back escaped
# (他说"5000天" said as 他说\五千天\), so the text is read in pieces between them.
_QUOTES = re.compile(r'(["\\])')


def grammar(language: str, text: str) -> str:
    """The grammars' reading of `text`, or `text` as written where they cannot read it (wetext's
    parser fails an assertion on some marks: `## 101`, `[00:12]`, two spaces before `0:04`; the
    English grammar gives nothing at all for `a.com'`)."""
    parts = _QUOTES.split(text)
    return "".join(part if k % 2 else _read(language, part) for k, part in enumerate(parts))


@functools.lru_cache(maxsize=65536)  # the same stretch recurs: 1956年, 5个, `: ` between a JSON line's quotes
def _read(language: str, text: str) -> str:
    core = text.strip()  # the grammars strip the ends: the spaces around a stretch are kept here
    if not core:
        return text
    try:
        said = _normalizer(language)(core)
    except Exception:  # noqa: BLE001  (AssertionError today; whatever else it raises, the text stays)
        return text
    if not said.strip():
        return text
    return text[: len(text) - len(text.lstrip())] + said + text[len(text.rstrip()) :]


@functools.lru_cache(maxsize=2)
def _normalizer(language: str):
    # wetext.utils.normalize with a config made once: `Normalizer.normalize` copies its config
    # through dataclasses.asdict on every call, 6% of the grammars' time (wetext is pinned exactly).
    from wetext.config import NormalizerConfig
    from wetext.utils import normalize

    return functools.partial(normalize, config=NormalizerConfig(lang=language, operator="tn"))


@functools.lru_cache(maxsize=1)
def read_with_numbers() -> dict:
    """What the grammars can read with a number beside it, from WeTextProcessing's sources
    (scripts/grammar_context.py): "zh" the Han characters of its data and rules, "zh_teams" those
    of the team names it reads before a score, "en" the words of its English data (spaced)."""
    return json.loads(resources.files(__package__).joinpath("grammar_context.json").read_text(encoding="utf-8"))
