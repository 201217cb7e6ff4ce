"""A page set in two columns (a magazine's or a journal's interview): pypdf's layout mode gives
each line of the page as one row, the left column's line and the right one's side by side. Read
as the page is read: the left column down, then the right, a full-width line (the title, an
introduction across the page) where it stands between them."""

from __future__ import annotations

from statistics import median

_LEAST_ROWS = 6  # rows split by the gutter, at the least, for a page to be in columns


def _splits(row: str, at: int) -> bool:
    return row[at - 1 : at + 2] == "   " and bool(row[: at - 1].strip()) and bool(row[at + 2 :].strip())


def gutter(rows: list[tuple[int, str]]) -> int | None:
    """Where a page's two columns part: a run of spaces down the page's middle (between a third
    and two thirds across) that splits most lines reaching past it, the left column's lines
    reaching near it (so not a table's narrow column of names or times) and the right one's
    lines as long (not a caption box's column of colons)."""
    width = max((len(r) for _, r in rows), default=0)
    best, best_count = None, 0
    for at in range(max(2, width // 3), 2 * width // 3):
        past = [r for _, r in rows if len(r.rstrip()) > at + 2]
        split = [r for r in past if _splits(r, at)]
        if len(split) >= _LEAST_ROWS and 2 * len(split) >= len(past) and len(split) > best_count:
            best, best_count = at, len(split)
    if best is None:
        return None
    split = [r for _, r in rows if _splits(r, best)]
    left = median(len(r[:best].rstrip()) for r in split)
    right = median(len(r[best:].strip()) for r in split)
    return best if left >= 0.7 * best and right >= 0.5 * left else None


def in_reading_order(rows: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], int | None]:
    """The page's rows as they are read, and how wide a column is (None: one column). Each row
    keeps its number in the text: the right column's first line comes after the left one's last
    without space between, as a paragraph runs on from one column to the next."""
    at = gutter(rows)
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

    for n, row in rows:
        if row[at - 1 : at + 2].strip():  # a line across the page: the columns stop above it
            flush()
            out.append((n, row))
        else:
            block.append((n, row))
    flush()
    return out, max((len(r) for _, r in out if len(r) <= at), default=at)
