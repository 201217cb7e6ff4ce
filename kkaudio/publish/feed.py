"""The RSS feeds podcast apps subscribe to: RSS 2.0 with the iTunes and Podcasting 2.0 tags."""

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
