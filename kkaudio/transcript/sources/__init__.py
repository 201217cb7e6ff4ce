"""Sources: a file of any kind a podcaster brings -> the reader's Document.

One source per kind of file, registered the way engines are: text (Markdown, plain text and
HTML pages), PDF, Word .docx, OpenDocument .odt, RTF, a speech-to-text service's JSON, captions (SRT, WebVTT),
SubStation Alpha subtitles (.ass), Timed Text (TTML: Apple Podcasts' transcripts), YouTube's
own timed text (srv1-3, json3) and tables of turns in CSV or Excel. Each
says whether a file is its kind (by its first bytes, then its name) and turns the bytes into
typed lines. A source whose file already names who says each line (STT JSON, `<v Name>` cues,
a table with a speaker column) sets `Line.speaker`; the others leave the labels in the text for
the reader's one style inference. A new kind of file is a new source here, never a rule in the
reader.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...errors import ScriptError
from ..lines import Document

MAX_TEXT_BYTES = 2 * 1024 * 1024  # ~30x the seed; a text transcript beyond this is a mistake, not an interview
# PDFs, Word files and JSON exports carry layout, fonts and word timings: far more bytes for the
# same words (an hour's AssemblyAI export is 2 MB). Their text is held to MAX_TEXT_BYTES too.
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    name: str  # text | pdf | docx | odt | rtf | json | captions | substation | ttml | youtube | spreadsheet | xlsx
    claims: Callable[[bytes, str], bool]  # (the file's first KB, its suffix) -> this source's kind
    read: Callable[[bytes, Path], Document]  # raises ScriptError for a file of its kind it cannot read
    max_bytes: int = MAX_TEXT_BYTES


SOURCES: list[Source] = []


def register(source: Source) -> Source:
    """Add a source; later ones are asked first, and `text` (registered first) takes the rest."""
    SOURCES.insert(0, source)
    return source


def source_for(head: bytes, suffix: str, path: Path | str = "<transcript>") -> Source:
    _refuse_unreadable(head, path)
    return next((s for s in SOURCES if s.claims(head, suffix.lower())), _by_name("text"))


def read_document(path: Path | str) -> Document:
    """Read one transcript file into a Document, by its kind. Every failure is a ScriptError
    naming the file and what kkaudio needs instead."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ScriptError("is a folder, expected a transcript file", path)
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(4096)
        source = source_for(head, path.suffix, path)
        if size > source.max_bytes:
            limit = source.max_bytes / 2**20
            raise ScriptError(f"is {size / 1e6:.1f} MB; {source.name} transcripts are limited to {limit:.0f} MB", path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScriptError("no such file", path) from None
    except PermissionError:
        raise ScriptError("permission denied", path) from None
    except IsADirectoryError:
        raise ScriptError("is a folder, expected a transcript file", path) from None
    except OSError as exc:
        raise ScriptError(f"cannot read: {exc.strerror}", path) from None
    if not data.strip():
        raise ScriptError("is empty", path)
    doc = source.read(data, path)
    if not any(ln.plain for ln in doc.lines):  # a Word file of one empty paragraph: not "no dialogue found"
        raise ScriptError(f"has no text in it ({doc.described})" if doc.described else "has no text in it", path)
    return doc


def _by_name(name: str) -> Source:
    return next(s for s in SOURCES if s.name == name)


# Files people pick up by mistake, or that need another program first: what they are, and what
# to do. Checked before any source, so no source has to know them.
_NOT_TRANSCRIPTS = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is a Word 97-2003 (.doc) or other Office binary file, or a password-"
                                          "protected .docx; save it (without a password) as .docx, .pdf or plain text"),
    (b"\x89PNG", "is a PNG image, not a transcript"),
    (b"\xff\xd8\xff", "is a JPEG image, not a transcript"),
    (b"GIF8", "is a GIF image, not a transcript"),
    (b"ID3", "is an MP3 file: kkaudio reads transcripts, not recordings (transcribe it first)"),
    (b"fLaC", "is a FLAC recording: kkaudio reads transcripts, not recordings (transcribe it first)"),
    (b"OggS", "is an Ogg recording: kkaudio reads transcripts, not recordings (transcribe it first)"),
    (b"\x1f\x8b", "is a gzip archive; unpack it first"),
    (b"7z\xbc\xaf", "is a 7-Zip archive; unpack it first"),
    (b"Rar!", "is a RAR archive; unpack it first"),
]


# What a file whose name says it is one of these packages begins with, whatever is inside it.
_PACKAGES = {".docx": (b"PK", "a Word document"), ".odt": (b"PK", "an OpenDocument text"), ".pdf": (b"%PDF", "a PDF")}


