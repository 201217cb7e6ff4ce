"""What players and apps read beside the audio: chapters.json and transcripts (WebVTT with
speakers, SRT, Podcasting 2.0 JSON), from the exact cue timings of the assembled audio."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..model import Cue
from ..text.words import word_gaps

CUE_LINE_CHARS = 20  # a CJK subtitle line; cues are at most two of them
TYPES = (("vtt", "text/vtt"), ("srt", "application/x-subrip"), ("json", "application/json"))


def chapters_json(marks: Sequence[tuple[str, int]]) -> str:
    """Podcasting 2.0 chapters: (title, start ms) -> JSON."""
    doc = {"version": "1.2.0", "chapters": [{"startTime": ms / 1000, "title": t} for t, ms in marks]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _stamp(ms: int, sep: str) -> str:
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, milli = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{milli:03d}"


# Where a subtitle line may end: after a clause mark, but never before a closing mark.
_BREAK_AFTER = "，、：；。！？,:;!?…—"
_CLOSING = "”’」』》）)]】，、：；。！？,:;!?…"
_OPENING = "“‘「『《（([【"
_PAIRS = ("《》", "“”", "「」", "（）")


def _lines(text: str) -> str:
    """Break a cue into at most two lines, as balanced as the text allows.

    Lines end only between words (text.words.word_gaps), never leave a mark alone at a line's
    edge, and rather not inside a 《title》 or a quotation; after a clause mark if the longer
    line is then at most 4 characters longer than at the most balanced word gap.
    """
    if len(text) <= CUE_LINE_CHARS:
        return text

    def longer(i: int) -> int:
        return max(i, len(text) - i)

    def inside_pair(i: int) -> bool:
        return any(text[:i].count(o) > text[:i].count(c) for o, c in _PAIRS)

    gaps = [i for i in word_gaps(text) if text[i] not in _CLOSING and text[i - 1] not in _OPENING]
    plain = [i for i in gaps if not inside_pair(i)] or gaps
    if not plain:
        return text
    cut = min(plain, key=longer)
    clauses = [i for i in gaps if text[i - 1] in _BREAK_AFTER and longer(i) <= longer(cut) + 4]
    cut = min(clauses, key=longer, default=cut)
    return text[:cut].rstrip() + "\n" + text[cut:].lstrip()


def transcript_vtt(cues: Sequence[Cue]) -> str:
    out = ["WEBVTT", ""]
    for c in cues:
        # In a WebVTT voice span the name is an annotation: no '<' or '>', '&' escaped.
        name = _vtt_escape(re.sub("[<>]", "", c.speaker))
        body = _vtt_escape(_lines(c.text))
        out += [f"{_stamp(c.start_ms, '.')} --> {_stamp(c.end_ms, '.')}", f"<v {name}>{body}", ""]
    return "\n".join(out)


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def transcript_srt(cues: Sequence[Cue]) -> str:
    out = []
    for i, c in enumerate(cues, start=1):
        out += [str(i), f"{_stamp(c.start_ms, ',')} --> {_stamp(c.end_ms, ',')}", f"{c.speaker}：{_lines(c.text)}", ""]
    return "\n".join(out)


def transcript_json(cues: Sequence[Cue]) -> str:
    doc = {
        "version": "1.0.0",
        "segments": [
            {"speaker": c.speaker, "startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "body": c.text}
            for c in cues
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def transcript_files(cues: Sequence[Cue]) -> list[tuple[str, str]]:
    """(extension, text) of each transcript format in TYPES."""
    writers = {"vtt": transcript_vtt, "srt": transcript_srt, "json": transcript_json}
    return [(ext, writers[ext](cues)) for ext, _ in TYPES]
