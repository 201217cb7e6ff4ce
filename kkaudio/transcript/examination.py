"""A deposition's or a hearing's record of an examination: the header that says which lawyer asks
next, and the `Q.` and `A.` lines under it made the lawyer's and the witness's labelled lines."""

from __future__ import annotations

import re

# A record's header before the questions of one lawyer (`BY MR. HARRIS:`, `EXAMINATION BY MS. CHEN:`):
# said by nobody; the questions under it (`Q.` lines) are that lawyer's.
_EXAMINER = re.compile(r"^\s*(?:(?:(?:direct|cross|redirect|recross|further)[- ]?)?examination\s+)?by\s+"
                       r"(?P<name>(?:mr|ms|mrs|miss|dr)\.?\s+[^\W\d][\w'’\-. ]{1,40}?)[.:]?\s*$", re.IGNORECASE)
_QUESTION_OR_ANSWER = re.compile(r"^\s*([QA])(?:\.\s+|\s*:\s*|\s{2,}|\t)(?=\S)")


def examiner(plain: str) -> str | None:
    """The lawyer a record's examination header names (`EXAMINATION BY MR. HARRIS:` -> MR. HARRIS):
    a header says examination, ends with its colon or is in capitals (`By Mr. Smith.` is an answer)."""
    m = _EXAMINER.match(plain)
    if m is None or not (re.search("examination", plain, re.IGNORECASE) or plain.rstrip().endswith(":")
                         or plain.upper() == plain):
        return None
    return m.group("name").strip()


def asked_by(plain: str, lawyer: str | None, witness: str = "A") -> str | None:
    """A `Q.` line under an examination header as the examining lawyer's labelled line, an `A.`
    line as the witness's (`A:`, or `THE WITNESS:` where the record speaks of the witness so)."""
    m = _QUESTION_OR_ANSWER.match(plain) if lawyer else None
    return f"{lawyer if m.group(1) == 'Q' else witness}: {plain[m.end():]}" if m else None


_THE_WITNESS = re.compile(r"^\s*THE WITNESS\s*:", re.IGNORECASE)


def witness_label(plains) -> str:
    """What the record calls the witness when not answering a `Q.` (`THE WITNESS: Eleven years.`,
    a trial's): the `A.` lines are theirs too, one speaker; `A` when it never does."""
    return "THE WITNESS" if any(_THE_WITNESS.match(p) for p in plains) else "A"
