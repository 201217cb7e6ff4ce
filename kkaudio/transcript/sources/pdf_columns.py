"""A page set in two columns (a magazine's or a journal's interview): pypdf's layout mode gives
each line of the page as one row, the left column's line and the right one's side by side. Read
as the page is read: the left column down, then the right, a full-width line (the title, an
introduction across the page) where it stands between them."""

from __future__ import annotations

from collections import Counter
from statistics import median

_LEAST_ROWS = 6  # rows split by the gutter, at the least, for a page to be in columns


def _splits(row: str, at: int) -> bool:
    return row[at - 1 : at + 2] == "   " and bool(row[: at - 1].strip()) and bool(row[at + 2 :].strip())


def gutter(rows: list[tuple[int, str]]) -> int | None:
    """Where a page's two columns part: the middle of the widest run of spaces down the page
    (between a third and two thirds across) that splits most lines reaching past it, the left
    column's lines reaching near the right one's start (so not a table's narrow column of names
    or times) and the right one's lines as long (not a caption box's column of colons)."""
    width = max((len(r) for _, r in rows), default=0)
    counts = {}
    for at in range(max(2, width // 3), 2 * width // 3):
        past = [r for _, r in rows if len(r.rstrip()) > at + 2]
        split = sum(_splits(r, at) for r in past)
        if split >= _LEAST_ROWS and 2 * split >= len(past):
            counts[at] = split
    if not counts:
        return None
    most = max(counts.values())
    runs: list[list[int]] = []
    for at in sorted(a for a, n in counts.items() if n == most):
        if runs and at == runs[-1][-1] + 1:
            runs[-1].append(at)
        else:
            runs.append([at])
    run = max(runs, key=len)
    at = run[len(run) // 2]
    split = [r for _, r in rows if _splits(r, at)]
    left = median(len(r[:at].rstrip()) for r in split)
    starts = median(len(r) - len(r[at:].lstrip()) for r in split)  # where the right column's lines start
    right = median(len(r[at:].strip()) for r in split)
    return at if starts - left <= max(8, 0.7 * left) and right >= 0.5 * left else None


def in_reading_order(pages: list[list[tuple[int, str]]]) -> tuple[list[list[tuple[int, str]]], list[int | None]]:
    """Each page's rows as they are read, and how wide a column is on it (None: one column). A
    page whose columns are not found by themselves (the last, with its right column empty) is
    split where most pages part theirs, so its running head reads as theirs. Each row keeps its
    number in the text: the right column's first line comes after the left one's last without
    space between, as a paragraph runs on from one column to the next."""
    found = [gutter(rows) for rows in pages]
    common = Counter(at for at in found if at is not None).most_common(1)
    usual = common[0][0] if common and 2 * common[0][1] >= len(pages) > 1 else None
    out = [_read(rows, at if at is not None else usual) for rows, at in zip(pages, found)]
    return [rows for rows, _ in out], [width for _, width in out]


def _read(rows: list[tuple[int, str]], at: int | None) -> tuple[list[tuple[int, str]], int | None]:
    if at is None:
        return rows, None
    out: list[tuple[int, str]] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        rights = [(n, r[at:]) for n, r in block if r[at:].strip()]
        edge = min((len(r) - len(r.lstrip()) for _, r in rights), default=0)
        out.extend((n, r[: at].rstrip()) for n, r in block if r[: at].strip())
        out.extend((n, r[edge:].rstrip()) for n, r in rights)
        block.clear()

    # The page's head (a line or two alone at its top, a space under it) is read across, as it is printed
    head = next((k + 1 for k in range(min(2, len(rows) - 1)) if rows[k + 1][0] > rows[k][0] + 2), 0)
    for k, (n, row) in enumerate(rows):
        if k < head or row[at - 1 : at + 2].strip():  # a line across the page: the columns stop above it
            flush()
            out.append((n, row))
        else:
            block.append((n, row))
    flush()
    return out, max((len(r) for _, r in out if len(r) <= at), default=at)
