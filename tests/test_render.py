"""End to end: render fixtures and read everything back with readers kkaudio does not use itself."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import miniaudio
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from kkaudio import manifest
from kkaudio.cli import cli

from .conftest import ToneEngine

SLUG = "two-chapters"
TITLES = ["引言", "第一章：人工智能", "第二章 & 未来"]


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def render(out: Path, seed: Path, voices: Path, *extra: str) -> str:
    return run("render", str(seed), "--out", str(out), "--voices", str(voices), *extra)


def decoded_seconds(path: Path) -> float:
    d = miniaudio.mp3_read_file_f32(str(path))
    return d.num_frames / d.sample_rate


@pytest.fixture
def espeak_render(espeak_episode):
    return espeak_episode


def test_espeak_render_writes_the_layout(espeak_render):
    ep = espeak_render / SLUG
    assert (espeak_render / "feed.xml").is_file()
    assert (ep / f"{SLUG}.mp3").is_file()
    assert sorted(p.name for p in (ep / "chapters").glob("*.mp3")) == [f"{i:02d}-{t}.mp3" for i, t in enumerate(TITLES)]
    for name in ("chapters.json", "transcript.vtt", "transcript.srt", "transcript.json", "cover.jpg"):
        assert (ep / name).is_file()
    assert (espeak_render / "feed-chapters.xml").is_file()
    assert not list(espeak_render.rglob("*.tmp"))


def test_every_mp3_is_tagged(espeak_render):
    chapters = sorted((espeak_render / SLUG / "chapters").glob("*.mp3"))
    for n, path in enumerate(chapters, start=1):
        audio = MP3(path)
        assert audio.info.sample_rate == 44100 and audio.info.channels == 1
        assert round(audio.info.bitrate / 1000) == 96
        tags = audio.tags
        assert tags["TIT2"].text == [TITLES[n - 1]]
        assert tags["TPE1"].text == ["刘润, Kevin Kelly"]
        assert tags["TALB"].text == ['测试节目 & <Friends> "quoted" 🎙']
        assert tags.getall("APIC")[0].mime == "image/jpeg"
        assert tags["TRCK"].text == [f"{n}/3"]
        assert tags["TLAN"].text == ["zho"]
        assert len(str(tags["TDRC"].text[0])) >= 4
    full = ID3(espeak_render / SLUG / f"{SLUG}.mp3")
    assert full["TIT2"].text == ["两章测试"]


def test_feed_points_at_the_files(espeak_render):
    feed = feedparser.parse(str(espeak_render / "feed.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == '测试节目 & <Friends> "quoted" 🎙'
    assert feed.feed.language == "zh-cn"
    (item,) = feed.entries
    enclosure = item.enclosures[0]
    mp3 = espeak_render / SLUG / f"{SLUG}.mp3"
    assert enclosure.href == f"http://podcast.example/shows/{SLUG}/{SLUG}.mp3"
    assert int(enclosure.length) == mp3.stat().st_size
    assert enclosure.type == "audio/mpeg"
    assert item.guid and item.published


def test_audio_lasts_as_long_as_its_clips(espeak_render):
    """Each chapter decodes to its last cue's end + the chapter pause; the episode to their sum."""
    ep = espeak_render / SLUG
    cues = json.loads((ep / "transcript.json").read_text(encoding="utf-8"))["segments"]
    chapter_files = sorted((ep / "chapters").glob("*.mp3"))
    total = 0.0
    for path, chapter in zip(chapter_files, manifest.load(ep).chapters):
        seconds = decoded_seconds(path)
        expected = chapter.cues[-1].end_ms / 1000 + 1.0  # the fixture's chapter pause
        assert expected <= seconds <= expected + 0.12  # + the MP3 encoder's delay and padding
        total += seconds
    assert decoded_seconds(ep / f"{SLUG}.mp3") == pytest.approx(total, abs=0.05)
    assert cues[-1]["endTime"] < total
    assert all(a["endTime"] <= b["startTime"] for a, b in zip(cues, cues[1:]))
    assert {c["speaker"] for c in cues} == {"旁白", "刘润", "Kevin Kelly"}


