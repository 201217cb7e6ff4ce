"""A transcript as the pipeline reads it: its sidecar's cast (FILE.yaml beside it) over the
show's, then the transcript parsed with it, and a warning for each sidecar label it lacks; the
episode's notes, season and soundbites from the sidecar, else from the front matter."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..config import Config, Sidecar, episode_info, load_sidecar, sidecar_path
from ..errors import ConfigError, NoDialogueError, ScriptError
from ..model import Script
from ..transcript import load_script


def read_script(path: Path, config: Config) -> Script:
    sidecar_file = sidecar_path(path)
    sidecar = load_sidecar(sidecar_file) if sidecar_file.is_file() else Sidecar()
    cast = config.with_cast(sidecar.speakers)
    script = load_script(path, dataclasses.replace(cast, reads_all=sidecar.reads_all) if sidecar.reads_all else cast)
    found = {label for s in script.speakers for label in s.labels}
    warnings = tuple(f"{sidecar_file.name}: speakers.{s.id} names the label {a!r}, which {path.name} does not have"
                     for s in sidecar.speakers for a in s.aliases if a not in found and s.role != "narrator")
    info = sidecar.info
    front = {k: v for k, v in script.meta.items() if k in ("notes", "season")}
    if front:  # the front matter's, where the sidecar says nothing
        if "season" in front:
            front["season"] = int(front["season"]) if str(front["season"]).isdigit() else front["season"]
        try:
            own = episode_info(front, "front matter: ")
        except ConfigError as exc:
            raise ScriptError(str(exc), path) from None
        info = dataclasses.replace(info, notes=info.notes or own.notes,
                                   season=info.season if info.season is not None else own.season)
    return dataclasses.replace(script, warnings=script.warnings + warnings, info=info)


def read_cast(path: Path, config: Config) -> tuple[Script, bool]:
    """The transcript as `kkaudio init` reads it, and whether it names nobody (then one speaker
    reads it all, to be renamed in the sidecar)."""
    try:
        return read_script(path, config), False
    except NoDialogueError:
        return read_monologue(path, config), True


def read_monologue(path: Path, config: Config) -> Script:
    """A transcript that names nobody, read by one speaker (what `kkaudio init` offers for it)."""
    from ..config import SpeakerConfig

    one = SpeakerConfig("speaker", "Speaker", "host", (), {})
    script = load_script(path, dataclasses.replace(config.with_cast((one,)), reads_all="speaker"))
    if script.language != "en":  # named in the transcript's language
        one = dataclasses.replace(one, name="说话人" if script.language == "zh-hans" else "說話人")
        script = load_script(path, dataclasses.replace(config.with_cast((one,)), reads_all="speaker"))
    return script
