"""RTF documents: what TextEdit saves by default, and what Word, WordPad and court reporters'
software export. Through striprtf (a small, pure-Python reader of RTF's groups, destinations and
code pages; pinned, being young and small): its text, then read as any text file is. The bold of
a `Name:` is lost, its colon is not; a file of bold names without colons reads as their text.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ...errors import ScriptError
from ..lines import Document
from . import Source, register
from .text import read_text


def _claims(head: bytes, suffix: str) -> bool:
    return head.lstrip()[:5] == b"{\\rtf"


def _read(data: bytes, path: Path) -> Document:
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit: other characters are escapes (\'b9, \u21016?) that the file's code page or
    # Unicode decodes; Latin-1 reads the bytes one for one, whatever a writer let through.
    # A link's target is not its text (striprtf writes it after the text: `@0:23("https://…")`).
    rtf = re.sub(r'(\\fldinst\s*\{?[^{}]*?)HYPERLINK\s+"[^"]*"', r"\1", data.decode("latin-1"))
    try:
        text = rtf_to_text(rtf, errors="replace")
    except (ValueError, LookupError, IndexError) as exc:  # a damaged group or an unknown code page
        raise ScriptError(f"is an RTF document that cannot be read ({exc}); save it as .docx or plain text",
                          path) from None
    if not text.strip():
        raise ScriptError("is an RTF document with no text in it", path)
    # Each of RTF's paragraphs (\par, TextEdit's `\` at a line's end) a paragraph, as in Word.
    doc = read_text(re.sub(r"\n+", "\n\n", text.replace("\r\n", "\n")))
    return dataclasses.replace(doc, kind="rtf", described="RTF document")


register(Source("rtf", _claims, _read))
