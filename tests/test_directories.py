"""The feeds against what podcast directories publish as their requirements.

Apple Podcasts ("A Podcaster's Guide to RSS" and its artwork and category rules), the Podcast
Index (the Podcasting 2.0 namespace at podcastindex.org/namespace/1.0) and the validators built
on both (Cast Feed Validator, Podbase) check these; each test states one of them. They run on
real renders: the seed (its first chapters, with the repo's voices.yaml and a few publishing
keys more) and the English fixture with no configuration, both with espeak. Two independent
readers read every feed back: podcastparser (gPodder's, as an app sees the notes) and
podcast-partytime (the Podcast Index's own parser, under node), which must understand every
podcast:* tag kkaudio writes. `KKAUDIO_PUBLISHED=episodes pytest tests/test_directories.py`
checks an output folder of your own the same way.
"""

from __future__ import annotations

import email.utils
import html
import json
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit

import podcastparser
import pytest
from lxml import etree
from PIL import Image

from .conftest import DATA, REPO, SEED, need_tool

NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd", "podcast": "https://podcastindex.org/namespace/1.0",
      "content": "http://purl.org/rss/1.0/modules/content/", "atom": "http://www.w3.org/2005/Atom"}
# Apple Podcasts' categories (top level), as its category list publishes them.
APPLE_CATEGORIES = {
    "Arts", "Business", "Comedy", "Education", "Fiction", "Government", "History", "Health & Fitness",
    "Kids & Family", "Leisure", "Music", "News", "Religion & Spirituality", "Science", "Society & Culture",
    "Sports", "Technology", "True Crime", "TV & Film",
}
MEDIUMS = {"podcast", "music", "video", "film", "audiobook", "newsletter", "blog"}
PERSON_ROLES = {"host", "guest", "narrator", "co-host", "producer"}  # of the taxonomy's Cast group and others
SEED_EXTRA = """
  copyright: © 2024 刘润 & <Kevin Kelly>
  license: cc-by-nc-nd-4.0
  license_url: https://creativecommons.org/licenses/by-nc-nd/4.0/
  txt:
    applepodcastsverify: 0a1b2c3d-kkaudio-test
  notes: |
    更多内容见 [刘润的网站](https://example.com/liurun) · **<script>alert(1)</script>** & 🎙
"""
SIDECAR = """\
season: 2
notes: |
  The book: *The Inevitable*. Links: <https://example.com/kk>
"""


def _render(root: Path, seed: Path, voices: Path | None, chapters: str | None = None) -> Path:
    from kkaudio.config import default_config, load_config
    from kkaudio.pipeline.render import RenderOptions, parse_chapters, render

    config = load_config(voices) if voices else default_config(root / "voices.yaml")
    out = root / "out"
    render([seed], config, RenderOptions(out=out, cache_dir=root / "cache", engine="espeak",
                                         chapters=parse_chapters(chapters) if chapters else None))
    return out


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seed-feed")
    text = (REPO / "voices.yaml").read_text(encoding="utf-8")
    text = text.replace("\nspeakers:", SEED_EXTRA.rstrip() + "\n\nspeakers:", 1)
    (root / "voices.yaml").write_text(text, encoding="utf-8")
    seed = root / SEED.name
    shutil.copy(SEED, seed)
    (root / (SEED.name + ".yaml")).write_text(SIDECAR, encoding="utf-8")
    return _render(root, seed, root / "voices.yaml", "0-2")


@pytest.fixture(scope="session")
def english_out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("english-feed")
    seed = root / "english.md"
    shutil.copy(DATA / "transcripts" / "english.md", seed)
    return _render(root, seed, None)


def _outputs():
    outs = ["seed_out", "english_out"]
    if os.environ.get("KKAUDIO_PUBLISHED"):
        outs.append("published")
    return outs


@pytest.fixture(params=_outputs())
def out(request) -> Path:
    if request.param == "published":
        return Path(os.environ["KKAUDIO_PUBLISHED"])
    return request.getfixturevalue(request.param)


