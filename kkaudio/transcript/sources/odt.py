"""OpenDocument text (.odt: LibreOffice's and Google Docs' own format), read from its content.xml
with lxml, as Word files are read: paragraphs in the body's order with their bold kept as the
markup it is (a span or a paragraph whose automatic style is bold), headings (`text:h`) with
their level, list items, line breaks inside a paragraph as lines, and a table whose rows are
turns given their speakers (tables.py); any other table cell by cell. Notes are not the text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ...errors import ScriptError
from ..lines import Document, Line, Piece, italic_events, normalise_spaces
from . import MAX_FILE_BYTES, Source, register, xml_root
from .tables import turns

_NS = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
       "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
       "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0"}
_TEXT, _TABLE = "{%s}" % _NS["text"], "{%s}" % _NS["table"]
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"


def _claims(head: bytes, suffix: str) -> bool:
    # An ODF package stores its mimetype first and uncompressed: it is in the first bytes.
    return head.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument.text" in head[:200]


def _read(data: bytes, path: Path) -> Document:
    try:
        content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    except (zipfile.BadZipFile, KeyError):
        raise ScriptError("is a damaged OpenDocument (.odt) file", path) from None
    root = xml_root(content, path, "an OpenDocument file whose content")
    weight = f"{{{_NS['fo']}}}font-weight"
    bold = {s.get(f"{{{_NS['style']}}}name") for s in root.iterfind(".//style:style", _NS)
            if (props := s.find("style:text-properties", _NS)) is not None
            and props.get(weight, "normal") in ("bold", "600", "700", "800", "900")}
    body = root.find("office:body/office:text", _NS)
    if body is None:
        raise ScriptError("is an OpenDocument file with no text body (a spreadsheet or a drawing?)", path)
    lines: list[Line] = []
    counter = [0, 0]  # line, paragraph
    for element in body.iter(f"{_TEXT}h", f"{_TEXT}p", f"{_TABLE}table"):
        if any(a.tag in (f"{_TABLE}table", *_NOT_THE_TEXT) for a in element.iterancestors()):
            continue  # a table's paragraphs are read with their table; a note, a comment, a tracked deletion are not the text
        if element.tag == f"{_TABLE}table":
            lines += _table(element, bold, counter)
        else:
            lines += _paragraph(element, bold, counter)
    return Document({}, tuple(lines), kind="odt", described=f"OpenDocument text, {counter[1]} paragraphs")


# Inside the body but not its text: footnotes, comments, and the words a tracked change deleted.
_NOT_THE_TEXT = (f"{_TEXT}note", f"{_TEXT}tracked-changes", "{%s}annotation" % _NS["office"])


def _paragraph(p, bold: set[str], counter: list[int], speaker: str | None = None,
               start: float | None = None) -> list[Line]:
    outline = p.get(f"{_TEXT}outline-level", "1")
    level = (int(outline) if outline.isdigit() else 1) if p.tag == f"{_TEXT}h" else 0
    kind = "heading" if level else "item" if p.getparent().tag == f"{_TEXT}list-item" else "text"
    rows: list[list[Piece]] = [[]]

    def add(text: str | None, strong: bool) -> None:
        if text:
            rows[-1].append(Piece(text.replace("\t", " "), strong=strong))

    def walk(element, strong: bool) -> None:
        strong = strong or element.get(f"{_TEXT}style-name") in bold
        add(element.text, strong)
        for child in element:
            tag = child.tag
            if tag == f"{_TEXT}s":
                add(" " * int(child.get(f"{_TEXT}c", "1")), strong)
            elif tag == f"{_TEXT}tab":
                add(" ", strong)
            elif tag == f"{_TEXT}line-break":
                rows.append([])
            elif tag not in _NOT_THE_TEXT and not str(tag).startswith(_DRAW):  # a text box's paragraphs come on their own
                walk(child, strong)
            add(child.tail, strong)

    walk(p, False)
    counter[1] += 1
    out = []
    for pieces in rows:
        counter[0] += 1
        pieces = [Piece(normalise_spaces(x.text), x.strong) for x in pieces]
        if "".join(x.text for x in pieces).strip():
            out.append(Line(counter[0], kind, tuple(italic_events(pieces)), level, counter[1], speaker=speaker, start=start))
    return out


def _table(table, bold: set[str], counter: list[int]) -> list[Line]:
    cells = [[c for c in row.iterfind("table:table-cell", _NS)] for row in table.iterfind(".//table:table-row", _NS)]
    rows = [["\n".join("".join(p.itertext()) for p in c.iterfind("text:p", _NS)).strip() for c in row] for row in cells]
    found = turns([r for r in rows if any(r)]) if all(any(r) for r in rows) else None
    out: list[Line] = []
    if found is None:
        for row in cells:
            for cell in row:
                for p in cell.iter(f"{_TEXT}h", f"{_TEXT}p"):
                    out += _paragraph(p, bold, counter)
        return out
    for k, who, said, start in found:
        for p in cells[k][said].iterfind("text:p", _NS):
            out += _paragraph(p, bold, counter, speaker=who or None, start=start)
    return out


register(Source("odt", _claims, _read, max_bytes=MAX_FILE_BYTES))
