"""Where the cast meets an engine's voice pool: a distinct voice for every speaker.

A speaker with a voice in voices.yaml or its transcript's sidecar keeps it. Every other one
gets a voice from the engine's pool (Engine.voice_pool) that suits the transcript's language
and the speaker's gender (configured; otherwise the narrator is female, and hosts and guests
alternate, the first one male), never one another speaker of the cast already has.

The choice is stable: it depends on the speaker's label, not on the order of the file or the
time of day, so the same label keeps its voice on every render and across a show's episodes
(as long as two labels do not want the same voice; `kkaudio init` writes the choice down).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..engines.base import Engine, PoolVoice, VoiceSettings
from ..errors import ConfigError
from ..model import Script, Speaker


@dataclass(frozen=True)
class Casting:
    speaker: Speaker
    voice: VoiceSettings
    name: str  # the pool voice's name, or "voices.yaml" / the sidecar
    gender: str | None


def cast_voices(script: Script, engine: type[Engine]) -> dict[str, Casting]:
    out: dict[str, Casting] = {}
    used: set[str] = set()
    for s in script.speakers:
        voice = s.voices.get(engine.name)
        if voice is not None:
            summary = " ".join(f"{k}={v}" for k, v in voice.block().items())
            out[s.id] = Casting(s, voice, f"as configured ({summary})", s.gender)
            used.add(voice.key())
    pool = [v for v in engine.voice_pool() if script.language in v.languages]
    if not pool:
        pool = list(engine.voice_pool())
    parsed = {v.name: engine.parse_voice(v.settings, f"{engine.name} voice pool: {v.name}") for v in pool}
    alternate = "male"
    for s in script.speakers:
        if s.id in out:
            continue
        if s.gender:
            gender = s.gender
        elif s.role == "narrator":
            gender = "female"
        else:
            gender, alternate = alternate, ("female" if alternate == "male" else "male")
        choice = _choose(s, gender, pool, parsed, used)
        if choice is None:
            raise_no_voice(engine)
        used.add(parsed[choice.name].key())
        out[s.id] = Casting(s, parsed[choice.name], choice.name, choice.gender)
    return out


def _choose(s: Speaker, gender: str, pool: list[PoolVoice], parsed: dict[str, VoiceSettings],
            used: set[str]) -> PoolVoice | None:
    free = [v for v in pool if parsed[v.name].key() not in used]
    for candidates in ([v for v in free if v.gender == gender], free, pool):
        if candidates:
            label = (s.labels[0] if s.labels else s.id).encode()
            return candidates[int(hashlib.sha256(label).hexdigest(), 16) % len(candidates)]
    return None


def raise_no_voice(engine: type[Engine]) -> None:
    raise ConfigError(f"engine {engine.name!r} offers no voices for speakers voices.yaml does not configure; "
                      "give each speaker a voice for it in voices.yaml")


def describe(castings: dict[str, Casting]) -> list[str]:
    """One line per speaker, for the start of a render."""
    lines = []
    for c in castings.values():
        s = c.speaker
        labels = "、".join(s.labels) if s.labels else "(introduction)"
        lines.append(f"  {s.name} [{s.role}{'' if s.certain else '?'}] {labels} -> {c.name}")
    return lines
