"""A file's label style, found from the file: which shapes of candidate (labels.py) are its
speaker labels, and so which lines start turns.

The rule, for any format:
1. Every line start (and every sentence end inside a line) is looked at for a candidate; each
   has a name and a shape (the markup and punctuation around the name).
2. A shape is the file's label style when it carries the turns of speakers who recur: names
   that start at least two turns. A transcript writes its labels one way, or a few ways, and
   keeps to them; `比如：` or a credit line is written like a label once or twice, by nobody
   who speaks again.
3. In a style, every candidate between the first and the last turn of a recurring speaker is a
   label, even for a name seen once (a reporter who asks one question). Outside that span, and
   in shapes that are not a style, a one-off is text: a header, a credit, a note.
4. Names configured in voices.yaml or a sidecar are labels in any shape.

Plain `Name：` is the weakest shape (prose has colons too), so a name seen once in it must also
look like a person or a role; names alone on a line need two speakers who recur. What was not
taken, and why, is kept for `kkaudio script --explain`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .credits import is_credit
from .label_notes import annotations, section_titles, who_is_who
from .lines import Line, said_next
from .overlaps import overlap_candidates
from .shapes import NEEDS_TWO, established_shapes
from .labels import (BRACKETED, HONORIFIC_WORD, PUBLICATION, ROLE_WORDS, SENTENCE_END, Candidate, canonical, inline_candidates, is_name,
                     line_candidate, record_name, untimed)
from .names import TITLES, looks_like_person, speaker_key, told_apart
from .not_names import CONTRACTION


@dataclass(frozen=True)
class Rejected:
    name: str
    line: int  # in the file
    reason: str


@dataclass(frozen=True)
class Style:
    labels: dict[int, Candidate]  # line index -> the label that starts it
    inline: dict[int, tuple[Candidate, ...]]  # line index -> the labels inside it, in order
    shapes: tuple[tuple[str, int], ...]  # the shapes taken as labels, with how many of each
    rejected: tuple[Rejected, ...]
    keys: dict[str, str]  # a label's name -> its speaker's key (labels.canonical, variants merged)
    unsaid: dict[int, str] = field(default_factory=dict)  # line index -> why it is written like a label but not said
    full_names: dict[str, str] = field(default_factory=dict)  # speaker key -> the name a legend gives (朱：朱凯廸)
    roles: dict[str, list[str]] = field(default_factory=dict)  # host | guest -> names a line above the talk gives it

    @property
    def found(self) -> bool:
        return bool(self.labels or self.inline)

    def describe(self) -> list[str]:
        """The style in words, for --explain."""
        if not self.shapes:
            return ["label style: none found"]
        if self.shapes[0][0] == "given":
            return [f"speakers named by the file itself ({self.shapes[0][1]} lines)"]
        return [f"label style: {', '.join(f'{shape} ({n} labels)' for shape, n in self.shapes)}"]


def given(lines: Sequence[Line], others: Style | None = None) -> Style:
    """The speakers a file names itself (an STT export's records, `<v Name>` cues, a table's
    speaker column): each line with one starts that speaker's turn. `others`: the labels found
    in the lines the file names nobody for (a Word file's paragraphs around its table of turns)."""
    labels = {i: Candidate(re.sub(rf"{BRACKETED}$", "", ln.speaker) or ln.speaker, "given", i, untimed(ln.plain),
                           written=ln.speaker_id or ln.speaker) for i, ln in enumerate(lines) if ln.speaker}  # `Jo (Guest)`
    keys = {c.name: canonical(c.name) for c in labels.values()}
    over = {i: tuple(cs) for i, ln in enumerate(lines) if ln.speaker and (cs := overlap_candidates(ln.plain, i))}
    keys |= {c.name: canonical(c.name) for cs in over.values() for c in cs}
    if others is None:
        return Style(labels=labels, inline=over, shapes=(("given", len(labels)),), rejected=(), keys=keys)
    merged = {**{i: c for i, c in others.labels.items() if i not in labels}, **labels}
    shapes = Counter(c.shape for c in merged.values())
    return Style(labels=merged, inline={**{i: cs for i, cs in others.inline.items() if i not in labels}, **over},
                 shapes=tuple(shapes.most_common()), rejected=others.rejected, keys={**others.keys, **keys},
                 unsaid=others.unsaid, full_names=others.full_names)


def find(lines: Sequence[Line], aliases: Iterable[str] = ()) -> Style:
    aliases = {canonical(a) for a in aliases}
    cands: list[Candidate] = []
    for i, ln in enumerate(lines):
        if ln.decoration:
            continue
        nxt = None if (j := said_next(lines, i)) is None else lines[j].plain
        c = None if ln.wrapped or i == 0 and nxt is not None and is_credit(nxt) else \
            line_candidate(ln.marked, ln.kind == "heading", nxt, i)  # (the first line over a byline is the title)
        if c is not None:
            cands.append(c)
        if ln.kind != "heading" and (c is None or c.shape != "angle:space"):  # a chat line: `nick: …` addresses nick
            inline = [c for c in inline_candidates(ln.plain, i) if not ln.emphasised(c.start)]
            at = {c.start for c in inline}
            cands += inline + [c for c in overlap_candidates(ln.plain, i) if c.start not in at]

    cands, based = told_apart(cands)
    seen = Counter(canonical(c.name) for c in cands)
    caseless = _caseless(lines)  # closed captions: no capitals anywhere, so none in names either
    opening = _every_line_labelled(lines, cands)

    def handle(c: Candidate) -> bool:  # a display name at a paragraph's start in the file's one shape
        return not c.inline and c.index in opening

    def named(c: Candidate) -> bool:
        if canonical(c.name) in aliases or c.shape == "angle:space":  # a chat log's handle is whatever it is
            return True
        lenient = seen[canonical(c.name)] >= 2 or handle(c)
        return is_name(based.get(c.name, c.name), strong=c.strong and c.shape != "heading:alone",  # (`## Bitcoin
                       lenient=lenient, caseless=caseless) and not is_credit(f"{c.name}：{c.rest}")  # performance`: a topic)

    valid = [c for c in cands if named(c)]
    key = speaker_key({c.name for c in valid})
    recurs = Counter(key[c.name] for c in valid)
    cands += _after_captions(lines, {c.name for c in valid if recurs[key[c.name]] >= 2 or c.timed or c.strong
                                     or record_name(c.name)}, cands)
    valid = [c for c in cands if named(c)]
    recurs = Counter(key[c.name] for c in valid)
    for k in _panel(valid, key, lines):  # each named once, in full, in one shape: as if they recurred
        recurs[k] = max(recurs[k], 2)
    configured = {key[c.name] for c in valid if canonical(c.name) in aliases}

    established = established_shapes(valid, key, recurs, _unmistakable)
    # The dialogue: from the first to the last turn of a speaker who recurs, in a style.
    spine = [c.index for c in valid if c.shape in established and (recurs[key[c.name]] >= 2 or _unmistakable(c))
             or key[c.name] in configured]
    first, last = (min(spine), max(spine)) if spine else (0, -1)
    first, last = _widen(valid, established, lines, first, last)

    labels: dict[int, Candidate] = {}
    inline: dict[int, list[Candidate]] = defaultdict(list)
    rejected: list[Rejected] = []
    for c in cands:
        k = key.get(c.name)
        reason = _why_not(c, k, recurs, established, configured, first, last, named(c), caseless, handle(c))
        if reason:
            if _worth_reporting(c, reason, k, recurs):
                rejected.append(Rejected(c.name, lines[c.index].number, reason))
            continue
        if c.inline:
            inline[c.index].append(c)
        elif c.index not in labels:
            labels[c.index] = c
    for i in section_titles(labels, lines, key):
        rejected.append(Rejected(labels.pop(i).name, lines[i].number, "a section's title over a speaker's label"))
    unsaid: dict[int, str] = {}
    for i, head in annotations(labels, lines, key).items():
        under = f"with {head.name}'s label (line {lines[head.index].number})" if head else "like the notes with labels"
        rejected.append(Rejected(labels.pop(i).name, lines[i].number, f"a note on the turn, {under}: not a speaker"))
        unsaid[i] = "a note on the turn written like a label, not said"
    # An export's block headed like the speakers' but by no one (`Note` over `[Crosstalk]`, a
    # sentiment and a time, as the speakers' blocks are): its heading is not said either; a
    # sentence or a question is (`C'est quoi le nom de l'outil? Déjà?` over a coding tool's `Q4.4`).
    for c in cands:
        nxt = said_next(lines, c.index)
        if c.below and not c.inline and c.shape in established and c.index not in labels and not named(c) \
                and nxt in unsaid and not re.search(r"[.?!。？！…]\W*$", lines[c.index].plain):
            unsaid[c.index] = "the heading of a block written like the speakers', naming no one"
    who = who_is_who(labels, lines, key, recurs, unsaid)
    rejected += [Rejected(name, line, reason) for name, line, reason in who.rejected]
    key = who.keys
    return Style(labels=labels, unsaid=unsaid, inline={i: tuple(sorted(cs, key=lambda c: c.start)) for i, cs in inline.items()},
                 shapes=tuple(Counter(c.shape for c in labels.values()).most_common()),
                 rejected=tuple(sorted(set(rejected), key=lambda r: r.line)),
                 keys={c.name: key[c.name] for c in [*labels.values(), *(c for cs in inline.values() for c in cs)]},
                 full_names=who.full_names, roles=who.roles)


def _widen(valid: list[Candidate], established: set[str], lines: Sequence[Line], first: int,
           last: int) -> tuple[int, int]:
    """The dialogue also takes in the one-off labels right next to it: the reporter whose question
    opens a press conference (总台央视记者：…), the senator who speaks once before the witness
    answers. Next to it: nothing but that label's own paragraph between them, no heading, no other
    text; a header line (位置：Adopting Bitcoin) has the introduction after it."""
    def adjacent(c: Candidate, a: int, b: int) -> bool:
        own = lines[c.index].para
        return not any(ln.kind == "heading" or (ln.para != own and not ln.decoration) for ln in lines[a + 1 : b])

    for c in sorted((c for c in valid if c.index < first and not c.inline), key=lambda c: -c.index):
        titled = c.rest and len(c.rest) <= 20 and not _said(c.rest)  # 专访｜李明：技术的未来, a title over it
        if (c.shape in established or ROLE_WORDS.match(c.name)) and adjacent(c, c.index, first) and not titled:
            first = c.index
    for c in sorted((c for c in valid if c.index > last and not c.inline), key=lambda c: c.index):
        role = ROLE_WORDS.match(c.name) or PUBLICATION.search(c.name) or TITLES.search(c.name)
        # A person who speaks once at the end, in the file's style (a caption's last cue,
        # `Carol: One question from me.`): what follows the label is a sentence, not a credit's name.
        words = _words(c, lines)
        person = looks_like_person(c.name) and words and (_said(words) or len(c.name.split()) >= 2) \
            and not is_credit(f"{c.name}：{words}")
        if c.shape in established and (role or person) and \
                not any(ln.kind == "heading" for ln in lines[last + 1 : c.index]):
            last = c.index
    return first, last


def _said(rest: str) -> bool:
    """Words that are said: a sentence (two words or more, or four CJK characters) that ends."""
    rest = rest.strip()
    words = len(rest.split()) if not re.search(r"[\u3400-\u9fff]", rest) else len(re.findall(r"[\u3400-\u9fff]", rest)) // 2
    return words >= 2 and bool(re.search(rf"[{re.escape(SENTENCE_END)}.]$", rest))


def _panel(valid: list[Candidate], key: dict[str, str], lines: Sequence[Line]) -> set[str]:
    """People who speak once each, named in full in one shape before words they say: a panel's
    round (`Maria Miller: I can remember…` then, in the same paragraph, `Stephen Twigg: My first…`),
    a podcast's host and guest each over their words (`Shanna Farrell:` / `Hello and welcome…`), a
    name in any form after a caption's change of speaker (`>> MARIA: Thanks…`, later `>>` bare).
    Two such names or more in a shape are labels, though neither recurs."""
    by_shape: dict[str, set[str]] = defaultdict(set)
    for c in valid:
        if c.shape.endswith((":colon", ":label")) and (_full_name(c.name) or lines[c.index].turns) and _said(_words(c, lines)):
            by_shape[c.shape].add(key[c.name])
    return {k for keys in by_shape.values() if len(keys) >= 2 for k in keys}


def _words(c: Candidate, lines: Sequence[Line]) -> str:
    """The words after a label: on its line, or the next line's when it is alone on its own (白岩松： over 完全同意。)."""
    return c.rest.strip() or (lines[c.index + 1].plain if c.below and c.index + 1 < len(lines) else "")


def _full_name(name: str) -> bool:
    """A person named in full: two to four capitalised words (Sir Norman Lamb, Mary-Ann O'Neil), or
    a Chinese name with its surname."""
    if re.fullmatch(r"[\u3400-\u9fff·]+", name):
        return looks_like_person(name) and not TITLES.search(name) and len(name) >= 2
    words = [w for w in name.split() if not HONORIFIC_WORD.match(w)]
    return 2 <= len(words) <= 4 and all(re.fullmatch(r"(?:[A-Z][a-z]+|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)(?:-[A-Z][a-z]+)?|[A-Z]\.", w)
                                        for w in words)


def _unmistakable(c: Candidate) -> bool:
    """A label even when seen once: written with a time by a transcription tool (`Name (00:03):`),
    the way records print names (MS. JEAN-PIERRE:, CHIEF JUSTICE ROBERTS:), or under the
    speaker's picture (`Photo of Tim Farron Tim Farron …`)."""
    return c.timed or c.shape == "picture:alone" or not c.inline and c.shape.endswith((":colon", ":label")) \
        and record_name(c.name) and (" " in c.name)


def _every_line_labelled(lines: Sequence[Line], cands: list[Candidate]) -> set[int]:
    """The lines of a file whose paragraphs nearly all open with a label in one shape (a video
    call's captions, `Name: …` a cue): there a name at a paragraph's start in that shape is a
    speaker's however it is written, as display names are (`shruthi`, seen once)."""
    starts = {i for i, ln in enumerate(lines) if not ln.decoration and (i == 0 or ln.para != lines[i - 1].para)}
    opening = [c for c in cands if not c.inline and c.index in starts]
    shapes = Counter(c.shape for c in opening)
    if len(starts) < 10 or not shapes:
        return set()
    shape, count = shapes.most_common(1)[0]
    return {c.index for c in opening if c.shape == shape} if count >= 0.8 * len(starts) else set()


def _caseless(lines: Sequence[Line]) -> bool:
    """Text with letters but no capitals (closed captions)."""
    text = "".join(ln.plain for ln in lines[:400])
    letters = sum(c.isalpha() and c.isascii() for c in text)
    return letters > 200 and sum(c.isupper() for c in text) < letters * 0.015


def _after_captions(lines: Sequence[Line], names: set[str], cands: list[Candidate]) -> list[Candidate]:
    """Labels of recurring speakers inside a line where no sentence ends before them: glued to
    the caption after an image (`![](…)图为书店的门口刘欣：…`), or after a broken-off word in a
    run-on paragraph (`…in 2015 and- Speaker 1: (00:47) Okay`)."""
    if not names:
        return []
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?P<name>{alternatives})\s*[:：]")
    have = {(c.index, c.start) for c in cands if c.inline} | {(c.index, 0) for c in cands if not c.inline}
    chat = {c.index for c in cands if c.shape == "angle:space"}  # `< raj_> jonatack: thanks`: raj_ to jonatack
    out = []
    for i, ln in enumerate(lines):
        if i in chat:
            continue
        text = untimed(ln.plain)
        for m in pattern.finditer(text, 1):
            glued = ln.has_image or re.search(r"[\s\-–—]$", text[: m.start()])
            if glued and (i, m.start("name")) not in have:
                out.append(Candidate(m.group("name"), "plain:colon", i, text[m.end():], inline=True,
                                     start=m.start("name")))
    return out


