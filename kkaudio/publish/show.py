"""The show's files from the records of its episodes: both feeds and the web pages.

Every episode in the output folder is listed (this render's and earlier ones still there), so
rendering one more transcript adds an item rather than replacing the show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..config import Show
from ..fsutil import Staging, read_if_present
from ..manifest import EpisodeRecord, Person
from . import site
from .feed import Channel, FeedItem, Transcript, build_feed, item_guid, url
from .notes import notes, page_notes, soundbites
from .transcripts import TYPES as TRANSCRIPT_TYPES

FEED = "feed.xml"
CHAPTERS_FEED = "feed-chapters.xml"


def stage_show(records: Sequence[EpisodeRecord], show: Show, base_url: str, staging: Staging, out: Path) -> None:
    """Stage feed.xml, feed-chapters.xml and the pages into `out`."""
    for name, build in ((FEED, episode_feed), (CHAPTERS_FEED, chapter_feed)):
        staging.write(out / name, _built(out / name, lambda when: build(records, show, base_url, when)))
    _stage_site(records, show, base_url, staging, out)


_BUILD_DATE = re.compile(rb"<lastBuildDate>[^<]*</lastBuildDate>")


def _built(path: Path, build) -> bytes:
    """The feed, dated by its episodes' last change; if it differs from the one in place in more
    than that date (the show's settings changed), dated now. A render that changes nothing
    leaves the feed byte for byte as it was."""
    new = build(None)
    old = read_if_present(path)
    if old is not None and _BUILD_DATE.sub(b"", old) == _BUILD_DATE.sub(b"", new):
        return old
    return build(datetime.now(timezone.utc).replace(microsecond=0)) if old is not None else new


def _transcripts(base_url: str, *path: str) -> tuple[Transcript, ...]:
    *folder, stem = path
    return tuple(Transcript(url(base_url, *folder, f"{stem}.{ext}"), mime, "captions" if ext == "vtt" else None)
                 for ext, mime in TRANSCRIPT_TYPES)


def episode_numbers(records: Sequence[EpisodeRecord]) -> dict[str, int]:
    """Episode numbers by order of publication: the first render's time, kept by every later one,
    so a number never changes on a re-render (episodes published together: in slug order)."""
    ordered = sorted(records, key=lambda r: (r.published_at, r.slug))
    return {r.slug: n for n, r in enumerate(ordered, start=1)}


def page_url(base_url: str, slug: str) -> str:
    return url(base_url, slug) + "/"


def _channel(records: Sequence[EpisodeRecord], show: Show, base_url: str, feed: str, title: str, image: str | None,
             serial: bool, built: datetime | None) -> Channel:
    """The channel; built when: the episodes' last change unless given."""
    newest = max((r.updated_at for r in records), default=datetime(1970, 1, 1, tzinfo=timezone.utc))
    newest = max(newest, built) if built else newest
    first = min((r.published_at for r in records), default=newest)
    return Channel(title=title, feed_url=url(base_url, feed), link=base_url + "/", image_url=image,
                   people=_cast(records), last_build=newest, serial=serial,
                   copyright=show.copyright or f"© {first.year} {show.author}")


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


def episode_feed(records: Sequence[EpisodeRecord], show: Show, base_url: str, built: datetime | None = None) -> bytes:
    """feed.xml: one item per episode, newest first (in order, if the show is serial)."""
    numbers = episode_numbers(records)
    items = []
    for r in sorted(records, key=lambda r: r.slug):
        page = page_url(base_url, r.slug)
        shown = notes(r, show, page)
        items.append(FeedItem(
            title=r.title,
            description=shown.text,
            guid=item_guid(show.title, r.slug),
            published=r.published_at,
            enclosure_url=url(base_url, r.slug, r.file),
            length=r.size,
            duration_s=round(r.duration_ms / 1000),
            chapters_url=url(base_url, r.slug, "chapters.json"),
            transcripts=_transcripts(base_url, r.slug, "transcript"),
            episode=numbers[r.slug],
            season=r.season,
            image_url=url(base_url, r.slug, "cover.jpg"),
            people=r.people,
            link=page,
            notes_html=shown.html,
            soundbites=soundbites(r),
        ))
    serial = show.type == "serial"
    items.sort(key=lambda i: i.published, reverse=not serial)
    newest = max(items, key=lambda i: i.published, default=None)
    channel = _channel(records, show, base_url, FEED, show.title or "", newest.image_url if newest else None, serial,
                       built)
    return build_feed(show, channel, items)


def chapter_feed(records: Sequence[EpisodeRecord], show: Show, base_url: str, built: datetime | None = None) -> bytes:
    """feed-chapters.xml: one item per chapter, for listening to the sections as a serial show:
    each episode a season, its chapters the episodes."""
    numbers = episode_numbers(records)
    english = (show.language or "").startswith("en")
    items = []
    for r in sorted(records, key=lambda r: r.slug):
        page = page_url(base_url, r.slug)
        marks, _ = r.timeline()
        for n, (ch, mark) in enumerate(zip(r.chapters, marks), start=1):
            where = f"{page}#t={mark.start_ms / 1000:g}"
            head = f"{r.title} ({n}/{len(r.chapters)}): {ch.title}" if english else \
                f"{r.title}（{n}/{len(r.chapters)}）：{ch.title}"
            items.append(FeedItem(
                title=ch.title,
                description="\n\n".join(p for p in (head, r.description, where) if p),
                guid=item_guid(show.title, r.slug, f"chapter-{n}"),
                # Apps that sort by date keep the chapters in order.
                published=r.published_at + timedelta(minutes=n),
                enclosure_url=url(base_url, r.slug, "chapters", ch.file),
                length=ch.size,
                duration_s=round(ch.duration_ms / 1000),
                transcripts=_transcripts(base_url, r.slug, "chapters", ch.stem),
                episode=n,
                season=numbers[r.slug],
                image_url=url(base_url, r.slug, "cover.jpg"),
                people=r.people,
                link=where,
            ))
    episodes = sorted(records, key=lambda r: r.published_at, reverse=True)
    image = url(base_url, episodes[0].slug, "cover.jpg") if episodes else None
    channel = _channel(records, show, base_url, CHAPTERS_FEED, chapters_feed_title(show), image, True, built)
    return build_feed(show, channel, items)


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
        pages[out / r.slug / "index.html"] = site.episode_page(r, show, base_url, feeds, page_notes(r, show))
    for name in site.ASSETS:
        pages[out / "assets" / name] = site.asset(name)
    for path, data in pages.items():
        if read_if_present(path) != data:
            staging.write(path, data)