@pytest.fixture(params=["feed.xml", "feed-chapters.xml"])
def feed(out, request) -> Path:
    return out / request.param


def _tree(feed: Path):
    return etree.parse(str(feed), etree.XMLParser(resolve_entities=False))  # strict: raises if not well-formed


def _local(out: Path, url: str) -> Path:
    """The file in the output folder a feed URL points at (the base URL is the folder's root)."""
    channel_link = _tree(out / "feed.xml").findtext("channel/link")
    rel = unquote(urlsplit(url).path)[len(unquote(urlsplit(channel_link).path)):]
    path = out / rel.split("#")[0]
    return path / "index.html" if rel.endswith("/") or not rel else path


# --- RSS 2.0 and Apple Podcasts -------------------------------------------------------------------

def test_well_formed_rss_2(feed):
    root = _tree(feed).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert len(root.findall("channel")) == 1


def test_channel_has_apples_required_and_recommended_tags(feed):
    ch = _tree(feed).find("channel")
    for tag in ("title", "description", "language", "link", "copyright", "itunes:author", "itunes:explicit",
                "itunes:type", "itunes:owner/itunes:name"):
        assert (ch.xpath(f"{tag}/text()", namespaces=NS) or [""])[0].strip(), tag
    assert re.fullmatch(r"[a-z]{2,3}(-[a-z]{2,4})?", ch.findtext("language"))
    assert ch.xpath("itunes:explicit/text()", namespaces=NS)[0] in ("true", "false")
    assert ch.xpath("itunes:type/text()", namespaces=NS)[0] in ("episodic", "serial")
    (category,) = ch.xpath("itunes:category/@text", namespaces=NS)
    assert category in APPLE_CATEGORIES
    assert ch.xpath("atom:link[@rel='self']/@href", namespaces=NS) == [ch.xpath("atom:link/@href", namespaces=NS)[0]]


def test_owner_email_is_an_email_where_given(feed):
    for address in _tree(feed).xpath("/rss/channel/itunes:owner/itunes:email/text()", namespaces=NS):
        assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address)


def test_artwork_is_square_1400_to_3000_rgb_jpeg_or_png(feed):
    tree = _tree(feed)
    images = set(tree.xpath("//itunes:image/@href", namespaces=NS)) | set(tree.xpath("//channel/image/url/text()"))
    assert images
    for url in images:
        with Image.open(_local(feed.parent, url)) as image:
            assert image.format in ("JPEG", "PNG")
            assert image.mode == "RGB"
            assert image.width == image.height and 1400 <= image.width <= 3000


def test_items_have_title_enclosure_guid_and_dates(feed):
    tree = _tree(feed)
    build = email.utils.parsedate_to_datetime(tree.findtext("channel/lastBuildDate"))
    items = tree.findall("channel/item")
    assert items
    for item in items:
        assert item.findtext("title").strip() and item.findtext("description").strip()
        enclosure = item.find("enclosure")
        assert enclosure.get("type") == "audio/mpeg"
        assert int(enclosure.get("length")) == _local(feed.parent, enclosure.get("url")).stat().st_size
        date = item.findtext("pubDate")
        assert re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                            r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}", date)
        assert email.utils.parsedate_to_datetime(date) <= build + _minutes(60)
        duration = item.xpath("itunes:duration/text()", namespaces=NS)[0]
        assert re.fullmatch(r"\d+|(\d+:)?\d{1,2}:\d{2}", duration) and int(duration) > 0
        assert item.xpath("itunes:episodeType/text()", namespaces=NS) == ["full"]
        assert int(item.xpath("itunes:episode/text()", namespaces=NS)[0]) >= 1


def _minutes(n: int):
    from datetime import timedelta

    return timedelta(minutes=n)


