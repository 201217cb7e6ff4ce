"""voices.yaml -> a typed, validated Config. Nothing downstream re-checks what is read here."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import checks
from ..engines.base import Engine, VoiceSettings, engine_class, engine_names
from ..errors import ConfigError, KkaudioError
from ..model import EpisodeInfo
from .show import DEFAULT_BASE_URL, DEFAULT_PORT, MEDIA, SHOW_TYPES, Show, episode_info, parse_show

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_PORT", "MEDIA", "SHOW_TYPES", "Show", "episode_info"]

ROLES = ("host", "guest", "narrator")
GENDERS = ("male", "female")
DEFAULT_ENGINE = "kokoro"


@dataclass(frozen=True)
class SpeakerConfig:
    id: str
    name: str
    role: str
    aliases: tuple[str, ...]
    voices: Mapping[str, VoiceSettings]  # engine name -> validated settings
    gender: str | None = None  # male | female: which of the engine's pool voices fit (none given: any)


@dataclass(frozen=True)
class Pauses:
    clause_ms: int = 150  # between pieces of one long sentence
    sentence_ms: int = 350
    turn_ms: int = 700
    chapter_ms: int = 1500  # silence at the end of each chapter


@dataclass(frozen=True)
class AudioSettings:
    bitrate_kbps: int = 96
    sample_rate: int = 44100


@dataclass(frozen=True)
class Sidecar:
    """A transcript's own settings (FILE.yaml beside it): its cast and what goes out with it."""

    speakers: tuple[SpeakerConfig, ...] = ()
    info: EpisodeInfo = EpisodeInfo()
    reads_all: str | None = None  # a speaker id: one speaker reads a transcript that names nobody


@dataclass(frozen=True)
class ScriptRules:
    """How the parser tells publisher boilerplate from what is said."""

    boilerplate: tuple[re.Pattern[str], ...] = ()
    end_markers: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Config:
    path: Path
    engine: str
    speakers: tuple[SpeakerConfig, ...]
    pauses: Pauses
    audio: AudioSettings
    show: Show
    lexicon: tuple[tuple[str, str], ...]
    rules: ScriptRules = field(default_factory=ScriptRules)
    engine_settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # engines: {name: …}
    engine_lexicons: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    reads_all: str | None = None  # a transcript's sidecar: this speaker reads all of it (no labels in it)

    def lexicon_for(self, engine: str) -> tuple[tuple[str, str], ...]:
        """The lexicon with the engine's own entries (engines.<name>.lexicon) over the shared ones."""
        own = dict(self.engine_lexicons.get(engine, ()))
        if not own:
            return self.lexicon
        return _longest_first({**dict(self.lexicon), **own}.items())

    def speaker_for_role(self, role: str) -> SpeakerConfig | None:
        return next((s for s in self.speakers if s.role == role), None)

    def voice(self, speaker_id: str, engine: str) -> VoiceSettings:
        """The configured voice of a speaker of voices.yaml on `engine` (benchmarks, tests)."""
        voice = self.configured_voice(speaker_id, engine)
        if voice is None:
            raise ConfigError(f"{self.path}: speakers.{speaker_id}.voices has no {engine!r} voice")
        return voice

    def configured_voice(self, speaker_id: str, engine: str) -> VoiceSettings | None:
        """The voice voices.yaml (or a sidecar) gives this speaker on `engine`; None: the pool's."""
        for s in self.speakers:
            if s.id == speaker_id:
                return s.voices.get(engine)
        return None

    def with_cast(self, speakers: tuple[SpeakerConfig, ...]) -> Config:
        """This config with a transcript's own cast (its sidecar) over the default cast: a
        speaker of the sidecar replaces the one with its id, and its labels win."""
        labels = {a for s in speakers for a in s.aliases}
        ids = {s.id for s in speakers}
        kept = tuple(
            dataclasses.replace(s, aliases=tuple(a for a in s.aliases if a not in labels))
            for s in self.speakers if s.id not in ids
        )
        return dataclasses.replace(self, speakers=kept + speakers)


def default_config(path: Path | str = "voices.yaml") -> Config:
    """What kkaudio runs on with no voices.yaml: the default engine, the pool's voices, the show
    titled from the transcript."""
    return _parse({}, Path(path))


