"""Speaker-label candidates: what could be a label on a line, the shape it is written in, and
which words before a colon are not names.

A candidate is a name at the start of a line (or after the end of a sentence inside one) and
the markup and punctuation around it, its *shape*: `吴琪：` and `Jerod Santo:` are plain:colon,
`**罗永浩**:` or `**林红** **：**` bold:colon, `[主持人]:` bracket:colon, `### 名字：` heading,
`大伟：` alone on its line (words below) plain:alone, `**老马**` with `：…` on the next line
bold:next, `Q    Thank you` bare, `Mr. LINDER. The meeting…` period. Names are in any script:
CJK, Latin with diacritics (Raquel Vélez), capitals with an honorific (MS. JEAN-PIERRE), with a
time (`Name (00:01:23):`) or a descriptor (`李开复（创新工场）：`, `STEVE INSKEEP, HOST:`) after
them. Which shapes are labels in a file, style.py decides from how they recur.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from ..text.spoken import drop_stage_directions, leading_direction
from .given_names import given_name
from .lines import BOLD_OFF, BOLD_ON
from .times import (BARE_TIME, CHAT_STAMP, CLOCK_AFTER, LEADING_CLOCK, NAME_CLOCK_WORDS, NAME_THEN_TIME, NAME_TIME_BRACKET,  # noqa: F401
                    TIME_MARK, TIMED_ID, untimed)  # (re-exported)
from .not_names import (CONTRACTION, FUNCTION_WORDS, NOT_IN_NAMES, NOT_NAMES, NOT_NAMES_FOLDED, OFFICE_AND_PERSON,  # noqa: F401
                        PASSIVE_ROLE, ROLE_WORDS, TITLES)  # (re-exported)

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_COLON = "[:：∶︰﹕]"  # and the look-alikes some Chinese text is typed with (the ratio sign ∶)
_OPEN, _CLOSE = "[\\[【〔［]", "[\\]】〕］]"
# The end of someone's words, after which a label may start a new turn inside a line.
SENTENCE_END = "。！？!?…”\"」』）)】~～"
# Titles before a surname in English records: Mr. LINDER, MS. JEAN-PIERRE, Senator BLACK, The CHAIRMAN.
HONORIFIC = (r"(?:Mr|Mrs|Ms|Mx|Dr|Sen|Rep|Gov|Gen|Adm|Prof|Hon|Rev|Sr|Sra|Fr)\.?|Senator|Representative|"
             r"Chairman|Chairwoman|Chair|Madam|Madame|Speaker|Secretary|Governor|Justice|Judge|Ambassador|"
             r"Director|Commissioner|General|Admiral|Professor|President|Vice|Deputy|Chief|The|Miss|Mister")
HONORIFIC_WORD = re.compile(rf"^(?:{HONORIFIC})(?:\s|$)", re.IGNORECASE)
PARTICLES = {"de", "van", "von", "da", "di", "del", "della", "la", "le", "bin", "al", "el", "du", "dos", "das",
             "y", "of", "ben", "der", "den", "ter", "pro", "tempore", "and"}
# What follows a name and is said of the speaker, not their name: `（创新工场）`, `, HOST`, and a
# video call's organisation after a bar (`Derek Chiang | ZeroDev`, `Felix (Geth)`).
BRACKETED = r"\s*[（(][^（()）]{1,30}[)）]"  # `(Pivot Interiors)`, `（创新工场）`: said of the name before it
_DESCRIPTOR = re.compile(rf"\s*(?:(?:{BRACKETED}){{1,3}}|,\s+[^,:：]{{2,40}}|\s[|｜]\s*[^|｜:：]{{1,40}}"
                         r"|\s[-–—]\s+[^\s\-–—:：][^\-–—:：]{0,39})$")  # and `Ben Adams - Nethermind`
# A transcription tool's id for a voice it could not name: SPEAKER_00, spk_1, Speaker A, 说话人1, 发言人 2.
# A speech on a web page headed by its speaker's picture and name, copied as text: the picture's
# alt text, the name again, what they are (`Photo of Tim Farron Tim Farron Liberal Democrat
# Spokesperson (Housing)`, a parliament's record as TheyWorkForYou shows it).
_PICTURED = re.compile(r"(?:Photo|Picture|Image|Portrait|Avatar|Headshot) of (?P<name>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,4})"
                       r"\s+(?P=name)\b(?P<about>.{0,300})$")
_ID_WORDS = r"speaker|spk|spkr|说话人|說話人|发言人|發言人|讲者|講者|发言者|發言者|参会人|參會人|与会者|與會者|講話人|讲话人"
SPEAKER_ID = re.compile(rf"^(?:{_ID_WORDS})[\s_\-]?(?:\d{{1,3}}|[A-Za-z])$", re.IGNORECASE)
_SPEAKER_FIELD = re.compile(rf"^\s*(?:{_ID_WORDS})\s*{_COLON}\s*(?P<name>[^\s:：][^:：]{{0,39}}?)\s*$", re.I)  # `SPEAKER: S1` over the words
# A numbered id and the words, no colon between: `SPEAKER_00 Welcome…`, `Speaker 1 人有灵魂吗？`, `(Speaker 0) …`.
_ID_THEN_WORDS = re.compile(rf"(?P<open>[(（])?(?P<name>(?:{_ID_WORDS})[\s_\-]?\d{{1,3}})(?(open)\s*[)）]\s*|\s+)"
                            r"(?P<rest>\S.*)$", re.IGNORECASE)

# A publication or its reporter as the interviewer (三联生活周刊, 財新記者): a host, and a label
# that may be longer than a person's name.
PUBLICATION = re.compile(r"(?:周刊|日报|日報|记者|記者|杂志|雜誌|新闻|新聞|时报|時報|财经|財經|报|報|社|台|网|網|电视|電視|广播|廣播)$")
@dataclass(frozen=True)
class Candidate:
    """Something written like a label, where it is, and the shape it is written in."""

    name: str  # as written, without markup, brackets, colon, time or descriptor
    shape: str  # markup:separator (module docstring)
    index: int  # the line's position in the reader's list of lines
    rest: str  # the words after it on its line
    below: bool = False  # alone on its line: the words follow on the next lines
    inline: bool = False  # inside a line, after the end of a sentence
    start: int = 0  # inline: where it begins in the line's plain text
    descriptor: str = ""  # `（创新工场董事长）`, `, HOST`: said of the speaker, not a name
    timed: bool = False  # written with a time (`Name (00:01:23):`): a transcription tool's label
    written: str = ""  # the name with its descriptor, as written: `Felix (Geth)`, `Derek Chiang | ZeroDev`
    overlap: bool = False  # said over another's turn, which goes on after it (overlaps.py)

    @property
    def strong(self) -> bool:
        """Written with markup of its own (bold, brackets, a heading, a record's capitals): one
        of these is a label even when its name is seen once, once the file uses the shape."""
        return not self.shape.startswith("plain:") and self.shape != "bold:space"  # `**Important** things…`


def line_candidate(marked: str, heading: bool, next_plain: str | None, index: int) -> Candidate | None:
    """The label candidate that starts a line, if any. `marked` is the line with its bold
    marked (lines.Line.marked); `next_plain` the next line's text, for labels alone on theirs."""
    marked = TIMED_ID.sub(lambda m: f"[Speaker {m['spk']}] ", marked)
    marked = NAME_TIME_BRACKET.sub(lambda m: f"[{m['name']}] ", marked)  # the time is the tool's: when, not who
    marked = _SPEAKER_FIELD.sub(lambda m: f"[{m['name']}]", marked) if next_plain is not None else marked
    bracketed = TIME_MARK.sub(" ", marked).strip()
    stamped = CHAT_STAMP.sub("", bracketed)
    text = LEADING_CLOCK.sub("", stamped).strip()
    if text != marked.strip():  # `[00:00:00.00] - Speaker 1`: the separator went with the time
        text = re.sub(r"^[-–—|·•]\s*", "", text)
    text = re.sub(r"^(?:—{1,2}|–|-(?=\s))\s*(?=[^\W\d][^:：]{0,40}[:：])", "", text)  # a dialogue dash before a label: `— Jane: …`
    plain = text.replace(BOLD_ON, "").replace(BOLD_OFF, "").strip()
    if not plain:
        return None
    # A time in brackets is a transcription tool's label; a bare clock before a line (`00:00 Intro`,
    # a chapter list) is not, by itself.
    timed = bracketed != marked.strip() or stamped != bracketed
    if (m := NAME_CLOCK_WORDS.match(plain)) and (SPEAKER_ID.match(m["name"]) or is_name(m["name"], lenient=True)):
        return make_candidate(m["name"], "plain:time", index, m["rest"].strip(), timed=True)  # not `Jane Doe 00` and a colon
    cand = _line_candidate(text, plain, heading, next_plain, index)
    if cand is None and (m := NAME_THEN_TIME.match(marked.replace(BOLD_ON, "").replace(BOLD_OFF, ""))):
        cand = make_candidate(m.group("name"), "plain:time", index, m.group("rest").strip(), timed=True)  # Trint's
    if cand is not None and (m := CLOCK_AFTER.match(cand.rest)):  # `[说话人1] 00:00:01 大家好`
        cand = replace(cand, rest=cand.rest[m.end():], timed=True)
    return replace(cand, timed=True) if cand is not None and timed else cand


def _line_candidate(text: str, plain: str, heading: bool, next_plain: str | None, index: int) -> Candidate | None:
    bold_end = text.find(BOLD_OFF) if text.startswith(BOLD_ON) else -1
    bold_len = len(text[1:bold_end].strip()) if bold_end > 0 else 0
    if m := _PICTURED.match(plain):  # a web page's speech headed by its speaker's picture, copied as text
        return replace(make_candidate(m.group("name"), "picture:alone", index, "", True), descriptor=m.group("about").strip())
    if heading:
        m = re.fullmatch(rf"(?P<name>[^:：]{{1,40}}?)\s*(?P<colon>{_COLON})?", plain)
        return make_candidate(m.group("name"), "heading:label" if m.group("colon") else "heading:alone", index, "", True) \
            if m else None
    if next_plain is not None and len(re.sub(BRACKETED, "", plain)) <= 40 and BARE_TIME.search(plain):
        name, shape = BARE_TIME.sub("", plain).rstrip(":：-–—|·•,， "), "plain:label"  # `Jane Doe - 00:00`
        if m := re.fullmatch(rf"{_OPEN}\s*(?P<name>[^\]】〕]{{1,30}}?)\s*{_CLOSE}", name):  # Zoom's `[Jane Doe] 10:02:15`
            name, shape = m.group("name"), "bracket:label"
        return make_candidate(name, shape, index, "", True, timed=True)
    m = re.match(rf"(?P<open>{_OPEN})\s*(?P<name>[^\]】〕］:：]{{1,30}}?)\s*{_CLOSE}\s*{_COLON}?\s*(?P<rest>.*)$", plain)
    if m:
        rest = m.group("rest").strip()
        if not drop_stage_directions(f"[{m.group('name')}]").strip():
            return None  # [UPBEAT MUSIC PLAYING], `[inaudible 00:29:50].`: a sound, not a name
        return make_candidate(m.group("name"), "bracket:colon" if rest else "bracket:label", index, rest, not rest)
    m = re.match(r"<\s?[@+%&~]?(?P<name>[^\s<>@+%&~][^\s<>]{0,29})>\s+(?P<rest>\S.*)$", plain)
    if m:  # a chat log's `<nick> words` (irssi's `< nick>`, an operator's `<@nick>`)
        return make_candidate(m.group("name"), "angle:space", index, m.group("rest"))
    direction, bare = leading_direction(plain)
    if (m := _SDH.match(bare)) and _sdh_name(m.group("name")):  # captions for the deaf and hard of hearing: `(JANE) Hello.`
        return make_candidate(m.group("name"), "paren:colon", index, direction + m.group("rest"))
    m = _RECORD_DESCRIBED.match(plain) or re.match(rf"(?P<name>[^:：]{{1,60}}?)\s*{_COLON}\s*(?P<rest>.*)$", plain)
    if m and could_name(m.group("name")):
        name, rest = m.group("name"), m.group("rest").strip()
        if re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?", rest):  # `Speaker 0: 00:00:00`, words below
            return make_candidate(name, "plain:label", index, "", True, timed=True)
        # JOHN (laughing): capitals, what he does aside; Mr. KYLE: capitals after a title
        capitals = _capitals(without_titles(_DESCRIPTOR.sub("", name) or name))
        markup = "bold" if bold_len and bold_len >= len(name.strip()) - 1 else "caps" if capitals else "plain"
        return make_candidate(name, f"{markup}:colon" if rest else f"{markup}:label", index, rest, not rest)
    if 0 < bold_len <= 40 and (text[bold_end - 1] == " " or text[bold_end + 1:bold_end + 2] == " ") and \
            not re.search(r"[.,;!?。，；！？]$", name := text[1:bold_end].strip()):  # `**Jane Doe** Welcome…`
        rest = re.sub(r"^\s*(?:--?|[–—])\s+", "", text[bold_end + 1:].replace(BOLD_ON, "").replace(BOLD_OFF, ""))  # `**ML** — Yes`
        return make_candidate(name, "bold:space", index, rest.strip())
    m = re.match(r"(?P<name>[^\t:：]{1,40}?)\t+(?P<rest>\S.*)$", plain)
    if m and could_name(m.group("name")):  # a name, a tab, the words: a table pasted as text
        return make_candidate(m.group("name"), "plain:tab", index, m.group("rest").strip())
    m = re.match(r"(?P<name>[^\W\d][^:：\-–—]{0,38}?)(?:\s+(?:--?|[–—])\s+|(?<=[\u3400-\u9fff])——)(?P<rest>\S.*)$", plain)
    if m and is_name(n := m.group("name")) and (" " in n or ROLE_WORDS.match(n) or re.fullmatch(f"[{_CJK}·]{{2,5}}", n)):
        # a full name, a role or a Chinese name, a dash, the words: `Jane Doe – Welcome…` (not `Right – so…`)
        return make_candidate(n, "plain:dash", index, m.group("rest").strip())
    if bold_len and bold_len == len(plain) and next_plain is not None:
        if re.match(_COLON, next_plain):
            return make_candidate(plain, "bold:next", index, "", True)
        return make_candidate(plain, "bold:alone", index, "", True)
    m = _ID_THEN_WORDS.match(plain)
    if m and not re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?", m.group("rest")):
        return make_candidate(m.group("name"), "id:space", index, m.group("rest"))  # no word is written so
    m = re.match(r"(?P<name>Q|A|问|答|問|QUESTION|ANSWER)(?:\s{2,}|\t|(?<=[Q问問])\s)(?P<rest>\S.*)$", plain)
    if m:  # `Q    Thank you`
        return make_candidate(m.group("name"), "bare:space", index, m.group("rest"))
    m = re.match(r"(?P<name>[QA])\.\s+(?P<rest>\S.*)$", plain)
    if m:  # a deposition's `Q. Where do you work?` / `A. At the hospital.` (both: `A. B. C.` is a list)
        return make_candidate(m.group("name"), "bare:period", index, m.group("rest"))
    m = _RECORD.match(plain)
    # The period after a title is the title's (`STATEMENT OF DR. JANE ROE, DIRECTOR`, a heading).
    if m and record_name(m.group("name")) and not HONORIFIC_WORD.match(m.group("name").split()[-1]):
        return make_candidate(m.group("name"), "period", index, m.group("rest"))
    if next_plain is not None and 0 < len(named := re.sub(rf"(?:{BRACKETED}|\s*[|｜][^|｜]{{1,40}})$", "", plain)) \
            <= 30 and not re.search(r"[。！？!?.,，；;、]", named):  # a short name: `Sandra Rudloff (Pivot Interiors)`
        return make_candidate(plain, "plain:alone", index, "", True)
    return None


_SDH = re.compile(r"[(（]\s*(?P<name>[^()（）:：\d]{2,30}?)\s*[)）]\s*[:：]?\s*(?P<rest>\S.*)$")
_NOT_SDH_NAME = re.compile(r"(?:ING|ED)\b|^(?:IN|ON|OFF|OVER|THROUGH|VIA|WITH|INTO|FROM|TO|AT|BY|SOFTLY|QUIETLY|"
                           r"LOUDLY|WHISPERS?|SHOUTS?|SCREAMS?|SIGHS?|GASPS?|GROANS?|BOTH|ALL|CONT'?D)\b")


def _sdh_name(name: str) -> bool:
    """A speaker as captions for the deaf and hard of hearing write one, in capitals inside brackets
    at a cue's start (`(JANE)`, `(DR. ROE)`), or a role or a Chinese name so (`（主持人）各位好`, `(Host)
    Welcome`): not a sound (`(LAUGHS)`, `(DOOR SLAMS)`, `（笑）`, `(IN SPANISH)`) nor a number (`（十一）`)."""
    words = name.split()
    if not drop_stage_directions(f"({name})").strip() or re.fullmatch(r"[一二三四五六七八九十百]+", name):
        return False
    if ROLE_WORDS.match(name) or re.fullmatch(r"[\u3400-\u9fff·]{2,4}", name):
        return True
    if 1 <= len(words) <= 3 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words):
        return given_name(words[0])  # `(Alice) Welcome back.`, not `(Sighs)`
    if not _capitals(name) or len(words) > 3 or _NOT_SDH_NAME.search(name):
        return False
    # A noun and its verb (DOOR SLAMS, PHONE RINGS) is a sound; a title and a name is a person.
    return len(words) == 1 or not words[-1].endswith("S") or bool(HONORIFIC_WORD.match(name))