def test_guids_are_unique_and_stable_across_a_re_render(out, tmp_path):
    for name in ("feed.xml", "feed-chapters.xml"):
        guids = _tree(out / name).xpath("//item/guid/text()")
        assert len(guids) == len(set(guids))
    if "published" in str(out) or not (out.parent / "cache").is_dir():
        return
    before = {name: (out / name).read_bytes() for name in ("feed.xml", "feed-chapters.xml")}
    copy = tmp_path / "again"
    shutil.copytree(out.parent, copy)
    from kkaudio.config import default_config, load_config
    from kkaudio.pipeline.render import RenderOptions, parse_chapters, render

    voices = copy / "voices.yaml"
    seeds = [p for p in copy.iterdir() if p.suffix in (".txt", ".md")]
    preview = "0-2" if any(p.name == SEED.name for p in seeds) else None
    config = load_config(voices) if voices.is_file() else default_config(voices)
    render(seeds, config, RenderOptions(out=copy / "out", cache_dir=copy / "cache", engine="espeak",
                                        chapters=parse_chapters(preview) if preview else None))
    for name, data in before.items():
        assert (copy / "out" / name).read_bytes() == data, f"{name} changed on a render that changed nothing"


def test_links_lead_to_the_show_and_episode_pages(feed):
    tree = _tree(feed)
    assert _local(feed.parent, tree.findtext("channel/link")) == feed.parent / "index.html"
    for item in tree.findall("channel/item"):
        page = _local(feed.parent, item.findtext("link"))
        assert page.name == "index.html" and page.is_file() and page.parent != feed.parent


def test_every_url_has_the_base_urls_scheme(feed):
    """Apple and most apps require HTTPS to publish; the feed uses the base URL's scheme for every
    link, so serving it over HTTPS (show.base_url: https://…) makes every URL HTTPS."""
    tree = _tree(feed)
    scheme = urlsplit(tree.findtext("channel/link")).scheme
    license_url = tree.xpath("//podcast:license/@url", namespaces=NS)
    urls = [v for e in tree.iter() if isinstance(e.tag, str) for k, v in e.attrib.items() if k in ("url", "href")]
    urls += tree.xpath("//link/text() | //image/url/text()")
    assert urls
    for url in urls:
        if url not in license_url:  # the licence's own page is the licence's
            assert urlsplit(url).scheme == scheme, url


# --- Podcasting 2.0 --------------------------------------------------------------------------------

def test_podcast_guid_is_the_uuid5_of_the_feed_url(feed):
    ch = _tree(feed).find("channel")
    self_url = ch.xpath("atom:link[@rel='self']/@href", namespaces=NS)[0]
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    expected = str(uuid.uuid5(namespace, self_url.split("://", 1)[1].rstrip("/")))
    assert ch.xpath("podcast:guid/text()", namespaces=NS) == [expected]


def test_podcast_channel_tags(feed):
    ch = _tree(feed).find("channel")
    owner = ch.xpath("itunes:owner/itunes:email/text()", namespaces=NS)
    locked = ch.xpath("podcast:locked", namespaces=NS)
    if owner:  # a lock is the owner's: without their email the Podcast Index ignores it
        assert [(x.text, x.get("owner")) for x in locked] in ([("yes", owner[0])], [("no", owner[0])])
    else:
        assert not locked
    assert ch.xpath("podcast:medium/text()", namespaces=NS)[0] in MEDIUMS
    for person in ch.xpath(".//podcast:person", namespaces=NS):
        assert person.get("role") in PERSON_ROLES and person.text.strip()


def test_transcripts_chapters_and_soundbites(feed):
    for item in _tree(feed).findall("channel/item"):
        duration = int(item.xpath("itunes:duration/text()", namespaces=NS)[0])
        transcripts = item.xpath("podcast:transcript", namespaces=NS)
        assert {t.get("type") for t in transcripts} >= {"text/vtt", "application/x-subrip", "application/json"}
        for t in transcripts:
            assert _local(feed.parent, t.get("url")).is_file()
            assert t.get("rel") == ("captions" if t.get("type") == "text/vtt" else None)
        for chapters in item.xpath("podcast:chapters", namespaces=NS):
            assert chapters.get("type") == "application/json+chapters"
            assert json.loads(_local(feed.parent, chapters.get("url")).read_text(encoding="utf-8"))["chapters"]
        bites = item.xpath("podcast:soundbite", namespaces=NS)
        assert len(bites) <= 3
        for bite in bites:
            start, length = float(bite.get("startTime")), float(bite.get("duration"))
            assert 15 <= length <= 60 and 0 <= start and start + length <= duration + 1
            assert bite.text and len(bite.text) <= 128
        for tag in ("podcast:episode", "podcast:season"):
            for value in item.xpath(f"{tag}/text()", namespaces=NS):
                assert re.fullmatch(r"\d+(\.\d+)?", value)


