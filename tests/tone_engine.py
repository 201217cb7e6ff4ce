"""A real engine for pipeline tests: deterministic tones, fast, in any process.

In-process tests register() it; subprocesses and cluster workers find it through
KKAUDIO_ENGINES="tone=tests.tone_engine:ToneEngine" with the repository on PYTHONPATH.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

from kkaudio.engines.base import Audio, Engine, PoolVoice, VoiceSettings, check_range

SPEC = "tone=tests.tone_engine:ToneEngine"


@dataclass(frozen=True)
class ToneVoice(VoiceSettings):
    freq: float = 200


class ToneEngine(Engine):
    """A real backend that makes deterministic audio fast: a tone per voice, 80 ms per character.

    `calls` counts synthesis requests, so tests can see what was (not) synthesised.
    """

    name = "tone"
    summary = "test tones"
    rate = 16000
    calls = 0

    @classmethod
    def parse_voice(cls, raw, where):
        return ToneVoice(check_range(raw, "freq", 50, 2000, 200, where))

    @property
    def version(self) -> str:
        return "tone-1"

    def synthesize(self, text: str, voice: VoiceSettings) -> Audio:
        type(self).calls += 1
        n = int(self.rate * 0.08 * max(1, len(text)))
        freq = voice.freq
        samples = (int(8000 * math.sin(2 * math.pi * freq * i / self.rate)) for i in range(n))
        return Audio(struct.pack(f"<{n}h", *samples), self.rate)

    @classmethod
    def list_voices(cls):
        return ["any frequency"]

    @classmethod
    def voice_pool(cls):
        return tuple(PoolVoice(f"tone-{f}", gender, {"freq": f}, ("zh-hans", "zh-hant", "en"))
                     for f, gender in ((110, "male"), (150, "male"), (220, "female"), (260, "female")))
