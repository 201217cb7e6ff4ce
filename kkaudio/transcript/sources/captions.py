"""Captions: SRT, WebVTT and YouTube's SBV, through webvtt-py.

webvtt-py because it reads all three, keeps WebVTT's voice spans (`<v Name>` -> the cue's
speaker, as Microsoft Teams and other meeting tools write them) and is kept up to date; pysubs2
reads more formats but drops the voice. Every cue becomes a paragraph with its start time; its
text lines stay lines (the reader joins a speaker's lines back into sentences). Inside a cue,
`>>` (a broadcast caption's change of speaker) and dialogue dashes (`- Who is it?` / `- Me.`)
start a new line, so a `NAME:` after them is at a line's start where the reader looks for
labels. A file the library cannot parse is read as plain text (its timings are then left out
line by line).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from pathlib import Path

from ..lines import Document, Line, Piece, normalise_spaces
from . import Source, decode, peek_text, register
from .stt_records import OPAQUE, join_pieces, readable_ids, word_level
from .text import read_text

_TIMING = re.compile(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{1,2}[.,]\d{1,3}\s*(?:-->|,)\s*(?:\d{1,2}:)?\d{1,2}:\d{1,2}[.,]\d{1,3}")
_SRT_START = re.compile(r"^\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->", re.MULTILINE)
_SBV_START = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2}\.\d{3},\d{1,2}:\d{2}:\d{2}\.\d{3}\s*$", re.MULTILINE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|\{\\[^}]*\}")  # <i>, <font …>, <c.yellow>, SSA's {\an8}
_CHANGE = re.compile(r"\s*>>+\s*")  # `>> CAROL: …` or `>>` alone: another speaker
_DASH = re.compile(r"^\s*[-–—]\s+(?=\S)")
# A row that starts another speaker's words inside a cue, as captions for the deaf and hard of
# hearing write them: a name in capitals and its colon (`MARY: Sorry.`, `JOHN (laughing): …`,
# `(JANE) Hello`), or any row after one that is no speech at all (`(door slams)`, `♪ La la ♪`).
_CAPS_LABEL = re.compile(r"^\s*(?:[A-Z][A-Z0-9.'’\- ]{1,30}(?:\s*[(\[][^)\]]{1,30}[)\]])?\s*:|\([A-Z][A-Z.'’\- ]{1,30}\))\s*\S")
_NO_SPEECH = re.compile(r"^\s*(?:[(\[][^()\[\]]{1,60}[)\]]|[♪♫#].*)\s*$")


def _format(text: str, suffix: str) -> str | None:
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("WEBVTT"):
        return "vtt"
    if _SRT_START.match(start[:500]):
        return "srt"
    if _SBV_START.match(start[:200]) or suffix == ".sbv":
        return "sbv"
    return {".vtt": "vtt", ".srt": "srt"}.get(suffix)


def _claims(head: bytes, suffix: str) -> bool:
    return _format(peek_text(head), suffix) is not None


def _read(data: bytes, path: Path) -> Document:
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    text, encoding = decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = _format(text, path.suffix.lower())
    try:
        cues = list(webvtt.from_buffer(io.StringIO(text.lstrip("\ufeff")), format=fmt))
    except (MalformedCaptionError, MalformedFileError, ValueError, IndexError):
        return read_text(text, encoding)  # the reader drops its cue lines one by one
    if not cues:
        return read_text(text, encoding)
    timing_lines = [n for n, line in enumerate(text.split("\n"), 1) if _TIMING.match(line)]
    lines: list[Line] = []
    dropped = []
    if fmt == "vtt":
        dropped.append((1, text.lstrip("\ufeff").split("\n", 1)[0], "subtitle file header"))
    rows = [[html.unescape(_TAG.sub("", raw)) for raw in cue.text.split("\n")] for cue in cues]
    other = other_language(rows)
    voices = [html.unescape(cue.voice).strip() if getattr(cue, "voice", None) else _identified(cue.identifier)
              for cue in cues]
    names = readable_ids(v for v in voices if OPAQUE.match(v))  # Teams' `<v 68f0e9b4-…>`: Speaker 1
    if not any(voices) and (coloured := colour_speakers([getattr(cue, "raw_text", cue.text) for cue in cues])):
        voices, names = coloured
    ats = [timing_lines[i] if len(timing_lines) == len(cues) else i + 1 for i in range(len(cues))]
    for i, cue in enumerate(cues):
        at = ats[i]
        if cue.identifier:
            dropped.append((at - 1, cue.identifier, "the cue's number and speaker" if _NAMED_CUE.match(cue.identifier)
                            else "subtitle cue number"))
        dropped.append((at, f"{cue.start} --> {cue.end}", "subtitle cue timing"))
        dropped += [(at + 1 + j, row, BILINGUAL) for j, row in enumerate(rows[i]) if other(row)]
    rows = [[row for row in cue_rows if not other(row)] for cue_rows in rows]
    for i, j in rolled_up(rows):
        dropped.append((ats[i] + 1 + j, rows[i][j], "a line the cue before showed, scrolled up (rolling captions)"))
        rows[i][j] = ""
    starts = [_seconds(cue.start) for cue in cues]
    if word_cues(rows):  # a word a cue: the words of one speaker's run are one paragraph
        for para, (first, words) in enumerate(join_words(rows, voices), 1):
            lines.append(Line(ats[first] + 1, "text", (Piece(words),), para=para, start=starts[first],
                              speaker=names.get(voices[first], voices[first]) or None,
                              speaker_id=voices[first] if voices[first] in names else None))
    else:
        for i, voice in enumerate(voices):
            lines += cue_lines(ats[i] + 1, rows[i], i + 1, starts[i], lambda: len(cues) + len(lines) + 1,
                               speaker=names.get(voice, voice) or None, speaker_id=voice if voice in names else None)
    kind = {"vtt": "WebVTT", "srt": "SRT", "sbv": "SBV"}[fmt]
    described = f"{kind} captions, {len(cues)} cues" + ("" if encoding == "UTF-8" else f", in {encoding}")
    return Document({}, tuple(lines), kind="captions", described=described, dropped=tuple(dropped))


def rolled_up(rows: list[list[str]]) -> list[tuple[int, int]]:
    """Rolling captions (YouTube's own, from speech recognition, as yt-dlp saves them): each cue
    shows the line before again above the new words, and a cue of an instant between shows the
    finished line alone. Such a line is shown again, not said again: (cue, row) of each. Only in a
    file where most cues start so; elsewhere a line said twice in a row is said twice."""
    def key(row: str) -> str:
        return re.sub(r"\s+", " ", row).strip()

    before = [{key(r) for r in cue if key(r)} for cue in rows]
    starts = sum(bool(cue) and key(cue[0]) in before[i] for i, cue in enumerate(rows[1:]) if any(map(key, cue)))
    if starts < 3 or 2 * starts < len(rows) - 1:
        return []
    return [(i + 1, j) for i, cue in enumerate(rows[1:]) for j, row in enumerate(cue) if key(row) and key(row) in before[i]]


# Webex names a cue's speaker in its identifier, with the person's id (`12 "Sara Weisman" (3271638912)`;
# `1 "" (0)` for words it could give no one).
_NAMED_CUE = re.compile(r'^\s*\d+\s+"(?P<name>[^"]*)"(?:\s*\(\d+\))?\s*$')


def _identified(identifier: str | None) -> str:
    m = _NAMED_CUE.match(identifier or "")
    return m.group("name").strip() if m else ""


BILINGUAL = "the other language of a bilingual subtitle"
_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def other_language(cues: list[list[str]]) -> Callable[[str], bool]:
    """For subtitles in two languages (a row of Chinese and a row of English in most cues, as
    bilingual fansubs write them), which rows are in the language not read: the one under the
    other in most cues. Subtitles in one language: none."""
    def script(row: str) -> str | None:
        return "han" if _HAN.search(row) else "latin" if re.search(r"[A-Za-z]{2}", row) else None

    mixed = [[script(r) for r in rows if script(r)] for rows in cues]
    mixed = [kinds for kinds in mixed if len(set(kinds)) == 2]
    if len(mixed) < max(2, 0.6 * len(cues)):
        return lambda row: False
    first = "han" if sum(kinds[0] == "han" for kinds in mixed) * 2 >= len(mixed) else "latin"
    return lambda row: script(row) not in (None, first)


# A colour at the start of a cue: SRT's <font color="…">, SSA's {\c&H…&} (in SRT too), WebVTT's <c.yellow>.
_COLOUR = re.compile(r"^\s*(?:\{\\an?\d\}\s*)?(?:<font\b[^>]*\bcolou?r\s*=\s*[\"']?(?P<font>#?\w+)"
                     r"|\{\\1?c&H(?P<ssa>[0-9A-Fa-f]{1,8})&?\}|<c\.(?P<vtt>[\w.]+)>)")


def colour_speakers(texts: list[str]) -> tuple[list[str], dict[str, str]] | None:
    """Each cue's speaker, in a file that tells its speakers apart by colour alone (as broadcasters'
    captions for the deaf and hard of hearing do, and speech-to-text tools' karaoke captions): the
    colour a cue starts in, or none, when at least a third of the cues start in one and two or more
    are used. Returned as `voices` and their names (Speaker 1, Speaker 2, … in order of appearance)."""
    keys = []
    for text in texts:
        m = _COLOUR.match(text)
        keys.append("" if m is None else m.group("font") or m.group("vtt") or m.group("ssa")[-6:].zfill(6))
    return speakers_by_colour(keys)


def speakers_by_colour(colours: list[str]) -> tuple[list[str], dict[str, str]] | None:
    """Each piece's speaker by its colour ("" for none: the text's own colour), when at least a
    third of the pieces are coloured and two or more colours (or a colour and none) are used: the
    speakers' keys, and their names (Speaker 1, Speaker 2, … in order of appearance). Captions'
    cues and a Word file's paragraphs tell speakers apart this way."""
    keys = [f"colour {c.lower()}" if c else "no colour" for c in colours]
    if sum(k != "no colour" for k in keys) * 3 < len(keys) or len(set(keys)) < 2:
        return None
    names: dict[str, str] = {}
    for key in keys:
        names.setdefault(key, f"Speaker {len(names) + 1}")
    return keys, names


