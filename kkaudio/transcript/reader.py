"""Typed lines -> Script: chapters, turns, the cast, and what was left out and why.

How an interview is read, by kinds of text rather than by one file's layout:
- A `#` heading before any content is the title (front matter's `title` wins); later headings,
  and a line all in bold that follows an image, start chapters. Text before the first label
  is the narrator's (the reporter's introduction).
- A label (labels.py) that starts turns more than once is a speaker; so is every alias of a
  configured speaker. A label seen once is text, and reported as ignored.
- Left out, each with its reason (`kkaudio script --explain`): images, captions (the words
  glued after an image, or a short line right after one), credit lines (`编辑：…`), the
  publisher's boilerplate (`script.boilerplate`), and everything from the first end marker,
  plea or credit after the last turn (`script.end_markers`, 推荐阅读, 关注我们, ©…).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..config import Config
from ..errors import ScriptError
from ..model import Chapter, Dropped, Script, Turn
from ..text import language
from . import blocks, cast
from .furniture import CAPTION_CHARS, CAPTION_START, EDITORS_NOTE, END_MARKERS, PLEA
from .labels import CREDIT, TIME_MARK, inline_candidates, inline_labels, is_name, line_label

INTRO_TITLE = {"en": "Introduction", "zh-hant": "引言", "zh-hans": "引言"}
NARRATOR_NAME = {"en": "Narrator", "zh-hant": "旁白", "zh-hans": "旁白"}
_OPEN_QUOTES = "“\"「『"
_CLOSE_QUOTES = "”\"」』"



@dataclass
class _Section:
    title: str
    line: int
    turns: list[tuple[str, list[str]]] = field(default_factory=list)  # (speaker id, lines)


def parse_script(text: str, config: Config, *, slug: str, source: str = "<transcript>") -> Script:
    doc = blocks.parse(text)
    lines = [ln for ln in doc.lines if ln.kind != "html"]
    dropped: list[Dropped] = [Dropped(ln.number, ln.plain, "HTML block") for ln in doc.lines
                              if ln.kind == "html" and ln.plain]
    rules = config.rules
    lang = language.detect(" ".join(ln.plain for ln in lines))
    # Rules are written in simplified characters; a traditional transcript is matched through a
    # simplified copy of each line (the text itself stays as written).
    simple = language.to_simplified if lang == "zh-hant" else (lambda t: t)

    # 1. Labels: configured aliases, and names that start turns more than once.
    aliases: dict[str, str] = {a: s.id for s in config.speakers for a in s.aliases}
    if not any(line_label(_untimed(ln.plain)) for ln in lines if ln.kind != "heading"):
        lines = _label_bold_questions(lines)
    starts: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    for ln in lines:
        if ln.kind == "heading":
            continue
        label = line_label(_untimed(ln.plain))
        found = [label.name] if label else []
        found += inline_candidates(_untimed(ln.plain))
        for name in found:
            starts[name] += 1
            first_line.setdefault(name, ln.number)
    speakers_by_label: dict[str, str] = {}
    taken = {s.id for s in config.speakers} | {cast.NARRATOR_ID}
    for name, n in starts.items():
        if name in aliases:
            speakers_by_label[name] = aliases[name]
        elif n >= 2 and not CREDIT.match(name + "："):
            sid = cast.speaker_id(name, taken)
            taken.add(sid)
            speakers_by_label[name] = sid
    ignored = sorted(((name, first_line[name]) for name, n in starts.items()
                      if name not in speakers_by_label and not CREDIT.match(simple(name) + "：")),
                     key=lambda x: x[1])
    if not speakers_by_label:
        raise ScriptError(_no_dialogue_message(starts), source)
    inline_re = inline_labels(list(speakers_by_label))
    last_label_line = max(ln.number for ln in lines if _speaker_label(ln, speakers_by_label, inline_re))

    # 2. Chapters and turns.
    title = _front_title(doc.front_matter)
    sections: list[_Section] = []
    speaker: str | None = None
    after_image = False
    seen_content = False
    ended = False
    for ln in lines:
        if ended:
            if ln.plain:
                dropped.append(Dropped(ln.number, ln.plain, "after the end of the interview"))
            continue
        if ln.decoration:
            after_image = after_image or ln.has_image
            continue
        clean = _untimed(ln.plain)
        key = simple(clean)
        if any(m.search(key) for m in rules.end_markers) or END_MARKERS.match(key):
            dropped.append(Dropped(ln.number, clean, "end marker: the interview ends here"))
            ended = True
            continue
        if any(b.search(key) for b in rules.boilerplate):
            dropped.append(Dropped(ln.number, clean, "boilerplate (script.boilerplate)"))
            continue
        if ln.number > last_label_line and speaker is not None and (
                PLEA.search(key) or CREDIT.match(key) or EDITORS_NOTE.match(key)):
            dropped.append(Dropped(ln.number, clean, "after the last turn: a credit or the publisher's words"))
            ended = True
            continue
        if title is None and not seen_content and not after_image and (
                ln.kind == "heading" or _title_like(ln, clean, lines)):
            title = clean
            continue
        label = line_label(clean) if ln.kind != "heading" else None
        is_speaker = label is not None and label.name in speakers_by_label
        if ln.kind == "heading" or (ln.all_strong and after_image and not is_speaker):
            sections.append(_Section(clean, ln.number))
            speaker = None
            after_image = False
            seen_content = True
            continue
        if not is_speaker:
            if CREDIT.match(key):
                dropped.append(Dropped(ln.number, clean, "credit line"))
                continue
            if len(clean) <= 30 and PLEA.search(key):
                dropped.append(Dropped(ln.number, clean, "the publisher's plea or notice"))
                continue
            if after_image and _caption(clean):
                dropped.append(Dropped(ln.number, clean, "caption of the image above"))
                after_image = False
                continue
        caption = ln.text_after_image if ln.has_image else ""
        if caption and not line_label(caption) and len(caption) <= CAPTION_CHARS:
            dropped.append(Dropped(ln.number, caption, "caption glued after an image"))
            clean = _untimed(_strip_markup(ln.text_before_image))
            if not clean:
                after_image = True
                continue
        after_image = ln.has_image and not ln.text_after_image
        seen_content = True
        if is_speaker:
            speaker = speakers_by_label[label.name]
            _new_turn(sections, speaker)
            clean = label.rest
        elif speaker is None:
            _new_turn(sections, _narrator_id(config))
            speaker = _narrator_id(config)  # the narrator reads until the first label
        for who, piece in _split_inline(clean, inline_re, speakers_by_label):
            if who is not None:
                speaker = who
                _new_turn(sections, speaker)
            sections[-1].turns[-1][1].append(piece)

    # 3. The Script.
    chapters: list[Chapter] = []
    all_turns: list[tuple[str, str]] = []
    for s in sections:
        turns = []
        for who, pieces in s.turns:
            said = _strip_wrapping_quotes(_join_lines(pieces))
            if said:
                turns.append(Turn(who, said))
                all_turns.append((who, said))
        turns = _merge_same_speaker(turns)
        if turns:
            chapters.append(Chapter(s.title, tuple(turns)))
        else:
            dropped.append(Dropped(s.line, s.title, "a heading with nothing said under it"))
    if not chapters:
        raise ScriptError("no spoken text found", source)
    if sections[0].line == 0:  # the text before the first heading
        first = chapters[0]
        only_narration = all(t.speaker == _narrator_id(config) for t in first.turns)
        if only_narration and len(chapters) > 1:
            chapters[0] = Chapter(INTRO_TITLE[lang], first.turns)
        else:  # the conversation itself starts here: a chapter named after the episode
            chapters[0] = Chapter(title or INTRO_TITLE[lang], first.turns)
    speakers = cast.build(config.speakers, speakers_by_label, all_turns, NARRATOR_NAME[lang], doc.front_matter)
    meta = {k: str(v) for k, v in doc.front_matter.items() if isinstance(v, (str, int, float)) or hasattr(v, "isoformat")}
    return Script(
        title=title or slug,
        slug=slug,
        speakers=speakers,
        chapters=tuple(chapters),
        language=lang,
        meta=meta,
        dropped=tuple(sorted(dropped, key=lambda d: d.line)),
        ignored_labels=tuple(ignored),
    )


BOLD_QUESTION = re.compile(r"[?？][”\"」』）)]*$")


def _label_bold_questions(lines: list[blocks.Line]) -> list[blocks.Line]:
    """An interview with no labels at all, the interviewer's questions in bold and the answers
    plain (a common magazine layout): the questions become 问 turns, the answers 答 turns."""
    def question(ln: blocks.Line) -> bool:
        return ln.kind in ("text", "quote") and ln.all_strong and bool(BOLD_QUESTION.search(ln.plain))

    if sum(question(ln) for ln in lines) < 3:
        return lines
    out, asked = [], False
    for ln in lines:
        if question(ln):
            out.append(blocks.Line(ln.number, ln.kind, (blocks.Piece("问：" + ln.plain),)))
            asked = True
        elif asked and ln.kind in ("text", "quote", "item") and not ln.decoration and not ln.all_strong:
            out.append(blocks.Line(ln.number, ln.kind, (blocks.Piece("答："), *ln.pieces)))
            asked = False
        else:
            out.append(ln)
    return out


def _new_turn(sections: list[_Section], speaker: str) -> None:
    if not sections:
        sections.append(_Section(INTRO_TITLE["zh-hans"], 0))
    sections[-1].turns.append((speaker, []))


def _narrator_id(config: Config) -> str:
    narrator = config.speaker_for_role("narrator")
    return narrator.id if narrator else cast.NARRATOR_ID


def _speaker_label(ln: blocks.Line, speakers: dict[str, str], inline_re) -> bool:
    if ln.kind == "heading":
        return False
    plain = _untimed(ln.plain)
    label = line_label(plain)
    return bool(label and label.name in speakers) or bool(inline_re and inline_re.search(plain))


def _untimed(text: str) -> str:
    return TIME_MARK.sub(" ", text).strip()


def _strip_markup(text: str) -> str:
    return blocks._STRAY_EMPHASIS.sub("", text).strip()


def _title_like(ln: blocks.Line, clean: str, lines: list[blocks.Line]) -> bool:
    """A plain-text transcript's first line, alone in its paragraph, short and not a sentence."""
    if ln.kind != "text" or line_label(clean) or len(clean) > 40 or re.search(r"[。！？!?.，,:：]$", clean):
        return False
    following = next((x for x in lines if x.number > ln.number), None)
    return following is None or following.number > ln.number + 1  # a blank line after it


