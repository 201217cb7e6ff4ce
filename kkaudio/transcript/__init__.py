"""Transcript file -> Script: sources/ (a file of any kind -> typed lines: text, Markdown and HTML,
PDF, .docx, STT JSON, captions), labels.py (what a speaker label looks like), style.py (which
shapes are this file's labels), furniture.py (what is never said), cast.py (who speaks, their
roles), reader.py (chapters and turns)."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..model import Script
from .lines import Document
from .reader import parse_script
from .sources import MAX_TEXT_BYTES, SOURCES, read_document, slugify
from .sources.text import read_text

MAX_BYTES = MAX_TEXT_BYTES

__all__ = ["MAX_BYTES", "SOURCES", "Document", "load_script", "parse_script", "parse_text", "read_document",
           "read_text", "slugify"]


def load_script(path: Path | str, config: Config) -> Script:
    """Read and parse one transcript file of any kind. `config` brings the cast to recognise (a
    sidecar's, merged by the caller: pipeline/inputs.py) and the script rules."""
    path = Path(path)
    return parse_script(read_document(path), config, slug=slugify(path.stem), source=str(path))


def parse_text(text: str, config: Config, *, slug: str, source: str = "<transcript>") -> Script:
    """Parse a transcript given as text (Markdown, plain text or an HTML page)."""
    return parse_script(read_text(text), config, slug=slug, source=source)
