"""Why a transcript is refused, in one line that says what the file is and what kkaudio needs."""

from __future__ import annotations

from .lines import Document
from .style import Style


def no_dialogue(found: Style, doc: Document) -> str:
    """What a file without dialogue is, and what kkaudio needs instead: a subtitle file without
    names (and how to name them), labels each seen once, or no labels at all."""
    seen = sorted({r.name for r in found.rejected if r.reason != "not a name"})[:6]
    what = "" if doc.kind == "text" else f" in this {doc.described}"
    one_voice = "; for one voice to read it all, `kkaudio init` writes a sidecar that says so"
    if doc.kind == "captions":
        turns = sum(ln.turns for ln in doc.lines)  # `>>` or dialogue dashes: who speaks changes, unnamed
        names = ("name each speaker where their turn is first marked (`>> ALICE: …`, `- ALICE: …`); later ones "
                 "follow") if turns else "add the names"
        return (f"is a subtitle file ({doc.described}) without speaker names: {doc.unnamed} and no `Name:` "
                f"in its cues{f' ({turns} unnamed changes of speaker)' if turns else ''}; kkaudio needs to know who "
                f"speaks: {names}{one_voice}")
    if doc.kind == "json":
        return ("is a transcript in JSON without speakers (no speaker field in its segments, no `Name:` in their "
                "text); kkaudio needs to know who speaks: export it again with speaker labels (diarization) "
                f"turned on{one_voice}")
    if seen:
        return (f"no dialogue found{what}: no speaker label starts more than one turn (seen once each: "
                f"{', '.join(seen)}); a speaker needs at least two turns, or an alias in voices.yaml")
    return (f"no dialogue found{what}: no speaker labels (刘润：, **Host:**, Q/A, MR. SMITH:, a name alone on its "
            f"line) start any line; this does not look like an interview transcript{one_voice}")
