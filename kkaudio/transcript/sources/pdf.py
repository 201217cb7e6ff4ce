"""PDFs with a text layer (court and hearing transcripts, exported documents), through pypdf.

pypdf rather than pdfminer.six: pure Python with no dependencies, kept up to date, and its
layout mode keeps each line's indentation, which is how a printed transcript marks where a
speaker's paragraph starts (the text mode loses it); it reads a 130-page transcript in about a
second here. What the printed page adds to the words is taken off, by its shape on the page:
- line numbers down the margin (1-25 on every page of a court record), at a line's start;
- running heads and feet: a line that recurs at the top or bottom of most pages ("Official -
  Subject to Final Review", the reporting company), and page numbers there;
- the index of words at the back (`abortion 14:13 15:6`), a page made of page:line references;
- hyphenation at a line's end (`adjudi-` / `cation`); a soft hyphen after a dash (`--`).
Indented lines start paragraphs; an indented (centred) line in capitals (ORAL ARGUMENT OF …, split
over lines or letter-spaced as P R O C E E D I N G S) is a heading, and a line of dashes a rule. Everything taken off is
listed by `kkaudio script --explain` with its page and line.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
from collections import Counter
from pathlib import Path

from ...errors import ScriptError
from ...machine import can_fork
from ..lines import Document, Line, Piece, normalise_spaces
from ..times import DATE
from . import MAX_FILE_BYTES, Source, register
from .pdf_furniture import (CONTENTS, MARGIN_NUMBER, PAGE_NUMBER, ZONE, columns, footnotes, is_index, running_heads,
                            shape_of, tags, without_margin_numbers, without_marks)
from .pdf_columns import in_reading_order
from .pdf_spaces import respaced
from .pdf_table import table_row, words_column

_HYPHENATED = re.compile(r"(?<=[a-z])-$")
# A caption box's border, a column of colons or brackets far right of the words (`FLORIDA, ET AL.      :`,
# `UNITED STATES OF AMERICA,     )`): not a label's colon.
_BOX_COLON = re.compile(r"(?<=\S)\s{4,}[:)](?=\s|$)")
_RULE = re.compile(r"^[\s\-–—_=*·.x]{5,}$")
# What starts a record's paragraph at the text's left edge, where its speakers' paragraphs are
# indented: a witness's `Q.` and `A.` and the examiner's `BY MR. SMITH:`, or a name in capitals
# and its colon (`MR. FISCHER: Objection.`) written flush.
_RECORD_START = re.compile(r"^(?:[QA](?:\.|:)\s|BY\s+(?:MR|MS|MRS|MISS|DR)\.?\s|(?:[A-Z][A-Z.'’\-]*\s){0,4}[A-Z][A-Z.'’\-]+:\s)")
# A typeface's ligatures as the text layer keeps them (`ﬁnd the ﬂow`): letters, as written and as said.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
PAGES_PER_WORKER = 60  # below this a second process costs more (starting it) than it saves


def _claims(head: bytes, suffix: str) -> bool:
    return head.lstrip()[:5] == b"%PDF-"


def _read(data: bytes, path: Path) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _unlocked(reader):
            raise ScriptError("is an encrypted PDF; kkaudio needs its text: save an unprotected copy (or export the "
                              "transcript as text or .docx)", path)
        pages = _extract(data, reader)
    except ScriptError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ScriptError(f"is a PDF that cannot be read ({type(exc).__name__}: {exc}); it may be damaged", path) \
            from None
    if sum(len(re.sub(r"\s", "", p)) for p in pages) < 10 * max(1, len(pages)):
        raise ScriptError(f"is a PDF without a text layer ({len(pages)} pages of images: a scan); kkaudio needs its "
                          f"text: run it through OCR first (ocrmypdf, or your scanner's text export)", path)
    return _document(pages)


def _extract(data: bytes, reader) -> list[str]:
    """Every page's text, in layout mode. pypdf takes about 10 ms a page here, so a long record
    (a 2 MB PDF is some 400 pages) is read by a process per core, each a run of pages."""
    n = len(reader.pages)
    workers = min(os.cpu_count() or 1, 8, n // PAGES_PER_WORKER)
    if workers < 2 or reader.is_encrypted or not can_fork():
        return _pages_text((data, 0, n), reader)
    bounds = [n * i // workers for i in range(workers + 1)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = pool.map(_pages_text, [(data, a, b) for a, b in zip(bounds, bounds[1:])])
        return [text for part in parts for text in part]


def _pages_text(job: tuple[bytes, int, int], reader=None) -> list[str]:
    from pypdf import PdfReader

    data, first, stop = job
    reader = reader or PdfReader(io.BytesIO(data))
    fonts: dict = {}
    out = []
    for i in range(first, stop):
        page = reader.pages[i]
        _share_fonts(page, fonts)
        out.append(respaced(page.extract_text(extraction_mode="layout") or "", lambda: page.extract_text() or ""))
    return out


def _share_fonts(page, seen: dict) -> None:
    """Pages that use the same font objects share pypdf's parse of them: it reads every font's
    character map again on every page, a third of its time on a court record. `_layout_mode_fonts`
    is pypdf's own (private) step; should it go, this does nothing and pages are read as before."""
    try:
        fonts = page["/Resources"].get_object()["/Font"].get_object()
        key = tuple(sorted((str(name), ref.idnum) for name, ref in fonts.items()))
    except (KeyError, AttributeError, TypeError):
        return  # inherited or direct fonts: no key to share them by
    if key not in seen and hasattr(page, "_layout_mode_fonts"):
        seen[key] = page._layout_mode_fonts()
    if key in seen:
        page._layout_mode_fonts = lambda: seen[key]


