"""What podcast apps read: the RSS feed, chapters.json and transcripts (VTT, SRT, JSON)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import quote

from lxml import etree

from .config import Show
from .model import Cue
from .textnorm import word_gaps

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
ATOM = "http://www.w3.org/2005/Atom"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
CUE_LINE_CHARS = 20  # a CJK subtitle line; cues are at most two of them


def url(base_url: str, *parts: str) -> str:
    return base_url.rstrip("/") + "/" + "/".join(quote(p) for p in parts)


def podcast_guid(feed_url: str) -> str:
    """Podcasting 2.0 podcast:guid: UUIDv5 of the feed URL without scheme or trailing slash."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def item_guid(show_title: str, slug: str, part: str = "") -> str:
    """Stable across renders and base-URL moves: derived from the show and the episode's slug."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"kkaudio:{show_title}:{slug}:{part}"))


@dataclass(frozen=True)
class Person:
    name: str
    role: str  # Podcasting 2.0 taxonomy: host, guest


@dataclass(frozen=True)
class Transcript:
    url: str
    mime: str


@dataclass(frozen=True)
class FeedItem:
    title: str
    description: str
    guid: str
    published: datetime
    enclosure_url: str
    length: int
    duration_s: int
    chapters_url: str | None = None
    transcripts: tuple[Transcript, ...] = ()
    episode: int | None = None
    image_url: str | None = None
    people: tuple[Person, ...] = ()  # this episode's own cast (podcast:person on the item)


def build_feed(
    show: Show, feed_url: str, image_url: str | None, people: Sequence[Person], items: Sequence[FeedItem],
    *, title: str | None = None, serial: bool = False,
) -> bytes:
    nsmap = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM}
    rss = etree.Element("rss", nsmap=nsmap, version="2.0")
    ch = etree.SubElement(rss, "channel")

    def sub(parent, tag, text=None, **attrs):
        el = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            el.text = text
        return el

    it, pc = f"{{{ITUNES}}}", f"{{{PODCAST}}}"
    sub(ch, "title", title or show.title)
    sub(ch, "link", show.link or feed_url.rsplit("/", 1)[0] + "/")
    sub(ch, "description", show.description or show.title)
    sub(ch, "language", show.language)
    sub(ch, "generator", "kkaudio")
    sub(ch, f"{{{ATOM}}}link", href=feed_url, rel="self", type="application/rss+xml")
    if image_url:
        img = sub(ch, "image")
        sub(img, "url", image_url)
        sub(img, "title", title or show.title)
        sub(img, "link", show.link or feed_url.rsplit("/", 1)[0] + "/")
        sub(ch, f"{it}image", href=image_url)
    sub(ch, f"{it}author", show.author)
    owner = sub(ch, f"{it}owner")
    sub(owner, f"{it}name", show.owner_name or show.author)
    if show.owner_email:
        sub(owner, f"{it}email", show.owner_email)
    etree.SubElement(ch, f"{it}category", text=show.category)  # `text` is an attribute here
    sub(ch, f"{it}explicit", "true" if show.explicit else "false")
    sub(ch, f"{it}type", "serial" if serial else "episodic")
    sub(ch, f"{pc}guid", podcast_guid(feed_url))
    for person in people:
        sub(ch, f"{pc}person", person.name, role=person.role, group="cast")

    for item in items:
        el = sub(ch, "item")
        sub(el, "title", item.title)
        sub(el, "description", item.description)
        sub(el, "guid", item.guid, isPermaLink="false")
        sub(el, "pubDate", format_datetime(item.published))
        sub(el, "enclosure", url=item.enclosure_url, length=str(item.length), type="audio/mpeg")
        sub(el, f"{it}title", item.title)
        sub(el, f"{it}duration", str(item.duration_s))
        sub(el, f"{it}explicit", "true" if show.explicit else "false")
        sub(el, f"{it}episodeType", "full")
        if item.episode is not None:
            sub(el, f"{it}episode", str(item.episode))
        if item.image_url:
            sub(el, f"{it}image", href=item.image_url)
        if item.chapters_url:
            sub(el, f"{pc}chapters", url=item.chapters_url, type="application/json+chapters")
        for t in item.transcripts:
            sub(el, f"{pc}transcript", url=t.url, type=t.mime, language=show.language)
        for person in item.people:
            sub(el, f"{pc}person", person.name, role=person.role, group="cast")
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


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

    Lines end only between words (textnorm.word_gaps), never leave a mark alone at a line's
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
