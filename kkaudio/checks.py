"""Checks at the boundary into typed values: one set for voices.yaml, sidecars and engine blocks.

Every check raises ConfigError with `where` (the key's path in the file, `speakers.kk.voices`)
and what would be accepted, so the message names the fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from .errors import ConfigError


def mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        raise ConfigError(f"{where} is missing")
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be a mapping of keys to values, got {type(value).__name__}")
    return value


def keys(raw: Mapping[str, Any], allowed: set[str], where: str) -> None:
    """No key outside `allowed`; the error names the nearest allowed key, if one is close."""
    unknown = sorted(str(k) for k in set(raw) - allowed)
    if unknown:
        near = difflib.get_close_matches(unknown[0], sorted(allowed), n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        listed = ", ".join(sorted(allowed)) or "none"
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}{hint}; expected one of {listed}")


def text(raw: Mapping[str, Any], key: str, where: str) -> str:
    """A required, non-empty string."""
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}.{key} is missing or empty")
    return value.strip()


def number(raw: Mapping[str, Any], key: str, lo: float, hi: float, default: float, where: str) -> float:
    """A number from the block, or its default, in [lo, hi]."""
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
        raise ConfigError(f"{where}.{key} must be a number from {lo:g} to {hi:g}, got {value!r}")
    return value
