"""Tables whose rows are turns: a column of a few names that repeat, a column of what they say,
maybe a column of times. Word files, web pages and Markdown write transcripts this way; each
source reads its tables into rows of cell text and asks for their turns.
"""

from __future__ import annotations

import re

from ..times import TIMECODE

TIME = re.compile(rf"^\s*[\[(]?{TIMECODE}[\])]?\s*$")
HEADER_WORDS = re.compile(r"^(?:speaker|name|who|person|time|timestamp|start|text|transcript|dialogue|content|"
                          r"说话人|發言人|发言人|讲者|时间|時間|内容|內容|文本|发言|發言)$", re.IGNORECASE)


def turn_columns(rows: list[list[str]]) -> tuple[int, int, int | None] | None:
    """(speaker column, text column, time column or None) of a table whose rows are turns: a
    column of short names, a few of them repeating, beside a column of longer text."""
    body = [r for r in rows if not all(HEADER_WORDS.match(c) or not c for c in r)]
    if len(body) < 3 or max(len(r) for r in body) < 2:
        return None
    width = max(len(r) for r in body)
    cols = [[r[i] if i < len(r) else "" for r in body] for i in range(width)]
    times = [i for i, c in enumerate(cols) if sum(bool(TIME.match(x)) for x in c) >= 0.8 * len(c)]
    text_col = max((i for i in range(width) if i not in times), key=lambda i: sum(len(x) for x in cols[i]))
    for i, c in enumerate(cols):
        if i in times or i == text_col:
            continue
        names = [x for x in c if x]
        if not names or max(len(x) for x in names) > 40 or any(re.search(r"[.。!?！？]$", x) for x in names):
            continue
        if len(set(names)) <= max(2, len(names) // 2) and sum(len(x) for x in cols[text_col]) > 2 * sum(map(len, names)):
            return i, text_col, times[0] if times else None
    return None


def seconds(text: str) -> float | None:
    text = re.sub(r"(\d{1,2}:\d{2}:\d{2})[:;]\d{2}\b", r"\1", text)  # a timecode's frames (00:00:04:12): under a second
    parts = re.findall(r"\d+(?:[.,]\d+)?", text)
    if not parts or len(parts) > 3:
        return None
    total = 0.0
    for p in parts:
        total = total * 60 + float(p.replace(",", "."))
    return total


def turns(rows: list[list[str]], columns: tuple[int, int, int | None] | None = None,
          ) -> list[tuple[int, str, int, float | None]] | None:
    """(row, speaker, the column of the words, start in seconds or None) of each turn of a table of
    turns; None for any other table (read cell by cell). `columns` (speaker, words, time or None)
    where a header has named them; else they are found (turn_columns)."""
    columns = columns or turn_columns(rows)
    if columns is None:
        return None
    who, said, when = columns
    return [(k, row[who], said, seconds(row[when]) if when is not None and when < len(row) else None)
            for k, row in enumerate(rows)
            if len(row) > max(who, said) and not HEADER_WORDS.match(row[who]) and row[said]]
