"""Markdown (and plain text, which is Markdown too) -> front matter and typed lines, by a real parser.

Markdown (and plain text, which is Markdown too) goes through markdown-it-py (CommonMark, with
the front-matter plugin and GFM's tables: a table of turns gives its speakers, tables.py); an
HTML page, and the HTML fragments inside Markdown, through lxml (html.py). Either way the result
is the same: blocks (headings, paragraphs, quotes, list items, `<p>`s) cut at their line breaks
into `Line`s of typed pieces (text, bold, image), each with its line in the file and the
paragraph it belongs to. Unicode spaces are plain spaces before anything reads a line.
Everything after this works on these lines, never on raw text again.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from ..lines import Document, Line, Piece, italic_events, normalise_spaces
from .html import html_lines
from .tables import turns

# WeChat exports break long image URLs across lines, which no Markdown parser reads as an image.
_BROKEN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\n[^)]*\)")
# `[Speaker 0]: 人有灵魂吗？` is a speaker's label, not a CommonMark link reference definition (which
# markdown-it would swallow whole): only a URL, a path or an anchor after the colon makes one.
_NOT_A_LINK = re.compile(r"^( {0,3})(\[[^\]\n]{1,40}\]:[ \t]*)(?!<|https?:|ftp:|mailto:|www\.|/|#|\.{0,2}/|\S+\.\w{1,5}(?:\s|$))",
                         re.MULTILINE)
# `- - - - x` (a court record's rule) or `* * *`: list markers one after another are not a list.
_NOT_A_LIST = re.compile(r"^([ \t]*)(?=(?:[-*+][ \t]+){2,}[^-*+\s])", re.MULTILINE)
# Plain text's bullets (`  • Karine Jean-Pierre`) are Markdown's list items.
_BULLET = re.compile(r"^([ \t]*)[•●▪◦‣∙](?=[ \t]+\S)", re.MULTILINE)
# Quotes inside quotes are one quote: markdown-it drops what lies past its nesting limit.
_NESTED_QUOTES = re.compile(r"^([ \t]*)(?:>[ \t]*){2,}", re.MULTILINE)
HTML_PAGE = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    # No indented code blocks: exports indent ordinary paragraphs with spaces. markdown-it stops
    # reading (and drops the rest) past `maxNesting` levels of lists or quotes; 64 is far beyond
    # any transcript's, and separator art is kept out of lists (_NOT_A_LIST).
    md = MarkdownIt("commonmark").use(front_matter_plugin).disable("code").enable("table")  # GFM's tables
    md.options["maxNesting"] = 64
    return md


def parse_markdown(text: str) -> Document:
    text = normalise_spaces(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _NOT_A_LINK.sub(r"\1\\\2", text)
    text = _NOT_A_LIST.sub(r"\1\\", text)
    text = _BULLET.sub(r"\1- ", text)
    text = _NESTED_QUOTES.sub(r"\1> ", text)
    # A code span never runs on past its line in a transcript: a lone backtick is a character
    # (a chat log's `<corebot`>`), not the start of a span that would swallow the lines after it.
    text = "\n".join(line.replace("`", "\\`") if line.count("`") % 2 and not _FENCE.match(line) else line
                     for line in text.split("\n"))
    # Join a broken image URL; the newlines it held go after it, so line numbers stay the file's.
    text = _BROKEN_IMAGE.sub(lambda m: m.group(0).replace("\n", "") + "\n" * m.group(0).count("\n"), text)
    front, lines = _markdown_lines(text)
    if _lost(lines, text, front):  # nested past markdown-it's limit: indentation is not worth the words
        front, lines = _markdown_lines(re.sub(r"^[ \t]+", "", text, flags=re.MULTILINE))
    return Document(front, tuple(lines))


def _markdown_lines(text: str) -> tuple[dict[str, Any], list[Line]]:
    tokens = _parser().parse(text)
    front: dict[str, Any] = {}
    lines: list[Line] = []
    context: list[str] = []  # enclosing blocks: blockquote, list_item
    opened: list[tuple[Any, int]] = []  # each enclosing block's opening token, and the lines before it
    heading = 0
    para = 0
    table: list[list[Line]] | None = None  # a table's rows, a line for each cell
    for tok in tokens:
        if table is not None and tok.type in ("tr_open", "inline", "table_close"):
            if tok.type == "tr_open":
                table.append([])
            elif tok.type == "inline":  # a cell: one line
                cell = _inline_lines(tok, "text", 0, para + 1)
                number = cell[0].number if cell else tok.map[0] + 1 if tok.map else 0
                table[-1].append(Line(number, "text", tuple(piece for ln in cell for piece in ln.pieces)))
            else:
                lines += _table_lines(table, para)
                para = max([para, *(ln.para for ln in lines)])
                table = None
        elif tok.type == "table_open":
            table = []
        elif tok.type == "front_matter":
            front = _front_matter(tok.content)
        elif tok.type in ("blockquote_open", "list_item_open"):
            context.append(tok.type)
            opened.append((tok, len(lines)))
        elif tok.type in ("blockquote_close", "list_item_close"):
            context.pop()
            item, before = opened.pop()
            if len(lines) == before and item.info and item.map:  # `2.` alone on its line: a part's number
                para += 1
                lines.append(Line(item.map[0] + 1, "text", (Piece(item.info + item.markup),), para=para))
        elif tok.type == "heading_open":
            heading = int(tok.tag[1:])
        elif tok.type == "heading_close":
            heading = 0
        elif tok.type == "hr":
            para += 1
            lines.append(Line(tok.map[0] + 1, "rule", (), para=para))
        elif tok.type == "html_block":
            block = html_lines(tok.content, tok.map[0] + 1, para + 1)
            lines += block
            para = max([para, *(ln.para for ln in block)])
        elif tok.type in ("fence", "code_block"):
            para += 1
            for i, raw in enumerate(tok.content.splitlines()):
                lines.append(Line(tok.map[0] + 2 + i, "text", (Piece(raw),), para=para))
        elif tok.type == "inline":
            para += 1
            kind = "heading" if heading else "quote" if "blockquote_open" in context else (
                "item" if "list_item_open" in context else "text")
            lines += _inline_lines(tok, kind, heading, para)
    return front, lines


def _table_lines(rows: list[list[Line]], para: int) -> list[Line]:
    """A table's lines: a table of turns (tables.py) as its turns, with their speakers and times;
    any other table cell by cell."""
    cells = [[cell.plain for cell in row] for row in rows]
    found = turns(cells)
    out = []
    if found is None:
        for row in rows:
            para += 1
            out += [Line(ln.number, ln.kind, ln.pieces, para=para) for ln in row if ln.plain]
        return out
    for k, who, said, start in found:
        para += 1
        cell = rows[k][said]
        out.append(Line(cell.number, "text", cell.pieces, para=para, speaker=who or None, start=start))
    return out


def _lost(lines: list[Line], text: str, front: dict[str, Any]) -> bool:
    """Whether some non-blank line of `text` gave no line (markdown-it drops what is nested
    deeper than it allows); front matter aside."""
    got = {ln.number for ln in lines}
    source = text.split("\n")
    start = 0
    if front and source and source[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(source)) if source[i].strip() == "---"), 0)
    return any(line.strip() and i + 1 not in got for i, line in enumerate(source) if i >= start)


def _front_matter(content: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        return {}
    return {str(k).lower(): v for k, v in data.items()} if isinstance(data, dict) else {}


_INLINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_INLINE_BOLD = re.compile(r"<(/?)(?:b|strong)(?:\s[^>]*)?>", re.IGNORECASE)
# Tags of HTML itself: markup inside a line, not words. Anything else in angle brackets
# (`<h>`, `<名字>`) is what was written.
_HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|big|blockquote|br|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|kbd|label|li|mark|ol|p|q|s|"
    r"samp|script|small|span|strike|strong|style|sub|sup|table|td|th|tr|tt|u|ul|var|wbr)(?:\s[^>]*)?/?>",
    re.IGNORECASE)


def _inline_lines(tok, kind: str, level: int, para: int) -> list[Line]:
    first = tok.map[0] + 1 if tok.map else 0
    out: list[Line] = []
    pieces: list[Piece] = []
    strong = em = 0
    number = first

    def flush(next_number: int) -> None:
        nonlocal pieces, number
        out.append(Line(number, kind, tuple(italic_events(pieces)), level, para))  # `*claps*`: (claps)
        pieces, number = [], next_number

    children = list(tok.children or [])
    for k, child in enumerate(children):
        t = child.type
        if t == "link_open" and k + 2 < len(children) and children[k + 2].type == "link_close" \
                and re.fullmatch(r"\d{1,3}", children[k + 1].content.strip()):
            children[k + 1] = children[k + 1].copy(content="")  # a citation's number (`啊[1](@ref)`), not said
        if t in ("softbreak", "hardbreak"):
            flush(number + 1)
        elif t == "strong_open":
            strong += 1
        elif t == "strong_close":
            strong = max(0, strong - 1)
        elif t in ("em_open", "em_close"):
            em = max(0, em + (1 if t == "em_open" else -1))
        elif t == "image":
            pieces.append(Piece(child.content, image=True))
        elif t == "html_inline":  # markup an export left inside a line: breaks and bold count
            if _INLINE_BREAK.fullmatch(child.content.strip()):
                flush(number)
            elif m := _INLINE_BOLD.fullmatch(child.content.strip()):
                strong = max(0, strong - 1) if m.group(1) else strong + 1
            elif not _HTML_TAG.fullmatch(child.content.strip()):
                pieces.append(Piece(child.content, strong=strong > 0))
            # other HTML tags (spans, links) say nothing; their text comes as text tokens
        elif t in ("text", "code_inline"):
            if child.content:
                pieces.append(Piece(child.content, strong=strong > 0, em=em > 0))
    flush(number)
    return out


