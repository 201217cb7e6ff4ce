"""Tables of turns as CSV or TSV: what Descript, Sonix, Trint and AWS Transcribe's tools export,
and what a spreadsheet saves. Read with the standard library's csv (its Sniffer tells the
delimiter).

A header naming a speaker column and a text column (`Speaker`, `Text`; `说话人`, `内容`; a start
column is kept as the turn's time) says which is which; without one, the columns are found as in
any table of turns (tables.py): a column of a few names that repeat beside a column of longer text.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ...errors import ScriptError
from ..lines import Document, Line, Piece, normalise_spaces
from . import Source, decode, peek_text, register
from .tables import turns

_SPEAKER = re.compile(r"^(?:speaker(?:[ _]?(?:name|label))?|name|who|person|participant|说话人|說話人|发言人|發言人|讲者|姓名)$",
                      re.IGNORECASE)
_TEXT = re.compile(r"^(?:text|transcript|transcription|content|utterance|sentence|dialogue|words|内容|內容|文本|发言|發言|"
                   r"发言内容|文字)$", re.IGNORECASE)
_START = re.compile(r"^(?:start|start[ _]?time|begin|time|timestamp|in|开始时间|開始時間|时间|時間)(?:\s*\(s\))?$",
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
    numbered = [(n, row) for n, row in enumerate(rows, 1) if any(row)]  # csv keeps no line numbers: rows, in order
    named = _named_columns(numbered[0][1]) if numbered else None
    table = numbered[1:] if named else numbered  # under a header naming the columns, the rows below it
    found = turns([row for _, row in table], named)
    if not found:
        raise ScriptError("is a table (CSV) but not a table of turns: kkaudio needs a column of speakers and a "
                          "column of what they say (a header `Speaker,Text` says which is which)", path)
    lines = [Line(table[k][0], "text", (Piece(table[k][1][col]),), para=para, speaker=name or None, start=start)
             for para, (k, name, col, start) in enumerate(found, 1)]
    described = f"a table of turns (CSV), {len(found)} rows" + ("" if encoding == "UTF-8" else f", in {encoding}")
    return Document({}, tuple(lines), kind="table", described=described)


def _named_columns(header: list[str]) -> tuple[int, int, int | None] | None:
    """(speaker, words, start or None) as a header row names them, or None."""
    who = next((i for i, c in enumerate(header) if _SPEAKER.match(c)), None)
    said = next((i for i, c in enumerate(header) if _TEXT.match(c)), None)
    when = next((i for i, c in enumerate(header) if _START.match(c)), None)
    return (who, said, when) if who is not None and said is not None else None


register(Source("spreadsheet", _claims, _read))
