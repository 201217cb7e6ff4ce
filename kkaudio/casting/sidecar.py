"""A transcript's cast as an editable sidecar (`kkaudio init`): what config.load_sidecar reads back."""

from __future__ import annotations

import re

from ..engines.base import Engine
from ..model import Script
from .voices import cast_voices


def cast_yaml(script: Script, engines: list[type[Engine]], source: str, reads_all: bool = False) -> str:
    """The cast of a transcript as an editable sidecar: names, roles, labels, the gender and
    what it rests on (as a comment, so the user sees what to check), and for every engine the
    voice it gets now (so it stays the same even if the pool changes)."""
    import yaml

    per_engine = {e.name: cast_voices(script, e) for e in engines}
    blocks = []
    for s in script.speakers:
        body: dict = {"name": s.name, "role": s.role}
        if s.labels:
            body["aliases"] = list(s.labels)
        body["gender"] = s.gender
        body["voices"] = {name: c[s.id].voice.block() for name, c in per_engine.items()}
        text = yaml.safe_dump({s.id: body}, allow_unicode=True, sort_keys=False, width=100)
        why = f"# {s.gender_evidence}" if s.gender else "# unknown: the name and the text do not say; male or female"
        if s.gender_evidence == "configured":
            why = "# as configured"
        text = re.sub(r"^(  gender: .*)$", lambda m: f"{m.group(1)}  {why}", text, count=1, flags=re.MULTILINE)
        blocks.append("  " + text.replace("\n", "\n  ").rstrip() + "\n")
    head = (f"# The cast of {source}, found by `kkaudio init`. Edit names, roles (host, guest, narrator),\n"
            f"# genders and voices; `kkaudio script` and `kkaudio render` read this file. Voice keys: README,\n"
            f"# \"Configuration\"; `kkaudio voices` lists each engine's pool.\n")
    if reads_all:  # the transcript names nobody: its one speaker reads it all
        reader = next(s.id for s in script.speakers if s.role != "narrator")
        head += (f"# {source} names no speakers, so one voice reads all of it; rename them, set the role and\n"
                 f"# gender, or add speakers' labels to the transcript and run `kkaudio init --force` again.\n"
                 f"reads_all: {reader}\n")
    return head + "speakers:\n" + "".join(blocks)


def starter_yaml(parsed: Script) -> str:
    """A starter voices.yaml for the show a transcript begins (`kkaudio init --starter`)."""
    import yaml

    from ..config import DEFAULT_BASE_URL, DEFAULT_ENGINE

    doc = {
        "engine": DEFAULT_ENGINE,
        "show": {"title": parsed.title, "description": parsed.meta.get("description", ""),
                 "base_url": DEFAULT_BASE_URL},
        "pauses": {"clause": 0.15, "sentence": 0.35, "turn": 0.7, "chapter": 1.5},
        "lexicon": {},
        "script": {"boilerplate": [], "end_markers": []},
    }
    head = "# The show: see the README's \"Configuration\". Each transcript's cast is in its own FILE.yaml.\n"
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
