"""Show notes: what a podcast app shows under an episode, and the episode page above its player.

Every episode gets, in this order: one or two sentences on it (its summary), the user's own
notes (Markdown from the sidecar or front matter), who is talking (the cast with roles), the
chapters with `HH:MM:SS` times (apps make these tappable), links to the episode's page and its
transcript, and the show's notes from voices.yaml (`show.notes`). As HTML for the feed's
`content:encoded` and the page, and as plain text for `description` and `itunes:summary`.

Markdown goes through markdown-it-py (CommonMark) with raw HTML turned off, so anything in a
note is text unless Markdown makes it markup: `<script>` arrives escaped.

The soundbites (podcast:soundbite), unless the user lists their own: up to three stretches of
one speaker talking, 15 to 60 s, the longest first, one per chapter, the guests' before the
hosts' (the narrator's never), each cut at the end of a cue no later than 60 s in, and titled
with its first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from ..config import Show
from ..manifest import EpisodeRecord
from ..model import Script, Soundbite
from ..text.words import split_sentences
from .site import texts

SUMMARY_CHARS = 300  # at most, for the one or two sentences
SOUNDBITE_MIN_MS, SOUNDBITE_MAX_MS, SOUNDBITES = 15_000, 60_000, 3


@dataclass(frozen=True)
class Notes:
    html: str  # content:encoded, the episode page
    text: str  # description, itunes:summary


def summary(script: Script, preview: frozenset[int] | None = None) -> str:
    """One or two sentences on the episode: the front matter's summary or description, else the
    narrator's introduction, else who talks with whom about the first chapters."""
    english = script.language == "en"
    found = next((str(script.meta[k]) for k in ("summary", "description") if script.meta.get(k)), "")
    if not found:
        first = script.chapters[0].turns[0] if script.chapters and script.chapters[0].turns else None
        if first is not None and script.speaker(first.speaker).role == "narrator":
            found = first.text
    text = _sentences(found, script.language) if found else _who_and_what(script)
    if preview is not None:
        shown, total = len(preview), len(script.chapters)
        text += (f" (A preview: {shown} of its {total} chapters.)" if english
                 else f"（节选预览：共 {total} 章中的 {shown} 章。）")
    return text


def _sentences(text: str, language: str) -> str:
    out = ""
    for piece, _ in split_sentences(" ".join(text.split()), 10_000, language):
        joined = (out + " " + piece).strip() if language == "en" else out + piece
        if out and (len(joined) > SUMMARY_CHARS or out.count("。") + out.count(". ") >= 1):
            break
        out = joined
    return out if len(out) <= SUMMARY_CHARS else out[: SUMMARY_CHARS - 1].rstrip() + "…"


def _who_and_what(script: Script) -> str:
    english = script.language == "en"
    hosts = [s.name for s in script.speakers if s.role == "host"]
    guests = [s.name for s in script.speakers if s.role == "guest"]
    topics = [c.title for c in script.chapters if c.title and c.title != script.title][:3]
    if english:
        who = " and ".join(hosts) + (f" talks with {' and '.join(guests)}" if guests else "")
        about = f" about {', '.join(topics[:-1])} and {topics[-1]}" if len(topics) > 1 else \
            (f" about {topics[0]}" if topics else "")
        return (who + about + ".").strip() if who else script.title + "."
    who = "、".join(hosts) + (f"对话{'、'.join(guests)}" if guests else "")
    about = f"：{'、'.join(topics)}" + ("等" if len(script.chapters) > len(topics) else "") if topics else ""
    return (who + about + "。") if who else script.title + "。"


def notes(record: EpisodeRecord, show: Show, page_url: str) -> Notes:
    """The episode's show notes, as HTML and as text."""
    t = texts(record.language)
    english = record.language == "en"
    colon = ": " if english else "："
    marks, _ = record.timeline()
    cast = [f"{t[p.role].capitalize() if english else t[p.role]}{colon}{p.name}" for p in record.people]
    chapters = [(_hhmmss(m.start_ms), m.title) for m in marks]
    transcript_url = page_url + "#transcript-title"
    html = [f"<p>{escape(record.description)}</p>"] if record.description else []
    text = [record.description] if record.description else []
    if record.notes:
        html.append(markdown(record.notes))
        text.append(plain(record.notes))
    if cast:
        html.append("<p>" + " · ".join(escape(who) for who in cast) + "</p>")
        text.append(" · ".join(cast))
    if chapters:
        html.append(f"<p>{escape(t['chapters'])}</p>\n<ul>\n"
                    + "".join(f"<li>{clock} {escape(title)}</li>\n" for clock, title in chapters) + "</ul>")
        text.append(t["chapters"] + "\n" + "\n".join(f"{clock} {title}" for clock, title in chapters))
    html.append(f'<p><a href="{escape(page_url)}">{escape(t["episode_page"])}</a> · '
                f'<a href="{escape(transcript_url)}">{escape(t["transcript"])}</a></p>')
    text.append(f"{t['episode_page']}{colon}{page_url}\n{t['transcript']}{colon}{transcript_url}")
    if show.notes:
        html.append(markdown(show.notes))
        text.append(plain(show.notes))
    return Notes("\n".join(html), "\n\n".join(text))


