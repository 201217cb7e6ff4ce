"""The reader's view of a transcript: typed lines of typed pieces, whatever the markup was."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..text.spoken import is_event

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Emphasis marks a parser left as text (CommonMark does not close `**：**` after CJK text).
STRAY_EMPHASIS = re.compile(r"\*\*|(?:(?<=\s)|^)[*_]+(?=\S)|(?<=\S)[*_]+(?=\s|$)")
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
BOLD_ON, BOLD_OFF = "\x01", "\x02"  # around bold words in Line.marked


def normalise_spaces(text: str) -> str:
    """Unicode spaces (U+00A0, U+3000, …) as plain spaces, zero-width characters gone."""
    return _ZERO_WIDTH.sub("", _SPACES.sub(" ", text))


@dataclass(frozen=True)
class Piece:
    text: str
    strong: bool = False
    image: bool = False  # an image: `text` is its alt text, never spoken
    em: bool = False  # in italics (a magazine's questions)


def italic_events(pieces: list[Piece]) -> list[Piece]:
    """A run of italics that names what happens (`<em>laughs</em>`, a Word file's italic `claps`)
    in brackets, as a transcriber writes a stage direction: `(laughs)`. Other italics stay."""
    out: list[Piece] = []
    for p in pieces:
        if out and p.em and out[-1].em and not p.image and not out[-1].image:
            out[-1] = Piece(out[-1].text + p.text, strong=out[-1].strong, em=True)
        else:
            out.append(p)
    return [Piece(f"{p.text[:len(p.text) - len(p.text.lstrip())]}({p.text.strip()})"
                  f"{p.text[len(p.text.rstrip()):]}", strong=p.strong)
            if p.em and p.text.strip() and is_event(p.text) and not _BRACKETED.fullmatch(p.text.strip()) else p
            for p in out]  # `*[laughter]*` is bracketed already


_BRACKETED = re.compile(r"\[[^\[\]]*\]|\([^()]*\)|（[^（）]*）|【[^【】]*】")


@dataclass(frozen=True)
class Line:
    """One line of a block, as the reader sees it."""

    number: int  # 1-based, in the file
    kind: str  # text | heading | quote | item | rule
    pieces: tuple[Piece, ...]
    level: int = 0  # heading level
    para: int = 0  # the paragraph (block) it belongs to: lines of one paragraph share it
    speaker: str | None = None  # who says it, when the file itself says so (STT JSON, `<v Name>` cues)
    speaker_id: str | None = None  # the speaker as the file writes them, when shown otherwise (A -> Speaker A)
    start: float | None = None  # where it starts in the recording, in seconds, when the file says
    wrapped: bool = False  # it goes on from the line above (a printed page's wrap): no label starts it
    turns: bool = False  # another speaker takes over here, named or not (a caption's `>>`, a dialogue dash)

    @cached_property
    def plain(self) -> str:
        """What the line says: no markup, no images, no control characters, trimmed."""
        text = "".join(p.text for p in self.pieces if not p.image)
        return STRAY_EMPHASIS.sub("", _CONTROL.sub("", text)).strip()

    def emphasised(self, start: int) -> bool:
        """Whether italics run from before `start` in `plain` past the colon after it: a title's
        colon (`_The Legend of Zelda: Ocarina of Time_`), not a label's."""
        colon, at = self.plain.find(":", start), 0
        for p in self.pieces:
            if not p.image:
                if p.em and at <= start and at + len(p.text) > colon + 1 > 0:
                    return True
                at += len(p.text)
        return False

    @cached_property
    def marked(self) -> str:
        """`plain` with its bold words between BOLD_ON and BOLD_OFF, so a label's markup can be read."""
        out = []
        for p in self.pieces:
            if p.image:
                continue
            text = STRAY_EMPHASIS.sub("", _CONTROL.sub("", p.text))
            out.append(f"{BOLD_ON}{text}{BOLD_OFF}" if p.strong and text.strip() else text)
        joined = "".join(out).replace(BOLD_OFF + BOLD_ON, "")
        return re.sub(rf"{BOLD_ON}(\s*){BOLD_OFF}", r"\1", joined).strip()

    @cached_property
    def has_image(self) -> bool:
        return any(p.image for p in self.pieces)

    @property
    def decoration(self) -> bool:
        """Nothing to say: images, rules, stray emphasis marks, blank."""
        return self.kind == "rule" or not re.sub(r"[\s*_\-]", "", self.plain)

    @property
    def all_strong(self) -> bool:
        """All its words in bold (a heading in many exports)."""
        said = [p for p in self.pieces if not p.image and p.text.strip(" *_")]
        return bool(said) and all(p.strong for p in said)

    @property
    def all_em(self) -> bool:
        """All its words in italics."""
        said = [p for p in self.pieces if not p.image and p.text.strip(" *_")]
        return bool(said) and all(p.em for p in said)

    @property
    def text_after_image(self) -> str:
        """The words that follow the line's last image (a caption glued to it), if any."""
        for i in range(len(self.pieces) - 1, -1, -1):
            if self.pieces[i].image:
                return "".join(p.text for p in self.pieces[i + 1 :]).strip()
        return ""

    @property
    def text_before_image(self) -> str:
        out = []
        for p in self.pieces:
            if p.image:
                break
            out.append(p.text)
        return "".join(out)


def said_next(lines: Sequence[Line], i: int, step: int = 1) -> int | None:
    """The nearest line after `i` (`step` 1) or before it (-1) that is not decoration."""
    j = i + step
    while 0 <= j < len(lines) and lines[j].decoration:
        j += step
    return j if 0 <= j < len(lines) else None


@dataclass(frozen=True)
class Document:
    """What a source (sources/) makes of a file: front matter and typed lines, and what the
    source itself left out (a PDF's line numbers and running heads) and why."""

    front_matter: dict[str, Any]
    lines: tuple[Line, ...]
    html: bool = False  # read as an HTML page
    kind: str = "text"  # the source that read it: text, pdf, docx, json, captions
    described: str = ""  # the file in words, for --explain: "PDF, 92 pages", "text in GB18030"
    dropped: tuple[tuple[int, str, str], ...] = ()  # (line, text, reason) the source left out
    pages: tuple[int, ...] = ()  # the first line number of each page (PDF): Script.where
    unnamed: str = "no <v Name> voice tags"  # captions: how a file of this kind names no one, for the error

    @property
    def speakers_given(self) -> bool:
        """Whether the file names who says each line itself (no labels to infer)."""
        return any(ln.speaker for ln in self.lines)