def test_seed_feed_carries_the_configured_tags(seed_out):
    ch = _tree(seed_out / "feed.xml").find("channel")
    assert ch.findtext("copyright") == "© 2024 刘润 & <Kevin Kelly>"
    assert ch.xpath("itunes:owner/itunes:email/text()", namespaces=NS) == ["podcast@example.com"]
    assert ch.xpath("podcast:license/text()", namespaces=NS) == ["cc-by-nc-nd-4.0"]
    assert ch.xpath("podcast:txt[@purpose='applepodcastsverify']/text()", namespaces=NS) == ["0a1b2c3d-kkaudio-test"]
    (item,) = ch.findall("item")
    assert item.xpath("itunes:season/text()", namespaces=NS) == item.xpath("podcast:season/text()", namespaces=NS) \
        == ["2"]
    assert item.xpath("podcast:soundbite", namespaces=NS), "the rule found no soundbite in three chapters"


# --- show notes ------------------------------------------------------------------------------------

def _chapter_times(folder: Path) -> list[tuple[str, str]]:
    chapters = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))["chapters"]
    clock = lambda s: f"{int(s) // 3600:02d}:{int(s) // 60 % 60:02d}:{int(s) % 60:02d}"  # noqa: E731
    return [(clock(c["startTime"]), c["title"]) for c in chapters]


def test_an_app_shows_notes_with_chapter_times_cast_and_links(out):
    """gPodder's parser, as the app shows an episode's notes."""
    feed = out / "feed.xml"
    with feed.open("rb") as stream:
        parsed = podcastparser.parse(feed.as_uri(), stream)
    assert parsed["episodes"]
    for episode in parsed["episodes"]:
        page = episode["link"]
        folder = _local(out, page).parent
        notes = episode["description_html"]
        for clock, title in _chapter_times(folder):
            assert f"<li>{clock} {_escaped(title)}</li>" in notes
            assert f"{clock} {title}" in episode["description"]
        assert f'href="{page}"' in notes and page.endswith("/")
        record = json.loads((folder / ".kkaudio.json").read_text(encoding="utf-8"))
        for name, _ in record["people"]:
            assert _escaped(name) in notes


def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


def test_user_notes_are_markdown_with_html_escaped(seed_out):
    notes = _tree(seed_out / "feed.xml").xpath("//item/content:encoded/text()", namespaces=NS)[0]
    assert '<a href="https://example.com/liurun">刘润的网站</a>' in notes
    assert "<em>The Inevitable</em>" in notes and '<a href="https://example.com/kk">' in notes
    assert "<script>" not in notes and "&lt;script&gt;alert(1)&lt;/script&gt;" in notes
    assert "🎙" in notes
    page = (seed_out / "kk-5000-days" / "index.html").read_text(encoding="utf-8")
    assert "<em>The Inevitable</em>" in page and "<script>alert" not in page


# --- the Podcast Index's parser ------------------------------------------------------------------------

