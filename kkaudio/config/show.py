"""What goes out with the episodes: voices.yaml's `show:` block (the feeds' channel, the pages)
and an episode's own `notes`, `season` and `soundbites` (its sidecar or front matter)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import checks
from ..errors import ConfigError
from ..model import EpisodeInfo, Soundbite

DEFAULT_PORT = 8008  # kkaudio serve's, and so the default base URL's
DEFAULT_BASE_URL = f"http://127.0.0.1:{DEFAULT_PORT}"


@dataclass(frozen=True)
class Show:
    title: str | None  # None: the first episode's title (no voices.yaml, or none given)
    author: str
    description: str
    language: str | None = None  # None: from the first transcript (zh-cn, zh-tw, en)
    category: str = "Society & Culture"
    explicit: bool = False
    owner_name: str = ""
    owner_email: str = ""
    link: str = ""
    base_url: str = DEFAULT_BASE_URL
    copyright: str = ""  # "": © the first episode's year and the author
    locked: bool = True  # podcast:locked: other platforms may not import the feed without the owner
    medium: str = "podcast"  # podcast:medium
    license: str = ""  # podcast:license: an SPDX identifier (cc-by-4.0) or a name with license_url
    license_url: str = ""
    type: str = "episodic"  # itunes:type: episodic (newest first) or serial (in order)
    txt: tuple[tuple[str, str], ...] = ()  # podcast:txt (purpose, text): e.g. applepodcastsverify
    notes: str = ""  # Markdown under every episode's own notes: links, credits, a sponsor


MEDIA = ("podcast", "music", "video", "film", "audiobook", "newsletter", "blog")  # podcast:medium's list
SHOW_TYPES = ("episodic", "serial")


def parse_show(raw: Any, host: str = "") -> Show:
    """voices.yaml's `show:` block; `host`: the author when none is given."""
    raw = checks.mapping(raw, "show")
    texts = {"title", "author", "description", "language", "category", "owner_name", "owner_email", "link",
             "base_url", "copyright", "medium", "license", "license_url", "type", "notes"}
    checks.keys(raw, texts | {"explicit", "locked", "txt"}, "show")
    values: dict[str, Any] = {
        "title": checks.text(raw, "title", "show") if "title" in raw else None,
        "author": raw.get("author", host),
        "description": raw.get("description", ""),
    }
    for key in texts - {"title", "author", "description"}:
        if key in raw:
            values[key] = raw[key]
    for key, value in values.items():
        if not isinstance(value, str) and not (key in ("title", "language") and value is None):
            raise ConfigError(f"show.{key} must be text, got {value!r}")
    for key in ("explicit", "locked"):
        if key in raw:
            if not isinstance(raw[key], bool):
                raise ConfigError(f"show.{key} must be true or false")
            values[key] = raw[key]
    base = values.get("base_url", DEFAULT_BASE_URL)
    if not re.match(r"https?://[^/\s]+", base):
        raise ConfigError(f"show.base_url must be an absolute http(s) URL, got {base!r}")
    values["base_url"] = base.rstrip("/")
    if values.get("owner_email"):
        values["owner_email"] = _email(values["owner_email"])
    if values.get("medium", "podcast") not in MEDIA:
        raise ConfigError(f"show.medium must be one of {', '.join(MEDIA)}, got {values['medium']!r}")
    if values.get("type", "episodic") not in SHOW_TYPES:
        raise ConfigError(f"show.type must be episodic (newest first) or serial (in order), got {values['type']!r}")
    if values.get("license_url") and not re.match(r"https?://\S+$", values["license_url"]):
        raise ConfigError(f"show.license_url must be an http(s) URL, got {values['license_url']!r}")
    if "notes" in values:
        values["notes"] = values["notes"].strip()
    if "txt" in raw:
        txt = checks.mapping(raw["txt"], "show.txt")
        for purpose, text in txt.items():
            if not isinstance(purpose, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,128}", purpose) \
                    or not isinstance(text, str) or not 0 < len(text) <= 4000:
                raise ConfigError("show.txt maps a purpose (applepodcastsverify, …) to its text, up to 4000 "
                                  f"characters; got {purpose!r}: {text!r}")
        values["txt"] = tuple((str(k), v) for k, v in txt.items())
    return Show(**values)


def _email(value: str) -> str:
    # email-validator: the address's syntax by the RFCs (no network: deliverability is not checked).
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ConfigError(f"show.owner_email {value!r} is not an email address: {exc}") from None


def episode_info(raw: Mapping[str, Any], where: str = "") -> EpisodeInfo:
    """`notes`, `season` and `soundbites` of a sidecar (or a transcript's front matter)."""
    notes = raw.get("notes", "")
    if not isinstance(notes, str):
        raise ConfigError(f"{where}notes must be Markdown text (use `notes: |` for several lines)")
    season = raw.get("season")
    if season is not None and (isinstance(season, bool) or not isinstance(season, int) or season < 1):
        raise ConfigError(f"{where}season must be a whole number from 1, got {season!r}")
    soundbites = None
    if "soundbites" in raw:
        items = raw["soundbites"]
        if not isinstance(items, list):
            raise ConfigError(f"{where}soundbites must be a list of {{start: 12:30, duration: 30, title: …}} "
                              "(or [] for none)")
        soundbites = tuple(_soundbite(item, f"{where}soundbites[{i}]") for i, item in enumerate(items))
    return EpisodeInfo(notes=notes.strip(), season=season, soundbites=soundbites)


def _soundbite(raw: Any, where: str) -> Soundbite:
    raw = checks.mapping(raw, where)
    checks.keys(raw, {"start", "duration", "title"}, where)
    start = _clock(raw.get("start"), f"{where}.start")
    duration = raw.get("duration")
    if isinstance(duration, bool) or not isinstance(duration, (int, float)) or not 1 <= duration <= 600:
        raise ConfigError(f"{where}.duration must be seconds (Podcast Index suggests 15 to 120), got {duration!r}")
    title = raw.get("title", "")
    if not isinstance(title, str):
        raise ConfigError(f"{where}.title must be text")
    return Soundbite(round(start * 1000), round(duration * 1000), title.strip())


def _clock(value: Any, where: str) -> float:
    """Seconds from 75, 75.5, "1:15" or "0:01:15"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"(\d+:){0,2}\d+(\.\d+)?", value.strip()):
        seconds = 0.0
        for part in value.strip().split(":"):
            seconds = seconds * 60 + float(part)
        return seconds
    raise ConfigError(f"{where} must be a time such as 12:30, 1:02:03 or seconds, got {value!r}")
