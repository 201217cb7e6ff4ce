"""ID3 tags (mutagen): text frames on every MP3, CHAP/CTOC chapter marks on the full episode."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import APIC, CHAP, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1, TRCK, CTOCFlags

from ..errors import OutputError
from ..manifest import ChapterMark


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str
    album: str
    track: int
    total: int
    date: str  # YYYY-MM-DD
    language: str = "zho"  # ISO 639-2
    genre: str = "Podcast"
    cover_jpeg: bytes | None = None
    chapters: tuple[ChapterMark, ...] = field(default=())


def write_tags(path: Path, tags: Tags) -> None:
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TRCK(encoding=3, text=f"{tags.track}/{tags.total}"))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TLAN(encoding=3, text=tags.language))
    id3.add(TCON(encoding=3, text=tags.genre))
    if tags.cover_jpeg:
        id3.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=tags.cover_jpeg))
    if tags.chapters:
        ids = [f"chp{i}" for i in range(len(tags.chapters))]
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                     sub_frames=[TIT2(encoding=3, text=tags.title)]))
        for eid, ch in zip(ids, tags.chapters):
            id3.add(CHAP(element_id=eid, start_time=ch.start_ms, end_time=ch.end_ms,
                         start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,  # "use times, not offsets"
                         sub_frames=[TIT2(encoding=3, text=ch.title)]))
    # ID3v2.3: read by more players and car stereos than 2.4; CHAP/CTOC are defined for both.
    try:
        id3.save(path, v2_version=3)
    except MutagenError as exc:  # mutagen wraps the OSError (a full disk, say) in its own type
        raise OutputError(f"cannot write the tags of {path}: {exc.__cause__ or exc}") from exc
