"""Advanced SubStation Alpha subtitles (`.ass`, `.ssa`: Aegisub's, and most fansubbers'), through
pysubs2, a well-kept reader of the format (webvtt-py, which reads the other captions, does not).

Each `Dialogue` event becomes a paragraph at its start time, its rows (`\\N`) lines; its Name
field, the actor, is the speaker where the file fills it in, else its style where the styles are
a speech-to-text tool's speaker ids (`Speaker00`, `SPEAKER_01`). Comments, styles and the script's
header are never said. Events without a name go to the reader's one style inference, like any
caption's text (`JANE: …`). Events of a word each (karaoke, a tool's word timings) are joined
into a paragraph a speaker's run.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..labels import SPEAKER_ID
from ..lines import Document, Line, Piece, normalise_spaces
from . import Source, decode, peek_text, register
from .captions import BILINGUAL, join_words, other_language, word_cues
from .text import read_text

_DIALOGUE = re.compile(r"^\s*Dialogue\s*:", re.IGNORECASE)


def _claims(head: bytes, suffix: str) -> bool:
    return suffix in (".ass", ".ssa") or peek_text(head).lstrip("\ufeff \t\r\n").lower().startswith("[script info]")


def _read(data: bytes, path: Path) -> Document:
    import pysubs2

    text, encoding = decode(data, path)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:  # the format named, not guessed: pysubs2 guesses by a styles section some files lack
        subs = pysubs2.SSAFile.from_string(text, format_="ssa" if "[v4 styles]" in text.lower() else "ass")
    except (pysubs2.Pysubs2Error, ValueError, IndexError, KeyError):
        return read_text(text, encoding)
    numbers = [n for n, line in enumerate(text.split("\n"), 1) if _DIALOGUE.match(line)]
    events = [e for e in subs.events if e.type == "Dialogue"]
    if not events:
        return read_text(text, encoding)
    if len(numbers) != len(events):  # pysubs2 sorted or merged them: number them in order
        numbers = list(range(1, len(events) + 1))
    rows = [[normalise_spaces(row).strip() for row in event.plaintext.split("\n")] for event in events]
    other = other_language(rows)  # a fansub's Chinese over English: one is read
    lines: list[Line] = []
    dropped = [(number, row, BILINGUAL) for number, event_rows in zip(numbers, rows) for row in event_rows if other(row)]
    rows = [[r for r in event_rows if r and not other(r)] for event_rows in rows]
    by_style = not any(e.name.strip() for e in events) and all(SPEAKER_ID.match(e.style.strip()) for e in events)
    speakers = [(e.style if by_style else e.name).strip() for e in events]
    if word_cues(rows):
        for para, (first, words) in enumerate(join_words(rows, speakers), 1):
            lines.append(Line(numbers[first], "text", (Piece(words),), para=para, speaker=speakers[first] or None,
                              start=events[first].start / 1000))
    else:
        for para, (number, event) in enumerate(zip(numbers, events), 1):
            for j, row in enumerate(rows[para - 1]):
                lines.append(Line(number, "text", (Piece(row),), para=para, speaker=speakers[para - 1] or None,
                                  start=event.start / 1000, wrapped=bool(j)))
    described = f"SubStation Alpha subtitles, {len(events)} events" + ("" if encoding == "UTF-8" else f", in {encoding}")
    title = subs.info.get("Title", "").strip()
    generic = re.match(r"(?i)(?:default aegisub file|<untitled>|untitled|transcript|subtitles?|captions?)$", title)
    front = {"title": title} if title and not generic else {}
    return Document(front, tuple(lines), kind="captions", described=described, dropped=tuple(dropped),
                    unnamed="no actor in its events' Name field")


register(Source("substation", _claims, _read))
