"""Who speaks how: a voice from the engine's pool for every speaker nobody configured (voices.py),
and the cast written down as an editable sidecar (sidecar.py)."""

from .voices import Casting, cast_voices, describe

__all__ = ["Casting", "cast_voices", "describe"]
