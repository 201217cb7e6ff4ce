"""A transcript file -> its text: read, size-checked, decoded, and named (its slug)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from ..config import Config
from ..errors import ScriptError
from ..model import Script
from .reader import parse_script

MAX_BYTES = 2 * 1024 * 1024  # ~30x the seed; a transcript beyond this is a mistake, not an interview


def load_script(path: Path | str, config: Config) -> Script:
    """Read and parse one transcript file. `config` brings the cast to recognise (a sidecar's,
    merged by the caller: pipeline/inputs.py) and the script rules."""
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
    return parse_script(decode_transcript(data, path), config, slug=slugify(path.stem), source=str(path))


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