def word_cues(rows: list[list[str]]) -> bool:
    """Word-level captions (karaoke's, or a speech-to-text tool's word timings written as cues):
    most cues one word, as stt_records.word_level tells an export's word records, and eight or
    more of them, so no cue's text is a line of its own."""
    texts = [t for cue in rows if (t := " ".join(r for r in cue if r.strip()).strip())]
    return len(texts) >= 8 and word_level(texts)


def join_words(rows: list[list[str]], voices: list[str]) -> list[tuple[int, str]]:
    """Word cues joined into one text a run of one voice: (the run's first cue, its words), as
    an export's words are joined (stt_records.join_pieces: no space before punctuation or between
    CJK characters)."""
    runs: list[tuple[int, list[str]]] = []
    for i, cue in enumerate(rows):
        word = normalise_spaces(" ".join(cue)).strip()
        if not word:
            continue
        if runs and voices[runs[-1][0]] == voices[i]:
            runs[-1][1].append(word)
        else:
            runs.append((i, [word]))
    return [(first, join_pieces(words, raw=False)) for first, words in runs]


def _seconds(clock: str) -> float:
    """`00:01:02.500` -> 62.5 (webvtt-py's own start_in_seconds drops the milliseconds)."""
    total = 0.0
    for part in clock.replace(",", ".").split(":"):
        total = total * 60 + float(part)
    return round(total, 3)


