"""The show's web pages: episodes/index.html and one episode page each, static and self-contained.

Jinja2 templates with autoescaping make the HTML (`templates/`); text goes in as escaped text,
and the episode's data for the script as JSON in a `<script type="application/json">` block
(Jinja's `tojson` escapes `<`, `>` and `&`), so nothing in a transcript can break the page. The
pages use relative URLs only, so `episodes/` works from `kkaudio serve`, from a static host or
from a copy anywhere; the audio, chapters and transcript are plain HTML that works without
JavaScript, and `static/player.js` adds following along, seeking, speed and shortcuts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...config import Show
from ...manifest import EpisodeRecord

ASSETS = ("site.css", "player.js")  # copied to episodes/assets/
HTML_LANG = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}

_ZH = {
    "skip": "跳到正文", "made_with": "由", "cover_of": "封面：", "chapters_unit": "章", "host": "主持",
    "guest": "嘉宾", "narrator": "旁白", "player": "播放器", "controls": "播放控制", "download_mp3": "下载 MP3",
    "back": "后退 15 秒", "forward": "前进 30 秒", "play": "播放", "pause": "暂停", "prev_chapter": "上一章",
    "next_chapter": "下一章", "speed": "倍速", "copy_moment": "复制此刻的链接", "chapters": "章节",
    "transcript": "文字稿", "follow": "跟随播放", "downloads": "下载", "episode_mp3": "整集 MP3",
    "chapter_mp3s": "每章的 MP3", "subscribe": "订阅", "copy": "复制", "episodes": "节目",
    "shortcuts": "快捷键：空格 播放/暂停 · ← 后退 15 秒 · → 前进 30 秒 · [ 上一章 · ] 下一章",
    "subscribe_how": "在播客应用（Apple 播客、小宇宙、Pocket Casts、Overcast 等）里选择“通过网址添加节目”，粘贴下面的地址。",
    "episode_page": "本集页面", "notes": "节目简介",
    "preview": "这是预览：只包含部分章节。", "copied": "已复制", "copy_failed": "无法复制，请手动复制地址栏",
}
_EN = {
    "skip": "Skip to content", "made_with": "Made with", "cover_of": "Cover:", "chapters_unit": "chapters",
    "host": "host", "guest": "guest", "narrator": "narrator", "player": "Player", "controls": "Playback controls",
    "download_mp3": "Download the MP3", "back": "Back 15 seconds", "forward": "Forward 30 seconds", "play": "Play",
    "pause": "Pause", "prev_chapter": "Previous chapter", "next_chapter": "Next chapter", "speed": "Speed",
    "copy_moment": "Copy a link to this moment", "chapters": "Chapters", "transcript": "Transcript",
    "follow": "Follow along", "downloads": "Downloads", "episode_mp3": "Full episode (MP3)",
    "chapter_mp3s": "Each chapter as an MP3", "subscribe": "Subscribe", "copy": "Copy", "episodes": "Episodes",
    "shortcuts": "Keys: Space play/pause · ← back 15 s · → forward 30 s · [ previous chapter · ] next chapter",
    "subscribe_how": "In a podcast app (Apple Podcasts, Pocket Casts, Overcast, AntennaPod…) choose “Add a show "
                      "by URL” and paste one of these addresses.",
    "episode_page": "Episode page", "notes": "Show notes",
    "preview": "This is a preview: only some chapters are in it.", "copied": "Copied",
    "copy_failed": "Could not copy; copy the address bar instead",
}


@dataclass(frozen=True)
class Feed:
    title: str
    file: str  # relative to the output folder
    url: str  # absolute, for apps


def texts(language: str) -> dict[str, str]:
    return _EN if language == "en" else _ZH


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("kkaudio.publish.site", "templates"), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def asset(name: str) -> bytes:
    return (resources.files("kkaudio.publish.site") / "static" / name).read_bytes()


def clock(ms: float) -> str:
    s = int(ms // 1000)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _people(record: EpisodeRecord) -> list[dict[str, str]]:
    return [{"name": p.name, "role": p.role} for p in record.people]


def episode_page(record: EpisodeRecord, show: Show, base_url: str, feeds: Sequence[Feed], notes_html: str = "") -> bytes:
    """One episode's page: its notes (HTML that publish/notes.py made safe), player, chapters,
    the transcript that follows along, downloads."""
    from markupsafe import Markup

    language = record.language
    slug = record.slug
    marks, cues = record.timeline()
    chapters = []
    turn_of: str | None = None
    for mark, chapter in zip(marks, record.chapters):
        own = [c for c in cues if mark.start_ms <= c.start_ms < mark.end_ms]
        chapter_cues = []
        for c in own:
            chapter_cues.append({"start_s": round(c.start_ms / 1000, 3), "end_s": round(c.end_ms / 1000, 3),
                                 "clock": clock(c.start_ms), "speaker": c.speaker, "text": c.text,
                                 "new_turn": c.speaker != turn_of or not chapter_cues})
            turn_of = c.speaker
        chapters.append({"title": mark.title, "start_s": round(mark.start_ms / 1000, 3),
                         "end_s": round(mark.end_ms / 1000, 3), "clock": clock(mark.start_ms),
                         "file": chapter.file, "cues": chapter_cues})
    episode = {
        "title": record.title, "file": record.file, "size": _size(record.size),
        "date": record.published_at.date().isoformat(), "duration": clock(record.duration_ms),
        "people": _people(record), "chapters": chapters, "preview": record.preview,
        "audio_url": f"{base_url}/{slug}/{record.file}",
    }
    data = {  # what player.js needs that the HTML does not already hold
        "chapters": [{"start": c["start_s"], "end": c["end_s"]} for c in chapters],
        "copied": texts(language)["copied"], "copyFailed": texts(language)["copy_failed"],
    }
    html = _environment().get_template("episode.html").render(
        lang=HTML_LANG.get(language, "zh-Hans"), t=texts(language), show=show, episode=episode, data=data,
        notes=Markup(notes_html),  # noqa: S704 - markdown-it's output with raw HTML off, or escaped text
        root="../", icon=f"{slug}/cover.jpg", feeds=feeds, description=record.description,
        og_title=record.title, og_image=f"{base_url}/{slug}/cover.jpg", og_url=f"{base_url}/{slug}/",
    )
    return html.encode("utf-8")


def show_page(records: Sequence[EpisodeRecord], show: Show, base_url: str, feeds: Sequence[Feed]) -> bytes:
    """The show's page: cover, description, how to subscribe, every episode newest first."""
    # Newest first; episodes published in the same second in slug order, as in the feed.
    ordered = sorted(sorted(records, key=lambda r: r.slug), key=lambda r: r.published, reverse=True)
    language = ordered[0].language if ordered else "zh-hans"
    episodes = [{
        "slug": r.slug, "title": r.title, "published": r.published,
        "date": r.published_at.date().isoformat(), "duration": clock(r.duration_ms),
        "chapter_count": len(r.chapters), "people": _people(r), "preview": r.preview,
    } for r in ordered]
    icon = f"{ordered[0].slug}/cover.jpg" if ordered else ""
    html = _environment().get_template("show.html").render(
        lang=HTML_LANG.get(language, "zh-Hans"), t=texts(language), show=show, episodes=episodes, root="",
        icon=icon, feeds=feeds, description=show.description or show.title, og_title=show.title,
        og_image=f"{base_url}/{icon}", og_url=f"{base_url}/",
    )
    return html.encode("utf-8")
