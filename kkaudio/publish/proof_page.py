"""proof.html: every cue kkaudio proof flagged, with a player that goes to it and what differs marked.

Beside the episode's files and linked from nowhere (not the feed, not the pages): a page for the
podcaster, not the listener. Autoescaped like the site's pages; the cue times reach the script as
data attributes, never as code.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..text.readings import unmark
from .site import _environment, clock


def proof_page(slug: str, title: str, episode_file: str, language: str, speakers: list, cues: list,
               skipped: list[str]) -> bytes:
    """`speakers`: SpeakerFigures; `cues`: the flagged HeardCues, worst first."""
    rows = [{
        "chapter": c.chapter, "chapter_title": c.chapter_title, "start_s": round(c.start_ms / 1000, 2),
        "clock": clock(c.start_ms), "speaker": c.speaker, "text": c.text,
        "expected": _marked(c.expected_read, [u for d in c.comparison.differences for u in d.expected]),
        "heard": _marked(c.heard_read, [u for d in c.comparison.differences for u in d.heard]),
        "spoken": unmark(c.spoken) if unmark(c.spoken) != c.expected_read else "",
        "rate": f"{100 * c.comparison.rate:.0f}%",
        "lexicon": c.suggestions(),
        "said_instead": list(c.lexicon),
    } for c in cues]
    figures = [{"speaker": s.speaker, "cues": s.cues, "flagged": s.flagged, "rate": f"{100 * s.rate:.1f}%"}
               for s in speakers]
    html = _environment().get_template("proof.html").render(
        lang="en" if language == "en" else "zh-Hans", slug=slug, title=title, episode_file=episode_file,
        speakers=figures, cues=rows, skipped=skipped)
    return html.encode("utf-8")


def _marked(text: str, units: list) -> Markup:
    """`text` with the units that differ in <mark>."""
    spans = sorted({(u.at, u.at + len(u.shown)) for u in units})
    out, pos = [], 0
    for start, stop in spans:
        if start < pos:
            continue
        out += [escape(text[pos:start]), Markup("<mark>"), escape(text[start:stop]), Markup("</mark>")]
        pos = stop
    out.append(escape(text[pos:]))
    return Markup("").join(out)
