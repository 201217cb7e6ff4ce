"""Clips -> chapter audio with its timing map (pydub), mastered to the loudness norm."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import warnings

import numpy as np

with warnings.catch_warnings():
    # pydub warns at import when no ffmpeg is on PATH (we never use its ffmpeg paths: LAME
    # encodes in-process) and, on 3.11-3.12, that audioop is deprecated (3.13+ gets
    # audioop-lts). Neither is the user's concern.
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from ..engines.base import Audio
from ..errors import EngineError
from ..model import Cue
from .cache import ClipCache
from .loudness import normalise
from .plan import PlannedClip

SILENCE_DBFS = -50.0  # quieter than this at a clip's ends is trimmed, so pauses are ours alone
EDGE_MS = 20  # kept around the speech when trimming, so no consonant is clipped


@dataclass(frozen=True)
class ChapterAudio:
    audio: AudioSegment
    cues: tuple[Cue, ...]  # ms from the start of this chapter


def assemble_chapter(clips: Sequence[PlannedClip], cache: ClipCache, names: dict[str, str]) -> ChapterAudio:
    """Stitch a chapter's clips with their pauses; record where each clip's speech sits."""
    pieces: list[AudioSegment] = []
    cues: list[Cue] = []
    position = 0  # frames
    rate = None
    for clip in clips:
        audio = cache.get(clip.key)
        if audio is None:
            raise EngineError(f"clip for {clip.segment.text[:30]!r} vanished from the cache during the render")
        if rate is None:
            rate = audio.rate
        seg = trim(segment(audio))
        if seg.frame_rate != rate:
            seg = seg.set_frame_rate(rate)
        gap = AudioSegment.silent(duration=clip.segment.gap_after_ms, frame_rate=rate)
        start, end = position, position + int(seg.frame_count())
        cues.append(Cue(_ms(start, rate), _ms(end, rate), names[clip.segment.speaker], clip.segment.text,
                        clip.segment.spoken, clip.key))
        pieces += [seg, gap]
        position = end + int(gap.frame_count())
    if rate is None:
        return ChapterAudio(AudioSegment.empty(), ())
    # One join instead of repeated `+`, which would copy the growing chapter for every clip.
    joined = pieces[0]._spawn(b"".join(p.raw_data for p in pieces))
    return ChapterAudio(joined, tuple(cues))


def segment(audio: Audio) -> AudioSegment:
    return AudioSegment(data=audio.pcm, sample_width=2, frame_rate=audio.rate, channels=1)


def trim(seg: AudioSegment) -> AudioSegment:
    lead = detect_leading_silence(seg, silence_threshold=SILENCE_DBFS, chunk_size=5)
    tail = detect_leading_silence(seg.reverse(), silence_threshold=SILENCE_DBFS, chunk_size=5)
    start = max(0, lead - EDGE_MS)
    end = min(len(seg), len(seg) - tail + EDGE_MS)
    return seg[start:end] if end > start else seg


def _ms(frames: int, rate: int) -> int:
    return round(1000 * frames / rate)


def master(audio: AudioSegment) -> AudioSegment:
    """The chapter at the podcast loudness norm (see loudness.py)."""
    x = np.frombuffer(audio.raw_data, dtype="<i2").astype(np.float32) / 32768.0
    y = normalise(x, audio.frame_rate)
    pcm = (np.clip(y, -1.0, 32767 / 32768) * 32768.0).round().astype("<i2").tobytes()
    return audio._spawn(pcm)