def _capitals(name: str) -> bool:
    """A name printed in capitals, as records print speakers (MR. LONG, CHIEF JUSTICE ROBERTS): a shape of its own."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)  # TOMÁS too; CJK has no capitals


def without_titles(name: str) -> str:
    """The name without the titles before it (`Mr. KYLE` -> `KYLE`), where one is left."""
    words = name.split()
    while len(words) > 1 and HONORIFIC_WORD.match(words[0]):
        words = words[1:]
    return " ".join(words)


# A record's capitals and who they are in brackets, a colon maybe inside: `Mr. BILL MOYERS (Author, "Journal: X"): Thanks`.
_RECORD_DESCRIBED = re.compile(rf"(?P<name>(?:(?:{HONORIFIC})\s+)?[A-Z][A-Z.'’\-]+(?:\s[A-Z][A-Z.'’\-]*){{0,3}}"
                               rf"\s*\([^()]{{2,120}}\))\s*{_COLON}\s*(?P<rest>.*)$")
_LONG_DESCRIPTOR = re.compile(r"\s*\([^()]{2,120}\)$")


def could_name(text: str) -> bool:
    """Whether the words before a colon could be a label at all: not a URL, a clock, or a
    sentence (`I thank the gentleman. My question is simple:`), nor a bracket opened and not closed
    (a caption's `（圖：…）`)."""
    opened = sum(text.count(c) for c in "(（[【") > sum(text.count(c) for c in ")）]】")
    return not opened and not re.search(r"https?$|^[\d\s.:]+$|[。！？!?]|[^\W\d_]{4,}\.\s+\S", text.strip())


def record_name(name: str) -> bool:
    """A name as printed records write it: a title before it, or in capitals (CHAIR POWELL)."""
    words = name.split()
    significant = [w for w in words if w.lower() not in PARTICLES and not HONORIFIC_WORD.match(w)]
    capitals = bool(significant) and all(w.upper() == w and sum(c.isupper() for c in w) >= 2 for w in significant)
    titled = len(words) > 1 and HONORIFIC_WORD.match(name) and (words[0] != "The" or not significant)  # not The Pragmatic Programmer
    return capitals or bool(titled)


def make_candidate(raw: str, shape: str, index: int, rest: str, below: bool = False, **kw) -> Candidate | None:
    name = re.sub(r"\s+", " ", raw).strip(" *_")
    while name and unicodedata.category(name[0]) in ("So", "Sk", "Cf", "Mn", "Zs"):  # `🎙️ 王小丽`: an icon, not the name
        name = name[1:].lstrip()
    direction, name = leading_direction(name)  # `（笑）李建国：`: what they do stays in the words
    rest = direction + rest
    descriptor = ""
    m = (_RECORD_DESCRIBED.match(f"{name}:") and _LONG_DESCRIPTOR.search(name)) or _DESCRIPTOR.search(name)
    if m and len(name) - len(m.group(0)) >= 1 and not TIME_MARK.fullmatch(m.group(0).strip()):
        descriptor, name = m.group(0).strip(" ,|｜"), name[: m.start()].strip()
    if (office := OFFICE_AND_PERSON.match(f"{name} {descriptor}")) is not None:  # the person, in their office
        name, descriptor = office.group("person").strip(), office.group("office").strip()
    elif (o := _OFFICE_THEN_PERSON.fullmatch(name)) and any(TITLES.search(w) or PUBLICATION.search(w) for w in o[1].split()) \
            and not TITLES.search(o[2]):
        # the person after their office: 主持人　寿小丽, 国家发展改革委主任　郑栅洁, and after what a
        # programme says of them (《人民日报》记者 第五次采访两会 徐蕾)
        name, descriptor = o[2], o[1].strip()
    if not name:
        return None
    written = re.sub(r"\s+", " ", raw).strip(" *_") if descriptor else name
    return Candidate(name, shape, index, rest, below, descriptor=descriptor, written=written, **kw)


# `Mr. LINDER. The meeting…`, `CHAIR POWELL. Good afternoon`, `The SPEAKER pro tempore. The…`
_RECORD = re.compile(rf"(?P<name>(?:(?:{HONORIFIC})\s+)?(?=[^\W\d_])[\w'’\-]+(?:\s(?:of\s)?(?=[^\W\d_])[\w'’\-]+){{0,3}}"
                     r"(?:\spro\stempore)?)\.\s+(?P<rest>\S.*)$")
_COLON_RE = re.compile(_COLON)
_OFFICE_THEN_PERSON = re.compile(r"((?:[\u3400-\u9fff《》〈〉\w][\u3400-\u9fff《》〈〉\w、]{1,29} ){1,3})([\u3400-\u9fff·]{2,5})")
_ABBREVIATION = re.compile(rf"(?:\b(?:{HONORIFIC}|St|Jr|Sr|vs|No|e\.g|i\.e)|\b[A-Za-z])\.$", re.IGNORECASE)


def inline_candidates(plain: str, index: int) -> list[Candidate]:
    """Labels inside a line, after the end of a sentence: `…吗？刘一鸣：因为…`, `…fall. Mr. Stewart: I…`.

    For each colon, the label is what lies between it and the nearest end of a sentence before
    it (not the dot of an honorific: `ms. sherrill:`), at most 40 characters."""
    out = []
    text = untimed(plain)
    for colon in _COLON_RE.finditer(text):
        before = text[max(0, colon.start() - 42) : colon.start()]
        offset = colon.start() - len(before)
        start = None
        for i in range(len(before) - 1, -1, -1):
            ch = before[i]
            if ch in SENTENCE_END or ch == "." and i + 1 < len(before) and before[i + 1].isspace() \
                    and not _ABBREVIATION.search(before[: i + 1]):
                start = i + 1
                break
        if start is None:  # no sentence end: a record's name may still start at its title (…PETITIONERS MR. COOPER:)
            title = [m for m in re.finditer(rf"(?<=\s)(?:{HONORIFIC})\s", before, re.IGNORECASE)
                     if record_name(before[m.start():].strip())]
            start = title[-1].start() if title else None
        if start is None or offset + start == 0:
            continue
        name = before[start:].strip()
        m = re.fullmatch(rf"(?P<open>{_OPEN})?\s*(?P<name>[^\]】〕]+?)\s*(?(open){_CLOSE})", name)
        if not name or m is None or name[0] in ",，;；、/" or not could_name(name):
            continue
        at = offset + start + (len(before[start:]) - len(before[start:].lstrip()))
        cand = make_candidate(m.group("name"), "plain:colon", index, text[colon.end():].strip(), inline=True, start=at)
        if cand:
            out.append(cand)
    return out


def is_name(name: str, strong: bool = False, lenient: bool = False, caseless: bool = False) -> bool:
    """Whether `name` can name a speaker: a person, a role or an outlet, in any script.

    CJK: up to 6 characters (12 for an outlet or a reporter of one), none of them grammar words.
    Latin (with diacritics): up to five words, each capitalised, a particle (de, van, of) or an
    honorific (Mr., Senator); initials (K.K., AA); a number after a word (Speaker 2). With
    markup of its own (`strong`) a label may be longer and have lower-case words after the first;
    a `lenient` one (a label that recurs) may be a lower-case handle (darosior) or a transcription
    tool's SPEAKER_01; in `caseless` text (closed captions) names are lower-case too, up to three
    words (the speaker, ms. sherrill).
    """
    name = name.strip()
    if not name or name in NOT_NAMES or name.casefold() in NOT_NAMES_FOLDED or name in FUNCTION_WORDS:
        return False
    if ROLE_WORDS.match(name) or SPEAKER_ID.match(name):
        return True
    if re.fullmatch(rf"[{_CJK}·•]+", name):
        if any(c in NOT_IN_NAMES for c in PASSIVE_ROLE.sub("", name)) and not PUBLICATION.search(name):
            return False
        return len(name) <= (8 if strong or lenient else 6) or (bool(PUBLICATION.search(name)) and len(name) <= 12)
    if re.search(rf"[{_CJK}]", name):  # mixed: `KK老师`, `Sam（山姆）`
        return len(name) <= 12 and not any(c in NOT_IN_NAMES for c in name)
    words = re.sub(r"(?<=\s)[\"“‘']([^\W\d][\w.\- ]{0,20})[\"”’'](?=\s)", r"\1", name).split()  # Andrew ‘Boz’ Bosworth
    if not 1 <= len(words) <= (6 if strong else 5) or len(name) > 40 or all(w.lower() in PARTICLES for w in words):  # `of`
        return False
    if len(words) == 2 and words[0].casefold() in NOT_NAMES_FOLDED and words[1].isdigit() or words[1:2] == ["by"]:
        return False  # `Episode 12: Growing rice`, `Section 3:`: a title's; `Interviewed by Ann Lee`: a byline
    for i, word in enumerate(words):
        core = word.strip(".'’-")
        if not core or CONTRACTION.search(core):
            return False  # `I'm:`, `That's:` in a speech-to-text line: a contraction names no one
        if i == len(words) - 1 and i > 0 and re.fullmatch(r"\d{1,2}[A-Za-z]?", core):
            continue  # Speaker 2, VILLAGER 1B
        if not all(unicodedata.category(c)[0] == "L" or c in ".'’-&" or (c.isdigit() or c == "_") and i == 0
                   for c in word) or not core[0].isalpha():
            return False
        if core[0].isupper() or core.lower() in PARTICLES or (strong and i > 0) or (lenient and len(words) == 1) \
                or (caseless and len(words) <= 3):
            continue
        return False
    return True


def canonical(name: str) -> str:
    """The key two labels of one speaker share: case, spaces and a trailing honorific dot aside."""
    return re.sub(r"\s+", " ", name).strip().casefold()