def sidecar_path(transcript: Path) -> Path:
    """Where a transcript's own cast lives: beside it, its file name plus `.yaml`."""
    return transcript.with_name(transcript.name + ".yaml")


def load_sidecar(path: Path) -> Sidecar:
    """A transcript's own settings (`kkaudio init` writes the cast): `speakers:` as in voices.yaml,
    and the episode's `notes` (Markdown), `season` and `soundbites`."""
    raw = _read_yaml(path)
    try:
        root = checks.mapping(raw, "the top level")
        checks.keys(root, {"speakers", "notes", "season", "soundbites", "reads_all"}, "the top level")
        speakers = _speakers(root.get("speakers", {}))
        reads_all = root.get("reads_all")
        if reads_all is not None and reads_all not in {s.id for s in speakers}:
            raise ConfigError(f"reads_all: {reads_all!r} is not one of the speakers below it; name the id of the "
                              f"speaker who reads the whole transcript")
        return Sidecar(speakers, episode_info(root), reads_all)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def load_config(path: Path | str) -> Config:
    path = Path(path)
    raw = _read_yaml(path)
    try:
        return _parse(raw, path)
    except ConfigError as exc:
        msg = str(exc)
        raise ConfigError(msg if msg.startswith(str(path)) else f"{path}: {msg}") from None


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file; run kkaudio in the project folder or pass --voices PATH") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, expected voices.yaml") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    return {} if raw is None else raw


def _parse(raw: Any, path: Path) -> Config:
    root = checks.mapping(raw, "the top level")
    checks.keys(root, {"engine", "engines", "speakers", "pauses", "audio", "show", "lexicon", "script"}, "the top level")

    engine = root.get("engine", DEFAULT_ENGINE)
    if not isinstance(engine, str):
        raise ConfigError(f"engine must be an engine name ({', '.join(engine_names())})")
    if engine not in engine_names():
        raise ConfigError(f"engine: unknown engine {engine!r}; known engines: {', '.join(engine_names())}")

    speakers = _speakers(root.get("speakers", {}))
    return Config(
        path=path,
        engine=engine,
        speakers=speakers,
        pauses=_pauses(root.get("pauses", {})),
        audio=_audio(root.get("audio", {})),
        show=parse_show(root.get("show", {}), next((s.name for s in speakers if s.role == "host"), "")),
        lexicon=_lexicon(root.get("lexicon", {})),
        rules=_rules(root.get("script", {})),
        engine_settings=_engine_settings(root.get("engines", {})),
        engine_lexicons={
            name: _lexicon(body["lexicon"], f"engines.{name}.lexicon")
            for name, body in checks.mapping(root.get("engines", {}), "engines").items()
            if isinstance(body, Mapping) and "lexicon" in body
        },
    )


def _speakers(raw: Any) -> tuple[SpeakerConfig, ...]:
    """Any number of hosts and guests, and a narrator; each label belongs to one speaker."""
    speakers = tuple(_speaker(sid, body) for sid, body in checks.mapping(raw, "speakers").items())
    seen: dict[str, str] = {}
    for s in speakers:
        for alias in s.aliases:
            if alias in seen:
                raise ConfigError(f"speakers.{s.id}.aliases: {alias!r} is also an alias of {seen[alias]}")
            seen[alias] = s.id
    if sum(s.role == "narrator" for s in speakers) > 1:
        raise ConfigError("speakers: only one speaker may have role 'narrator' (who reads the introduction)")
    return speakers


def _engine_settings(raw: Any) -> dict[str, Mapping[str, Any]]:
    raw = checks.mapping(raw, "engines")
    settings = {}
    for name, body in raw.items():
        where = f"engines.{name}"
        body = {k: v for k, v in checks.mapping(body, where).items() if k != "lexicon"}  # every engine may have one
        settings[name] = _engine(name, where).parse_settings(body, where)
    return settings


