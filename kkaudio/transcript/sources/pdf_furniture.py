"""What a printed page adds around a transcript's words, found by its shape on the page (pdf.py
takes it off and lists it for `--explain`): line or paragraph numbers down the margin, running
heads and feet, page numbers, an index of words, a coding tool's rows of codes."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

MARGIN_NUMBER = re.compile(r"^\s{0,6}(\d{1,3})(?=\s{2,}|\s*$)")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+|p\.\s*|[-–—]\s*)?\d{1,4}(?:\s*[-–—])?(?:\s+of\s+\d{1,4}|\s*/\s*\d{1,4})?\s*$",
                         re.IGNORECASE)
_REFERENCE = re.compile(r"\b\d{1,3}:\d{1,2}\b")  # page:line, as an index of words cites them
CONTENTS = re.compile(r"^\s*(?:C\s?O\s?N\s?T\s?E\s?N\s?T\s?S|TABLE OF CONTENTS|I\s?N\s?D\s?E\s?X(?:\s+OF\s+\w+)?|目\s*[录錄]|索\s*引)\s*$",
                      re.IGNORECASE)  # and a record's `I N D E X` of witnesses, `INDEX OF EXHIBITS`
ZONE = 3  # lines at the top and at the bottom of a page where running heads and page numbers live


def columns(row: str) -> int:
    """How far a line reaches across the page, a CJK character two columns."""
    row = row.rstrip()
    return len(row) + sum(unicodedata.east_asian_width(c) in "WF" for c in row)


def shape_of(row: str) -> str:
    """A line as running heads repeat it: spaces and numbers aside (`Page 3 of 12`)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", row.strip())).casefold()


