"""Text, Markdown and HTML pages, in any encoding: every file no other source claims."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..lines import Document
from . import Source, decode, register
from .html import html_document
from .markdown import HTML_PAGE, parse_markdown


def read_text(text: str, encoding: str = "UTF-8") -> Document:
    """A transcript's text as lines: an HTML page through lxml, anything else as Markdown."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if HTML_PAGE.match(text):
        doc = html_document(text)
        described = "an HTML page"
    else:
        doc = parse_markdown(text)
        described = "text"
    if encoding != "UTF-8":
        described += f" in {encoding}"
    return dataclasses.replace(doc, described=described)


def _read(data: bytes, path: Path) -> Document:
    text, encoding = decode(data, path)
    return read_text(text, encoding)


register(Source("text", lambda head, suffix: True, _read))