def _refuse_unreadable(head: bytes, path: Path | str) -> None:
    for magic, message in _NOT_TRANSCRIPTS:
        if head.startswith(magic):
            raise ScriptError(message, path)
    name, suffix = Path(path).name, Path(path).suffix
    package = _PACKAGES.get(suffix.lower())
    if package and name.startswith(("~$", ".~")):
        raise ScriptError("is the lock file Word or WPS keeps beside an open document, not the document: read the "
                          f"file named without its {name[:2]}", path)
    if package and package[0] not in head[:1024] and (b"\x00" in head or not head.strip(b"\xff\x00 \t\r\n")
                                                         or head.count(b"\xff") > len(head) / 2):
        raise ScriptError(f"is named {suffix} but is not {package[1]}: the file is damaged (a copy "
                          "cut short, or never saved); open it where it was made and save it again", path)
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI "):
        raise ScriptError("is a recording: kkaudio reads transcripts, not recordings (transcribe it first)", path)
    if head[4:8] == b"ftyp":
        raise ScriptError("is an MP4/M4A recording: kkaudio reads transcripts, not recordings (transcribe it first)",
                          path)


# --- text in any encoding -----------------------------------------------------------------------

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
ENCODING_NAMES = {"utf_8": "UTF-8", "utf-8-sig": "UTF-8", "utf-8": "UTF-8", "gb18030": "GB18030 (GBK)",
                  "gb2312": "GB2312", "gbk": "GBK", "big5": "Big5", "big5hkscs": "Big5-HKSCS", "utf_16": "UTF-16",
                  "utf-16": "UTF-16", "utf_16_le": "UTF-16 LE", "utf_16_be": "UTF-16 BE", "utf-32": "UTF-32",
                  "utf_32": "UTF-32", "cp1252": "Windows-1252", "latin_1": "Latin-1", "shift_jis": "Shift JIS",
                  "cp932": "Shift JIS (cp932)", "euc_jp": "EUC-JP", "euc_kr": "EUC-KR", "cp949": "EUC-KR (cp949)"}


def decode(data: bytes, path: Path | str) -> tuple[str, str]:
    """Text and the name of its encoding: a byte-order mark says it; else UTF-8 if the bytes are
    UTF-8; else what charset-normalizer finds (GB18030, Big5, UTF-16 without a mark, Windows-1252,
    …). UTF-8 with a few broken bytes is an error naming the first, not a guess at another
    encoding; bytes no encoding reads are a binary file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), ENCODING_NAMES[encoding]
            except UnicodeDecodeError as exc:
                raise _broken(data, exc, encoding.upper(), path) from None
    # charset-normalizer, not chardet: maintained, MIT, and it reads short CJK texts right (a
    # 40-character GBK or Big5 line here); it also finds UTF-16 without a byte-order mark.
    from charset_normalizer import from_bytes

    if b"\x00" in data:  # UTF-16 or UTF-32 without a byte-order mark, or not text at all
        best = from_bytes(data).best()
        if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
            raise ScriptError(_BINARY, path)
        return str(best), ENCODING_NAMES.get(best.encoding, best.encoding)
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _mostly_utf8(data):
        raise _broken(data, utf8_error, "UTF-8", path)
    best = from_bytes(data).best()
    if best is None:
        raise ScriptError(_BINARY, path)
    return str(best), ENCODING_NAMES.get(best.encoding, best.encoding.replace("_", "-").upper())


_BINARY = "is a binary file, not a text transcript (nor a PDF, .docx, JSON or subtitle file)"


def xml_root(data: bytes, path: Path, what: str):
    """An XML file's root element, parsed by lxml without expanding entities or reaching the
    network; one that is not well-formed is a ScriptError saying what it was to be (`what`)."""
    from lxml import etree

    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise ScriptError(f"is {what} that is not well-formed XML ({exc.msg})", path) from None


def peek_text(head: bytes) -> str:
    """The first KB of a file as text, good enough to tell its kind (a mark of UTF-16 or
    UTF-32, or NULs between ASCII letters, are read through)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore")
    if b"\x00" in head[:200]:
        head = head.replace(b"\x00", b"")
    return head.decode("utf-8", errors="ignore")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes (a bad copy, a cut file), not text in another encoding."""
    decoded = data.decode("utf-8", errors="replace")
    bad = len(re.findall("\ufffd+", decoded))
    return bad <= 3 and len(re.findall(r"[^\x00-\x7f\ufffd]", decoded)) >= 2 * bad


def _broken(data: bytes, exc: UnicodeDecodeError, encoding: str, path: Path | str) -> ScriptError:
    line = data[: exc.start].count(b"\n") + 1
    return ScriptError(f"is not {encoding} text (byte 0x{data[exc.start]:02x}): the file is damaged, or save it "
                       f"again as UTF-8", path, line)


def slugify(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", stem).lower()).strip("-")
    return slug or "episode-" + hashlib.sha1(stem.encode()).hexdigest()[:8]


# The sources, in the order they register (the last is asked first). Imported here so that
# `read_document` knows them all.
from . import text  # noqa: E402,F401  (the fallback: Markdown, plain text, HTML)
from . import captions, docx, latex, odt, pdf, rtf, spreadsheet, stt_json, substation, ttml, youtube  # noqa: E402,F401
