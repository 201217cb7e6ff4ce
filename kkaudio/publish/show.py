"""The show's files from the records of its episodes: both feeds and the web pages.

Every episode in the output folder is listed (this render's and earlier ones still there), so
rendering one more transcript adds an item rather than replacing the show.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from ..config import Show
from ..fsutil import Staging
from ..manifest import EpisodeRecord, Person
from . import site
from .feed import FeedItem, Transcript, build_feed, item_guid, url
from .transcripts import TYPES as TRANSCRIPT_TYPES

FEED = "feed.xml"
CHAPTERS_FEED = "feed-chapters.xml"


def stage_show(records: Sequence[EpisodeRecord], show: Show, base_url: str, staging: Staging, out: Path) -> None:
    """Stage feed.xml, feed-chapters.xml and the pages into `out`."""
    staging.write(out / FEED, episode_feed(records, show, base_url))
    staging.write(out / CHAPTERS_FEED, chapter_feed(records, show, base_url))
    _stage_site(records, show, base_url, staging, out)


def _transcripts(base_url: str, *path: str) -> tuple[Transcript, ...]:
    *folder, stem = path
    return tuple(Transcript(url(base_url, *folder, f"{stem}.{ext}"), mime) for ext, mime in TRANSCRIPT_TYPES)


def chapters_feed_title(show: Show) -> str:
    english = (show.language or "").startswith("en")
    return show.title + (" (chapters)" if english else "（分章节）")


def _cast(records: Sequence[EpisodeRecord]) -> list[Person]:
    """Everyone in the show, once each, in the order they first appear (the channel's persons)."""
    people: dict[str, Person] = {}
    for record in records:
        for person in record.people:
            people.setdefault(person.name, person)
    return list(people.values())


def episode_feed(records: Sequence[EpisodeRecord], show: Show, base_url: str) -> bytes:
    """feed.xml: one item per episode, newest first."""
    items = []
    for r in sorted(records, key=lambda r: r.slug):
        items.append(FeedItem(
            title=r.title,
            description=r.description,
            guid=item_guid(show.title, r.slug),
            published=r.published_at,
            enclosure_url=url(base_url, r.slug, r.file),
            length=r.size,
            duration_s=round(r.duration_ms / 1000),
            chapters_url=url(base_url, r.slug, "chapters.json"),
            transcripts=_transcripts(base_url, r.slug, "transcript"),
            image_url=url(base_url, r.slug, "cover.jpg"),
            people=r.people,
        ))
    items.sort(key=lambda i: i.published, reverse=True)
    image = items[0].image_url if items else None
    return build_feed(show, url(base_url, FEED), image, _cast(records), items)


def chapter_feed(records: Sequence[EpisodeRecord], show: Show, base_url: str) -> bytes:
    """feed-chapters.xml: one item per chapter, for listening to the sections as a serial show."""
    items = []
    for r in sorted(records, key=lambda r: r.slug):
        for n, ch in enumerate(r.chapters, start=1):
            items.append(FeedItem(
                title=ch.title,
                description=f"{r.title}（{n}/{len(r.chapters)}）：{ch.title}",
                guid=item_guid(show.title, r.slug, f"chapter-{n}"),
                # Apps that sort by date keep the chapters in order.
                published=r.published_at + timedelta(minutes=n),
                enclosure_url=url(base_url, r.slug, "chapters", ch.file),
                length=ch.size,
                duration_s=round(ch.duration_ms / 1000),
                transcripts=_transcripts(base_url, r.slug, "chapters", ch.stem),
                episode=n,
                image_url=url(base_url, r.slug, "cover.jpg"),
                people=r.people,
            ))
    episodes = sorted(records, key=lambda r: r.published_at, reverse=True)
    image = url(base_url, episodes[0].slug, "cover.jpg") if episodes else None
    return build_feed(show, url(base_url, CHAPTERS_FEED), image, _cast(records), items,
                      title=chapters_feed_title(show), serial=True)


def site_feeds(show: Show, base_url: str) -> list[site.Feed]:
    return [site.Feed(show.title, FEED, url(base_url, FEED)),
            site.Feed(chapters_feed_title(show), CHAPTERS_FEED, url(base_url, CHAPTERS_FEED))]


def _stage_site(records: Sequence[EpisodeRecord], show: Show, base_url: str, staging: Staging, out: Path) -> None:
    """index.html for the show and for each episode, and their stylesheet and script; each
    written only when it changed."""
    feeds = site_feeds(show, base_url)
    pages = {out / "index.html": site.show_page(records, show, base_url, feeds)}
    for r in records:
        if r.chapters and not r.has_cues:
            continue  # an episode rendered before pages existed: it gets one on its next render
        pages[out / r.slug / "index.html"] = site.episode_page(r, show, base_url, feeds)
    for name in site.ASSETS:
        pages[out / "assets" / name] = site.asset(name)
    for path, data in pages.items():
        if _read(path) != data:
            staging.write(path, data)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
