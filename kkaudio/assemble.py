"""Clips -> chapter audio with its timing map (pydub), and chapter audio -> MP3 (LAME, in-process)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import warnings

import lameenc
import numpy as np

with warnings.catch_warnings():
    # pydub warns at import when no ffmpeg is on PATH (we never use its ffmpeg paths: LAME
    # encodes in-process) and, on 3.11-3.12, that audioop is deprecated (3.13+ gets
    # audioop-lts). Neither is the user's concern.
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from .cache import ClipCache
from .config import AudioSettings
from .engines.base import Audio
from .errors import EngineError
from .loudness import normalise
from .model import Cue
from .synth import PlannedClip

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
        cues.append(Cue(_ms(start, rate), _ms(end, rate), names[clip.segment.speaker], clip.segment.text))
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


def encode_mp3(audio: AudioSegment, settings: AudioSettings) -> bytes:
    """CBR mono MP3 at the configured rate; LAME resamples from the engine's rate."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(settings.bitrate_kbps)
    encoder.set_in_sample_rate(audio.frame_rate)
    encoder.set_out_sample_rate(settings.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(3)  # 0 best .. 9 fastest; 3 is near-best at about 120x real time here
    return bytes(encoder.encode(audio.raw_data) + encoder.flush())


# MPEG audio frame headers, enough to count frames (and so know durations exactly).
_BITRATES = {  # kbps by index, for (MPEG-1 | MPEG-2/2.5) Layer III
    1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


@dataclass(frozen=True)
class Mp3Info:
    frames: int
    sample_rate: int
    samples_per_frame: int

    @property
    def duration_ms(self) -> float:
        return 1000.0 * self.frames * self.samples_per_frame / self.sample_rate


def mp3_info(data: bytes) -> Mp3Info:
    """Walk the frame headers of a bare Layer III stream (no ID3) and count its frames."""
    pos = frames = 0
    rate = spf = 0
    while pos + 4 <= len(data):
        h = int.from_bytes(data[pos : pos + 4], "big")
        if h >> 21 != 0x7FF:
            raise ValueError(f"lost MPEG frame sync at byte {pos}")
        version = (h >> 19) & 3  # 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        bitrate = _BITRATES[1 if version == 3 else 2][(h >> 12) & 0xF] * 1000
        rate = _RATES[version][(h >> 10) & 3]
        padding = (h >> 9) & 1
        spf = 1152 if version == 3 else 576
        pos += spf // 8 * bitrate // rate + padding
        frames += 1
    return Mp3Info(frames, rate, spf)
