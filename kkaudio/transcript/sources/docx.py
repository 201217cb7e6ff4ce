"""Word .docx files, through python-docx.

Paragraphs are lines in the body's order, with their runs' bold kept as the markup it is (a
bold `Name:` is a label's shape, as in Markdown), headings by their style (Heading 1…, Title),
list paragraphs as items, line breaks inside a paragraph as lines. A table whose rows are
turns (a column of a few names that repeat, and a column of what they say, maybe a column of
times) gives its turns with their speakers; any other table is read cell by cell. Headers,
footers, comments and tracked deletions are not the transcript.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

from ...errors import ScriptError
from ..lines import Document, Line, Piece, italic_events, normalise_spaces
from . import MAX_FILE_BYTES, Source, register
from .captions import speakers_by_colour
from .tables import turns



# Other documents that are ZIP archives, by a part only they have, and what to do with each.
_OTHER_ZIPS = (
    ("Index/Document.iwa", "an Apple Pages (or Numbers, Keynote) document: export it as Word (.docx), PDF or text"),
    ("ppt/presentation.xml", "a PowerPoint file, not a transcript: export the transcript as .docx, PDF or text"),
    ("META-INF/container.xml", "an e-book (EPUB): kkaudio reads a transcript as .docx, PDF or text"),
    ("content.xml", "an OpenDocument file that is not text (.ods, .odp): save the transcript as .odt or .docx"),
)


def _claims(head: bytes, suffix: str) -> bool:
    return head.startswith(b"PK\x03\x04")  # a .docx, or another ZIP (.xlsx, .odt saved oddly) it names in its error


def _read(data: bytes, path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            # The main part by its content type: Word's own Transcribe names it word/document2.xml
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except zipfile.BadZipFile:
        raise ScriptError("is a damaged ZIP or .docx file", path) from None
    if "xl/workbook.xml" in names:  # an Excel workbook under another name
        from .spreadsheet import read_workbook
        return read_workbook(data, path)
    if not re.search(rb"wordprocessingml\.document\.main\+xml", types) and not _OTHER_MAIN.search(types):
        what = next((what for part, what in _OTHER_ZIPS if part in names), "a ZIP archive, not a Word .docx: unpack it first")
        raise ScriptError(f"is {what}", path)
    if _OTHER_MAIN.search(types):  # a template or a macro-enabled file (.dotx, .docm, .dotm): a document's text all the same
        data = _retyped(data, _OTHER_MAIN.sub(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                              types))
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ScriptError(f"is a .docx that cannot be read ({exc}); it may be damaged", path) from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if (typed := _markdown_typed(document)) is not None:
        return dataclasses.replace(typed, described=f"Word document, {len(document.paragraphs)} paragraphs written in Markdown")
    lines: list[Line] = []
    colours: dict[int, str] = {}  # paragraph -> the colour most of its words are in ("" for the text's own)
    counter = [0, 0]  # line, paragraph
    for element in _blocks(document.element.body):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            lines += _paragraph(paragraph, counter)
            colours[counter[1]] = _colour(paragraph)
        elif tag == "tbl":
            lines += _table(Table(element, document), counter)
    lines = _coloured(lines, colours)
    front = {}
    title = (document.core_properties.title or "").strip()
    if title:
        front["title"] = title
    return Document(front, tuple(lines), kind="docx", described=f"Word document, {counter[1]} paragraphs")


def _markdown_typed(document) -> Document | None:
    """A document whose paragraphs are Markdown typed or pasted into Word (`# 访谈转录文本`, `**受访者**：…`,
    `---`, `- item`; a chat assistant's tidied transcript saved as .docx), read as the Markdown it is;
    None for a Word document written with Word's own styles, or one with tables."""
    texts = [p.text for p in document.paragraphs]
    headings = sum(bool(re.match(r"#{1,6}\s+\S", t)) for t in texts)
    starred = sum(bool(re.search(r"\*\*[^*\n]+\*\*", t)) for t in texts)
    if document.tables or headings + starred < 2 or (headings == 0 and starred < 3):
        return None
    from .markdown import parse_markdown

    return parse_markdown("\n\n".join(t.replace("\u000b", "\n") for t in texts))


# The main part of a Word template, or of a file with macros (.dotx, .docm, .dotm, a `.docx` saved so):
# python-docx opens only a document's, so its content type is rewritten to one.
_OTHER_MAIN = re.compile(rb"application/vnd\.(?:openxmlformats-officedocument\.wordprocessingml\.template|ms-word\.(?:document|template)"
                         rb"\.macroEnabled(?:Template)?)\.main\+xml")


def _retyped(data: bytes, types: bytes) -> bytes:
    """The same package with its [Content_Types].xml replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            copy.writestr(item, types if item.filename == "[Content_Types].xml" else source.read(item))
    return out.getvalue()


def _blocks(parent):
    """The body's paragraphs and tables in order, those inside a content control or custom XML
    (a template's `w:sdt`, which python-docx's own lists leave out) too."""
    for element in parent.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            yield element
        elif tag in ("sdt", "sdtContent", "customXml"):
            yield from _blocks(element)


def _paragraph(paragraph, counter: list[int], speaker: str | None = None, start: float | None = None) -> list[Line]:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    level = 0
    kind = "text"
    if m := re.match(r"(?:Heading|标题|標題)\s*(\d)", style, re.IGNORECASE):
        kind, level = "heading", int(m.group(1))
    elif style.lower() in ("title", "标题", "標題"):
        kind, level = "heading", 1
    elif style.lower().startswith("list") or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        kind = "item"
    elif "quote" in style.lower():
        kind = "quote"
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    counter[1] += 1
    rows: list[list[Piece]] = [[]]
    for run in _runs(paragraph):
        bold = run.bold if run.bold is not None else (
            run.style.font.bold if run.style is not None and run.style.font.bold is not None else style_bold)
        parts = run.text.replace("\t", " ").split("\n")
        for i, part in enumerate(parts):
            if i:
                rows.append([])
            if part:
                rows[-1].append(Piece(normalise_spaces(part), strong=bool(bold), em=bool(run.italic)))
    out = []
    for pieces in rows:
        counter[0] += 1
        if "".join(p.text for p in pieces).strip():
            out.append(Line(counter[0], kind, tuple(italic_events(pieces)), level, counter[1], speaker=speaker, start=start))
    return out


def _colour(paragraph) -> str:
    """The colour most of a paragraph's letters are in, "" for the text's own (none, auto, black)."""
    counts: dict[str, int] = {}
    for run in _runs(paragraph):
        colour = run.font.color
        rgb = str(colour.rgb) if colour is not None and colour.type is not None and colour.rgb is not None else ""
        key = "" if rgb in ("", "000000") else rgb
        counts[key] = counts.get(key, 0) + len(run.text.strip())
    return max(counts, key=counts.get) if counts and any(counts.values()) else ""


def _coloured(lines: list[Line], colours: dict[int, str]) -> list[Line]:
    """An unlabelled transcript whose speakers are told apart by colour alone (the interviewee's
    paragraphs in red): each paragraph's speaker by its colour, from the first coloured one on
    (a title and a date above it, in bold or as headings, are nobody's words)."""
    said = [ln for ln in lines if ln.kind in ("text", "item", "quote") and ln.speaker is None]
    first = next((i for i, ln in enumerate(said) if colours.get(ln.para)), None)
    if first is None or any(ln.speaker for ln in lines):
        return lines
    while first and not all(p.strong for p in said[first - 1].pieces if p.text.strip()):
        first -= 1  # the other speaker's words before the first coloured paragraph
    body = said[first:]
    found = speakers_by_colour([colours.get(ln.para, "") for ln in body])
    if found is None:
        return lines
    keys, names = found
    who = {id(ln): names[key] for ln, key in zip(body, keys)}
    return [dataclasses.replace(ln, speaker=who[id(ln)]) if id(ln) in who else ln for ln in lines]


def _runs(paragraph) -> list:
    """A paragraph's runs in order, with those python-docx's `runs` leaves out: inside a link, a
    field, a content control and a tracked insertion (an edited transcript's added words); not a
    tracked deletion, a ruby's reading or a text box's own paragraphs."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    skip = {qn("w:del"), qn("w:moveFrom"), qn("w:rt"), qn("w:txbxContent"), qn("w:p")}
    out = []
    for r in paragraph._p.iter(qn("w:r")):
        parent = r.getparent()
        while parent is not None and parent is not paragraph._p and parent.tag not in skip:
            parent = parent.getparent()
        if parent is paragraph._p:
            out.append(Run(r, paragraph))
    return out


def _cell_text(cell) -> str:
    return "\n".join("".join(run.text for run in _runs(p)) for p in cell.paragraphs)


def _table(table, counter: list[int]) -> list[Line]:
    rows = [[_cell_text(c).strip() for c in _cells(row)] for row in table.rows]
    rows = [r for r in rows if any(r)]
    found = turns(rows)
    out: list[Line] = []
    if found is None:
        for row in table.rows:
            for cell in _cells(row):
                for paragraph in cell.paragraphs:
                    out += _paragraph(paragraph, counter)
        return out
    for k, who, said, start in found:
        counter[1] += 1
        for text in rows[k][said].split("\n"):
            counter[0] += 1
            if text.strip():
                out.append(Line(counter[0], "text", (Piece(normalise_spaces(text.strip())),), para=counter[1],
                                speaker=who or None, start=start))
    return out


def _cells(row) -> list:
    """A row's cells, a merged one once (python-docx repeats it in every column it spans)."""
    out, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


register(Source("docx", _claims, _read, max_bytes=MAX_FILE_BYTES))
