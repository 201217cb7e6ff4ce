"""An interview printed with a dialogue dash before each turn and no names (`— Why not one video?`
/ `— You might think of me as…`), as interviews in French, Spanish, Russian and some English
print them: the turns alternate between two people, and the one whose turns ask more is the
interviewer. They become Q and A turns (问 and 答 in Chinese) before labels are looked for again."""

from __future__ import annotations

import re

from .bold_qa import qa_labels
from .lines import Line, Piece

_DASH = re.compile(r"^\s*[—–―]\s*(?=\S)")  # an em dash, an en dash or a bar; never `-`, a list's mark
_ENDS = re.compile(r"[.!?。！？…”\"」』)）]\s*$")
_ASKS = re.compile(r"[?？][”\"」』)）]*\s*$")


def label_dash_turns(lines: list[Line]) -> list[Line]:
    """Lines opening a turn with a dialogue dash (a paragraph's first, or after a finished
    sentence), four or more and most of the paragraphs from the first on: each starts a Q or A
    turn in turn. Any other file comes back as it is."""
    def opens(i: int) -> bool:
        ln = lines[i]
        return ln.kind in ("text", "quote") and bool(_DASH.match(ln.plain)) and (
            not ln.wrapped or i == 0 or bool(_ENDS.search(lines[i - 1].plain)))

    starts = [i for i in range(len(lines)) if opens(i)]
    if len(starts) < 4:
        return lines
    paras = {ln.para for ln in lines[starts[0]:] if ln.plain and not ln.decoration}
    if 2 * len(starts) < len(paras):
        return lines
    # What each turn says last: the line before the next turn (or the file's last words).
    ends = [next((lines[j].plain for j in range(b - 1, a - 1, -1) if lines[j].plain), "")
            for a, b in zip(starts, [*starts[1:], len(lines)])]
    asks = [sum(bool(_ASKS.search(e)) for e in ends[parity::2]) for parity in (0, 1)]
    first_asks = asks[0] >= asks[1]
    ask, answer = qa_labels([lines[i].plain for i in starts])
    out = list(lines)
    for k, i in enumerate(starts):
        label = ask if (k % 2 == 0) == first_asks else answer
        ln = lines[i]
        out[i] = Line(ln.number, ln.kind, (Piece(label + _DASH.sub("", ln.plain, count=1)),), para=ln.para)
    return out
