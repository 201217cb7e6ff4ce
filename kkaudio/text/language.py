"""Which language a transcript is in: simplified Chinese, traditional Chinese or English."""

from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES = ("zh-hans", "zh-hant", "en")
FEED_LANGUAGE = {"zh-hans": "zh-cn", "zh-hant": "zh-tw", "en": "en"}
_SAMPLE = 4000  # characters of Chinese looked at: plenty to tell the scripts apart


def detect(text: str) -> str:
    han = re.findall(r"[\u3400-\u9fff\uf900-\ufaff]", text)
    latin = re.findall(r"[A-Za-z]", text)
    if len(latin) > 3 * len(han):  # an English word is ~5 letters; a Chinese one ~1.5 characters
        return "en"
    sample = "".join(han[:_SAMPLE])
    if not sample:
        return "zh-hans"
    changed = sum(a != b for a, b in zip(sample, to_simplified(sample)))
    # Simplified text has next to nothing to convert; traditional text has many (這 個 們 來 為).
    return "zh-hant" if changed >= max(3, 0.03 * len(sample)) else "zh-hans"


def to_simplified(text: str) -> str:
    """Traditional -> simplified, for engines' phonemes only (transcripts keep what was written)."""
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC  # opencc-python-reimplemented: pure Python, the OpenCC dictionaries

    return OpenCC("t2s")
