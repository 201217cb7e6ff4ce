"""A deposition's or a hearing's record of an examination: the header that says which lawyer asks
next, and the `Q.` and `A.` lines under it made the lawyer's and the witness's labelled lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A record's header before the questions of one lawyer (`BY MR. HARRIS:`, `EXAMINATION BY MS. CHEN:`):
# said by nobody; the questions under it (`Q.` lines) are that lawyer's.
_EXAMINER = re.compile(r"^\s*(?:(?:(?:direct|cross|redirect|recross|further)[- ]?)?examination\s+)?by\s+"
                       r"(?P<name>(?:mr|ms|mrs|miss|dr)\.?\s+[^\W\d][\w'’\-. ]{1,40}?)[.:]?\s*$", re.IGNORECASE)
_QUESTION_OR_ANSWER = re.compile(r"^\s*([QA])(?:\.\s+|\s*:\s*|\s{2,}|\t)(?=\S)")
# A British record's header over one counsel's questions, naming their office rather than them
# (`Questions from LEAD COUNSEL TO THE INQUIRY`, `Cross-examination by counsel for the claimant`):
# the questions are those of whoever speaks next by their label.
_QUESTIONS_FROM = re.compile(r"^\s*(?:(?:further\s+)?questions?|questioned|(?:(?:cross|re)[- ])?examination(?:[- ]in[- ]chief)?|"
                             r"(?:cross[- ]|re[- ])?examined)\s+(?:from|by)\s+\S.{0,80}?[.:]?\s*$", re.IGNORECASE)
# A record's line calling the witness: `PROFESSOR DAME JENNY HARRIES (affirmed)`, `MR JOHN SMITH (sworn)`,
# `JANE DOE, having been first duly sworn, testified as follows:`. Nobody says it; the `A.` lines
# after it are that witness's.
# (A name with its bracket and a colon, `MR KEITH (continued):`, is a label, not a call.)
_CALLED = re.compile(r"^\s*(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){1,6}?)\s*,?\s*"
                     r"(?:\((?i:sworn|affirmed|called|recalled|resworn|continued|resumed)\b[^)]{0,40}\)\s*\.?|(?:called as a witness[^.:]{0,80}?,?\s*)?"
                     r"(?:having been|being|was)\s+(?:first\s+)?(?:duly\s+)?(?:sworn|affirmed)\b.{0,120}?[.:]?)\s*$")
# A labelled line of a record, the label in capitals: `MR KEITH: …`, `LADY HALLETT: …`.
_RECORD_LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){0,4})\s*:\s+\S")
NEXT_TO_SPEAK = "(whoever speaks next)"


def examiner(plain: str) -> str | None:
    """The lawyer a record's examination header names (`EXAMINATION BY MR. HARRIS:` -> MR. HARRIS):
    a header says examination, ends with its colon or is in capitals (`By Mr. Smith.` is an answer).
    A header naming an office, not a person, gives NEXT_TO_SPEAK."""
    m = _EXAMINER.match(plain)
    if m is None or not (re.search("examination", plain, re.IGNORECASE) or plain.rstrip().endswith(":")
                         or plain.upper() == plain):
        return NEXT_TO_SPEAK if m is None and _QUESTIONS_FROM.match(plain) else None
    return m.group("name").strip()


def called_witness(plains: Sequence[str], n: int) -> tuple[str, int] | None:
    """The witness a record calls (sworn, affirmed) at line `n`, and how many lines the call takes
    (`ROBERT ALLEN,` over `having been first duly sworn, was examined and testified as` over
    `follows:`), if it calls one."""
    for k in (1, 2, 3):
        joined = " ".join(p.strip() for p in plains[n:n + k])
        if len(joined) > 240:
            return None
        if m := _CALLED.match(joined):
            # the call's last word wrapped alone onto the next line: `…testified as` over `follows:`
            rest = plains[n + k].strip() if n + k < len(plains) else ""
            wrapped = not re.search(r"[.:)]$", joined) and re.fullmatch(r"[a-z][\w ]{0,20}[.:]", rest)
            return m.group("name").strip(" ,"), k + bool(wrapped)
    return None


# An examination's own header over the `BY MR. X:` line: `EXAMINATION`, `CROSS-EXAMINATION (continued)`.
_EXAMINATION_ALONE = re.compile(r"^\s*(?:(?:DIRECT|CROSS|REDIRECT|RECROSS|FURTHER)[- ]?)?EXAMINATION(?:\s+\((?i:continued|resumed)\))?\s*$")
_THE_WITNESS = re.compile(r"^\s*THE WITNESS\s*:", re.IGNORECASE)


class Examination:
    """A record's examination as its lines are read in order: who asks the `Q.` lines (the lawyer a
    header names, or whoever speaks next after a header naming an office) and who answers the `A.`
    lines (the witness called, else `THE WITNESS` where the record speaks of them so, else `A`)."""

    def __init__(self, plains: Sequence[str]):
        self.plains = plains
        self.lawyer: str | None = None
        self.witness = "THE WITNESS" if any(_THE_WITNESS.match(p) for p in plains) else "A"
        self.calling: set[int] = set()  # the lines of the record's call of its witness

    def unsaid(self, n: int, reason: str | None) -> str | None:
        """Why line `n` is never said, given the reason found for it so far (`reason`)."""
        plain = self.plains[n]
        if not reason and (called := called_witness(self.plains, n)):
            self.calling = set(range(n, n + called[1]))
            if self.witness == "A":  # a record that speaks of `THE WITNESS:` keeps them one speaker so
                self.witness = called[0]
            self.lawyer = self.lawyer or NEXT_TO_SPEAK
        if not reason and (n in self.calling or _EXAMINATION_ALONE.match(plain)):
            reason = "the witness called, or the examination's header (a record's)"
        if reason:
            self.lawyer = examiner(plain) or self.lawyer
        elif self.lawyer == NEXT_TO_SPEAK and (m := _RECORD_LABEL.match(plain)) and m.group("label") not in ("Q", "A"):
            self.lawyer = m.group("label")
        return reason

    def asked(self, plain: str) -> str | None:
        """A `Q.` line under an examination header as the examining lawyer's labelled line, an `A.`
        line as the witness's."""
        m = _QUESTION_OR_ANSWER.match(plain) if self.lawyer and self.lawyer != NEXT_TO_SPEAK else None
        return f"{self.lawyer if m.group(1) == 'Q' else self.witness}: {plain[m.end():]}" if m else None
