"""Podcast-grade output, each checked with a reader kkaudio does not use itself."""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import feedparser
import miniaudio
import numpy as np
import pytest
from lxml import etree
from mutagen.id3 import ID3
from PIL import Image

from kkaudio.publish.transcripts import transcript_vtt
from kkaudio.model import Cue

from .conftest import DATA, kkaudio, kkaudio_process, need_tool

SLUG = "two-chapters"
NS = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd", "podcast": "https://podcastindex.org/namespace/1.0"}
BASE = "http://podcast.example/shows"


def xpath(path: Path, query: str):
    return etree.parse(str(path)).xpath(query, namespaces=NS)


def decoded_seconds(path: Path) -> float:
    d = miniaudio.mp3_read_file_f32(str(path))
    return d.num_frames / d.sample_rate


def all_mp3s(out: Path) -> list[Path]:
    return sorted(out.rglob("*.mp3"))


# --- audio ---------------------------------------------------------------------------------------

def ebur128(path: Path) -> tuple[float, float]:
    ffmpeg = need_tool("ffmpeg")
    result = subprocess.run([ffmpeg, "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true",
                             "-f", "null", "-"], capture_output=True, text=True, check=True)
    summary = result.stderr[result.stderr.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


def test_loudness_is_podcast_standard(espeak_episode):
    for path in all_mp3s(espeak_episode):
        integrated, peak = ebur128(path)
        assert -17.0 <= integrated <= -15.0, (path.name, integrated)
        assert peak <= -1.0, (path.name, peak)


def test_mp3s_pass_mp3val(espeak_episode):
    mp3val = need_tool("mp3val")
    for path in all_mp3s(espeak_episode):
        result = subprocess.run([mp3val, str(path)], capture_output=True, text=True)
        problems = [l for l in result.stdout.splitlines() if l.startswith(("WARNING", "PROBLEM", "ERROR"))]
        assert not problems, problems
        assert "CBR" in result.stdout


# --- chapters and transcripts --------------------------------------------------------------------

def test_chapters_json_equals_chap_frames(espeak_episode):
    ep = espeak_episode / SLUG
    doc = json.loads((ep / "chapters.json").read_text(encoding="utf-8"))
    tags = ID3(ep / f"{SLUG}.mp3")
    (toc,) = tags.getall("CTOC")
    assert toc.flags & 0x01 and toc.flags & 0x02  # ordered, top-level
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    ordered = [chaps[e] for e in toc.child_element_ids]
    assert [(c["title"], c["startTime"]) for c in doc["chapters"]] == [
        (c.sub_frames["TIT2"].text[0], c.start_time / 1000) for c in ordered]
    assert all(a.end_time == b.start_time for a, b in zip(ordered, ordered[1:]))
    assert ordered[-1].end_time == pytest.approx(decoded_seconds(ep / f"{SLUG}.mp3") * 1000, abs=30)


def parse_vtt(text: str):
    assert text.startswith("WEBVTT\n")
    cues = []
    for block in text.strip().split("\n\n")[1:]:
        timing, *body = block.split("\n")
        start, end = timing.split(" --> ")
        cues.append((_seconds(start), _seconds(end), body))
    return cues


def _seconds(stamp: str) -> float:
    h, m, s = stamp.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_vtt_cues_are_in_order_inside_the_audio_and_cover_every_turn(espeak_episode):
    ep = espeak_episode / SLUG
    cues = parse_vtt((ep / "transcript.vtt").read_text(encoding="utf-8"))
    duration = decoded_seconds(ep / f"{SLUG}.mp3")
    assert all(0 <= s < e <= duration for s, e, _ in cues)
    assert all(a[1] <= b[0] for a, b in zip(cues, cues[1:]))
    assert all(1 <= len(body) <= 2 for _, _, body in cues)
    voices = [re.match(r"<v ([^>]+)>", body[0]).group(1) for _, _, body in cues]
    assert set(voices) == {"旁白", "刘润", "Kevin Kelly"}
    spoken = "".join(re.sub(r"<v [^>]+>", "", "".join(body)) for _, _, body in cues)
    script = kkaudio("script", str(DATA / "two-chapters.txt"), "--voices", str(espeak_episode.parent / "voices.yaml"))
    assert script.returncode == 0, script.stderr
    for chapter in json.loads(script.stdout)["chapters"]:
        for turn in chapter["turns"]:
            assert turn["text"].replace("&", "&amp;") in spoken, turn["text"]


def test_srt_and_json_transcripts_agree_with_vtt(espeak_episode):
    ep = espeak_episode / SLUG
    vtt = parse_vtt((ep / "transcript.vtt").read_text(encoding="utf-8"))
    doc = json.loads((ep / "transcript.json").read_text(encoding="utf-8"))
    assert doc["version"] == "1.0.0"
    times = [t for s in doc["segments"] for t in (s["startTime"], s["endTime"])]
    assert times == pytest.approx([t for s, e, _ in vtt for t in (s, e)], abs=0.001)
    assert {"speaker", "startTime", "endTime", "body"} == set(doc["segments"][0])
    srt_blocks = (ep / "transcript.srt").read_text(encoding="utf-8").strip().split("\n\n")
    assert len(srt_blocks) == len(vtt)
    assert srt_blocks[0].split("\n")[0] == "1" and "-->" in srt_blocks[0].split("\n")[1]


def test_transcripts_show_the_original_text_not_the_spoken_form(espeak_episode):
    doc = json.loads((espeak_episode / SLUG / "transcript.json").read_text(encoding="utf-8"))
    bodies = " ".join(s["body"] for s in doc["segments"])
    assert "K.K." in bodies  # the lexicon says KK; transcripts keep what was written


def test_a_failed_tag_write_is_an_output_error(tmp_path):
    from kkaudio.errors import OutputError
    from kkaudio.audio.tags import Tags, write_tags

    missing = tmp_path / "gone" / "01.mp3"
    with pytest.raises(OutputError, match=r"cannot write the tags of .*01\.mp3: .*No such file"):
        write_tags(missing, Tags("t", "a", "b", 1, 1, "2026-11-25"))


def test_vtt_escapes_markup():
    text = transcript_vtt([Cue(0, 1000, "A<b>", "x < y & z")])
    assert "<v Ab>x &lt; y &amp; z" in text


@pytest.mark.parametrize("said, first, second", [
    # Between words, not at a character count (which gave 新\n书 and 变\n化).
    ("Kevin，我最近读了您的新书《5000天后的世界》。", "Kevin，我最近读了您的", "新书《5000天后的世界》。"),
    # After a clause mark when that is nearly as balanced.
    ("您的新书提出了许多独特且深刻的观点，但我有一个疑问：", "您的新书提出了许多独特且深刻的观点，", "但我有一个疑问："),
    # Not inside a quotation or a book title, and no mark alone at a line's edge.
    ("为何选择“5000天之后的世界”作为书名？", "为何选择“5000天之后的世界”", "作为书名？"),
    ("I think ChatGPT and OpenAI are good examples of this", "I think ChatGPT and OpenAI", "are good examples of this"),
])
def test_cue_lines_break_between_words(said, first, second):
    (cue,) = re.findall(r"<v A>(.*?)\n\n", transcript_vtt([Cue(0, 1000, "A", said)]) + "\n", re.S)
    assert cue.split("\n") == [first, second]


def test_a_short_cue_is_one_line():
    assert transcript_vtt([Cue(0, 1000, "A", "短句。")]).endswith("<v A>短句。\n")


# --- artwork --------------------------------------------------------------------------------------

def test_cover_is_3000_square_rgb_and_embedded_everywhere(espeak_episode):
    cover = espeak_episode / SLUG / "cover.jpg"
    img = Image.open(cover)
    assert img.format == "JPEG" and img.size == (3000, 3000) and img.mode == "RGB"
    # The title is drawn in light ink on a dark ground: a good share of the top half is ink.
    top = np.asarray(img.crop((400, 300, 2700, 1500)).convert("L"))
    assert (top > 200).sum() > 50_000
    for path in all_mp3s(espeak_episode):
        (apic,) = ID3(path).getall("APIC")
        embedded = Image.open(io.BytesIO(apic.data))
        assert embedded.format == "JPEG" and embedded.size[0] == embedded.size[1] >= 1400


# --- feeds -----------------------------------------------------------------------------------------

def test_feed_has_every_channel_and_item_field(espeak_episode):
    feed = espeak_episode / "feed.xml"
    parsed = feedparser.parse(str(feed))
    assert not parsed.bozo, parsed.bozo_exception
    ch = "/rss/channel"
    assert xpath(feed, f"{ch}/language/text()") == ["zh-cn"]
    assert xpath(feed, f"{ch}/description/text()") and xpath(feed, f"{ch}/link/text()")
    assert xpath(feed, f"{ch}/itunes:image/@href") == [f"{BASE}/{SLUG}/cover.jpg"]
    assert xpath(feed, f"{ch}/itunes:category/@text")
    assert xpath(feed, f"{ch}/itunes:explicit/text()") == ["false"]
    assert xpath(feed, f"{ch}/itunes:author/text()") == ["刘润"]
    assert xpath(feed, f"{ch}/itunes:owner/itunes:name/text()")
    assert xpath(feed, f"{ch}/itunes:type/text()") == ["episodic"]
    expected_guid = str(uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "podcast.example/shows/feed.xml"))
    assert xpath(feed, f"{ch}/podcast:guid/text()") == [expected_guid]
    people = {(p.text, p.get("role")) for p in xpath(feed, f"{ch}/podcast:person")}
    assert people == {("刘润", "host"), ("Kevin Kelly", "guest")}

    (item,) = xpath(feed, f"{ch}/item")
    q = lambda query: item.xpath(query, namespaces=NS)  # noqa: E731
    mp3 = espeak_episode / SLUG / f"{SLUG}.mp3"
    assert q("enclosure/@length") == [str(mp3.stat().st_size)]
    assert q("enclosure/@type") == ["audio/mpeg"]
    assert int(q("itunes:duration/text()")[0]) == round(decoded_seconds(mp3))
    assert q("guid/@isPermaLink") == ["false"]
    assert re.match(r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$", q("pubDate/text()")[0])
    assert q("podcast:chapters/@url") == [f"{BASE}/{SLUG}/chapters.json"]
    assert q("podcast:chapters/@type") == ["application/json+chapters"]
    transcripts = dict(zip(q("podcast:transcript/@type"), q("podcast:transcript/@url")))
    assert transcripts == {
        "text/vtt": f"{BASE}/{SLUG}/transcript.vtt",
        "application/x-subrip": f"{BASE}/{SLUG}/transcript.srt",
        "application/json": f"{BASE}/{SLUG}/transcript.json",
    }


def test_chapter_feed_is_a_serial_show(espeak_episode):
    feed = espeak_episode / "feed-chapters.xml"
    parsed = feedparser.parse(str(feed))
    assert not parsed.bozo, parsed.bozo_exception
    assert xpath(feed, "/rss/channel/itunes:type/text()") == ["serial"]
    items = xpath(feed, "/rss/channel/item")
    assert len(items) == 3
    assert [i.xpath("itunes:episode/text()", namespaces=NS)[0] for i in items] == ["1", "2", "3"]
    guids = {i.findtext("guid") for i in items}
    assert len(guids) == 3
    for item in items:
        enclosure = item.find("enclosure")
        rel = enclosure.get("url").removeprefix(BASE + "/")
        path = espeak_episode / urllib.request.url2pathname(rel)
        assert int(enclosure.get("length")) == path.stat().st_size
        (vtt,) = item.xpath("podcast:transcript[@type='text/vtt']/@url", namespaces=NS)
        vtt_path = espeak_episode / urllib.request.url2pathname(vtt.removeprefix(BASE + "/"))
        cues = parse_vtt(vtt_path.read_text(encoding="utf-8"))
        assert cues and cues[-1][1] <= decoded_seconds(path)


# --- kkaudio serve ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(espeak_episode):
    port = free_port()
    proc = kkaudio_process("serve", "--out", str(espeak_episode), "--port", str(port))
    first = proc.stdout.readline()  # printed once the port is bound
    assert first.startswith("Serving"), first
    second = proc.stdout.readline()
    assert f"http://127.0.0.1:{port}/feed.xml" in second
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def fetch(url: str, headers: dict | None = None):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10)


