"""A PDF of a table of turns: a Word table (who in the left column, what they said in the right)
printed to PDF, as researchers and transcription services lay interviews out. pypdf's layout
mode keeps the columns apart by spaces; here they are told apart again: the speaker's cell at the
left, three spaces or more, then the words, which wrap at the column where they start."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..times import CLOCK

# A row's speaker cell and the words after the gap: the cell short (a name, a role), maybe after a
# time's cell (`00:01:05   Interviewer   Thanks…`).
_CELL = re.compile(rf"^(?P<lead>\s*)(?:{CLOCK}\s{{2,}})?(?P<cell>[^\W\d](?:.{{0,38}}\S)?)\s{{3,}}(?P<text>\S.*)$")


def _cell(row: str) -> tuple[str, int, str] | None:
    """(the left cell, the column the words start at, the words) of a row with a short first cell."""
    m = _CELL.match(row)
    if m is None or len(m.group("cell").split()) > 5 or re.search(r"[.,;!?。，；！？]$", m.group("cell")):
        return None
    return m.group("cell"), m.start("text"), m.group("text")


def words_column(pages: Sequence[Sequence[tuple[int, str]]]) -> int | None:
    """The column the words start at, if the document is a table of turns: rows whose first cell
    is one of a few names that recur, with the words at one column, and the wraps of those words
    starting at that column, make most of its lines. None for any other layout (a magazine's two
    columns of running text: their left cells do not recur)."""
    rows = [row for page in pages for _, row in page if row.strip()]
    cells = [c for row in rows if (c := _cell(row))]
    if len(cells) < 3:
        return None
    column = Counter(at for _, at, _ in cells).most_common(1)[0][0]
    names = Counter(cell for cell, at, _ in cells if at == column)
    recurring = sum(n for name, n in names.most_common(6))
    wraps = sum(len(row) - len(row.lstrip()) == column for row in rows)
    if sum(names.values()) < 3 or max(names.values()) < 2 or recurring < 0.8 * sum(names.values()) \
            or sum(names.values()) + wraps < 0.6 * len(rows):
        return None
    return column


def table_row(row: str, column: int) -> tuple[str | None, str] | None:
    """(the speaker, the words) of a row of the table, the speaker None in a wrap of the words
    above; None for a row outside the table (a title above it)."""
    if (c := _cell(row)) and c[1] == column:
        return c[0], c[2]
    if len(row) - len(row.lstrip()) == column:
        return None, row.strip()
    return None
