"""A transcript's cast as an editable sidecar (`kkaudio init`): what config.load_sidecar reads back."""

from __future__ import annotations

from ..engines.base import Engine
from ..model import Script
from .voices import cast_voices


def cast_yaml(script: Script, engines: list[type[Engine]], source: str) -> str:
    """The cast of a transcript as an editable sidecar: names, roles, labels and, for every
    engine, the voice it gets now (so it stays the same even if the pool changes)."""
    import yaml

    speakers: dict[str, dict] = {}
    per_engine = {e.name: cast_voices(script, e) for e in engines}
    for s in script.speakers:
        genders = {c[s.id].gender for c in per_engine.values() if c[s.id].gender}
        body: dict = {"name": s.name, "role": s.role}
        if s.labels:
            body["aliases"] = list(s.labels)
        gender = s.gender or (genders.pop() if len(genders) == 1 else None)
        if gender:
            body["gender"] = gender
        body["voices"] = {name: c[s.id].voice.block() for name, c in per_engine.items()}
        speakers[s.id] = body
    head = (f"# The cast of {source}, found by `kkaudio init`. Edit names, roles (host, guest, narrator),\n"
            f"# genders and voices; `kkaudio script` and `kkaudio render` read this file. Voice keys: README,\n"
            f"# \"Configuration\"; `kkaudio voices` lists each engine's pool.\n")
    return head + yaml.safe_dump({"speakers": speakers}, allow_unicode=True, sort_keys=False, width=100)
