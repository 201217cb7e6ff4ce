"""YouTube's own timed text, as yt-dlp and the site's API save it: XML (`srv1`: `<transcript>`
of `<text start dur>`; `srv2`/`srv3`: `<timedtext>` of `<p t d>`, words in `<s>`) and JSON
(`json3`: `events` of `segs`). Each cue is read as any caption's (captions.cue_lines): `>>`
and dialogue dashes hand the turn over, `NAME:` names who speaks; an automatic caption names
nobody and says so.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from ...errors import ScriptError
from ..lines import Document, Line
from . import MAX_FILE_BYTES, Source, decode, peek_text, register, xml_root
from .captions import cue_lines

_XML = re.compile(r"<(?:transcript|timedtext)[\s>]")
_JSON3 = re.compile(r'"(?:wireMagic|tStartMs)"')


def _claims(head: bytes, suffix: str) -> bool:
    text = peek_text(head)
    return suffix in (".srv1", ".srv2", ".srv3", ".json3") or bool(_XML.search(text[:300])) or (
        text.lstrip().startswith("{") and bool(_JSON3.search(text)))


def _read(data: bytes, path: Path) -> Document:
    text, _ = decode(data, path)
    if text.lstrip().startswith("{"):
        cues, kind = _json3(text, path), "json3"
    else:
        cues, kind = _xml(data, path), "XML"
    lines: list[Line] = []
    for n, (start, rows) in enumerate(cues, 1):
        lines += cue_lines(n, rows, n, start, lambda: len(cues) + len(lines) + 1)
    if not lines:
        raise ScriptError(f"is a YouTube timed-text file ({kind}) with no words in it", path)
    return Document({}, tuple(lines), kind="captions", described=f"YouTube timed text ({kind}), {len(cues)} cues",
                     unnamed="YouTube names no voices in it")


def _json3(text: str, path: Path) -> list[tuple[float | None, list[str]]]:
    try:
        events = json.loads(text).get("events", [])
    except (json.JSONDecodeError, AttributeError):
        raise ScriptError("is a YouTube timed-text file (json3) that is not valid JSON", path) from None
    cues = []
    for event in events:
        words = "".join(seg.get("utf8", "") for seg in event.get("segs") or [] if isinstance(seg, dict))
        if words.strip():  # the events that only move the window hold "\n" alone
            start = event.get("tStartMs")
            cues.append((start / 1000 if isinstance(start, (int, float)) else None, words.split("\n")))
    return cues


def _xml(data: bytes, path: Path) -> list[tuple[float | None, list[str]]]:
    cues = []
    for cue in xml_root(data, path, "a YouTube timed-text file").iter("text", "p"):
        words = html.unescape("".join(cue.itertext()))  # srv1 escapes its text twice (&amp;#39;)
        if words.strip():
            seconds = cue.get("start") or (int(cue.get("t")) / 1000 if (cue.get("t") or "").isdigit() else None)
            cues.append((float(seconds) if seconds is not None else None, words.split("\n")))
    return cues


register(Source("youtube", _claims, _read, max_bytes=MAX_FILE_BYTES))  # word timings: more bytes than words
