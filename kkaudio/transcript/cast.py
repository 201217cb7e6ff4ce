"""Who speaks: labels that recur become speakers; each gets an id, a name and a role guess.

Configured speakers (voices.yaml's default cast, a sidecar's cast) are known by their aliases
and keep their ids, names and roles. Any other label that starts turns at least twice is a
speaker found in the text; a label seen once is text, and is reported as ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .labels import PUBLICATION

HOST_LABEL = re.compile(
    r"^(?:问|提问|Q|记者|記者|主持人|主持|采访者|採訪者|访问者|Interviewer|Host|Moderator|Reporter|Question)$"
    rf"|{PUBLICATION.pattern}", re.IGNORECASE)
GUEST_LABEL = re.compile(r"^(?:答|回答|A|嘉宾|嘉賓|受访者|受訪者|Guest|Interviewee|Answer)$", re.IGNORECASE)
NARRATOR_ID = "narrator"


@dataclass(frozen=True)
class Member:
    """A speaker of one transcript, as found: label(s), role guess and how much they say."""

    id: str
    name: str
    role: str  # host | guest | narrator
    labels: tuple[str, ...]
    turns: int = 0
    chars: int = 0
    configured: bool = False  # from voices.yaml or a sidecar (its role is not a guess)
    certain: bool = True  # False: the role is a guess the text does not settle
    gender: str | None = None  # male | female | None (unknown)


def speaker_id(label: str, taken: Iterable[str]) -> str:
    """A config-safe id for a label: 吴琪 -> wuqi, Jerod Santo -> jerod_santo, 问 -> wen."""
    from pypinyin import lazy_pinyin

    text = "".join(lazy_pinyin(label)) if re.search(r"[\u3400-\u9fff]", label) else label
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "speaker"
    if not base[0].isalpha():
        base = "s_" + base
    taken = set(taken)
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}_{n}", n + 1
    return sid


def guess_roles(stats: Mapping[str, tuple[int, int, float, int]], fixed: Mapping[str, str],
                labels: Mapping[str, str]) -> dict[str, tuple[str, bool]]:
    """(role, certain) per speaker id.

    `stats`: id -> (turns, characters, share of turns that ask a question, order of first turn);
    `fixed`: roles already known (config); `labels`: id -> its first label, for conventions
    (问/答, Q/A, 记者, 主持人, a publication's name).
    """
    out: dict[str, tuple[str, bool]] = {sid: (role, True) for sid, role in fixed.items()}
    open_ids = [sid for sid in stats if sid not in fixed]
    for sid in list(open_ids):
        if HOST_LABEL.search(labels[sid]):
            out[sid] = ("host", True)
            open_ids.remove(sid)
        elif GUEST_LABEL.search(labels[sid]):
            out[sid] = ("guest", True)
            open_ids.remove(sid)
    if not open_ids:
        return out
    has_host = any(role == "host" for role, _ in out.values())
    mean = {sid: stats[sid][1] / max(1, stats[sid][0]) for sid in stats}
    longest = max(mean.values()) or 1

    def score(sid: str) -> float:  # who asks: questions, short turns, speaking first
        _, _, asks, order = stats[sid]
        return asks - 0.5 * mean[sid] / longest + (0.15 if order == 0 else 0.0)

    ranked = sorted(open_ids, key=score, reverse=True)
    if not has_host:
        top = ranked[0]
        runner_up = score(ranked[1]) if len(ranked) > 1 else -1.0
        out[top] = ("host", stats[top][2] >= 0.3 and score(top) - runner_up >= 0.2)
        ranked = ranked[1:]
    for sid in ranked:
        # A second host asks as much as a host does, in turns far shorter than the longest talker's.
        if stats[sid][2] >= 0.3 and mean[sid] <= 0.6 * longest:
            out[sid] = ("host", stats[sid][2] >= 0.6)
        else:
            out[sid] = ("guest", stats[sid][2] <= 0.3)
    return out


def asks(text: str) -> bool:
    """Whether a turn asks something: it ends in a question, or its last sentence is one."""
    tail = re.split(r"(?<=[。！!.])", text.strip())[-1] or text
    return bool(re.search(r"[?？]", tail)) or bool(re.search(r"[?？][”\"」』）)]*$", text.strip()))


def summarise(turns: list[tuple[str, str]]) -> dict[str, tuple[int, int, float, int]]:
    """id -> (turns, characters, share asking, order of first appearance) from (id, text) turns."""
    count: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    order: dict[str, int] = {}
    for sid, text in turns:
        order.setdefault(sid, len(order))
        count[sid] += 1
        chars[sid] += len(text)
        asked[sid] += asks(text)
    return {sid: (count[sid], chars[sid], asked[sid] / count[sid], order[sid]) for sid in count}

