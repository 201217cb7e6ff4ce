"""Chapter audio -> MP3 (LAME, in-process: no system ffmpeg), and what an MP3 stream holds.

CBR mono at the configured rate. Each chapter is its own stream, so the full episode is the
chapters' frames one after another (strip_id3), and its chapter times are exact: counted in
frames (mp3_info), not estimated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import lameenc

from ..config import AudioSettings

if TYPE_CHECKING:
    from pydub import AudioSegment


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


def strip_id3(data: bytes) -> bytes:
    """The MPEG frames of an MP3 file without its leading ID3v2 tag."""
    if data[:3] != b"ID3":
        return data
    size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
    footer = 10 if data[5] & 0x10 else 0
    return data[10 + size + footer :]
