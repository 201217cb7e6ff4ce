"""Content-addressed store of synthesised clips, keyed by everything that shapes the sound.

Each entry carries its own length and SHA-256, so a truncated or corrupt entry is detected on
read, deleted and synthesised again, never stitched in.
"""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path

from ..engines.base import Audio
from ..errors import OutputError
from ..fsutil import write_bytes

_MAGIC = b"KKCLIP1\x00"
_HEADER = struct.Struct("<8sIQ32s")  # magic, sample rate, PCM byte count, sha256 of the PCM


def clip_key(engine: str, engine_version: str, voice_key: str, spoken: str) -> str:
    blob = json.dumps([engine, engine_version, voice_key, spoken], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ClipCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.clip"

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def get(self, key: str) -> Audio | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if len(data) >= _HEADER.size:
            magic, rate, size, digest = _HEADER.unpack_from(data)
            pcm = data[_HEADER.size :]
            if magic == _MAGIC and size == len(pcm) and hashlib.sha256(pcm).digest() == digest and rate > 0:
                return Audio(pcm, rate)
        path.unlink(missing_ok=True)  # corrupt: forget it, it will be synthesised again
        return None

    def put(self, key: str, audio: Audio) -> None:
        header = _HEADER.pack(_MAGIC, audio.rate, len(audio.pcm), hashlib.sha256(audio.pcm).digest())
        try:
            write_bytes(self._path(key), header + audio.pcm)
        except OutputError as exc:
            raise OutputError(f"clip cache: {exc}") from None
