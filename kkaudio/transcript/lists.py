"""Lists above the talk that nobody says: an episode's chapter list (`00:00 Intro`, with its
heading), and who took part (`Attendees` over names, `Company Participants` over names and roles)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .header import a_list

# An episode's chapter list, a clock before each short title: `00:00 Intro`, `02:15 - The hammers`.
_CHAPTER_LINE = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*[-–—|]?\s*(?:[A-Z0-9\u3400-\u9fff])"
                           r"[^:：。！？!?.…]{0,50}$")


def chapter_list(plains: Sequence[str]) -> set[int]:
    """The lines of chapter lists: two or more `clock title` lines in a row, with the heading and
    the line that introduces them (`Table of Contents` / `Here are the chapters… :`) right above."""
    out: set[int] = set()
    run: list[int] = []
    for i, plain in enumerate([*plains, ""]):
        if _CHAPTER_LINE.match(plain):
            run.append(i)
            continue
        if len(run) >= 2:
            out.update(run)
            above = run[0] - 1
            if above >= 0 and len(plains[above]) <= 200 and re.search(r"[:：]\s*$", plains[above]):
                out.add(above)
                above -= 1
            if above >= 0 and _LIST_HEADING.match(plains[above]):
                out.add(above)
        run = []
    return out


_LIST_HEADING = re.compile(r"^\s*#*\s*(?:Table of Contents|Contents|Chapters|Timestamps|Outline|Episode chapters|目录|目錄|章节|章節|"
                           r"时间轴|時間軸)\s*[:：]?\s*$", re.IGNORECASE)


# Who took part, as a call's transcript lists them before the talk: `Attendees` over `Jane Doe, Bob Smith`,
# or an earnings call's `Company Participants` over a name and a role a line (`Tim Cook - CEO`). Or the
# list on the same line: `Participants: a@…, b@…`.
_WHO_TOOK_PART = r"Attendees|Participants|参会人员?|参会者|与会者|與會者|出席人员?"
_ATTENDEES = re.compile(rf"^\s*(?:(?:Company|Corporate|Conference Call|Call|Meeting|Other)\s+Participants|"
                        rf"{_WHO_TOOK_PART}|Speakers|Invited|Present|Executives|Analysts|出席者|"
                        r"Initial people present at .{1,30}?)\s*[:：]?\s*$", re.IGNORECASE)  # (Jitsi's, with its time)
ATTENDEES_INLINE = re.compile(rf"^\s*(?:{_WHO_TOOK_PART}|Invitees)\s*[:：]\s*(?P<list>\S.*)$", re.IGNORECASE)
_NAME_AND_ROLE = re.compile(r"^\s*[^\W\d][^:：]{1,40}?\s+[-–—]\s+\S.{0,80}$")
_NAME_ALONE = re.compile(r"^\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\s*$|^\s*[\u3400-\u9fff·]{2,6}\s*$")


def attendee_lines(plains: Sequence[str]) -> set[int]:
    """`Attendees` alone on its line and the names under it (commas between, no sentence), or
    the lines of a name and a role under it, or of a name alone, as many as there are."""
    out: set[int] = set()
    for n, plain in enumerate(plains[:-1]):
        if not _ATTENDEES.match(plain):
            continue
        if a_list(plains[n + 1]):
            out.update((n, n + 1))
        k = n + 1
        shape = _NAME_AND_ROLE if _NAME_AND_ROLE.match(plains[k]) else _NAME_ALONE  # every line as the first is
        while k < len(plains) and shape.match(plains[k]) and not re.search(r"[.!?。！？]$", plains[k].strip()) \
                and plains[k] not in plains[n + 1:k]:  # (a name again: the talk has begun, under its label)
            out.update((n, k))
            k += 1
    return out