_RECORD_SHAPES = {"plain:colon", "plain:period", "caps:colon", "caps:period"}  # MR. COOPER: / Mr. LINDER.


def _why_not(c: Candidate, key: str | None, recurs: Counter, established: set[str], configured: set[str],
             first: int, last: int, named: bool, caseless: bool, handle: bool = False) -> str | None:
    """Why candidate `c` is not a label, or None if it is one."""
    if key in configured:
        return None
    if not named:
        return "not a name"
    recurring = recurs[key] >= 2
    if c.inline:
        inside = first <= c.index <= last
        if recurring and (inside or c.shape in established) or inside and (  # (before the dialogue: a file's own shape)
                ROLE_WORDS.match(c.name) or record_name(c.name) or caseless or (
                    re.search(r"[\u3400-\u9fff]", c.name) and looks_like_person(c.name))):
            return None  # a role, a record's name (MR. COOPER:), a person's name in a run-on paragraph
        return "seen once inside a line"
    if c.shape not in established and c.shape != "bare:period" and ROLE_WORDS.match(c.name) and not c.name.islower() \
            and first <= c.index <= last:
        return None  # `Q    Were their families there?` between a press secretary's answers
    if c.shape == "plain:dash" and recurring and first <= c.index <= last and c.name.upper() == c.name \
            and sum(ch.isalpha() for ch in c.name) >= 3 and established & _RECORD_SHAPES:
        return None  # a record's label with a dash for its colon: `GENERAL VERRILLI -- providing for the --`
    if c.shape not in established:
        return f"written as {c.shape}, which this file does not use for labels" if recurring else \
            f"seen once, written as {c.shape}, which this file does not use for labels"
    if not first <= c.index <= last and not recurring:
        return "after the last turn: a credit or note written like a label" if c.index > last else \
            "before the first turn: a header written like a label"
    if c.shape == "bold:space" and not recurring:
        return "seen once in bold before the words: emphasis, not a name"
    if not recurring and not c.strong and not _unmistakable(c) and not handle \
            and not (ROLE_WORDS.match(c.name) or looks_like_person(c.name)):
        return "seen once, and does not look like a person or a role"
    return None


def _worth_reporting(c: Candidate, reason: str, key: str | None, recurs: Counter) -> bool:
    """Whether a candidate not taken is worth telling the user about: something that could
    have been a label, not every short line, clause or clock (`00:00:01`) before a colon."""
    if c.shape in NEEDS_TWO and (key is None or recurs[key] < 2):
        return False  # every short line alone would be listed
    if reason == "not a name":
        return len(c.name) <= 12 and not re.search(r"[，,。、；;！？!?｜|]|^[\d:.\s]+$", c.name) and not CONTRACTION.search(c.name)
    return True
