"""Transcript text -> Script: typed Markdown lines (blocks), labels, the cast, then chapters and turns."""

from .reader import MAX_BYTES, decode_transcript, load_script, parse_script, slugify

__all__ = ["MAX_BYTES", "decode_transcript", "load_script", "parse_script", "slugify"]
