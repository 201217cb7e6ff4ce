"""Tables of turns as CSV or TSV: what Descript, Sonix, Trint and AWS Transcribe's tools export,
and what a spreadsheet saves, read with the standard library's csv (its Sniffer tells the
delimiter); and Excel workbooks (.xlsx), where researchers and meeting tools keep them, read with
openpyxl (the maintained reader of Excel's files; pure Python), its first sheet that holds turns.

A header naming a speaker column and a text column (`Speaker`, `Text`; `说话人`, `内容`; a start
column is kept as the turn's time) says which is which; without one, the columns are found as in
any table of turns (tables.py): a column of a few names that repeat beside a column of longer text.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

from ...errors import ScriptError
from ..lines import Document, Line, Piece, normalise_spaces
from . import MAX_FILE_BYTES, Source, decode, peek_text, register
from .tables import turns

_SPEAKER = re.compile(r"^(?:speaker(?:[ _]?(?:name|label))?|name|who|person|participant|说话人|說話人|发言人|發言人|讲者|姓名)$",
                      re.IGNORECASE)
_TEXT = re.compile(r"^(?:text|transcript|transcription|content|utterance|sentence|dialogue|words|内容|內容|文本|发言|發言|"
                   r"发言内容|文字)$", re.IGNORECASE)
_START = re.compile(r"^(?:start|start[ _]?time|begin|time|timestamp|time ?code|tc|in|开始时间|開始時間|时间|時間)(?:\s*\(s\))?$",
                    re.IGNORECASE)


def _claims(head: bytes, suffix: str) -> bool:
    if suffix in (".csv", ".tsv"):
        return True
    first = peek_text(head).lstrip("\ufeff").split("\n", 1)[0]
    cells = [c.strip().strip('"') for c in re.split(r"[,\t;]", first)]
    return len(cells) >= 2 and any(_SPEAKER.match(c) for c in cells) and any(_TEXT.match(c) for c in cells)


def _read(data: bytes, path: Path) -> Document:
    text, encoding = decode(data, path)
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    rows = [[normalise_spaces(c).strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    lines = _turns(rows)
    if not lines:
        raise ScriptError(f"is a table (CSV) but {_NOT_TURNS}", path)
    described = f"a table of turns (CSV), {len(lines)} rows" + ("" if encoding == "UTF-8" else f", in {encoding}")
    return Document({}, tuple(lines), kind="table", described=described)


_NOT_TURNS = ("not a table of turns: kkaudio needs a column of speakers and a column of what they say (a header "
              "`Speaker,Text` says which is which)")


def read_workbook(data: bytes, path: Path) -> Document:
    """An Excel workbook's first sheet that is a table of turns."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise ScriptError(f"is an Excel workbook that cannot be read ({exc}); it may be damaged", path) from None
    try:
        for sheet in book.worksheets:
            lines = _turns([[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)])
            if lines:
                described = f"an Excel sheet of turns ({sheet.title}), {len(lines)} rows"
                return Document({}, tuple(lines), kind="table", described=described)
    finally:
        book.close()
    raise ScriptError(f"is an Excel workbook with no sheet of turns; {_NOT_TURNS}", path)


def _cell(value: object) -> str:
    """A cell as the text it shows: a time of day as `00:01:23`, a whole number without `.0`."""
    if value is None:
        return ""
    if isinstance(value, (datetime.time, datetime.datetime)):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalise_spaces(str(value)).strip()


def _turns(rows: list[list[str]]) -> list[Line]:
    """A table's rows as one line a turn (a row's number is its line), under a header that names
    its columns or by the columns' shapes."""
    numbered = [(n, row) for n, row in enumerate(rows, 1) if any(row)]  # csv keeps no line numbers: rows, in order
    named = _named_columns(numbered[0][1]) if numbered else None
    table = numbered[1:] if named else numbered  # under a header naming the columns, the rows below it
    found = turns([row for _, row in table], named)
    return [Line(table[k][0], "text", (Piece(table[k][1][col]),), para=para, speaker=name or None, start=start)
            for para, (k, name, col, start) in enumerate(found or (), 1)]


def _named_columns(header: list[str]) -> tuple[int, int, int | None] | None:
    """(speaker, words, start or None) as a header row names them, or None."""
    who = next((i for i, c in enumerate(header) if _SPEAKER.match(c)), None)
    said = next((i for i, c in enumerate(header) if _TEXT.match(c)), None)
    when = next((i for i, c in enumerate(header) if _START.match(c)), None)
    return (who, said, when) if who is not None and said is not None else None


register(Source("spreadsheet", _claims, _read))
register(Source("xlsx", lambda head, suffix: head.startswith(b"PK\x03\x04") and suffix in (".xlsx", ".xlsm"),
                read_workbook, max_bytes=MAX_FILE_BYTES))
