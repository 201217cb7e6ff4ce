"""Transcript text -> Script: source.py (the file's text), blocks.py (Markdown into typed lines),
labels.py (what a speaker label looks like), furniture.py (what is never said), cast.py (who
speaks, their roles), reader.py (chapters and turns)."""

from .reader import parse_script
from .source import MAX_BYTES, decode_transcript, load_script, slugify

__all__ = ["MAX_BYTES", "decode_transcript", "load_script", "parse_script", "slugify"]
