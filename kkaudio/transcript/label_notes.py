"""Lines written like labels that start no turn: what an export stacks under a speaker's label
(`Very Positive`), and a list of who speaks before the dialogue (`• Karine Jean-Pierre`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .labels import SENTENCE_END, Candidate
from .lines import Line


def annotations(labels: dict[int, Candidate], lines: Sequence[Line],
                 key: dict[str, str]) -> dict[int, Candidate | None]:
    """Lines written like labels alone on their line, stacked under a speaker's label before
    the words: what an export says of each turn (`Karine Jean-Pierre` / `Very Positive` / the
    words), not a second speaker. In a file that heads its turns so (two stacks or more), the
    name heads the block; a key that comes later in a stack and never heads one is a note, and
    so is every line of it. -> line: its head."""
    stacks = _stacks(labels, lines)
    alone = Counter(key[labels[s[0]].name] for s in stacks if len(s) == 1)
    stacks = [s for s in stacks if len(s) > 1]
    if len(stacks) < 2:
        return {}
    # The name is the first of a stack, unless the last ones are fewer (the speakers) and stand
    # alone over words more often, and the first recur (a coding tool's print: the codes a
    # researcher gave a paragraph, `Q1`, `Q2.1`…, over the name; not a title and a part's name
    # over INTERVIEWER, once each).
    firsts, lasts = ([key[labels[s[end]].name] for s in stacks] for end in (0, -1))
    below = len(set(lasts)) < len(set(firsts)) <= len(firsts) / 2 \
        and sum(alone[k] for k in lasts) > sum(alone[k] for k in firsts)
    stacks = [s[::-1] for s in stacks] if below else stacks
    heads = {key[labels[s[0]].name] for s in stacks}
    under = Counter(key[labels[i].name] for s in stacks for i in s[1:])
    # A note is under a name as often as it heads a turn alone, or more (a title or a part's name in
    # capitals over INTERVIEWER is not a name with a note under it).
    notes = {k for k, n in under.items() if n >= alone[k]} - heads
    out: dict[int, Candidate | None] = {}
    head: Candidate | None = None
    for i in sorted(labels, reverse=below):
        c = labels[i]
        if key[c.name] in notes:
            out[i] = head
        else:
            head = c
    return out


def _stacks(labels: dict[int, Candidate], lines: Sequence[Line]) -> list[list[int]]:
    """The labels alone on their lines, in runs with nothing said between them."""
    stacks: list[list[int]] = []
    for i in sorted(i for i, c in labels.items() if c.below):
        if stacks and all(ln.decoration for ln in lines[stacks[-1][-1] + 1 : i]):
            stacks[-1].append(i)
        else:
            stacks.append([i])
    return stacks


def section_titles(labels: dict[int, Candidate], lines: Sequence[Line], key: dict[str, str]) -> set[int]:
    """Lines written like a label alone over a speaker's label alone, each once and in words (a
    podcast site's chapter titles: `Origins` over `Lex Fridman` over the words), in a file where
    the names under them head turns of their own too: the sections' titles, not speakers. (A
    stack's first line that recurs is a name over its note, or a coding tool's code: annotations.)"""
    stacks = _stacks(labels, lines)
    pairs = [s for s in stacks if len(s) == 2]
    firsts = Counter(key[labels[s[0]].name] for s in pairs)
    seconds = {key[labels[s[1]].name] for s in pairs}
    alone = {key[labels[s[0]].name] for s in stacks if len(s) == 1}
    if len(pairs) < 2 or max(firsts.values()) > 1 or set(firsts) & (seconds | alone) or not seconds & alone \
            or any(re.search(r"\d", labels[s[0]].name) for s in pairs):
        return set()
    return {s[0] for s in pairs}


def cast_list(labels: dict[int, Candidate], lines: Sequence[Line]) -> list[int]:
    """A list of who speaks, before the dialogue (`• Karine Jean-Pierre` / `• Question`): a run
    of short list items, two or more of them labels with nothing said under them. The whole run
    is the list (the items that are not labels, and the notes under each, too)."""
    runs: list[list[int]] = [[]]
    for i, ln in enumerate(lines):
        if ln.decoration:
            continue
        if ln.kind == "item" and len(ln.plain) <= 40 and not re.search(rf"[{re.escape(SENTENCE_END)}.,，]$", ln.plain):
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    first_said = min((i for i in labels if not _bare(i, labels, lines)), default=len(lines))
    out = []
    for run in runs:
        bare = [i for i in run if i in labels and _bare(i, labels, lines)]
        if len(bare) >= 2 and run[-1] < first_said:
            out += run
    return out


def _bare(i: int, labels: dict[int, Candidate], lines: Sequence[Line]) -> bool:
    """Label `i` has no words under it: the next line that is not decoration is a list item or
    another label (or there is none)."""
    if not labels[i].below:
        return False
    nxt = next((j for j in range(i + 1, len(lines)) if not lines[j].decoration), None)
    return nxt is None or nxt in labels or lines[nxt].kind == "item"
