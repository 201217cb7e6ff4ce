"""`kkaudio say`: one line in one voice, in seconds, to hear a voice or a pronunciation before a
long render. It goes the way a render does (lexicon, numbers, sentence pieces and pauses, the
clip cache, the loudness norm), so what you hear is what the episode will say; its clips are
cached, so a render that follows reuses them.
"""

from __future__ import annotations

import io
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from ..audio.assemble import assemble_chapter, master
from ..audio.cache import ClipCache
from ..audio.mp3 import encode_mp3
from ..audio.plan import front_end_version, plan_text, with_gap
from ..audio.synth import synthesise_missing
from ..casting.voices import language_pool
from ..config import Config
from ..engines.base import Engine, VoiceSettings, engine_class
from ..errors import ConfigError, EngineError, OutputError
from ..fsutil import write_bytes
from ..text.language import detect_line

FORMATS = (".mp3", ".wav")


@dataclass(frozen=True)
class Said:
    path: Path
    voice: str  # how the voice was chosen, for the printout
    seconds: float  # of audio
    synthesised: int  # clips made now (the rest came from the cache)
    clips: int
    wall_s: float


def choose_voice(engine: type[Engine], config: Config, voice: str | None, speaker: str | None,
                 language: str) -> tuple[VoiceSettings, str]:
    """--voice: a pool voice's name or a voice block in YAML ({style: jf_alpha, formant: 1.1});
    --speaker: a speaker of voices.yaml by id, name or alias; neither: the pool's first voice
    for the language."""
    if voice is not None and speaker is not None:
        raise ConfigError("give --voice or --speaker, not both")
    pool = engine.voice_pool()
    if speaker is not None:
        for s in config.speakers:
            if speaker == s.id or speaker == s.name or speaker in s.aliases:
                chosen = s.voices.get(engine.name)
                if chosen is None:
                    raise ConfigError(f"speaker {s.id!r} has no {engine.name} voice in {config.path}; "
                                      f"give one, or pick a pool voice with --voice")
                return chosen, f"{s.id} ({config.path})"
        known = ", ".join(s.id for s in config.speakers) or "none"
        raise ConfigError(f"no speaker {speaker!r} in {config.path} (speakers: {known})")
    if voice is None:
        fitting = language_pool(engine, language)
        if not fitting:
            raise ConfigError(f"engine {engine.name!r} has no voice pool; give --voice as a YAML block")
        voice = fitting[0].name
    for v in pool:
        if v.name == voice:
            return engine.parse_voice(v.settings, f"{engine.name} voice pool: {v.name}"), v.name
    if voice.lstrip().startswith("{"):
        import yaml

        try:
            block = yaml.safe_load(voice)
        except yaml.YAMLError as exc:
            raise ConfigError(f"--voice is not a YAML mapping: {str(exc).splitlines()[0]}") from None
        if not isinstance(block, dict):
            raise ConfigError("--voice is not a YAML mapping")
        return engine.parse_voice(block, "--voice"), voice
    names = ", ".join(v.name for v in pool) or "none"
    raise ConfigError(f"{engine.name} has no pool voice {voice!r} (pool: {names}; or give a block such as "
                      f"'{{style: jf_alpha, formant: 1.1}}'; `kkaudio voices --engine {engine.name}` lists them)")


def say(text: str, out: Path, config: Config, engine_name: str, cache_dir: Path,
        voice: str | None = None, speaker: str | None = None) -> Said:
    """One line, planned, synthesised (or taken from the cache) and joined as a render does it."""
    started = time.monotonic()
    if out.suffix.lower() not in FORMATS:
        raise OutputError(f"{out}: say writes {' or '.join(FORMATS)}; name the file with one of them")
    language = detect_line(text)
    cls = engine_class(engine_name)
    settings, how = choose_voice(cls, config, voice, speaker, language)

    def plan(version: str):
        return plan_text(text, settings, engine_name, version, config.pauses, config.lexicon_for(engine_name),
                         language, speaker="say")

    if not plan(""):  # before the engine loads
        raise ConfigError("nothing to say: the text has no words")
    engine = cls.create(config.engine_settings.get(engine_name, {}), None)
    cache = ClipCache(cache_dir)
    try:
        clips = plan(front_end_version(engine, settings))
        clips[-1] = with_gap(clips[-1], 0)  # no pause after the last word
        stats = synthesise_missing(clips, engine, cache)
    finally:
        engine.close()
    try:
        audio = master(assemble_chapter(clips, cache, {"say": how}).audio)
    except EngineError:
        raise OutputError("a clip vanished from the cache while saying it; say it again") from None
    if out.suffix.lower() == ".mp3":
        data = encode_mp3(audio, config.audio)
    else:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as w:
            w.setnchannels(1), w.setsampwidth(2), w.setframerate(audio.frame_rate)
            w.writeframes(audio.raw_data)
        data = buffer.getvalue()
    write_bytes(out, data)
    return Said(out, how, len(audio) / 1000, stats.synthesised, len(clips), time.monotonic() - started)
