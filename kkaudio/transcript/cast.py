"""Who speaks: labels that recur become speakers; each gets an id, a name and a role guess.

Configured speakers (voices.yaml's default cast, a sidecar's cast) are known by their aliases
and keep their ids, names and roles. Any other label that starts turns at least twice is a
speaker found in the text; a label seen once is text, and is reported as ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from ..config import SpeakerConfig
from ..model import Speaker
from . import gender
from .labels import HONORIFIC_WORD, PUBLICATION, SPEAKER_ID, canonical
from .names import NUMBERED_QA, TITLES, looks_like_person
from .not_names import ROLE_WORDS

HOST_LABEL = re.compile(
    r"^(?:问|提问|Q|记者|記者|主持人|主持|采访者|採訪者|访问者|訪問者|访谈者|訪談者|访谈人|訪談人|访员|訪員|采访人|採訪人|"
    r"Interviewer|Host|Moderator|Reporter|Question)$"
    # who presides over a hearing or a court runs it as a host runs a show
    r"|^(?:The\s+)?(?:Chairman|Chairwoman|Chairperson|Chair|Chief Justice|Presiding Officer)\b|^(?:主席|召委|委员长|委員長)"
    r"|^The (?:Acting |Deputy )?(?:President|Speaker)$"  # of a council's or a house's meeting, in its record
    rf"|{PUBLICATION.pattern}", re.IGNORECASE)
GUEST_LABEL = re.compile(r"^(?:答|回答|A|嘉宾|嘉賓|受访者|受訪者|受访人|受訪人|被访者|被訪者|被访人|被訪人|被采访者|被採訪者|被采访人|"
                         r"被採訪人|访谈对象|訪談對象|Guest|Interviewee|Answer)$", re.IGNORECASE)
NARRATOR_ID = "narrator"


def speaker_id(label: str, taken: Iterable[str]) -> str:
    """A config-safe id for a label: 吴琪 -> wuqi, Jerod Santo -> jerod_santo, Raquel Vélez -> raquel_velez, 问 -> wen."""
    from pypinyin import lazy_pinyin

    text = "".join(lazy_pinyin(label)) if re.search(r"[\u3400-\u9fff]", label) else label
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))  # Tomás -> tomas
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
        label = _ROLE_AND_NAME.sub(r"\g<role>", labels[sid])  # 嘉宾（张伟）: a guest
        if HOST_LABEL.search(label):
            out[sid] = ("host", True)
            open_ids.remove(sid)
        elif GUEST_LABEL.search(label):
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

    ranked = sorted(open_ids, key=score, reverse=True)  # a host is certain of two turns or more: one question is no sign
    if not has_host:
        top = ranked[0]
        runner_up = score(ranked[1]) if len(ranked) > 1 else -1.0
        out[top] = ("host", stats[top][2] >= 0.3 and score(top) - runner_up >= 0.2 and stats[top][0] >= 2)
        ranked = ranked[1:]
    for sid in ranked:
        # A second host asks as much as a host does, in turns far shorter than the longest talker's.
        if stats[sid][2] >= 0.3 and mean[sid] <= 0.6 * longest:
            out[sid] = ("host", stats[sid][2] >= 0.6 and stats[sid][0] >= 2)
        else:
            out[sid] = ("guest", stats[sid][2] <= 0.3)
    return out


_FRONT_ROLE = {"host": "host", "hosts": "host", "interviewer": "host", "主持人": "host", "主持": "host",
               "guest": "guest", "guests": "guest", "interviewee": "guest", "嘉宾": "guest", "嘉賓": "guest"}


def _front_roles(front: Mapping[str, Any], labels: Mapping[str, list[str]]) -> dict[str, str]:
    """Speaker id -> role, for the speakers a page's front matter names as its host or guest
    (`guest: Kevin Weil`, `hosts: [Adam, Jerod]`), matched by their labels."""
    out: dict[str, str] = {}
    for key, value in front.items():
        if (role := _FRONT_ROLE.get(str(key).strip().casefold())) is None:
            continue
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        wanted = {canonical(str(n)) for n in names if str(n).strip()}
        for sid, written in labels.items():
            if sid not in out and wanted & {canonical(w) for w in written}:
                out[sid] = role
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


def build(configured_cast: Iterable[SpeakerConfig], by_label: Mapping[str, str], turns: list[tuple[str, str]],
          narrator_name: str, front: Mapping[str, Any], descriptors: Mapping[str, list[str]] | None = None,
          context: str = "", full_names: Mapping[str, str] | None = None,
          written: Mapping[str, list[str]] | None = None, language: str = "en",
          ) -> tuple[tuple[Speaker, ...], tuple[str, ...]]:
    """The Script's speakers, hosts first, and notes for the user: configured ones as
    configured, the rest with the label as name (or front matter's name for 问/答 and Q/A), a
    role guess and a gender guess (gender.py) from the name, its titles and `context` (the text
    about the speakers: front matter and introduction)."""
    configured: dict[str, SpeakerConfig] = {s.id: s for s in configured_cast}
    labels: dict[str, list[str]] = {}
    for label, sid in by_label.items():
        labels.setdefault(sid, []).append(label)
    stats = summarise(turns)
    fixed = {sid: configured[sid].role for sid in stats if sid in configured}
    if NARRATOR_ID in stats and NARRATOR_ID not in configured:
        fixed[NARRATOR_ID] = "narrator"
    for sid, role in _front_roles(front, labels).items():  # front matter's `guest: Kevin Weil`
        fixed.setdefault(sid, role)
    roles = guess_roles(stats, fixed, {sid: _role_label(labels.get(sid, [sid]), (descriptors or {}).get(sid, ()))
                                       for sid in stats})
    out, notes = [], []
    everyone = [c.name for c in configured.values()] + [label for ls in labels.values() for label in ls]
    for sid, (n, chars, _, _) in stats.items():
        role, certain = roles[sid]
        said = tuple(dict.fromkeys([*labels.get(sid, ()), *(written or {}).get(sid, ())]))
        if sid in configured:
            c = configured[sid]
            found = gender.guess(c.name, said, (descriptors or {}).get(sid, ()), context, everyone)
            if c.gender and found.gender and found.gender != c.gender and "conflicting" not in found.evidence:
                notes.append(f"speakers.{sid}: gender {c.gender} as configured, though {found.describe()}; kept")
            sex, why = (c.gender, "configured") if c.gender else (found.gender, found.evidence)
            out.append(Speaker(sid, c.name, c.role, said, n, chars, True, True, sex, c.voices, why))
        elif sid == NARRATOR_ID:
            out.append(Speaker(sid, narrator_name, "narrator", said, n, chars, False, True, None))
        else:
            name = (full_names or {}).get(sid) or _named_in_brackets(labels[sid], (descriptors or {}).get(sid, ())) \
                or _initials_of(labels[sid], context) or _display_name(_fullest(labels[sid]), role, front, language, everyone)
            found = gender.guess(name, said, (descriptors or {}).get(sid, ()), context, everyone)
            out.append(Speaker(sid, name, role, said, n, chars, False, certain, found.gender, {}, found.evidence))
    order = {"host": 0, "guest": 1, "narrator": 2}
    return tuple(sorted(out, key=lambda s: order.get(s.role, 3))), tuple(notes)


def _role_label(labels: list[str], descriptors: Iterable[str]) -> str:
    """The label that says a speaker's role: the role they are written with (主持人　寿小丽, then 寿小丽)
    when it is one, else their first label."""
    roles = {d for d in descriptors if HOST_LABEL.search(d) or GUEST_LABEL.search(d)}
    return roles.pop() if len(roles) == 1 else NUMBERED_QA.sub(r"\1", labels[0])


def _initials_of(labels: list[str], context: str) -> str | None:
    """The one name in the title or introduction whose initials a label is (`KK:` in an interview
    with Kevin Kelly; `JD`, `TR` under "Tom Reed talks to Jane Doe")."""
    label = next((x for x in labels if re.fullmatch(r"[A-Z]{2,3}", x)), None)
    if label is None or len(labels) > 1:
        return None
    found = set(re.findall(r"\b" + r"\s+".join(rf"{c}[a-z][\w'’\-]*" for c in label) + r"\b", context))
    return found.pop() if len(found) == 1 else None


ROLE_NAMES = {"问": "提问者", "問": "提問者", "答": "受访者", "Q": "Interviewer", "A": "Guest", "QUESTION": "Interviewer"}
# A research interview's codes for its two roles (`I:` and `R:`, `IV:`, `INT:`, `IE:`), shown as the
# roles they stand for unless another speaker is already called so.
_RESEARCH_CODES = {"I": "Interviewer", "IV": "Interviewer", "INT": "Interviewer", "R": "Respondent", "IE": "Interviewee"}
# Q and A in a Chinese transcript (`Q：您是哪一年…`) are named as 问 and 答 would be.
_ROLE_NAMES_ZH = {"zh-hans": {"Q": "提问者", "QUESTION": "提问者", "A": "受访者"},
                  "zh-hant": {"Q": "提問者", "QUESTION": "提問者", "A": "受訪者", "答": "受訪者"}}


# A role with the person in brackets: 主持人（刘润）, 嘉宾（张伟）, Host (Jane Doe); or after a space: 主持人 刘润.
_ROLE_AND_NAME = re.compile(r"^(?P<role>[^()（）]+?)\s*[（(](?P<name>[^()（）]+)[)）]$"
                            r"|^(?P<role_>[\u3400-\u9fff]{1,3})\s+(?P<name_>[\u3400-\u9fff·]{2,8})$")


def _named_in_brackets(labels: list[str], descriptors: Iterable[str]) -> str | None:
    """The person a role label names in brackets (主持人（刘润） is 刘润, a host): in the label
    itself, or as the one descriptor a role label is written with (主持人（刘润）, then 主持人)."""
    roles = [m for label in labels if (m := _ROLE_AND_NAME.match(label))]
    if len(roles) == 1 and len(labels) == 1:
        m = roles[0]
        role, name = m.group("role") or m.group("role_"), (m.group("name") or m.group("name_")).strip()
    elif not roles and len(set(descriptors)) == 1:
        role, name = labels[0], next(iter(descriptors)).strip(" （）()")
    else:
        return None
    if not (HOST_LABEL.search(role) or GUEST_LABEL.search(role)):
        return None
    return name if _person(name) else None


def _person(name: str) -> bool:
    """A person's name, not a description (创新工场董事长, Editor at Large): a Chinese name with its
    surname, or capitalised Latin words."""
    if re.fullmatch(r"[\u3400-\u9fff·]+", name):
        return looks_like_person(name) and not TITLES.search(name) and not PUBLICATION.search(name)
    words = name.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words)


def _fullest(labels: list[str]) -> str:
    """Of one speaker's labels (MR. KIRBY, John Kirby), the one that names them most fully."""
    return max(labels, key=lambda label: (len([w for w in label.split() if not HONORIFIC_WORD.match(w)]),
                                          -labels.index(label)))


def _display_name(label: str, role: str, front: Mapping[str, Any], language: str = "en",
                  taken: Iterable[str] = ()) -> str:
    """The label; for 问/答 and Q/A the person front matter names in that role, or the role (in the
    transcript's language); for a research code the role it stands for, unless a speaker is already
    called so (`taken`: every speaker's names and labels)."""
    label = NUMBERED_QA.sub(r"\1", label)
    label = label.upper() if label in ("q", "a") else label  # `q:` and `a:`, typed in lower case
    if label in ROLE_NAMES:
        key = "guest" if role == "guest" else "host"
        value = front.get(key) or (front.get("author") if role == "host" else None)
        if isinstance(value, str) and value.strip():
            return value.strip()
        return _ROLE_NAMES_ZH.get(language, {}).get(label, ROLE_NAMES[label])
    if SPEAKER_ID.match(label) and re.match(r"(?i)spe|spk", label):  # SPEAKER_01 -> Speaker 1, spk_a -> Speaker A
        tail = re.search(r"(\d+|[A-Za-z])$", label).group(1)
        return f"Speaker {int(tail) if tail.isdigit() else tail.upper()}"
    # `记者问：`/`发言人答：` (a news Q&A's): the one who asks or answers, without the verb
    if (m := re.fullmatch(r"([\u3400-\u9fff]{2,8}?)[问問答]", label)) and (
            ROLE_WORDS.match(m.group(1)) or PUBLICATION.search(m.group(1)) or looks_like_person(m.group(1))):
        return m.group(1)
    if label in _RESEARCH_CODES and _RESEARCH_CODES[label] not in taken:
        return _RESEARCH_CODES[label]
    return title_case(label)


def title_case(name: str) -> str:
    """A label written in capitals (MS. JEAN-PIERRE), or with its surname in them (Michael KENNEDY),
    as a name is shown: Ms. Jean-Pierre, Michael Kennedy."""
    untitled = " ".join(re.sub(r"^Mc(?=[A-Z])", "", w) for w in name.replace("pro tempore", "").split()
                        if not HONORIFIC_WORD.match(w))  # Mr. McGOVERN as Mr. McGovern
    # Mr. RICHARD KYLE too, and a title alone: The SPEAKER
    if re.fullmatch(r"(?:[A-Z][a-z'’.]+(?:-[A-Z][a-z]+)? )+[A-Z][A-Z'’-]{2,}", untitled):  # Michael KENNEDY
        last = name.rsplit(" ", 1)
        return f"{last[0]} " + re.sub(r"[^\W\d_]{3,}", lambda m: _capitalised(m.group(0)), last[1])
    if not re.search(r"[A-Z]{2}", name) or re.search(r"[a-z]", untitled or re.sub(r"^The\s+", "", name)):
        return name
    # MR KEITH as Mr Keith: a British record writes the two-letter honorific without its dot
    return re.sub(r"[^\W\d_]{3,}|[^\W\d_]{2}(?=\.)|\b(?:MR|MS|DR)\b", lambda m: _capitalised(m.group(0)), name)


def _capitalised(word: str) -> str:
    """KYLE -> Kyle, and the Scottish and Irish prefix kept as it is written: MCCONNELL -> McConnell."""
    if len(word) > 3 and word[:2].upper() == "MC":
        return "Mc" + word[2:].capitalize()
    return word.capitalize()
