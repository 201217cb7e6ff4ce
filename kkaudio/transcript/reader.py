"""Typed lines -> Script: chapters, turns, the cast, and what was left out and why.

How an interview is read, by kinds of text rather than by one file's layout:
- The file's label style is found from the file (style.py); every line in it starts a turn,
  and so does every configured alias. Text before the first label is the narrator's.
- A `#` heading before any content is the title (front matter's `title` wins); later headings
  that are not labels, a line all in bold that follows an image, and a short line standing
  alone between turns (a subheading) start chapters.
- Left out, each with its reason (`kkaudio script --explain`): images, captions (the words
  glued after an image, or a short line right after one), credit lines (`编辑：…`), time
  stamps and subtitle cue lines, the publisher's boilerplate (`script.boilerplate`), and
  everything from the first end marker, plea or credit after the last turn.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..config import Config
from ..errors import NoDialogueError, ScriptError
from ..model import Chapter, Dropped, IgnoredLabel, Script, Turn
from ..text import language
from . import cast, style
from .bold_qa import label_bold_questions
from .dashes import label_unnamed_turns
from .credits import is_credit
from .furniture import (CAPTION_CHARS, EDITORS_NOTE, END_MARKERS, GLUED_HEADING, PLEA, READER_ADDRESS, STAGE_DIRECTION, SUNG,
                        ends_sentence, image_caption, numbered_quotes, photo_credit, said_lines, site_link, subheading)
from .header import SUBJECT, subject
from .joining import join_lines, merge_same_speaker, strip_wrapping_quotes
from .label_notes import mark_alone, says_nothing
from .labels import Candidate, untimed
from .overlaps import OVERLAP_END
from .lines import STRAY_EMPHASIS, Document
from .refusals import no_dialogue
from .titles import bare_title, guest_in_title, title_like

INTRO_TITLE = {"en": "Introduction", "zh-hant": "引言", "zh-hans": "引言"}
NARRATOR_NAME = {"en": "Narrator", "zh-hant": "旁白", "zh-hans": "旁白"}
NARRATOR_LABEL = re.compile(r"^(?:旁白|解说|解說|画外音|畫外音|Narrator|Voice-?over|VO|Announcer)$", re.IGNORECASE)


@dataclass
class _Section:
    title: str
    line: int
    turns: list[tuple[str, list[str], float | None]] = field(default_factory=list)  # (speaker id, lines, start)


def parse_script(doc: Document, config: Config, *, slug: str, source: str = "<transcript>") -> Script:
    """The Script of a Document (sources/ makes one of any file)."""
    lines, unsaid = said_lines(doc.lines)
    dropped: list[Dropped] = [Dropped(n, text, reason) for n, text, reason in (*doc.dropped, *unsaid)]
    rules = config.rules
    lang = language.detect(" ".join(ln.plain for ln in lines))
    # Rules are written in simplified characters; a traditional transcript is matched through a
    # simplified copy of each line (the text itself stays as written).
    simple = language.to_simplified if lang == "zh-hant" else (lambda t: t)

    # 1. Labels: the file's style, and every configured alias.
    aliases = {a: s.id for s in config.speakers for a in s.aliases}
    reader = next((s for s in config.speakers if s.id == config.reads_all), None)
    if reader is not None:  # the sidecar says one speaker reads it all: the file names nobody
        label = reader.aliases[0] if reader.aliases else reader.name
        aliases[label] = reader.id
        lines = [dataclasses.replace(ln, speaker=label) for ln in lines]
    if reader is not None:
        found = style.given(lines)
    elif doc.speakers_given:  # and the lines it names nobody for have labels of their own, maybe
        unnamed = any(not ln.speaker and not ln.decoration for ln in lines)
        found = style.given(lines, style.find(lines, aliases) if unnamed else None)
    else:
        found = style.find(lines, aliases)
    asker = {i for i, c in found.labels.items() if lines[i].all_strong}  # `**記：…？**` over plain answers
    one_asker = not found.inline and asker == set(found.labels) and len({found.keys[c.name]
                                                                         for c in found.labels.values()}) == 1
    if (not found.found or one_asker) and (relabelled := label_bold_questions(lines, asker)) is not lines:
        lines, found = relabelled, style.find(relabelled, aliases)
    if (dashed := label_unnamed_turns(lines, found)) is not lines:  # `— Why?` / `— Because…`; unlabelled questions
        lines, found = dashed, style.find(dashed, aliases)
    if not found.found:
        raise NoDialogueError(no_dialogue(found, doc), source)
    ids = _speaker_ids(found, aliases, config)
    last_label = max([*found.labels, *found.inline])
    if last_label in found.labels and found.labels[last_label].below:  # `王小丽 00:25`, its words below:
        last_label = next((k for k in range(last_label + 1, len(lines)) if lines[k].plain), last_label)  # theirs

    numbered = numbered_quotes(lines)

    # 2. Chapters and turns.
    title = str(doc.front_matter["title"]).strip() if doc.front_matter.get("title") else None
    sections: list[_Section] = []
    speaker: str | None = None
    other: str | None = None  # who spoke before `speaker`: a caption's `>>` with no name hands back to them
    after_image = seen_content = ended = strip_colon = in_dialogue = False
    long_title: str | None = None
    skip: set[int] = set()  # lines already read with the one before
    for i, ln in enumerate(lines):
        if ended:
            if ln.plain:
                dropped.append(Dropped(ln.number, ln.plain, "after the end of the interview"))
            continue
        if ln.decoration or i in skip:
            after_image = after_image or ln.has_image
            continue
        label = found.labels.get(i)
        clean = untimed(ln.plain)
        if i in found.unsaid:
            dropped.append(Dropped(ln.number, clean, found.unsaid[i]))
            continue
        if i in numbered:
            clean, number = numbered[i]
            dropped.append(Dropped(ln.number, number, "the export's number for the words"))
        key = simple(clean)
        if any(m.search(key) for m in rules.end_markers) or END_MARKERS.match(key):
            dropped.append(Dropped(ln.number, clean, "end marker: the interview ends here"))
            ended = True
            continue
        if any(b.search(key) for b in rules.boilerplate):
            dropped.append(Dropped(ln.number, clean, "boilerplate (script.boilerplate)"))
            continue
        if i > last_label and speaker is not None and not ln.wrapped and (
                READER_ADDRESS.search(key) or is_credit(key) or EDITORS_NOTE.match(key)):
            dropped.append(Dropped(ln.number, clean, "after the last turn: a credit or the publisher's words"))
            ended = True
            continue
        if i > last_label and speaker is not None and site_link(clean) and ends_sentence(lines, i):
            dropped.append(Dropped(ln.number, clean, "after the last turn: the site's links"))
            ended = True
            continue
        if title is None and not seen_content and not after_image and (label is None or says_nothing(found.labels, lines, i)) \
                and (ln.kind == "heading" or title_like(ln, clean, lines)):
            title = clean
            continue
        if title is None and not seen_content and label is None and title_like(ln, clean, lines, longest=80):
            long_title = clean  # the episode's title, and the narrator still reads it (a long first line)
        if label is None and ln.kind == "heading" and not seen_content and title is not None and clean == title:
            continue  # the title again, as the document's first heading (a Word file's Title and Heading 1)
        if label is not None and seen_content and says_nothing(found.labels, lines, i):  # `PART TWO` between turns
            sections.append(_Section(clean, ln.number))
            speaker, seen_content = None, True
            continue
        if label is None and (ln.kind == "heading" or (ln.all_strong and after_image)) and not is_credit(key):
            sections.append(_Section(clean, ln.number))
            speaker, after_image, seen_content = None, False, True
            continue
        if label is None:
            if is_credit(key):
                dropped.append(Dropped(ln.number, clean, "credit line"))
                continue
            if STAGE_DIRECTION.match(clean):
                dropped.append(Dropped(ln.number, clean, "a stage direction, not said"))
                continue
            if SUNG.match(clean):
                dropped.append(Dropped(ln.number, clean, "a song's words (♪), not said"))
                continue
            if len(clean) <= 30 and PLEA.search(key) and not ln.wrapped and not _awaits_words(sections, speaker, config):
                dropped.append(Dropped(ln.number, clean, "the publisher's plea or notice"))
                continue
            if after_image and image_caption(clean) and not found.inline.get(i):
                dropped.append(Dropped(ln.number, clean, "caption of the image above"))
                after_image = False
                continue
            if subheading(lines, i, found, clean, lead_in=not in_dialogue, after_title=title is not None and not seen_content):
                if sections and sections[-1].line and not any("".join(t[1]).strip() for t in sections[-1].turns):
                    sections[-1].title += " " + clean  # a heading in two lines, nothing said between
                    continue
                sections.append(_Section(clean, ln.number))
                _new_turn(sections, speaker)  # whoever was speaking goes on under it
                continue
        inline = list(found.inline.get(i, ()))
        caption = ln.text_after_image if ln.has_image else ""
        if caption and label is None and len(caption) <= CAPTION_CHARS and not inline:
            dropped.append(Dropped(ln.number, caption, "caption glued after an image"))
            clean = untimed(STRAY_EMPHASIS.sub("", ln.text_before_image).strip())
            if not clean:
                after_image = True
                continue
        elif caption and inline:  # `![](…)图为…刘润：…`: the caption ends where the label starts
            head = untimed(ln.plain)[: inline[0].start]
            if head.strip() and len(head) <= CAPTION_CHARS + 2:
                dropped.append(Dropped(ln.number, head.strip(), "caption glued after an image"))
                clean = untimed(ln.plain)[inline[0].start :]
                inline = [dataclasses.replace(c, start=c.start - inline[0].start) for c in inline]
        after_image = ln.has_image and not ln.text_after_image
        seen_content = True
        in_dialogue = in_dialogue or label is not None or bool(inline)
        if label is not None and (nothing := mark_alone(found.labels, lines, i)):  # `s: ?`, `I: ...`
            dropped += [Dropped(lines[k].number, untimed(lines[k].plain), "a turn that says nothing (`?`, `...`)") for k in nothing]
            skip.update(nothing)
            continue
        if label is not None:
            other, speaker = _handed_over(speaker, ids[found.keys[label.name]], other, config)
            _new_turn(sections, speaker, ln.start)
            clean = label.rest
            strip_colon = label.shape == "bold:next"
        elif ln.turns and other is not None and not inline:
            other, speaker = speaker, other  # `>>` with no name: the one who spoke before answers
            _new_turn(sections, speaker, ln.start)
        elif speaker is None:
            speaker = _narrator_id(config)  # the narrator reads until the first label
            _new_turn(sections, speaker, ln.start)
        if strip_colon and label is None:
            clean, strip_colon = re.sub(r"^[:：]\s*", "", clean), False
        pieces = list(_split_inline(clean, inline, ids, found.keys, speaker))
        for n, (who, piece) in enumerate(pieces):
            if n + 1 < len(pieces) and (m := GLUED_HEADING.search(piece)):  # a label follows it in the line
                part = "heading" if m.group("heading") else "cue"
                dropped.append(Dropped(ln.number, m.group(part), "a heading in capitals, glued before a label"
                                       if part == "heading" else "a programme's cue before a label"))
                piece = piece[: m.start(part)]
            at = photo_credit(simple(piece)) if len(simple(piece)) == len(piece) else None
            if at is not None:
                dropped.append(Dropped(ln.number, piece[at:].strip(), "a photo credit"))
                piece = piece[:at]
                if not piece.strip() and who is None:
                    continue
            if who is not None:
                other, speaker = _handed_over(speaker, who, other, config)
                _new_turn(sections, speaker, ln.start)
            sections[-1].turns[-1][1].append(piece)

    # 3. The Script.
    chapters: list[Chapter] = []
    all_turns: list[tuple[str, str]] = []
    for s in sections:
        turns = []
        for who, pieces, start in s.turns:
            said = strip_wrapping_quotes(join_lines(pieces, english=lang == "en"))
            if lang == "en":
                said = re.sub(r"\s{2,}", " ", said)  # a transcriber's two spaces after a full stop
            if said:
                turns.append(Turn(who, said, start))
        turns = merge_same_speaker(turns, lang)
        all_turns += [(t.speaker, t.text) for t in turns]
        if turns:
            chapters.append(Chapter(s.title, tuple(turns)))
        else:
            dropped.append(Dropped(s.line, s.title, "a heading with nothing said under it"))
    if not chapters:
        raise ScriptError("no spoken text found", source)
    if title is None:  # a meeting's `会议主题：…` above the talk, else a long first line's words
        title = next((subject(text) for _, text, why in unsaid if why == SUBJECT), long_title)
    title = bare_title(title) if title else None
    if sections[0].line == 0:  # the text before the first heading
        first = chapters[0]
        only_narration = all(t.speaker == _narrator_id(config) for t in first.turns)
        if only_narration and len(chapters) > 1:
            chapters[0] = Chapter(INTRO_TITLE[lang], first.turns)
        else:  # the conversation itself starts here: a chapter named after the episode
            chapters[0] = Chapter(title or INTRO_TITLE[lang], first.turns)
    taken = [*found.labels.values(), *(c for cs in found.inline.values() for c in cs)]
    by_label = {c.name: ids[found.keys[c.name]] for c in taken}
    descriptors: dict[str, list[str]] = {}
    written: dict[str, list[str]] = {}  # labels as written with what follows the name: `Felix (Geth)`
    for c in taken:
        if c.descriptor:
            descriptors.setdefault(ids[found.keys[c.name]], []).append(c.descriptor)
        if c.written and c.written != c.name:  # `Felix (Geth)`, or an STT export's `A` for Speaker A
            written.setdefault(ids[found.keys[c.name]], []).append(c.written)
    about = " ".join(str(v) for k, v in doc.front_matter.items() if k in ("description", "guest", "summary"))
    intro = " ".join(t.text for t in chapters[0].turns if t.speaker == _narrator_id(config))
    full_names = {ids[k]: name for k, name in found.full_names.items() if k in ids}
    front = {**found.roles, **doc.front_matter}  # `Interviewer: Sam Cole` above the talk, as front matter says it
    if title and not front.get("guest") and (named := guest_in_title(title)):
        front["guest"] = named  # `Interview with Ana`: the Guest of its bold questions is Ana
    speakers, notes = cast.build(config.speakers, by_label, all_turns, NARRATOR_NAME[lang], front,
                                 descriptors, f"{title or ''} {about} {intro}", full_names, written, language=lang)
    meta = {k: str(v) for k, v in doc.front_matter.items() if isinstance(v, (str, int, float)) or hasattr(v, "isoformat")}
    return Script(
        title=title or slug,
        slug=slug,
        speakers=speakers,
        chapters=tuple(chapters),
        language=lang,
        meta=meta,
        dropped=tuple(sorted(dropped, key=lambda d: d.line)),
        ignored_labels=tuple(IgnoredLabel(r.name, r.line, r.reason) for r in found.rejected),
        warnings=notes,
        label_style=" ".join(found.describe()),
        source=doc.described,
        pages=doc.pages,
    )


def _speaker_ids(found: style.Style, aliases: dict[str, str], config: Config) -> dict[str, str]:
    """A speaker id for every speaker key: a configured speaker's id for its aliases, the
    narrator's for 旁白/Narrator, a new id (from the label) for the others."""
    by_key: dict[str, str] = {}
    taken = {s.id for s in config.speakers} | {cast.NARRATOR_ID}
    labels = sorted({c.name for c in found.labels.values()} | {c.name for cs in found.inline.values() for c in cs},
                    key=lambda n: min([i for i, c in found.labels.items() if c.name == n] or [10**9]))
    for name in labels:
        key = found.keys[name]
        if name in aliases:
            by_key[key] = aliases[name]
        elif NARRATOR_LABEL.match(name) and key not in by_key:
            by_key[key] = _narrator_id(config)
    for name in labels:
        key = found.keys[name]
        if key not in by_key:
            sid = cast.speaker_id(name, taken)
            taken.add(sid)
            by_key[key] = sid
    return by_key


