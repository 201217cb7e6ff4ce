"""A magazine interview whose answers have no labels: the interviewer's questions in bold (maybe
with the asker's label inside the bold, `**記：…？**`) or in italics, the answers plain. The questions become 问
turns and the answers 答 turns before labels are looked for again (Q and A in a file whose
questions are not written in Chinese)."""

from __future__ import annotations

import re

from .lines import Line, Piece

BOLD_QUESTION = re.compile(r"[?？][”\"」』）)]*$")
_HAN = re.compile(r"[\u3400-\u9fff]")


def qa_labels(texts: list[str]) -> tuple[str, str]:
    """The labels unnamed questions and answers take: 问 and 答 where most of `texts` are Chinese, else Q and A."""
    chinese = sum(bool(_HAN.search(t)) for t in texts) * 2 >= len(texts)
    return ("问：", "答：") if chinese else ("Q: ", "A: ")


def label_bold_questions(lines: list[Line], asked_by: set[int] = frozenset()) -> list[Line]:
    """An interview whose answers have no labels, the interviewer's questions in bold and the
    answers plain (a common magazine layout): the questions become 问 turns, the answers 答 turns.
    `asked_by`: the lines whose bold question already names who asks (`**記：…？**`), kept so."""
    marked = max(("all_strong", "all_em"), key=lambda how: sum(getattr(ln, how) for ln in lines))

    def question(ln: Line) -> bool:
        return ln.kind in ("text", "quote") and getattr(ln, marked) and bool(BOLD_QUESTION.search(ln.plain))

    questions = [ln.plain for ln in lines if question(ln)]
    if len(questions) < 3:
        return lines
    ask, answer = qa_labels(questions)
    out, asked = [], False
    for i, ln in enumerate(lines):
        if question(ln):
            out.append(ln if i in asked_by else Line(ln.number, ln.kind, (Piece(ask + ln.plain),), para=ln.para))
            asked = True
        elif asked and ln.kind in ("text", "quote", "item") and not ln.decoration and not getattr(ln, marked):
            out.append(Line(ln.number, ln.kind, (Piece(answer), *ln.pieces), para=ln.para))
            asked = False
        else:
            out.append(ln)
    return out
