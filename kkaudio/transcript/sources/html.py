"""HTML -> lines, through lxml's HTML parser: a whole page, or the fragments inside Markdown.

lxml because it is already a dependency (the feed is built with it), is fast on a 2 MB page, and
recovers from the broken markup real exports have, decoding every entity. Block elements and
<br> break lines, two <br>s or a new block start a paragraph, <b>/<strong> are bold, <img> an
image, <pre> keeps its own line breaks, a <table> of turns gives its speakers (tables.py);
scripts, styles and site chrome (nav, aside, footer, forms) say nothing.
"""

from __future__ import annotations

import re
from typing import Any

from ..lines import Document, Line, Piece, italic_events, normalise_spaces
from ..times import CLOCK
from .tables import turns

_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "form", "button",
         "select", "iframe", "canvas", "head", "title", "meta", "link"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "blockquote", "li", "ul", "ol", "dl", "dt",
           "dd", "table", "tr", "td", "th", "thead", "tbody", "figure", "figcaption", "center", "address",
           "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "body", "html"}


# Two elements' texts with nothing between, one of them a clock: `Ines Duarte` + `00:06` (NUL between).
_GLUED_CLOCK = re.compile(r"\w\0\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{1,2}:\d{2}(?::\d{2})?\0\w")


_CLOCK = re.compile(CLOCK)  # a `<time>`'s clock, as times.py writes one
# How a word processor saves its styles as HTML (Google Docs' "Download as web page", Word's "Save as
# web page"): the Title and Subtitle paragraphs by class, bold as a class the stylesheet sets in bold.
_TITLE_CLASSES = {"title", "subtitle", "MsoTitle", "MsoSubtitle"}
_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)\b", re.IGNORECASE)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _bold_classes(root) -> frozenset[str]:
    """The classes a page's own stylesheet sets in bold, each alone in its selector (`.c3{font-weight:700}`)."""
    found = set()
    for css in root.xpath("//style/text()"):
        for selectors, body in _CSS_RULE.findall(css):
            if _BOLD.search(body):
                found.update(m.group(1) for sel in selectors.split(",")
                             if (m := re.fullmatch(r"\s*(?:\w+)?\.([\w-]+)\s*", sel)))
    return frozenset(found)


