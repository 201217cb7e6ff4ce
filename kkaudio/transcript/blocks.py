"""Transcript text -> front matter and typed lines, by a real Markdown parser.

markdown-it-py (CommonMark, with the front-matter plugin) turns the text into blocks once:
headings, paragraphs, block quotes, list items, HTML blocks, thematic breaks. Each block's
inline content is cut at its line breaks into `Line`s of typed pieces (text, bold, link text,
image), with the line number of the file. Plain text is Markdown too. Everything after this
works on these lines, never on raw text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import yaml

# WeChat exports break long image URLs across lines, which no Markdown parser reads as an image.
_BROKEN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\n[^)]*\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Emphasis marks a parser left as text (CommonMark does not close `**：**` after CJK text).
_STRAY_EMPHASIS = re.compile(r"\*\*|(?:(?<=\s)|^)[*_]+(?=\S)|(?<=\S)[*_]+(?=\s|$)")


@dataclass(frozen=True)
class Piece:
    text: str
    strong: bool = False
    image: bool = False  # an image: `text` is its alt text, never spoken


@dataclass(frozen=True)
class Line:
    """One line of a block, as the reader sees it."""

    number: int  # 1-based, in the file
    kind: str  # text | heading | quote | item | html | rule
    pieces: tuple[Piece, ...]
    level: int = 0  # heading level

    @cached_property
    def plain(self) -> str:
        """What the line says: no markup, no images, no control characters, trimmed."""
        text = "".join(p.text for p in self.pieces if not p.image)
        return _STRAY_EMPHASIS.sub("", _CONTROL.sub("", text)).strip()

    @cached_property
    def has_image(self) -> bool:
        return any(p.image for p in self.pieces)

    @property
    def decoration(self) -> bool:
        """Nothing to say: images, rules, stray emphasis marks, blank."""
        return self.kind == "rule" or not re.sub(r"[\s*_\-]", "", self.plain)

    @property
    def all_strong(self) -> bool:
        """All its words in bold (a heading in many exports)."""
        said = [p for p in self.pieces if not p.image and p.text.strip(" *_")]
        return bool(said) and all(p.strong for p in said)

    @property
    def text_after_image(self) -> str:
        """The words that follow the line's last image (a caption glued to it), if any."""
        for i in range(len(self.pieces) - 1, -1, -1):
            if self.pieces[i].image:
                return "".join(p.text for p in self.pieces[i + 1 :]).strip()
        return ""

    @property
    def text_before_image(self) -> str:
        out = []
        for p in self.pieces:
            if p.image:
                break
            out.append(p.text)
        return "".join(out)


@dataclass(frozen=True)
class Document:
    front_matter: dict[str, Any]
    lines: tuple[Line, ...]


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    # No indented code blocks: exports indent ordinary paragraphs with spaces.
    return MarkdownIt("commonmark").use(front_matter_plugin).disable("code")


def parse(text: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Join a broken image URL; the newlines it held go after it, so line numbers stay the file's.
    text = _BROKEN_IMAGE.sub(lambda m: m.group(0).replace("\n", "") + "\n" * m.group(0).count("\n"), text)
    tokens = _parser().parse(text)
    front: dict[str, Any] = {}
    lines: list[Line] = []
    context: list[str] = []  # enclosing blocks: blockquote, list_item
    heading = 0
    for tok in tokens:
        if tok.type == "front_matter":
            front = _front_matter(tok.content)
        elif tok.type in ("blockquote_open", "list_item_open"):
            context.append(tok.type)
        elif tok.type in ("blockquote_close", "list_item_close"):
            context.pop()
        elif tok.type == "heading_open":
            heading = int(tok.tag[1:])
        elif tok.type == "heading_close":
            heading = 0
        elif tok.type == "hr":
            lines.append(Line(tok.map[0] + 1, "rule", ()))
        elif tok.type == "html_block":
            lines.append(Line(tok.map[0] + 1, "html", (Piece(_html_text(tok.content)),)))
        elif tok.type in ("fence", "code_block"):
            for i, raw in enumerate(tok.content.splitlines()):
                lines.append(Line(tok.map[0] + 2 + i, "text", (Piece(raw),)))
        elif tok.type == "inline":
            kind = "heading" if heading else "quote" if "blockquote_open" in context else (
                "item" if "list_item_open" in context else "text")
            lines += _inline_lines(tok, kind, heading)
    return Document(front, tuple(lines))


def _front_matter(content: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        return {}
    return {str(k).lower(): v for k, v in data.items()} if isinstance(data, dict) else {}


def _html_text(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html).strip()


def _inline_lines(tok, kind: str, level: int) -> list[Line]:
    first = tok.map[0] + 1 if tok.map else 0
    out: list[Line] = []
    pieces: list[Piece] = []
    strong = 0
    number = first
    for child in tok.children or []:
        t = child.type
        if t in ("softbreak", "hardbreak"):
            out.append(Line(number, kind, tuple(pieces), level))
            pieces, number = [], number + 1
        elif t == "strong_open":
            strong += 1
        elif t == "strong_close":
            strong = max(0, strong - 1)
        elif t == "image":
            pieces.append(Piece(child.content, image=True))
        elif t in ("text", "code_inline", "html_inline"):  # `<tag>` in a transcript is what was written
            if child.content:
                pieces.append(Piece(child.content, strong=strong > 0))
    out.append(Line(number, kind, tuple(pieces), level))
    return out