def _engine(name: str, where: str) -> type[Engine]:
    """The engine class `name`, or a ConfigError that says where in the file it was named."""
    try:
        return engine_class(name)
    except KkaudioError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _speaker(sid: Any, body: Any) -> SpeakerConfig:
    if not isinstance(sid, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", sid):
        raise ConfigError(f"speakers: id {sid!r} must be lower-case letters, digits or _ (e.g. liurun)")
    where = f"speakers.{sid}"
    body = checks.mapping(body, where)
    checks.keys(body, {"name", "role", "aliases", "voices", "gender"}, where)
    name = checks.text(body, "name", where)
    role = body.get("role")
    if role not in ROLES:
        raise ConfigError(f"{where}.role must be one of {', '.join(ROLES)}, got {role!r}")
    aliases = body.get("aliases", [name])
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ConfigError(f"{where}.aliases must be a list of labels as they appear before the colon, e.g. [刘润]")
    gender = body.get("gender")
    if gender not in (None, *GENDERS):
        raise ConfigError(f"{where}.gender must be one of {', '.join(GENDERS)}, got {gender!r}")
    voices_raw = checks.mapping(body.get("voices", {}), f"{where}.voices")
    voices: dict[str, VoiceSettings] = {}
    for engine, voice_raw in voices_raw.items():
        vwhere = f"{where}.voices.{engine}"
        voices[engine] = _engine(engine, vwhere).parse_voice(checks.mapping(voice_raw, vwhere), vwhere)
    return SpeakerConfig(sid, name, role, tuple(a.strip() for a in aliases), voices, gender)


def _pauses(raw: Any) -> Pauses:
    raw = checks.mapping(raw, "pauses")
    checks.keys(raw, {"clause", "sentence", "turn", "chapter"}, "pauses")
    values = {}
    for key in ("clause", "sentence", "turn", "chapter"):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 10:
                raise ConfigError(f"pauses.{key} must be seconds from 0 to 10, got {v!r}")
            values[f"{key}_ms"] = round(v * 1000)
    return Pauses(**values)


def _audio(raw: Any) -> AudioSettings:
    raw = checks.mapping(raw, "audio")
    checks.keys(raw, {"bitrate", "sample_rate"}, "audio")
    bitrate = raw.get("bitrate", 96)
    if bitrate not in (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320):
        raise ConfigError(f"audio.bitrate must be an MP3 bitrate in kbps such as 64, 96 or 128, got {bitrate!r}")
    rate = raw.get("sample_rate", 44100)
    if rate not in (22050, 24000, 32000, 44100, 48000):
        raise ConfigError(f"audio.sample_rate must be 22050, 24000, 32000, 44100 or 48000, got {rate!r}")
    return AudioSettings(bitrate_kbps=bitrate, sample_rate=rate)


def _lexicon(raw: Any, where: str = "lexicon") -> tuple[tuple[str, str], ...]:
    """Text to say instead (`K.K.: KK`), readings of the characters (`还钱: huan2 qian2`) or an
    English word's phonemes (`Kevin: /ˈkɛvɪn/`), each checked here (text/normalise.py reads them)."""
    from ..text.normalise import lexicon_entry

    raw = checks.mapping(raw, where)
    for src, dst in raw.items():
        if not isinstance(src, str) or not src or not isinstance(dst, str):
            raise ConfigError(f"{where}: {src!r} must map text to the text to say instead, or to its readings "
                              f"(还钱: huan2 qian2)")
        try:
            lexicon_entry(src, dst)
        except ValueError as exc:
            raise ConfigError(f"{where}.{src}: {exc}") from None
    return _longest_first(raw.items())


def _longest_first(pairs) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))  # so "K.K." wins over "K"


def _rules(raw: Any) -> ScriptRules:
    raw = checks.mapping(raw, "script")
    checks.keys(raw, {"boilerplate", "end_markers"}, "script")

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        items = raw.get(key, [])
        if not isinstance(items, list):
            raise ConfigError(f"script.{key} must be a list of regular expressions")
        out = []
        for i, p in enumerate(items):
            try:
                out.append(re.compile(str(p)))
            except re.error as exc:
                raise ConfigError(f"script.{key}[{i}]: invalid regular expression {p!r}: {exc}") from None
        return tuple(out)

    return ScriptRules(boilerplate=patterns("boilerplate"), end_markers=patterns("end_markers"))
