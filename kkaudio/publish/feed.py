"""The RSS feeds podcast apps subscribe to: RSS 2.0 with the iTunes and Podcasting 2.0 tags.

What goes in, and why, follows what the directories ask for: Apple Podcasts (its RSS
requirements), the Podcast Index (the Podcasting 2.0 namespace) and the validators that check
both; tests/test_directories.py states each requirement as a check on the generated feeds."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import quote

from lxml import etree

from ..config import Show
from ..manifest import Person
from ..model import Soundbite

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
ATOM = "http://www.w3.org/2005/Atom"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


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
class Transcript:
    url: str
    mime: str
    rel: str | None = None  # "captions": timed for display while playing (the WebVTT one)


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
    season: int | None = None
    image_url: str | None = None
    people: tuple[Person, ...] = ()  # this episode's own cast (podcast:person on the item)
    link: str | None = None  # the episode's page
    notes_html: str | None = None  # content:encoded: the show notes apps show
    soundbites: tuple[Soundbite, ...] = ()


@dataclass(frozen=True)
class Channel:
    """What a feed says about the show besides its items."""

    title: str
    feed_url: str
    link: str  # the show's page
    image_url: str | None
    people: Sequence[Person]
    last_build: datetime
    copyright: str  # show.copyright, or © the first episode's year and the author
    serial: bool = False


def build_feed(show: Show, channel: Channel, items: Sequence[FeedItem]) -> bytes:
    nsmap = {"itunes": ITUNES, "podcast": PODCAST, "content": CONTENT, "atom": ATOM}
    rss = etree.Element("rss", nsmap=nsmap, version="2.0")
    ch = etree.SubElement(rss, "channel")

    def sub(parent, tag, text=None, **attrs):
        el = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            el.text = text
        return el

    it, pc = f"{{{ITUNES}}}", f"{{{PODCAST}}}"
    sub(ch, "title", channel.title)
    sub(ch, "link", show.link or channel.link)
    sub(ch, "description", show.description or show.title)
    sub(ch, "language", show.language)
    sub(ch, "copyright", channel.copyright)
    sub(ch, "lastBuildDate", format_datetime(channel.last_build))
    sub(ch, "generator", "kkaudio")
    sub(ch, f"{{{ATOM}}}link", href=channel.feed_url, rel="self", type="application/rss+xml")
    if channel.image_url:
        img = sub(ch, "image")
        sub(img, "url", channel.image_url)
        sub(img, "title", channel.title)
        sub(img, "link", show.link or channel.link)
        sub(ch, f"{it}image", href=channel.image_url)
    sub(ch, f"{it}author", show.author)
    sub(ch, f"{it}summary", show.description or show.title)
    owner = sub(ch, f"{it}owner")
    sub(owner, f"{it}name", show.owner_name or show.author)
    if show.owner_email:
        sub(owner, f"{it}email", show.owner_email)
    etree.SubElement(ch, f"{it}category", text=show.category)  # `text` is an attribute here
    sub(ch, f"{it}explicit", "true" if show.explicit else "false")
    sub(ch, f"{it}type", "serial" if channel.serial else "episodic")
    sub(ch, f"{pc}guid", podcast_guid(channel.feed_url))
    if show.owner_email:  # the Podcast Index ignores a lock nobody owns: it needs the owner's email
        sub(ch, f"{pc}locked", "yes" if show.locked else "no", owner=show.owner_email)
    sub(ch, f"{pc}medium", show.medium)
    if show.license:
        sub(ch, f"{pc}license", show.license, url=show.license_url or None)
    for purpose, text in show.txt:
        sub(ch, f"{pc}txt", text, purpose=purpose)
    for person in channel.people:
        sub(ch, f"{pc}person", person.name, role=person.role, group="cast")

    for item in items:
        el = sub(ch, "item")
        sub(el, "title", item.title)
        if item.link:
            sub(el, "link", item.link)
        sub(el, "description", item.description)
        if item.notes_html:
            sub(el, f"{{{CONTENT}}}encoded").text = _cdata(item.notes_html)
        sub(el, "guid", item.guid, isPermaLink="false")
        sub(el, "pubDate", format_datetime(item.published))
        sub(el, "enclosure", url=item.enclosure_url, length=str(item.length), type="audio/mpeg")
        sub(el, f"{it}title", item.title)
        sub(el, f"{it}summary", item.description)
        sub(el, f"{it}duration", str(item.duration_s))
        sub(el, f"{it}explicit", "true" if show.explicit else "false")
        sub(el, f"{it}episodeType", "full")
        if item.season is not None:
            sub(el, f"{it}season", str(item.season))
        if item.episode is not None:
            sub(el, f"{it}episode", str(item.episode))
        if item.image_url:
            sub(el, f"{it}image", href=item.image_url)
        if item.chapters_url:
            sub(el, f"{pc}chapters", url=item.chapters_url, type="application/json+chapters")
        for t in item.transcripts:
            sub(el, f"{pc}transcript", url=t.url, type=t.mime, language=show.language, rel=t.rel)
        if item.season is not None:
            sub(el, f"{pc}season", str(item.season))
        if item.episode is not None:
            sub(el, f"{pc}episode", str(item.episode))
        for bite in item.soundbites:
            sub(el, f"{pc}soundbite", bite.title or None, startTime=_seconds(bite.start_ms),
                duration=_seconds(bite.duration_ms))
        for person in item.people:
            sub(el, f"{pc}person", person.name, role=person.role, group="cast")
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _cdata(html: str):
    # CDATA keeps the HTML readable in the feed; `]]>` cannot occur inside it (markdown-it
    # escapes `>` in text), but if it did the text is escaped the ordinary way instead.
    return html if "]]>" in html else etree.CDATA(html)


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}".rstrip("0").rstrip(".")
