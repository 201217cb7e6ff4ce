"""Interviews whose turns name no one: printed with a dialogue dash before each turn (`— Why not
one video?` / `— You might think of me as…`), as interviews in French, Spanish, Russian and some
English print them, or typed as paragraphs that take turns (a research interview's Word file: a
question, its answer, `Mm-hm.`, …). The turns alternate between two people, and the one whose
turns ask more is the interviewer. They become Q and A turns (问 and 答 in Chinese) before labels
are looked for again."""

from __future__ import annotations

import re

from .bold_qa import qa_labels
from .lines import Line, Piece

_DASH = re.compile(r"^\s*[—–―]\s*(?=\S)")  # an em dash, an en dash or a bar; never `-`, a list's mark
_ENDS = re.compile(r"[.!?。！？…”\"」』)）]\s*$")
_ASKS = re.compile(r"[?？][”\"」』)）]*\s*$")


def label_unnamed_turns(lines: list[Line], found) -> list[Line]:
    """Q and A labels for a file whose turns name no one (see above), or Q labels for the
    unlabelled questions between labelled answers (`label_questions`); any other file comes back
    as it is. `found`: the labels style.find found in it (a Style)."""
    if found.found:
        return label_questions(lines, found.labels, set(found.inline))
    dashed = label_dash_turns(lines)
    return dashed if dashed is not lines else label_alternating_paragraphs(lines)


_ASKED = re.compile(r"[?？]")


def label_questions(lines: list[Line], labels: dict, inline: set[int]) -> list[Line]:
    """A group interview written as its questions, unlabelled, each over the labelled answers of
    one or more people (`您希望机器人具备哪些功能？` / `吴格非老师：…` / `骆彦余老师：…`): the questions are
    an interviewer's when three or more, each asking, stand right over a label, nearly all (four
    in five) of the paragraphs that open with no label among the labelled ones are such questions,
    and no one whose answer comes before one of them asks in a third of their own turns (a host
    whose question goes on into a paragraph of its own asks it; it stays the host's)."""
    labelled = set(labels) | inline
    if not labels:
        return lines
    paras = _paragraphs(lines, labelled)
    starts = [p[0] for p in paras]
    text = [" ".join(lines[i].plain for i in p) for p in paras]
    first, last = min(labelled), max(labelled)
    bare = [k for k, i in enumerate(starts) if i not in labelled
            and (first <= i <= last or k + 1 < len(starts) and starts[k + 1] == first)]
    questions = [k for k in bare if _ASKED.search(text[k]) and k + 1 < len(starts) and starts[k + 1] in labels]
    if len(questions) < 3 or len(questions) * 5 < len(bare) * 4:
        return lines
    for name in {labels[starts[k - 1]].name for k in questions if k and starts[k - 1] in labels}:
        own = [k for k, i in enumerate(starts) if i in labels and labels[i].name == name]
        if sum(bool(_ASKED.search(text[k])) for k in own) * 3 >= len(own):
            return lines
    ask, _ = qa_labels([text[k] for k in questions])
    return _labelled(lines, [starts[k] for k in questions], [ask] * len(questions))


def _paragraphs(lines: list[Line], starts: set[int] = frozenset()) -> list[list[int]]:
    """The said lines grouped by paragraph (a line in `starts` begins one of its own)."""
    paras: list[list[int]] = []
    for i, ln in enumerate(lines):
        if ln.plain.strip() and not ln.decoration and ln.kind in ("text", "quote", "item"):
            if paras and lines[paras[-1][-1]].para == ln.para and i not in starts:
                paras[-1].append(i)
            else:
                paras.append([i])
    return paras


def _labelled(lines: list[Line], at: list[int], labels: list[str]) -> list[Line]:
    """`lines` with each label written before the line it opens."""
    out = list(lines)
    for i, label in zip(at, labels):
        ln = lines[i]
        out[i] = Line(ln.number, ln.kind, (Piece(label + ln.plain.strip()),), para=ln.para)
    return out


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


_SHORT = 40  # `Mm-hm.`, `Okay.`, `Right.`: what an interviewer says between an answer's paragraphs


def label_alternating_paragraphs(lines: list[Line]) -> list[Line]:
    """Paragraphs that take turns, no one named: eight or more, four or more of them questions,
    and the one who asks them (_turns) is the interviewer. A title, a date or a heading above the
    first paragraph is nobody's."""
    paras = _paragraphs(lines)
    text = [" ".join(lines[i].plain.strip() for i in p) for p in paras]
    first = 0
    while first < len(paras) and (all(lines[i].all_strong for i in paras[first])
                                  or len(text[first]) <= _SHORT and not _ENDS.search(text[first])):
        first += 1  # `Interview 2`, `October 23, 2017`
    paras, text = paras[first:], text[first:]
    asked = [k for k, t in enumerate(text) if _ASKS.search(t)]
    if len(paras) < 8 or len(asked) < 4:
        return lines
    asks = next((a for a in (_turns(text, asked, p) for p in (0, 1)) if a is not None), None)
    if asks is None:
        return lines
    ask, answer = qa_labels(text)
    return _labelled(lines, [p[0] for p in paras], [ask if a else answer for a in asks])


def _turns(text: list[str], asked: list[int], parity: int) -> list[bool] | None:
    """Whether each paragraph is the interviewer's, their first on `parity`; None unless the
    interviewer then asks four in five of the questions, says at most half what the other does (a
    speech-to-text's stream of sentences takes turns too, evenly), and goes on past the other's
    turn (`Mm-hm.` / `So, you mentioned…?`) at most once in ten paragraphs."""
    asks: list[bool] = []
    for k, t in enumerate(text):
        asks.append(k % 2 == parity if not asks else not asks[-1])
        if k and not asks[-1] and k in asked and asks[-2] and len(text[k - 1]) <= _SHORT < len(t):
            asks[-1] = True  # a question after the interviewer's `Mm-hm.`: the interviewer goes on
    said = [sum(len(t) for t, a in zip(text, asks) if a == who) for who in (True, False)]
    resumed = sum(a and b for a, b in zip(asks, asks[1:]))
    if sum(asks[k] for k in asked) * 5 < len(asked) * 4 or 2 * said[0] > said[1] or resumed * 10 > len(text):
        return None
    return asks
