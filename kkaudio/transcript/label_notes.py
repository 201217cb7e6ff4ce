"""Lines written like labels that start no turn: what an export stacks under a speaker's label
(`Very Positive`), and what the lines above the dialogue say of who speaks: a list of them
(`• Karine Jean-Pierre`), a legend, an introduction, a role given to a name (`Interviewer: Sam Cole`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .labels import SENTENCE_END, Candidate, canonical
from .lines import Line, said_next
from .names import called, legend, legend_keys

# A role and the people who have it, above the dialogue (`Interviewer: Sam Cole`, `**Host:** Dana Park`,
# `主持人：王小丽`): who they are, as a page's front matter says it (`guest: …`); not said, and no chapter's title.
_ROLE_LINE = re.compile(r"^\s*(?:(?P<host>(?:Interviewer|Host|Co-?host|Moderator)s?|主持人|主持|采访者|採訪者|访谈者|訪談者|记者|記者)"
                        r"|(?P<guest>(?:Interviewee|Guest)s?|嘉宾|嘉賓|受访者|受訪者|被访者|被訪者))\s*[:：]\s*(?P<names>\S.{0,120})$",
                        re.IGNORECASE)


@dataclass(frozen=True)
class WhoIsWho:
    keys: dict[str, str]  # a label's name -> its speaker's key, labels the legend names alike merged
    full_names: dict[str, str]  # speaker key -> the name a legend or an introduction gives
    roles: dict[str, list[str]]  # host | guest -> the names a role line gives it
    rejected: list[tuple[str, int, str]]  # (label, line number, why it starts no turn)


def who_is_who(labels: dict[int, Candidate], lines: Sequence[Line], key: dict[str, str], recurs: Counter,
               unsaid: dict[int, str]) -> WhoIsWho:
    """What the lines above the dialogue say of its speakers, those lines taken out of `labels`
    and put in `unsaid`: a list of who speaks, an introduction (`陈立新（以下简称“陈”）`), a legend
    (`朱：朱凯廸`, `Dr = Dr. Carmen Gillespie`), a role given to names the labels are (`Interviewer: Sam Cole`)."""
    rejected = []
    for i in cast_list(labels, lines):
        if i in labels:
            rejected.append((labels.pop(i).name, lines[i].number, "in the list of speakers before the dialogue"))
        unsaid.setdefault(i, "the list of speakers before the dialogue")
    plains = [ln.plain for ln in lines]
    for i in [i for i, c in labels.items() if recurs[key[c.name]] < 2 and called([plains[i]])]:
        rejected.append((labels.pop(i).name, lines[i].number, "an introduction that says who the labels are"))
    full_names = {key.get(short, canonical(short)): full for short, full in called(plains).items()}
    for i, pairs in legend({i: bool(c.rest) for i, c in labels.items()}, lines).items():
        for short, full in pairs:
            full_names.setdefault(key.get(short, canonical(short)), full)
        labels.pop(i, None)
        unsaid[i] = "the legend of who the labels stand for"
    # A legend of what the labels stand for that names no person (`s=访谈主体`, `o=访谈对象` over `s:`,
    # `o_1:`, `o_2:`): not said either
    bases = {re.sub(r"[\s_\-]?\d{1,3}$", "", canonical(c.name)) for c in labels.values()}
    first = min(labels, default=len(lines))
    for i in range(first):
        if (m := re.match(r"^\s*([^\s=＝]{1,8})\s*[=＝]\s*\S.{0,40}$", plains[i])) and canonical(m.group(1)) in bases:
            unsaid.setdefault(i, "the legend of who the labels stand for")
    roles: dict[str, list[str]] = {}
    named = {canonical(c.name) for c in labels.values()}
    first = min((i for i in labels if not _ROLE_LINE.match(plains[i])), default=len(lines))
    talk = _first_said(labels, plains)
    for i in range(first):
        if (m := _ROLE_LINE.match(plains[i])) and (names := [n for n in re.split(
                r"\s*(?:[,，、&;；]|\band\b)\s*", m.group("names")) if n.strip()]) and {canonical(n) for n in names} <= named:
            roles.setdefault("host" if m.group("host") else "guest", []).extend(names)
            if i in labels:
                rejected.append((labels.pop(i).name, lines[i].number, "a role given to a speaker's name"))
            unsaid[i] = "who has a role (the host's or a guest's name), above the talk"
        elif m and i < talk and canonical(m.group("host") or m.group("guest")) in named:
            # the labels are the roles, and this says who has one (`**受访者**：副局长洪海霞` over `受访者：…` turns)
            if i in labels:
                rejected.append((labels.pop(i).name, lines[i].number, "who has the role its label is"))
            unsaid.setdefault(i, "who has a role (the host's or a guest's name), above the talk")
    return WhoIsWho(legend_keys(key, full_names), full_names, roles, rejected)


def _first_said(labels: dict[int, Candidate], plains: Sequence[str]) -> int:
    """Where the talk starts in a file whose labels are roles (`受访者：`): after the lines at its top
    that say who has each role, once each (`**受访者**：副局长洪海霞`, `**采访者**：博士生王忻彤`)."""
    seen: set[str] = set()
    for i in sorted(labels):
        m = _ROLE_LINE.match(plains[i])
        role = canonical(m.group("host") or m.group("guest")) if m else None
        if m is None or role in seen or not _names_someone(m.group("names")):
            return i
        seen.add(role)
    return len(plains)


def _names_someone(value: str) -> bool:
    """Whether what follows a role's label names a person, and says nothing: an office and a name
    (`副局长洪海霞`), or a name in capitals (`Dana Park`); not words said (`Ten years ago.`, `Yes`)."""
    value = value.strip()
    if len(value) > 40 or re.search(r"[。，,.!?！？；;…、:：]", value):
        return False
    return bool(_OFFICE_AND_NAME.search(value) or re.fullmatch(r"(?:[A-Z][\w'’\-]+\s){1,3}[A-Z][\w'’\-]+", value))


# What someone is, then their name: 副局长（原…）洪海霞, 本科生周航, 村支书温学忠 (not 我觉得挺好的).
_OFFICE_AND_NAME = re.compile(r"(?:长|书记|支书|主任|主席|委员|代表|教授|老师|博士生|硕士生|研究生|本科生|学生|记者|编辑|经理|总监|"
                              r"干部|村民|农民|户|员|师|家)(?:[（(][^（）()]*[）)])?[\u3400-\u9fff·]{2,4}$")


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
    nxt = said_next(lines, i)
    return nxt is None or nxt in labels or lines[nxt].kind == "item"


def says_nothing(labels: dict[int, Candidate], lines: Sequence[Line], i: int) -> bool:
    """A name alone on its line, the next one another's, a blank line between: a screenplay's
    title or part in capitals (`THE RADIO MAN`, `PART TWO`), not a speaker."""
    nxt = said_next(lines, i)
    return labels[i].below and nxt is not None and nxt in labels and lines[nxt].para != lines[i].para


def mark_alone(labels: dict[int, Candidate], lines: Sequence[Line], i: int) -> list[int]:
    """A label with a mark and no words after it (`s: ?`, `I: ...`; or over it, `00:00:20 Speaker 1`
    over `...`), the next line another label's: the lines it takes (none: it says something)."""
    taken, rest, nxt = [i], labels[i].rest, said_next(lines, i)
    if not rest.strip() and labels[i].below and nxt is not None and nxt not in labels:
        taken, rest, nxt = [i, nxt], lines[nxt].plain, said_next(lines, nxt)
    return taken if rest.strip() and not re.search(r"\w", rest) and (nxt is None or nxt in labels) else []
