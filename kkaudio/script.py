"""Transcript text -> Script. Pure: nothing here touches the disk but `load_script`'s one read.

The seed is a WeChat article saved as Markdown-ish text. Its structure, as this parser reads it:
a `#` title; publisher boilerplate and decorative images; an introduction (the narrator's);
then sections, each a heading that follows one or more images (bold, or `#`), a question after
`刘润：` and an answer after `K.K.：`; a closing; boilerplate again. Speaker labels come from
voices.yaml (`aliases`), boilerplate and end markers from its `script:` block.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, SpeakerConfig
from .errors import ScriptError
from .model import Chapter, Script, Speaker, Turn

MAX_BYTES = 2 * 1024 * 1024  # ~30x the seed; a transcript beyond this is a mistake, not an interview
INTRO_TITLE = "引言"

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")  # URLs may wrap across lines: [^)] spans newlines
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARK = "\ue000"  # stands where an image was, so structure survives its removal
_HEADING_HASH = re.compile(r"^\s*#{1,6}\s*")
_ONLY_DECORATION = re.compile(rf"^[\s*_\-{_MARK}]*$")
_ALL_BOLD = re.compile(r"^\s*(?:\*{4,}\s*)*\*\*(?!\*)(.+?)\*\*\s*(?:\*{2,}\s*)*$")
# Something that looks like a speaker label at the start of a line: a short name, then a colon.
_LABEL_LIKE = re.compile(r"^\s*([A-Za-z\u4e00-\u9fff][A-Za-z0-9.·\u4e00-\u9fff ]{0,15}?)\s*[:：]")
_OPEN_QUOTES = "“\"「『"
_CLOSE_QUOTES = "”\"」』"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def load_script(path: Path | str, config: Config) -> Script:
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ScriptError("is a folder, expected a transcript file", path)
        if size > MAX_BYTES:
            raise ScriptError(f"is {size / 1e6:.1f} MB; transcripts are limited to {MAX_BYTES // 2**20} MB", path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScriptError("no such file", path) from None
    except PermissionError:
        raise ScriptError("permission denied", path) from None
    except OSError as exc:
        raise ScriptError(f"cannot read: {exc.strerror}", path) from None
    text = decode_transcript(data, path)
    return parse_script(text, config, slug=slugify(path.stem), source=str(path))


def decode_transcript(data: bytes, path: Path | str) -> str:
    if not data.strip():
        raise ScriptError("is empty", path)
    if b"\x00" in data:
        raise ScriptError("is a binary file, not a text transcript", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScriptError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8 (e.g. iconv -f GBK -t UTF-8)",
            path, line,
        ) from None


def slugify(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", stem).lower()).strip("-")
    return slug or "episode-" + hashlib.sha1(stem.encode()).hexdigest()[:8]


@dataclass
class _Section:
    title: str
    line: int
    turns: list[Turn] = field(default_factory=list)


@dataclass
class _Parser:
    config: Config
    source: str
    sections: list[_Section] = field(default_factory=list)
    speaker: str | None = None
    pieces: list[str] = field(default_factory=list)

    def flush(self) -> None:
        text = _strip_wrapping_quotes(_join_lines(self.pieces))
        self.pieces = []
        if not text:
            return
        if not self.sections:
            self.sections.append(_Section(INTRO_TITLE, 0))
        speaker = self.speaker or self._narrator()
        self.sections[-1].turns.append(Turn(speaker, text))

    def _narrator(self) -> str:
        narrator = self.config.speaker_for_role("narrator")
        if narrator is None:
            raise ScriptError(
                "text before the first speaker label needs a speaker with role narrator in voices.yaml",
                self.source,
            )
        return narrator.id


def parse_script(text: str, config: Config, *, slug: str, source: str = "<transcript>") -> Script:
    rules = config.rules
    aliases = {a: s.id for s in config.speakers for a in s.aliases}
    label_re = _label_pattern(aliases)
    if not any(label_re.search(_clean_inline(line)) for _, line in _lines(text)):
        raise ScriptError(_no_labels_message(text, aliases, config), source)
    p = _Parser(config, source)
    title: str | None = None
    after_image = False
    seen_content = False

    for lineno, raw in _lines(text):
        if _ONLY_DECORATION.match(raw):
            after_image = after_image or _MARK in raw
            continue
        clean = _clean_inline(raw)
        if any(m.search(clean) for m in rules.end_markers):
            break
        if not clean or any(b.search(clean) for b in rules.boilerplate):
            continue

        is_hash = bool(_HEADING_HASH.match(raw)) and raw.lstrip().startswith("#")
        if is_hash and title is None and not seen_content and not after_image:
            title = clean
            continue
        bold = _ALL_BOLD.match(raw.replace(_MARK, ""))
        if is_hash or (bold and after_image and not label_re.search(clean)):
            p.flush()
            p.sections.append(_Section(clean, lineno))
            p.speaker = None
            after_image = False
            seen_content = True
            continue
        after_image = False
        seen_content = True

        if not raw.lstrip().startswith(("*", "#")):
            m = _LABEL_LIKE.match(clean)
            if m and not label_re.match(clean) and _is_label_name(m.group(1)):
                raise ScriptError(
                    f"unknown speaker label {m.group(1).strip()!r}; add it to the aliases of a speaker "
                    f"in {config.path.name} (known labels: {', '.join(aliases)})",
                    source, lineno,
                )
        for speaker, piece in _split_labels(clean, label_re, aliases):
            if speaker is not None:
                p.flush()
                p.speaker = speaker
            p.pieces.append(piece)
    p.flush()

    chapters = tuple(Chapter(s.title, tuple(s.turns)) for s in p.sections if s.turns)
    for s in p.sections:
        if not s.turns:
            raise ScriptError(f"section {s.title!r} has no spoken text", source, s.line)
    return Script(
        title=title or slug,
        slug=slug,
        speakers=tuple(Speaker(s.id, s.name, s.role) for s in _ordered(config.speakers)),
        chapters=chapters,
    )


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines with their 1-based numbers in the original text, images replaced by a mark."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # An image whose URL wraps keeps its newlines, so line numbers stay those of the file.
    text = _IMAGE.sub(lambda m: _MARK + "\n" * m.group(0).count("\n"), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    for i, line in enumerate(text.split("\n"), start=1):
        yield i, line.rstrip()


def _clean_inline(raw: str) -> str:
    """What a line says, without Markdown: heading marks, bold, emphasis, image marks, controls."""
    s = raw.replace(_MARK, "")
    s = _HEADING_HASH.sub("", s)
    s = s.replace("**", "")
    s = re.sub(r"(?:(?<=\s)|^)[*_]+(?=\S)|(?<=\S)[*_]+(?=\s|$)", "", s)  # stray emphasis marks
    s = _CONTROL.sub("", s)
    return s.strip()


def _label_pattern(aliases: dict[str, str]) -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    # A label starts a line or follows the end of someone's words (quote, punctuation, space).
    return re.compile(rf"(?:^|(?<=[{_CLOSE_QUOTES}。！？!?…\s]))({names})\s*[:：]")


def _split_labels(line: str, label_re: re.Pattern[str], aliases: dict[str, str]) -> Iterator[tuple[str | None, str]]:
    """(speaker or None for 'whoever was speaking', text) pieces of one line."""
    pos = 0
    speaker: str | None = None
    for m in label_re.finditer(line):
        if m.start() > pos or speaker is not None:
            yield speaker, line[pos : m.start()]
        speaker = aliases[m.group(1)]
        pos = m.end()
        if pos == len(line):
            yield speaker, ""
            return
    yield speaker, line[pos:]


def _is_label_name(name: str) -> bool:
    name = name.strip()
    # A short name, not a phrase: no more than 4 CJK characters, or a few Latin words.
    if re.fullmatch(r"[\u4e00-\u9fff·]{1,4}", name):
        return True
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z.]*(?: [A-Za-z.]+){0,2}", name))


def _join_lines(pieces: list[str]) -> str:
    """Join the lines of one turn. A line break is a wrap, not a pause: `5000\\n天后` is `5000天后`.

    Between two Latin words the break was a space (`Blue\\nSky`), unless the next part is an
    all-capitals acronym glued to the word (`Chat\\nGPT` is ChatGPT).
    """
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
            first_word = re.match(r"[A-Za-z]+", piece).group(0)
            out += piece if (len(first_word) > 1 and first_word.isupper()) else " " + piece
        else:
            out += piece
    return out.strip()


def _strip_wrapping_quotes(text: str) -> str:
    """`“Kevin，…吗？”` -> `Kevin，…吗？`; an opening quote that is never closed goes too."""
    if not text or text[0] not in _OPEN_QUOTES:
        return text
    if text[-1] in _CLOSE_QUOTES and _quotes_balanced(text[1:-1]):
        return text[1:-1].strip()
    if not _quotes_balanced(text):
        return text[1:].strip()
    return text


def _quotes_balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _ordered(speakers: tuple[SpeakerConfig, ...]) -> list[SpeakerConfig]:
    order = {"host": 0, "guest": 1, "narrator": 2}
    return sorted(speakers, key=lambda s: order.get(s.role, 3))


def _no_labels_message(text: str, aliases: dict[str, str], config: Config) -> str:
    seen: dict[str, None] = {}
    for _, raw in _lines(text):
        m = _LABEL_LIKE.match(_clean_inline(raw))
        if m and _is_label_name(m.group(1)):
            seen[m.group(1).strip()] = None
    if seen:
        return (
            f"no known speaker labels; saw {', '.join(list(seen)[:6])}: map them to speakers "
            f"in {config.path.name} (speakers.<id>.aliases)"
        )
    return f"no speaker labels such as {next(iter(aliases), '刘润')}： found; this does not look like an interview transcript"