def running_heads(pages: list[list[tuple[int, str]]]) -> set[str]:
    """Lines that recur in the same place among the top or bottom lines of most pages (of both,
    in a PDF of two pages, when they are not a sentence), and less often between them (a
    speaker's name alone over the words is near the top of many pages too, but not always as the
    same line of it, and between them too)."""
    if len(pages) < 2:
        return set()
    placed: Counter[tuple[str, int]] = Counter()
    between: Counter[str] = Counter()
    for rows in pages:
        texts = [shape_of(r) for _, r in rows if MARGIN_NUMBER.sub("", r).strip()]
        placed.update({(t, i) for i, t in [*enumerate(texts[:ZONE]), *zip(range(-ZONE, 0), texts[-ZONE:])]})
        between.update(texts[ZONE:-ZONE])
    seen: Counter[str] = Counter()
    for (shape, _), n in placed.items():
        seen[shape] = max(seen[shape], n)
    seen = Counter({shape: n for shape, n in seen.items() if between[shape] < n / 4})
    if len(pages) == 2:  # long enough to be a name or a title (a Chinese character is two columns wide)
        return {shape for shape, n in seen.items() if n == 2 and columns(shape) >= 12
                and not re.search(r"[.?!\"”。？！…」』]$", shape)}
    return {shape for shape, n in seen.items() if n >= max(3, len(pages) // 2) and shape.strip("# ")}


def without_margin_numbers(rows: list[tuple[int, str]], dropped: list, page: int,
                            after: int = 0) -> tuple[list[tuple[int, str]], int]:
    """The page's lines without the numbers down its margin, and the last of them (0 if none):
    numbers counting up by one at the starts of lines, five or more (a court's 1–25 on every line),
    or two or more that go on from the page before's (a qualitative-analysis tool's paragraph
    numbers, 24, 25… on the second page, at each paragraph's first line only; three or more from
    1, or any from 1 at the top of a page after a numbered one); lines that are only such a number
    go. `after`: the page before's last."""
    chains: dict[int, list[tuple[int, int]]] = {}  # the value each run waits for next -> its (index, value)s
    widths: dict[int, int] = {}  # index -> the width of its number and the spaces after it
    done: list[list[tuple[int, int]]] = []
    for i, (_, r) in enumerate(rows):
        if m := MARGIN_NUMBER.match(r):
            value, widths[i] = int(m.group(1)), m.end()
            chain = chains.pop(value, [])
            if value + 1 in chains:  # a run that reached this number before (another page of a sheet) is done
                done.append(chains.pop(value + 1))
            chains[value + 1] = [*chain, (i, value)]
    every = [*done, *chains.values()]
    run = max(every, key=len, default=[])
    # (and after a numbered page, a last page of a line or two numbered from 1 at its first line)
    if len(run) < 5 and not (len(run) >= 2 and after and run[0][1] == after + 1) \
            and not (len(run) >= 3 and run[0][1] == 1) and not (after and run and run[0][1] == 1 and run[0][0] <= 2):
        return rows, 0
    # (a condensed transcript prints four pages on a sheet, each with its own 1–25: every such run goes)
    numbered = dict(run) | {i: v for chain in every if len(chain) >= 5 for i, v in chain}
    out = [(n, " " * widths[i] + row[widths[i]:] if i in numbered else row) for i, (n, row) in enumerate(rows)]
    out = [(n, row) for n, row in out if row.strip()]  # a line that was only a number goes
    dropped.append((rows[run[0][0]][0], f"{run[0][1]}–{run[-1][1]}", f"the line numbers down page {page + 1}'s margin"))
    # pypdf may print the numbers of the pages after at this one's foot, each alone on a line: the
    # next page goes on from the last number beside a line of text
    beside = [value for i, value in run if rows[i][1][widths[i]:].strip()]
    return out, (beside or [v for _, v in run])[-1]


def is_index(rows: list[tuple[int, str]]) -> bool:
    """A page of an index of words: most of what it says is page:line references."""
    words = sum(len(r.split()) for _, r in rows)
    refs = sum(len(_REFERENCE.findall(r)) for _, r in rows)
    return refs >= 20 and refs >= 0.3 * words


def tags(row: str) -> bool:
    """A row of identifiers spread across the page, as a qualitative-analysis tool prints the
    codes given to the paragraph under them (`Data-issues      Data-missing-values      Q1`):
    two or more one-word cells, most of them with a hyphen, an underscore or a digit."""
    cells = re.split(r"\s{3,}", row.strip())
    return len(cells) >= 2 and all(re.fullmatch(r"[^\W\d_][\w\-]*(?:\.\d+)*", c) for c in cells) \
        and sum(bool(re.search(r"[-_\d]", c)) for c in cells) >= 0.5 * len(cells)


_NOTE_RULE = re.compile(r"^\s*[_\-–—]{8,}\s*$")  # the short rule a word processor sets over a page's footnotes
_NOTE_MARK = re.compile(r"^\s*(\d{1,3}|[*†‡§])\.?\s+\S")  # a footnote's first line, its mark first


def footnotes(rows: list[tuple[int, str]]) -> tuple[set[int], set[str]]:
    """The numbers of a page's footnote rows, and their marks: under a short rule in the page's
    lower half (shorter than half the widest line: not a record's rule across the page), the first
    of them opening with its mark (`1 Harbour Street was renamed…`, `* …`); the rule too. Nobody
    says them, nor their marks in the text (`the mill.1`)."""
    widest = max((columns(r) for _, r in rows), default=0)
    for k in range(len(rows) // 2, len(rows) - 1):
        if _NOTE_RULE.match(rows[k][1]) and columns(rows[k][1].strip()) < widest / 2 and _NOTE_MARK.match(rows[k + 1][1]):
            marks = {m.group(1) for _, r in rows[k + 1:] if (m := _NOTE_MARK.match(r))}
            return {n for n, _ in rows[k:]}, marks
    return set(), set()


def without_marks(row: str, marks: set[str]) -> str:
    """A line without the marks of its page's footnotes after its words (`the mill.1 We`, `Street2,`)."""
    if not marks:
        return row
    alternatives = "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))
    return re.sub(rf"(?:(?<=[^\W\d_][.,;:!?”\"’)])|(?<=[^\W\d_][.,;:!?][”\"’)])|(?<=[a-z]))(?:{alternatives})(?=[\s.,;:!?)]|$)", "", row)