def test_serve_gives_the_feed_and_byte_ranges(server, espeak_episode):
    with fetch(f"{server}/feed.xml") as r:
        assert r.status == 200 and r.headers["Content-Type"].startswith("application/rss+xml")
        assert not feedparser.parse(r.read()).bozo
    mp3 = espeak_episode / SLUG / f"{SLUG}.mp3"
    with fetch(f"{server}/{SLUG}/{SLUG}.mp3", {"Range": "bytes=1000-1999"}) as r:
        assert r.status == 206
        assert r.headers["Content-Type"] == "audio/mpeg"
        assert r.headers["Content-Range"] == f"bytes 1000-1999/{mp3.stat().st_size}"
        assert r.read() == mp3.read_bytes()[1000:2000]
    with fetch(f"{server}/{SLUG}/chapters.json") as r:
        assert r.headers["Content-Type"].startswith("application/json+chapters")
    with fetch(f"{server}/{SLUG}/transcript.vtt") as r:
        assert r.headers["Content-Type"].startswith("text/vtt")


@pytest.mark.parametrize("path", ["/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", f"/{SLUG}/.kkaudio.json",
                                  "/.kkaudio.lock", "/nothing.mp3"])
def test_serve_refuses_paths_outside_or_hidden(server, path):
    conn = socket.create_connection(("127.0.0.1", int(server.rsplit(":", 1)[1])), timeout=10)
    conn.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    response = b""
    while chunk := conn.recv(65536):
        response += chunk
    conn.close()
    status = response.split(b" ", 2)[1]
    assert status in (b"404", b"400", b"403"), response[:200]
    assert b"root:" not in response


def test_serve_without_a_render_says_so(tmp_path):
    result = kkaudio("serve", "--out", str(tmp_path), timeout=30)
    assert result.returncode == 1 and "has no feed.xml; run kkaudio render first" in result.stderr