def _caption(clean: str) -> bool:
    """A short line right after an image that reads as a caption, not as what someone says."""
    if CAPTION_START.match(clean):
        return len(clean) <= 2 * CAPTION_CHARS
    return len(clean) <= CAPTION_CHARS and not re.search(r"[。！？!?.…”\"」]$", clean)


def _split_inline(line: str, inline_re, speakers: dict[str, str]):
    """(speaker or None for 'whoever was speaking', text) pieces of one line."""
    if inline_re is None:
        yield None, line
        return
    pos = 0
    speaker: str | None = None
    for m in inline_re.finditer(line):
        if m.start() == 0 and pos == 0 and m.end() == 0:
            continue
        if m.start() > pos or speaker is not None:
            yield speaker, line[pos : m.start()]
        speaker = speakers[m.group(1)]
        pos = m.end()
    yield speaker, line[pos:]


def _merge_same_speaker(turns: list[Turn]) -> list[Turn]:
    out: list[Turn] = []
    for t in turns:
        if out and out[-1].speaker == t.speaker and t.speaker == cast.NARRATOR_ID:
            out[-1] = Turn(t.speaker, _join_lines([out[-1].text, t.text]))
        else:
            out.append(t)
    return out


def _join_lines(pieces: list[str]) -> str:
    """Join the lines of one turn. A line break is a wrap, not a pause: `5000\\n天后` is `5000天后`.

    Between two Latin words the break was a space (`Blue\\nSky`), unless the next part is an
    all-capitals acronym glued to the word (`Chat\\nGPT` is ChatGPT); after an English
    sentence or clause mark before a word (`end.\\nNext`), a space too.
    """
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
            first_word = re.match(r"[A-Za-z]+", piece).group(0)
            out += piece if (len(first_word) > 1 and first_word.isupper()) else " " + piece
        elif out and out[-1] in ".,;:!?)'\"" and piece[0].isascii() and (piece[0].isalpha() or piece[0] in "\"'("):
            out += " " + piece
        else:
            out += piece
    return out.strip()


def _strip_wrapping_quotes(text: str) -> str:
    """`“Kevin，…吗？”` -> `Kevin，…吗？`; an opening quote that is never closed goes too."""
    if not text or text[0] not in _OPEN_QUOTES:
        return text
    if text[-1] in _CLOSE_QUOTES and _quotes_balanced(text[1:-1]):
        return text[1:-1].strip()
    if not _quotes_balanced(text):
        return text[1:].strip()
    return text


def _quotes_balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _front_title(front: dict) -> str | None:
    title = front.get("title")
    return str(title).strip() if title else None


def _no_dialogue_message(starts: Counter[str]) -> str:
    seen = [name for name, _ in starts.most_common(6) if is_name(name)]
    if seen:
        return (f"no dialogue found: no speaker label starts more than one turn (seen once each: "
                f"{', '.join(seen)}); a speaker needs at least two turns, or an alias in voices.yaml")
    return "no dialogue found: no speaker labels such as 刘润： or Host: start any line; this does not look like an interview transcript"