class _Builder:
    """Walks an lxml tree into Lines: blocks and <br>s break lines, two <br>s or a block start a
    paragraph, <b>/<strong> are bold, <img> an image, <pre> keeps its own line breaks."""

    def __init__(self, first_line: int, para: int, bold_classes: frozenset[str] = frozenset()) -> None:
        self.bold_classes = bold_classes  # classes the page's stylesheet sets in bold (Google Docs' `.c3`)
        self.lines: list[Line] = []
        self.pieces: list[Piece] = []
        self.number = first_line
        self.para = para
        self.strong = 0
        self.em = 0
        self.kind: list[tuple[str, int]] = []  # enclosing heading/quote/item, innermost last
        self.breaks = 0  # <br>s in a row
        self.joined = False  # an element just ended: the next text may be glued to the last (no space between)

    def _kind(self) -> tuple[str, int]:
        return self.kind[-1] if self.kind else ("text", 0)

    def flush(self, new_para: bool = False) -> None:
        if any(p.text.strip() or p.image for p in self.pieces):
            kind, level = self._kind()
            self.lines.append(Line(self.number, kind, tuple(italic_events(self.pieces)), level, self.para))
        self.pieces = []
        if new_para:
            self.para += 1

    def text(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if line and not self.pieces:
            self.number = line
        if text.strip():
            self.breaks = 0
        if self.pieces and self.joined and _GLUED_CLOCK.search(self.pieces[-1].text[-12:] + "\0" + text[:12]):
            text = " " + text  # `<span>Ines Duarte</span><span>00:06</span>`: a name and its time, not one word
        self.joined = False
        self.pieces.append(Piece(normalise_spaces(re.sub(r"\s+", " ", text)), strong=self.strong > 0, em=self.em > 0))

    def pre(self, text: str, line: int) -> None:
        for i, raw in enumerate(normalise_spaces(text).split("\n")):
            if not raw.strip():
                self.flush(new_para=True)
                continue
            self.flush()
            self.number = line + i
            self.pieces.append(Piece(raw.strip(), strong=self.strong > 0))
        self.flush(new_para=True)

    def turns(self, table) -> bool:
        """A table whose rows are turns (tables.py): its turns, with their speakers and times."""
        rows = table.xpath(".//tr")
        cells = [[normalise_spaces(re.sub(r"\s+", " ", c.text_content())).strip() for c in tr.xpath("./td|./th")]
                 for tr in rows]
        found = turns(cells)
        if found is None:
            return False
        self.flush(new_para=True)
        for k, who, said, start in found:
            line = getattr(rows[k], "sourceline", None) or self.number
            self.lines.append(Line(line, "text", (Piece(cells[k][said]),), para=self.para, speaker=who or None,
                                   start=start))
            self.para += 1
        return True

    def walk(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        line = getattr(el, "sourceline", None)
        if not tag or tag in _SKIP:  # comments, processing instructions, site chrome
            return
        if tag == "br":
            self.breaks += 1
            self.flush(new_para=self.breaks >= 2)
            self.number = line or self.number
        elif tag == "img":
            self.pieces.append(Piece(el.get("alt", ""), image=True))
        elif tag == "pre":
            self.flush(new_para=True)
            self.pre(el.text_content(), line or self.number)
        elif tag == "time" and _CLOCK.fullmatch(el.text_content().strip()) and re.fullmatch(
                r"|.*[:：]", "".join(p.text for p in self.pieces).strip()):
            pass  # a turn's time (Podcasting 2.0's `<cite>Name:</cite> <time>0:07</time>`), not its words
        elif tag == "table" and self.turns(el):
            pass
        else:
            block = tag in _BLOCKS
            if block:
                self.flush(new_para=True)
                self.breaks = 0
                if line:
                    self.number = line
            pushed = None
            classes = set(el.get("class", "").split())
            if re.fullmatch(r"h[1-6]", tag):
                pushed = ("heading", int(tag[1]))
            elif block and classes & _TITLE_CLASSES:  # a word processor's Title style, saved as HTML
                pushed = ("heading", 1 if classes & {"title", "MsoTitle"} else 2)
            elif tag == "blockquote":
                pushed = ("quote", 0)
            elif tag == "li":
                pushed = ("item", 0)
            elif tag == "hr":
                self.lines.append(Line(line or self.number, "rule", (), para=self.para))
            if pushed:
                self.kind.append(pushed)
            bold = tag in ("b", "strong") or bool(classes & self.bold_classes) or bool(
                _BOLD.search(el.get("style", "")))
            self.strong += bold
            em = tag in ("i", "em")
            self.em += em
            self.text(el.text, line)
            for child in el:
                self.walk(child)
                self.joined = True
                self.text(child.tail, getattr(child, "sourceline", None))
            self.strong -= bold
            self.em -= em
            if pushed:
                self.flush(new_para=True)
                self.kind.pop()
            if block:
                self.flush(new_para=True)


def html_lines(html: str, first_line: int, para: int) -> list[Line]:
    """Lines of an HTML fragment (an html_block inside Markdown)."""
    import lxml.html

    try:
        roots = lxml.html.fragments_fromstring(html)
    except Exception:  # lxml's ParserError: nothing it can read is nothing said
        return []
    builder = _Builder(first_line, para)
    for root in roots:
        if isinstance(root, str):
            builder.text(root, None)
        else:
            builder.walk(root)
            builder.text(root.tail, None)
    builder.flush()
    # An element's sourceline counts from the fragment's first line.
    return [Line(ln.number + first_line - 1 if ln.number >= 1 else first_line, ln.kind, ln.pieces, ln.level,
                 ln.para) for ln in builder.lines]


def html_document(text: str) -> Document:
    """A whole HTML page: its main content (<main> or <article> if it has one, else <body>) as
    lines; its <title> as the title when no <h1> gives one."""
    import lxml.html

    root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    content = next(iter(root.xpath("//main | //article")), None)
    if content is None:
        content = root.find("body") if root.find("body") is not None else root
    builder = _Builder(1, 1, _bold_classes(root))
    builder.walk(content)
    builder.flush()
    front: dict[str, Any] = {}
    titles = root.xpath("//title")
    if titles and not any(ln.kind == "heading" and ln.level == 1 for ln in builder.lines):
        title = normalise_spaces(titles[0].text_content()).strip()
        title = re.split(r"\s+[|–—-]\s+", title)[0]  # "Briefing | The White House" -> "Briefing"
        if title:
            front["title"] = title
    return Document(front, tuple(builder.lines), html=True)
