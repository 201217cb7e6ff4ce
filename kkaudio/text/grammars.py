"""WeTextProcessing's grammars (through `wetext`), the one place that calls them: numbers, dates,
times, money and units as words, for Chinese and English. What calls them decides which stretch
of text they see (normalise.py for Chinese, english.py for English): they cost about 0.07 ms a
character, so only the few words around a number go through them.
"""

from __future__ import annotations

import functools
import re

# A run with something for the grammars: digits (ASCII or full-width), or signs they read.
NEEDS_GRAMMAR = re.compile(r"[0-9０-９%％$￥€£℃°㎡㎞㎝㎜㎏㎎㎖]")


def grammar(language: str, text: str) -> str:
    """The grammars' reading of `text`, or `text` as written where they cannot read it (wetext's
    parser fails an assertion on some marks: `## 101`, `[00:12]`, two spaces before `0:04`)."""
    try:
        return _normalizer(language).normalize(text)
    except Exception:  # noqa: BLE001  (AssertionError today; whatever else it raises, the text stays)
        return text


@functools.lru_cache(maxsize=2)
def _normalizer(language: str):
    from wetext import Normalizer

    return Normalizer(lang=language, operator="tn")