def _partytime(feed: Path) -> dict:
    node = need_tool("node")
    modules = os.environ.get("KKAUDIO_NODE_MODULES") or str(REPO / "node_modules")
    if not (Path(modules) / "podcast-partytime").is_dir():
        if os.environ.get("CI") or os.environ.get("KKAUDIO_NODE_MODULES"):
            pytest.fail(f"podcast-partytime is not in {modules}; .ci/run should have installed it")
        pytest.skip("podcast-partytime is not installed (npm install podcast-partytime@5.0.0; "
                    "KKAUDIO_NODE_MODULES=its node_modules)")
    done = subprocess.run([node, str(Path(__file__).parent / "node" / "partytime.js")], input=feed.read_bytes(),
                          capture_output=True, env={**os.environ, "NODE_PATH": modules}, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def test_partytime_reads_every_podcast_tag_back(feed):
    parsed = _partytime(feed)
    tree = _tree(feed)
    ch = tree.find("channel")
    assert parsed["guid"] == ch.xpath("podcast:guid/text()", namespaces=NS)[0]
    for locked in ch.xpath("podcast:locked", namespaces=NS):
        assert parsed["locked"] == (locked.text == "yes") and parsed["podcastOwner"] == locked.get("owner")
    assert parsed["medium"] == ch.xpath("podcast:medium/text()", namespaces=NS)[0]
    if ch.xpath("podcast:license", namespaces=NS):
        assert parsed["license"]["identifier"] == ch.xpath("podcast:license/text()", namespaces=NS)[0]
        assert parsed["license"].get("url") == ch.xpath("podcast:license/@url", namespaces=NS)[0]
    for purpose, text in zip(ch.xpath("podcast:txt/@purpose", namespaces=NS), ch.xpath("podcast:txt/text()", namespaces=NS)):
        assert {"purpose": purpose, "value": text} in parsed["podcastTxt"]
    assert [p["name"] for p in parsed["podcastPeople"]] == ch.xpath("podcast:person/text()", namespaces=NS)
    assert parsed["lastBuildDate"] and parsed["copyright"] == ch.findtext("copyright")
    items = {i["guid"]: i for i in parsed["items"]}
    assert len(items) == len(ch.findall("item"))
    for item in ch.findall("item"):
        got = items[item.findtext("guid")]
        q = lambda query: item.xpath(query, namespaces=NS)  # noqa: E731
        assert got["link"] == item.findtext("link")
        # partytime decodes the entities in the HTML it hands on (he.decode): compare likewise
        assert got.get("content") == next((html.unescape(c) for c in q("content:encoded/text()")), None)
        assert got["podcastEpisode"]["number"] == int(q("podcast:episode/text()")[0])
        if q("podcast:season"):
            assert got["podcastSeason"]["number"] == int(q("podcast:season/text()")[0])
        urls = [(t["url"], t.get("rel")) for t in got["podcastTranscripts"]]
        assert urls == list(zip(q("podcast:transcript/@url"), [t.get("rel") for t in q("podcast:transcript")]))
        if q("podcast:chapters"):
            assert got["podcastChapters"]["url"] == q("podcast:chapters/@url")[0]
        bites = [(b["startTime"], b["duration"], b.get("title")) for b in got.get("podcastSoundbites", [])]
        assert bites == [(float(b.get("startTime")), float(b.get("duration")), b.text) for b in q("podcast:soundbite")]
        assert [p["name"] for p in got["podcastPeople"]] == q("podcast:person/text()")
    written = {etree.QName(e).localname for e in tree.iter() if isinstance(e.tag, str)
               and e.tag.startswith("{" + NS["podcast"])}
    understood = {tag for tags in parsed["pc20support"].values() for tag in tags}
    assert written <= understood, written - understood


# --- what the user configures, and bad input -----------------------------------------------------------

@pytest.mark.parametrize("block, message", [
    ("show: {owner_email: not-an-email}", "show.owner_email 'not-an-email' is not an email address"),
    ("show: {medium: radio}", "show.medium must be one of podcast, music"),
    ("show: {type: daily}", "show.type must be episodic (newest first) or serial"),
    ("show: {locked: maybe}", "show.locked must be true or false"),
    ("show: {txt: {'a purpose!': x}}", "show.txt maps a purpose"),
    ("show: {license_url: creativecommons.org}", "show.license_url must be an http(s) URL"),
])
def test_bad_show_keys_are_one_line_errors(isolated, block, message):
    from kkaudio.config import load_config
    from kkaudio.errors import ConfigError

    path = isolated / "voices.yaml"
    path.write_text(block + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert message in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("sidecar, message", [
    ("season: two", "season must be a whole number from 1"),
    ("soundbites: {start: 1}", "soundbites must be a list"),
    ("soundbites: [{start: soon, duration: 20}]", "soundbites[0].start must be a time such as 12:30"),
    ("soundbites: [{start: '1:00', duration: 0}]", "soundbites[0].duration must be seconds"),
    ("notes: [a, b]", "notes must be Markdown text"),
])
def test_bad_sidecar_keys_are_one_line_errors(two_chapters, espeak_voices_file, sidecar, message):
    from .conftest import kkaudio

    (two_chapters.parent / (two_chapters.name + ".yaml")).write_text(sidecar + "\n", encoding="utf-8")
    done = kkaudio("script", str(two_chapters), "--voices", str(espeak_voices_file))
    assert done.returncode != 0
    assert message in done.stderr and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_episode_numbers_follow_publication_and_soundbites_can_be_set(tmp_path, two_chapters, voices_file):
    from kkaudio.config import load_config
    from kkaudio.pipeline.render import RenderOptions, render

    config = load_config(voices_file)
    out = tmp_path / "out"
    (two_chapters.parent / (two_chapters.name + ".yaml")).write_text(
        "soundbites: [{start: '0:01.5', duration: 2, title: Hello & <you>}]\n", encoding="utf-8")
    render([two_chapters], config, RenderOptions(out=out, cache_dir=tmp_path / "cache"))
    later = two_chapters.with_name("later.txt")
    later.write_text(two_chapters.read_text(encoding="utf-8").replace("引言", "后来"), encoding="utf-8")
    render([later], config, RenderOptions(out=out, cache_dir=tmp_path / "cache"))
    render([later, two_chapters], config, RenderOptions(out=out, cache_dir=tmp_path / "cache"))
    items = _tree(out / "feed.xml").findall("channel/item")
    numbers = {i.findtext("link").rstrip("/").rsplit("/", 1)[1]: i.xpath("itunes:episode/text()", namespaces=NS)[0]
               for i in items}
    assert numbers == {"two-chapters": "1", "later": "2"}
    first = next(i for i in items if "two-chapters" in i.findtext("link"))
    bite = first.xpath("podcast:soundbite", namespaces=NS)
    assert [(b.get("startTime"), b.get("duration"), b.text) for b in bite] == [("1.5", "2", "Hello & <you>")]


def test_a_replaced_cover_is_made_again_not_published(tmp_path, two_chapters, voices_file):
    from kkaudio.config import load_config
    from kkaudio.pipeline.render import RenderOptions, render

    config = load_config(voices_file)
    out = tmp_path / "out"
    render([two_chapters], config, RenderOptions(out=out, cache_dir=tmp_path / "cache"))
    cover = out / "two-chapters" / "cover.jpg"
    Image.new("RGB", (1000, 700), "white").save(cover, "JPEG")
    render([two_chapters], config, RenderOptions(out=out, cache_dir=tmp_path / "cache"))
    with Image.open(cover) as image:
        assert image.size == (3000, 3000) and image.mode == "RGB"


def test_last_build_date_moves_when_the_show_changes(tmp_path, two_chapters, voices_file):
    import time

    from kkaudio.config import load_config
    from kkaudio.pipeline.render import RenderOptions, render

    out = tmp_path / "out"
    render([two_chapters], load_config(voices_file), RenderOptions(out=out, cache_dir=tmp_path / "cache"))
    before = email.utils.parsedate_to_datetime(_tree(out / "feed.xml").findtext("channel/lastBuildDate"))
    time.sleep(1.1)
    voices_file.write_text(voices_file.read_text(encoding="utf-8").replace("一个测试节目", "另一个描述"), encoding="utf-8")
    render([two_chapters], load_config(voices_file), RenderOptions(out=out, cache_dir=tmp_path / "cache"))
    tree = _tree(out / "feed.xml")
    assert tree.findtext("channel/description") == "另一个描述"
    assert email.utils.parsedate_to_datetime(tree.findtext("channel/lastBuildDate")) > before
