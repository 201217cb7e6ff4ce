"""A transcript as the pipeline reads it: its sidecar's cast (FILE.yaml beside it) over the
show's, then the transcript parsed with it, and a warning for each sidecar label it lacks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..config import Config, load_sidecar, sidecar_path
from ..model import Script
from ..transcript import load_script


def read_script(path: Path, config: Config) -> Script:
    sidecar = sidecar_path(path)
    own = load_sidecar(sidecar) if sidecar.is_file() else ()
    script = load_script(path, config.with_cast(own))
    found = {label for s in script.speakers for label in s.labels}
    warnings = tuple(f"{sidecar.name}: speakers.{s.id} names the label {a!r}, which {path.name} does not have"
                     for s in own for a in s.aliases if a not in found and s.role != "narrator")
    return dataclasses.replace(script, warnings=script.warnings + warnings) if warnings else script
