"""What the command line prints about a transcript's cast and a pool's voices (cli/ talks to the user)."""

from __future__ import annotations

from pathlib import Path

import click


def text_width(text: str) -> int:
    """Columns a terminal gives `text`: two for each wide (CJK) character."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def read_as_text(parsed) -> list:
    """The ignored labels whose lines are read aloud; the others' lines were left out."""
    left_out = {d.line for d in parsed.dropped}
    return [i for i in parsed.ignored_labels if i.line not in left_out]


def echo_cast(parsed, seed: Path) -> None:
    """The cast a transcript gave, on stderr: label, role (? where guessed), turns, characters."""
    from ..config import sidecar_path

    click.echo(f"{seed}: {parsed.language}, {len(parsed.chapters)} chapters, cast:", err=True)
    width = max((text_width(s.name) for s in parsed.speakers), default=0)
    for s in parsed.speakers:
        role = s.role + ("" if s.certain else "?")
        labels = "、".join(s.labels) if s.labels else "(text before the first label)"
        name = s.name + " " * (width - text_width(s.name))
        gender = f"{s.gender} ({s.gender_evidence})" if s.gender else "gender ?"
        click.echo(f"  {name}  {role:<9} {s.turns:>4} turns {s.chars:>7} chars   {gender:<28} labels: {labels}",
                   err=True)
    if any(not s.certain for s in parsed.speakers):
        click.echo(f"  ? = a guess: set the role in {sidecar_path(seed).name} (kkaudio init {seed})", err=True)
    read = read_as_text(parsed)
    if read:
        shown = ", ".join(f"{i.label!r} (line {i.line})" for i in read[:5])
        more = f" and {len(read) - 5} more" if len(read) > 5 else ""
        click.echo(f"  read as text, not labels: {shown}{more} (kkaudio script --explain says why)", err=True)
    for warning in parsed.warnings:
        click.echo(f"  warning: {warning}", err=True)




def flow(block) -> str:
    """A voice block as one line of YAML flow style, as it would be written in voices.yaml."""
    if isinstance(block, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in block.items()) + "}"
    return str(block)