MAY, TURNS = "may", "turns"  # another speaker may take over (a name in capitals, after a sound), or does


def cue_lines(number: int, rows: list[str], para: int, start: float | None, new_para: Callable[[], int], *,
              speaker: str | None = None, speaker_id: str | None = None) -> list[Line]:
    """A cue's rows as lines from line `number` on: a row where another speaker takes over, or
    may (split_speakers), starts a paragraph of its own (numbered by `new_para`)."""
    out: list[Line] = []
    for j, (change, row) in enumerate(split_speakers(rows)):
        row = normalise_spaces(row).strip()
        if not row:
            continue
        if change and j:
            para = new_para() + len(out)
        out.append(Line(number + j, "text", (Piece(row),), para=para, speaker=speaker, speaker_id=speaker_id,
                        start=start, wrapped=bool(j) and not change, turns=change == TURNS))
    return out


def split_speakers(rows: list[str]) -> list[tuple[str | None, str]]:
    """A cue's text lines as (whether another speaker's words start there, text): they do at `>>`
    and at a dialogue dash after the cue's first (two or more lines of the cue start with one),
    named or not; they may at a name in capitals and next to a row of no speech."""
    dashed = sum(bool(_DASH.match(r)) for r in rows) >= 2
    out: list[tuple[str | None, str]] = []
    for k, row in enumerate(rows):
        if dashed and _DASH.match(row):  # the first dash may go on from the cue before: the next ones answer it
            said = _DASH.sub("", row)  # and a first dash before a name (`- ANNA: …`) starts the name's turn
            out.append((TURNS if k or re.match(r"[^\W\d][^:：]{0,40}[:：]\s", said) else None, said))
            continue
        if k and (_CAPS_LABEL.match(row) or _NO_SPEECH.match(rows[k - 1]) or _NO_SPEECH.match(row)):
            out.append((MAY, row))
            continue
        pieces = _CHANGE.split(row)
        if len(pieces) == 1:
            out.append((None, row))
            continue
        if pieces[0].strip():
            out.append((None, pieces[0]))
        out += [(TURNS, p) for p in pieces[1:]]
    return out


register(Source("captions", _claims, _read))
