"""First names people are given, as gender-guesser knows them (some 40,000 in many languages): a
leaf that labels.py (is `(Alice)` a person?) and gender.py (is Alice a woman?) both read."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def given_name(word: str) -> bool:
    """Whether `word` is a first name people are given (one gender-guesser knows)."""
    return detector().get_gender(word) != "unknown"
