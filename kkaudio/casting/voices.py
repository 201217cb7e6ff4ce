"""Where the cast meets an engine's voice pool: a distinct voice for every speaker.

A speaker with a voice in voices.yaml or its transcript's sidecar keeps it. Every other one
gets a voice from the engine's pool (Engine.voice_pool) that suits the transcript's language
and the speaker's gender: configured, or guessed from the name and the text (transcript/
gender.py); when nothing says, the narrator is female and hosts and guests alternate, the
first one male. Main speakers (who speak more than once) are cast first, each with a voice no
one else has, from the pool's own voices of their gender before its spares (kokoro's Mandarin
pool: native speakers first, Japanese ones after); when the pool runs out, speakers heard once
(a reporter's one question) share a voice by role, never one a main speaker has.

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
    gender: str | None  # the voice's


def language_pool(engine: type[Engine], language: str) -> list[PoolVoice]:
    """The engine's pool voices for `language`; if it has none, those for any language (an
    engine whose pool is all one other language), and the whole pool last. `say` takes the
    first of these, casting chooses among them."""
    pool = engine.voice_pool()
    return ([v for v in pool if language in v.languages] or [v for v in pool if v.languages]
            or list(pool))


def cast_voices(script: Script, engine: type[Engine]) -> dict[str, Casting]:
    out: dict[str, Casting] = {}
    main_voices: set[str] = set()  # voices of configured and main speakers: never shared
    for s in script.speakers:
        voice = s.voices.get(engine.name)
        if voice is not None:
            summary = " ".join(f"{k}={v}" for k, v in voice.block().items())
            out[s.id] = Casting(s, voice, f"as configured ({summary})", s.gender)
            main_voices.add(voice.key())
    pool = language_pool(engine, script.language)
    if not pool and len(out) < len(script.speakers):
        raise_no_voice(engine)
    parsed = {v.name: engine.parse_voice(v.settings, f"{engine.name} voice pool: {v.name}") for v in pool}
    wanted: dict[str, str] = {}
    alternate = "male"
    for s in script.speakers:  # hosts, guests, then the narrator, as the Script lists them
        if s.id in out:
            continue
        if s.gender:
            wanted[s.id] = s.gender
        elif s.role == "narrator":
            wanted[s.id] = "female"
        else:
            wanted[s.id], alternate = alternate, ("female" if alternate == "male" else "male")
    main = [s for s in script.speakers if s.id in wanted and (s.turns > 1 or s.role == "narrator")]
    minor = [s for s in script.speakers if s.id in wanted and s not in main]
    used = set(main_voices)
    for s in main:
        choice = _choose(s, wanted[s.id], pool, parsed, used, avoid=set())
        used.add(parsed[choice.name].key())
        main_voices.add(parsed[choice.name].key())
        out[s.id] = Casting(s, parsed[choice.name], choice.name, choice.gender)
    by_role: dict[tuple[str, str], PoolVoice] = {}  # the voice minor speakers of a role share
    for s in minor:
        free = [v for v in pool if parsed[v.name].key() not in used]
        shared = by_role.get((s.role, wanted[s.id]))
        if not any(v.gender == wanted[s.id] for v in free) and shared is not None:
            choice = shared
        else:
            choice = _choose(s, wanted[s.id], pool, parsed, used, avoid=main_voices)
        by_role.setdefault((s.role, wanted[s.id]), choice)
        used.add(parsed[choice.name].key())
        out[s.id] = Casting(s, parsed[choice.name], choice.name, choice.gender)
    return {s.id: out[s.id] for s in script.speakers}


def _choose(s: Speaker, gender: str, pool: list[PoolVoice], parsed: dict[str, VoiceSettings],
            used: set[str], avoid: set[str]) -> PoolVoice:
    """A free voice of the gender (the pool's own before its spares); else any free one; else
    one no main speaker has; else any."""
    free = [v for v in pool if parsed[v.name].key() not in used]
    unused = [v for v in pool if parsed[v.name].key() not in avoid]
    for candidates in ([v for v in free if v.gender == gender and not v.spare],
                       [v for v in free if v.gender == gender], free,
                       [v for v in unused if v.gender == gender], unused, pool):
        if candidates:
            label = (s.labels[0] if s.labels else s.id).encode()
            return candidates[int(hashlib.sha256(label).hexdigest(), 16) % len(candidates)]
    raise AssertionError("an empty pool is refused above")


def raise_no_voice(engine: type[Engine]) -> None:
    raise ConfigError(f"engine {engine.name!r} offers no voices for speakers voices.yaml does not configure; "
                      "give each speaker a voice for it in voices.yaml")


def describe(castings: dict[str, Casting]) -> list[str]:
    """One line per speaker, for the start of a render."""
    lines = []
    for c in castings.values():
        s = c.speaker
        labels = "、".join(s.labels) if s.labels else "(introduction)"
        lines.append(f"  {s.name} [{s.role}{'' if s.certain else '?'}] {labels} -> {c.name}  "
                     f"({gender_note(s)})")
    return lines


def gender_note(s: Speaker) -> str:
    """`female (given name 娜)`, `male (configured)`, `gender unknown`."""
    if not s.gender:
        return "gender unknown"
    return f"{s.gender} ({s.gender_evidence})" if s.gender_evidence else s.gender