def test_chapter_marks_match_the_chapter_files(espeak_render):
    ep = espeak_render / SLUG
    tags = ID3(ep / f"{SLUG}.mp3")
    (toc,) = tags.getall("CTOC")
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    ordered = [chaps[i] for i in toc.child_element_ids]
    assert [c.sub_frames["TIT2"].text[0] for c in ordered] == TITLES
    start = 0.0
    for chap, path in zip(ordered, sorted((ep / "chapters").glob("*.mp3"))):
        length = decoded_seconds(path) * 1000
        assert chap.start_time == pytest.approx(start, abs=30)
        assert chap.end_time - chap.start_time == pytest.approx(length, abs=30)
        start += length
    doc = json.loads((ep / "chapters.json").read_text(encoding="utf-8"))
    assert doc["version"] == "1.2.0"
    assert [c["startTime"] for c in doc["chapters"]] == [c.start_time / 1000 for c in ordered]


def test_rendering_again_reuses_everything_and_keeps_the_guid(tmp_path, two_chapters, voices_file):
    out = tmp_path / "out"
    first = render(out, two_chapters, voices_file)
    assert "0 from cache" in first and "3/3 chapters encoded" in first
    guid = feedparser.parse(str(out / "feed.xml")).entries[0].guid
    mp3 = out / SLUG / f"{SLUG}.mp3"
    before = mp3.read_bytes()
    ToneEngine.calls = 0
    second = render(out, two_chapters, voices_file)
    assert ToneEngine.calls == 0
    assert "0 clips synthesised" in second and "0/3 chapters encoded" in second
    assert feedparser.parse(str(out / "feed.xml")).entries[0].guid == guid
    assert mp3.read_bytes() == before


def test_editing_one_turn_resynthesises_only_its_clips(tmp_path, two_chapters, voices_file):
    out = tmp_path / "out"
    render(out, two_chapters, voices_file)
    text = two_chapters.read_text(encoding="utf-8").replace("刘润：谢谢。", "刘润：非常感谢。")
    two_chapters.write_text(text, encoding="utf-8")
    ToneEngine.calls = 0
    output = render(out, two_chapters, voices_file)
    assert ToneEngine.calls == 1
    assert "1 clips synthesised" in output and "1/3 chapters encoded" in output
    cues = json.loads((out / SLUG / "transcript.json").read_text(encoding="utf-8"))["segments"]
    assert cues[-1]["body"] == "非常感谢。"


def test_base_url_option_makes_absolute_urls(tmp_path, two_chapters, voices_file):
    out = tmp_path / "out"
    render(out, two_chapters, voices_file, "--base-url", "https://cdn.example.org/pod/")
    item = feedparser.parse(str(out / "feed.xml")).entries[0]
    assert item.enclosures[0].href == f"https://cdn.example.org/pod/{SLUG}/{SLUG}.mp3"


def test_chapters_option_previews_only_those_chapters(tmp_path, two_chapters, voices_file):
    out = tmp_path / "out"
    output = render(out, two_chapters, voices_file, "--chapters", "2")
    assert "Preview: the episode and feeds hold only chapters 2" in output
    ep = out / SLUG
    assert [p.name for p in (ep / "chapters").glob("*.mp3")] == [f"02-{TITLES[2]}.mp3"]
    (item,) = feedparser.parse(str(out / "feed.xml")).entries
    assert "节选" in item.title
    assert len(feedparser.parse(str(out / "feed-chapters.xml")).entries) == 1
    assert [c.sub_frames["TIT2"].text[0] for c in ID3(ep / f"{SLUG}.mp3").getall("CHAP")] == [TITLES[2]]
    # Then the whole episode: everything, and nothing said twice is synthesised twice.
    ToneEngine.calls = 0
    render(out, two_chapters, voices_file)
    assert len(list((ep / "chapters").glob("*.mp3"))) == 3
    assert "节选" not in feedparser.parse(str(out / "feed.xml")).entries[0].title


@pytest.mark.parametrize("spec, message", [("9", "has no chapter 9; its chapters are 0-2"), ("x", "not a chapter number")])
def test_bad_chapter_lists_are_clear(tmp_path, two_chapters, voices_file, spec, message):
    result = CliRunner().invoke(cli, ["render", str(two_chapters), "--out", str(tmp_path / "o"), "--voices",
                                      str(voices_file), "--chapters", spec])
    assert result.exit_code != 0
    assert message in (result.output + str(result.exception))
    assert not (tmp_path / "o").exists()