def page_notes(record: EpisodeRecord, show: Show) -> str:
    """The notes the episode page shows above its chapters: the summary and both sets of the
    user's notes (the page has its own cast line, chapter list and transcript)."""
    parts = [f"<p>{escape(record.description)}</p>"] if record.description else []
    parts += [markdown(n) for n in (record.notes, show.notes) if n]
    return "\n".join(parts)


def _hhmmss(ms: float) -> str:
    s = int(ms // 1000)
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    # CommonMark with raw HTML off (tags in a note stay text), links made safe by markdown-it's
    # own URL check (no javascript:), and bare URLs left as written.
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def markdown(source: str) -> str:
    """Markdown as HTML, raw HTML escaped."""
    return _markdown().render(source).strip()


def plain(source: str) -> str:
    """Markdown as text for the plain description: the words and the links' addresses."""
    out: list[str] = []
    for token in _markdown().parse(source):
        if token.type == "inline" and token.children is not None:
            line = ""
            for child in token.children:
                if child.type in ("text", "code_inline"):
                    line += child.content
                elif child.type in ("softbreak", "hardbreak"):
                    line += "\n"
                elif child.type == "link_close":
                    pass
                elif child.type == "link_open":
                    href = child.attrGet("href") or ""
                    line += f"{href} " if href and not href.startswith("#") else ""
            out.append(line)
        elif token.type == "fence" or token.type == "code_block":
            out.append(token.content.rstrip("\n"))
    return "\n".join(out).strip()


def soundbites(record: EpisodeRecord) -> tuple[Soundbite, ...]:
    """The user's soundbites, or the ones the rule in this module's docstring picks."""
    if record.soundbites is not None:
        return record.soundbites
    roles = {p.name: p.role for p in record.people}
    marks, cues = record.timeline()
    stretches: list[tuple[int, int, int, str, int]] = []  # (rank, -duration, start, title, chapter)
    run: list = []
    for cue in [*cues, None]:
        if run and (cue is None or cue.speaker != run[0].speaker or cue.start_ms - run[-1].end_ms > 2000):
            role = roles.get(run[0].speaker)
            if role in ("guest", "host"):
                kept = [c for c in run if c.end_ms - run[0].start_ms <= SOUNDBITE_MAX_MS]
                if kept and kept[-1].end_ms - kept[0].start_ms >= SOUNDBITE_MIN_MS:
                    start, end = kept[0].start_ms, kept[-1].end_ms
                    chapter = sum(1 for m in marks if m.start_ms <= start) - 1
                    said = (" " if record.language == "en" else "").join(c.text for c in kept)
                    stretches.append((0 if role == "guest" else 1, start - end, start, said, chapter))
            run = []
        if cue is not None:
            run.append(cue)
    chosen: list[tuple[int, int, str]] = []
    chapters: set[int] = set()
    for _, negative, start, title, chapter in sorted(stretches):
        if chapter not in chapters:
            chosen.append((start, -negative, _title(title)))
            chapters.add(chapter)
        if len(chosen) == SOUNDBITES:
            break
    return tuple(Soundbite(start, duration, title) for start, duration, title in sorted(chosen))


def _title(text: str) -> str:
    """The stretch's opening words as its title: whole sentences up to 20 characters or more
    (a bare "好问题。" says nothing), at most 120."""
    out = ""
    for sentence in re.split(r"(?<=[。！？!?])|(?<=\.)\s+", text.strip()):
        out = (out + (" " if re.search(r"[A-Za-z.,]$", out) else "") + sentence.strip()).strip()
        if len(out) >= 20:
            break
    return out if len(out) <= 120 else out[:119].rstrip() + "…"