def _unlocked(reader) -> bool:
    try:
        return bool(reader.decrypt(""))  # many PDFs are encrypted with an empty password, only to restrict editing
    except Exception:  # noqa: BLE001  (pypdf raises several kinds, or needs `cryptography` for AES)
        return False


def _document(pages: list[str]) -> Document:
    dropped: list[tuple[int, str, str]] = []
    rows_by_page: list[list[tuple[int, str]]] = []  # (line number in the text, text) per page
    number = 0
    firsts = []
    for text in pages:
        firsts.append(number + 1)
        rows = []
        # NULs: a CID font's UTF-16 read as bytes; tabs: the text's own word spaces in some exports
        # (MAXQDA's, `Dan:\t\tOkay.\tSo\tnow`), never columns: the layout is in the spaces around them
        for raw in text.replace("\u00a0", " ").replace("\x00", "").replace("\t", " ").translate(_LIGATURES).split("\n"):
            number += 1
            if raw.strip():
                rows.append((number, raw.rstrip()))
        rows_by_page.append(rows)
    rows_by_page, column_widths = in_reading_order(rows_by_page)
    heads = running_heads(rows_by_page)
    paragraphs, body = _indents_paragraphs(rows_by_page)
    column = words_column(rows_by_page)  # where the words start, in a table of turns (speaker | words)
    # The text's line spacing, in lines of layout (2 where it is double-spaced): a wider space
    # starts a paragraph, whatever the line above it
    step = Counter(b[0] - a[0] for rows in rows_by_page for a, b in zip(rows, rows[1:])).most_common(1)[0][0] \
        if any(len(rows) > 1 for rows in rows_by_page) else 1
    # How far the body's lines reach: the widest line of the middle page of those with text
    reaches = sorted(max(map(columns, (r for _, r in rows))) for rows in rows_by_page if rows)
    margin = reaches[len(reaches) // 2] if reaches else 0
    lines: list[Line] = []
    para = 0
    carried = False  # the last line of the page before ran on (full, no sentence ended)
    numbered = 0  # the last number down the page before's margin
    for p, rows in enumerate(rows_by_page):
        if is_index(rows):
            dropped.append((rows[0][0] if rows else firsts[p], f"page {p + 1}", "the index of words at the back"))
            continue
        rows, numbered = without_margin_numbers(rows, dropped, p, numbered)
        if any(CONTENTS.match(r) for _, r in rows[:ZONE + 2]):
            dropped.append((rows[0][0], f"page {p + 1}", "the table of contents"))
            continue
        zone = {n for n, _ in rows[:ZONE] + rows[-ZONE:]}
        notes, marks = footnotes(rows)
        kept = []
        gone: set[str] = set()  # a page's head goes once: the same words again are the title under it
        for n, row in rows:
            key = shape_of(row)
            if n in zone and key in heads and key not in gone:
                gone.add(key)
                dropped.append((n, row.strip(), "a running head or foot of the pages"))
            elif n in zone and PAGE_NUMBER.match(row):
                dropped.append((n, row.strip(), "a page number"))
            elif n in notes:
                dropped.append((n, row.strip(), "a footnote at the page's foot"))
            elif tags(row):
                dropped.append((n, row.strip(), "a row of codes or tags (a coding tool's, over a paragraph)"))
            else:
                kept.append((n, without_marks(row, marks)))
        widths = [columns(r) for _, r in kept]
        # the right margin: a page of a few lines (a title page, a legend) measures it poorly, the body's is used
        full = 0.8 * (column_widths[p] or max(widths + [margin if len(kept) < 12 else 0]))
        above = p == 0  # on the first page, above its body's first line (all lines so far indented)
        for k, (n, row) in enumerate(kept):
            cell = table_row(row, column) if column is not None else None
            if cell is not None and (cell[0] or lines and lines[-1].speaker):
                who, said = cell
                gap = k > 0 and n > kept[k - 1][0] + step  # a new paragraph of one speaker's cell
                para += bool(who or gap)
                lines.append(Line(n, "text", (Piece(normalise_spaces(re.sub(r"\s{2,}", " ", said))),), para=para,
                                  speaker=who or lines[-1].speaker, wrapped=not (who or gap)))
                continue
            indent = len(row) - len(row.lstrip())
            text = normalise_spaces(re.sub(r"\s{2,}", " ", _BOX_COLON.sub("", row).strip()))
            text = re.sub(r"-\u00ad", "--", text).replace("\u00ad", "")
            indented = indent >= body + 3 and paragraphs is not None  # (a hanging indent's lines are wraps)
            # Centred above the first line of the body on the first page: the title (`王建国：在乡下重写一本书`).
            heading = indented and (_capitals(text) or (above and indent >= body + 8 and widths[k] < 0.75 * full))
            above = above and indented
            # Without indented paragraphs, a line runs on from the one above when that one is
            # full and ends no sentence (a label cannot start it: a wrapped `问：`); a short line
            # after a space, ending no sentence but maybe a question, naming no one, is a heading
            # (a Word file's or an article's PDF: `为什么我看好镜像世界？`).
            spaced = k == 0 or n > kept[k - 1][0] + 1
            close = k > 0 and n <= kept[k - 1][0] + step  # no more space above than the lines are apart
            # (and a line starting in lower case after one that ends no sentence goes on with it, however
            # short that one, unless it opens with a short or id-like label, `s:`, `o_1:`; a capital after a
            # page's break starts a paragraph: a label on the next page)
            ran_on = carried and not text[:1].isupper() if k == 0 else close and (
                _runs_on(kept[k - 1][1], widths[k - 1], body, full) or (text[:1].islower() and not _ends(kept[k - 1][1])
                                                                       and not re.match(r"(?:[^\s:：]{1,3}|\S*[\d_]\S*)\s*[:：]", text))
                or (paragraphs is None and indent >= body + 3))
            # (A question is one only after more space than the lines are apart: in a double-spaced
            # print, or at a page's top, it is someone's words.)
            asks = re.search(r"[?？]\W*$", text)
            if not paragraphs and not indented and spaced and not ran_on and widths[k] < 0.6 * full \
                    and not re.search(r"[.!。！…:：]\W*$|[:：]", text) and len(kept) > 3 and not _redacted(text) \
                    and not (asks and (k == 0 or close)):
                heading = True
            # Where paragraphs are indented, one may still start at the edge: after more space than
            # the lines are apart (paragraphs a blank line apart, the only indented lines the
            # centred ones of a title page), or with a record's mark; never in a line run on.
            flush_start = paragraphs and not ran_on and (bool(_RECORD_START.match(text)) or k > 0 and not close)
            new_para = indented or not lines or heading or lines[-1].kind == "heading" or flush_start or (
                not paragraphs and not ran_on)
            if new_para:
                para += 1
            if _RULE.match(text):  # a record's `- - - - - x` across the page
                lines.append(Line(n, "rule", (), para=para))
            else:
                lines.append(Line(n, "heading" if heading else "text", (Piece(text),), 2 if heading else 0, para,
                                  wrapped=not new_para))
        carried = bool(kept) and _runs_on(kept[-1][1], widths[-1], body, full)
    lines = _headings(_dehyphenate(lines))
    return Document({}, tuple(lines), kind="pdf", described=f"PDF, {len(pages)} pages", dropped=tuple(dropped),
                    pages=tuple(firsts))


def _runs_on(row: str, width: int, body: int, full: float) -> bool:
    """A line of the text's body that reaches the right margin and ends no sentence: the next
    line goes on with it (a centred or right-aligned line reaches there too, from elsewhere). A
    line of X's reaches it in fewer characters: an X is about a third wider than the letters of
    the line that sets the width."""
    return len(row) - len(row.lstrip()) <= body + 2 and width * (1.3 if _redacted(row) else 1) >= full \
        and not _ends(row)


def _ends(row: str) -> bool:
    """A line that ends a sentence, or breaks one off (`--`); not a word hyphenated at the line's end."""
    return bool(re.search(r"(?:[.!?。！？…”\"」』）)\]—]|(?<![^\W\d_])-)\s*$", row))


def _indents_paragraphs(pages: list[list[tuple[int, str]]]) -> tuple[bool | None, int]:
    """Whether the text marks its paragraphs by indenting their first lines (a transcript's
    speakers start so), and the text's left edge: then the other lines are wraps. Without it
    every line may start a paragraph. None: it indents the other lines instead (a hanging indent,
    `o_1:用户打开…` over `    靠近用户端…`, the line above an indented one reaching the margin)."""
    rows = [r for page in pages if not is_index(page) for _, r in page[ZONE:-ZONE] if r.strip()]
    rows = [row for r in rows if (row := MARGIN_NUMBER.sub(lambda m: " " * len(m.group(0)), r)).strip()]
    indents = Counter(len(r) - len(r.lstrip()) for r in rows)
    if not indents:
        return False, 0
    body = min(indent for indent, n in indents.items() if n >= 0.1 * len(rows))  # the left edge of the text
    at = [k for k, r in enumerate(rows) if len(r) - len(r.lstrip()) >= body + 3]
    widest = max(map(columns, rows))
    if len(at) >= 2 and sum(k > 0 and columns(rows[k - 1]) >= 0.85 * widest for k in at) >= 0.7 * len(at):
        return None, body
    return 0.03 * len(rows) <= len(at) <= 0.7 * len(rows), body


def _capitals(text: str) -> bool:
    """A heading's line: letters all capitals, two words or a letter-spaced word, not a label (nor
    words blacked out as X's, `XXXXXXX X XXXX`, in an anonymised transcript)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and not re.search(r"[:：]\s*$|^[^:]{1,40}:\s", text) \
        and not _redacted(text)


def _redacted(text: str) -> bool:
    """Words blacked out as X's (`XXXXXXX XX XXXt`), as an anonymised transcript prints them."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and letters.count("X") >= 0.8 * len(letters)


def _headings(lines: list[Line]) -> list[Line]:
    """Heading lines one after another (a heading split over lines; a record's in capitals over
    double-spaced lines) as one; a heading after a space under another is a heading of its own."""
    out: list[Line] = []
    last = 0  # the number of the heading line before
    for ln in lines:
        if ln.kind == "heading":
            text = re.sub(r"\b(\w) (?=\w\b)", r"\1", ln.plain)  # P R O C E E D I N G S
            joined = out and out[-1].kind == "heading" and (ln.number == last + 1 or _capitals(out[-1].plain)) \
                and not re.fullmatch(rf"\s*{DATE}\s*", text)  # a date under the title is not of it
            last = ln.number
            if joined:
                prev = out.pop()
                out.append(Line(prev.number, "heading", (Piece(f"{prev.plain} {text}"),), 2, prev.para))
            else:
                out.append(dataclasses.replace(ln, pieces=(Piece(text),)))
        else:
            out.append(ln)
    return out


def _dehyphenate(lines: list[Line]) -> list[Line]:
    """`adjudi-` at a line's end and `cation of…` below it: one word again."""
    lines = list(lines)
    for i in range(len(lines) - 1):
        ln, nxt = lines[i], lines[i + 1]
        if nxt.para == ln.para and _HYPHENATED.search(ln.plain) and re.match(r"[a-z]", nxt.plain):
            head, _, rest = nxt.plain.partition(" ")
            lines[i] = dataclasses.replace(ln, pieces=(Piece(ln.plain[:-1] + head),))
            lines[i + 1] = dataclasses.replace(nxt, pieces=(Piece(rest),))
    return [ln for ln in lines if ln.plain]


register(Source("pdf", _claims, _read, max_bytes=MAX_FILE_BYTES))