def _new_turn(sections: list[_Section], speaker: str, start: float | None = None) -> None:
    if not sections:
        sections.append(_Section(INTRO_TITLE["zh-hans"], 0))
    sections[-1].turns.append((speaker, [], start))


def _awaits_words(sections: list[_Section], speaker: str | None, config: Config) -> bool:
    """A speaker's label on a line of its own, nothing said under it yet: the next line is theirs."""
    return speaker not in (None, _narrator_id(config)) and not any(p.strip() for p in sections[-1].turns[-1][1])


def _narrator_id(config: Config) -> str:
    narrator = config.speaker_for_role("narrator")
    return narrator.id if narrator else cast.NARRATOR_ID


def _split_inline(line: str, inline: list[Candidate], ids: dict[str, str], keys: dict[str, str],
                  current: str | None = None):
    """(speaker or None: whoever was speaking, text) pieces of a line; after an overlap, `current` goes on."""
    pos, speaker = 0, None
    for c in inline:
        label = re.compile(rf"\s*(?://\s*)?[\[【〔]?{re.escape(c.name)}\s*(?:{re.escape(c.descriptor)})?\s*[\]】〕]?\s*[:：]\s*")
        m = label.match(line, c.start - 2 if c.overlap else c.start) or label.search(line, pos)
        if m is None or m.start() < pos:
            continue
        if m.start() > pos or speaker is not None:
            yield speaker, line[pos : m.start()]
        before = speaker or current
        speaker = ids[keys[c.name]]
        pos = m.end()
        if c.overlap and before is not None and (end := OVERLAP_END.search(line, pos)):
            yield speaker, line[pos : end.start()]
            speaker, pos = before, end.end()
    yield speaker, line[pos:]


def _handed_over(speaker: str | None, new: str, other: str | None, config: Config) -> tuple[str | None, str]:
    """(who spoke before, who speaks) when `new` takes over from `speaker` (not the narrator)."""
    if new == speaker or speaker is None or speaker == _narrator_id(config):
        return other, new
    return speaker, new
