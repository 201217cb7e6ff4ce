"""Timed Text (TTML, DFXP): Apple Podcasts' transcripts, broadcasters' and streaming services'
subtitles, read with lxml.

Each `<p>` is a paragraph at its `begin` time; its speaker is its `ttm:agent` (or the agent of
the `<div>` or `<body>` around it), named by the agent's `<ttm:name>` in the head where the file
has one, else made readable (SPEAKER_1 -> Speaker 1). Words in spans of their own (Apple's
`podcasts:unit="word"`) are joined as the file spaces them; `<br/>` starts a line. A file whose
paragraphs name nobody goes to the reader's one style inference, like any caption's text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..lines import Document, Line, Piece, normalise_spaces
from . import Source, peek_text, register, xml_root
from .captions import BILINGUAL, other_language
from .stt_records import readable_id

_TT = re.compile(r"<tt[\s>][^>]*(?:ns/ttml|ttaf1)", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)(?::\d+)?$")
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|m|s|ms|t)?$")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _claims(head: bytes, suffix: str) -> bool:
    return suffix in (".ttml", ".dfxp") or bool(_TT.search(peek_text(head)))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attr(element, name: str) -> str | None:
    """An attribute by its local name, in whichever namespace the file put it (ttm:agent, agent)."""
    return next((v for k, v in element.attrib.items() if _local(k) == name), None)


def _read(data: bytes, path: Path) -> Document:
    root = xml_root(data, path, "a Timed Text (TTML) file")
    ticks = float(_attr(root, "tickRate") or 1)
    names = {}
    for agent in root.iter():
        if _local(agent.tag) == "agent" and (ident := _attr(agent, "id")):
            name = next((normalise_spaces(n.text or "").strip() for n in agent if _local(n.tag) == "name"), "")
            names[ident] = name or readable_id(ident)
    paragraphs = [p for p in root.iter() if _local(p.tag) == "p"]
    texts = [_rows(p) for p in paragraphs]
    other = other_language(texts)
    lines: list[Line] = []
    dropped = []
    for para, (p, rows) in enumerate(zip(paragraphs, texts), 1):
        agent = next((a for e in (p, *p.iterancestors()) if (a := _attr(e, "agent"))), None)
        speaker = names.get(agent.split()[0], readable_id(agent.split()[0])) if agent else None
        start = _seconds(next((b for e in (p, *p.iterancestors()) if (b := _attr(e, "begin"))), None), ticks)
        dropped += [(p.sourceline or para, row, BILINGUAL) for row in rows if other(row)]
        for j, row in enumerate(r for r in rows if not other(r)):
            lines.append(Line(p.sourceline or para, "text", (Piece(row),), para=para, speaker=speaker, start=start,
                              wrapped=bool(j)))
    described = f"Timed Text (TTML), {len(paragraphs)} paragraphs"
    title = next((normalise_spaces(e.text or "").strip() for e in root.iter() if _local(e.tag) == "title"), "")
    return Document({"title": title} if title else {}, tuple(lines), kind="captions", described=described,
                    dropped=tuple(dropped), unnamed="no ttm:agent on its paragraphs")


def _rows(p) -> list[str]:
    """A paragraph's text, a row per `<br/>`; words in spans of their own (`podcasts:unit="word"`)
    a space apart where the file writes none between them (but not between CJK characters)."""
    parts = [p.text or ""]
    for child in p.iterdescendants():
        text = "\n" if _local(child.tag) == "br" else child.text or ""
        before = "".join(parts[-2:])[-1:]
        if _attr(child, "unit") == "word" and text and before and not before.isspace() and \
                not (_CJK.match(before) and _CJK.match(text[0])):
            parts.append(" ")
        parts += [text, child.tail or ""]
    return [row for row in (normalise_spaces(r).strip() for r in "".join(parts).split("\n")) if row]


def _seconds(value: str | None, ticks: float) -> float | None:
    """TTML's times: a clock (00:01:02.500) or an offset (62.5s, 1500ms, 62.5, 625000t)."""
    if not value:
        return None
    value = value.strip()
    if m := _CLOCK.match(value):
        return round(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3)), 3)
    if m := _OFFSET.match(value):
        scale = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "t": 1 / ticks, None: 1}[m.group(2)]
        return round(float(m.group(1)) * scale, 3)
    return None


register(Source("ttml", _claims, _read))
