"""LaTeX (`.tex`): a thesis's appendix, an Overleaf project's transcript. Through pylatexenc (a
kept LaTeX parser: braces, comments, escapes and accents, which hand-written rules would get
wrong): the text a reader of the printed page sees, with what can show a label kept as Markdown
(\\textbf as bold, \\emph and \\textit as italics, \\section as a heading, \\maketitle's title as
the first heading); footnotes, labels and references are not said. Then read as Markdown."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ...errors import ScriptError
from ..lines import Document
from . import Source, decode, register
from .text import read_text


def _claims(head: bytes, suffix: str) -> bool:
    return suffix in (".tex", ".latex") or bool(re.match(rb"\s*(?:%[^\n]*\n\s*)*\\(?:documentclass|begin\{document\})", head))


def _heading(marks: str):
    return lambda node, l2tobj: f"\n\n{marks} {l2tobj.node_arg_to_text(node, 2).strip()}\n\n"  # (pylatexenc passes `l2tobj` by name)


_INPUT = re.compile(r"\\(?:input|include)\s*\{([^{}]+)\}")


def _inlined(text: str, folder: Path, depth: int = 3) -> str:
    """A main file's `\\input{appendix}` and `\\include{…}` replaced by those files' text (beside it)."""
    def one(m: re.Match) -> str:
        name = m.group(1).strip()
        found = next((f for f in (folder / name, folder / f"{name}.tex") if f.is_file()), None)
        return _inlined(found.read_text(encoding="utf-8", errors="replace"), found.parent, depth - 1) \
            if found and depth else m.group(0)
    return _INPUT.sub(one, text)


def _read(data: bytes, path: Path) -> Document:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    text, encoding = decode(data, path)
    text = _inlined(text, Path(path).parent)
    db = get_default_latex_context_db()
    db.add_context_category("kkaudio", prepend=True, macros=[
        MacroTextSpec("textbf", simplify_repl="**%s**"),
        *(MacroTextSpec(name, simplify_repl="*%s*") for name in ("emph", "textit")),
        *(MacroTextSpec(name, simplify_repl=_heading(marks)) for name, marks in
          (("part", "#"), ("chapter", "#"), ("section", "##"), ("subsection", "###"), ("subsubsection", "####"))),
        MacroTextSpec("maketitle", simplify_repl=lambda node, l2tobj: f"\n\n# {getattr(l2tobj, '_doc_title', '')}\n\n"
                      if getattr(l2tobj, "_doc_title", "").strip() else ""),
        *(MacroTextSpec(name, discard=True) for name in ("footnote", "label", "ref", "cite", "index")),
    ], environments=[], specials=[])
    try:
        said = LatexNodes2Text(latex_context=db, math_mode="text").latex_to_text(text)
    except Exception as exc:  # noqa: BLE001  (pylatexenc raises several kinds on a broken file)
        raise ScriptError(f"is a LaTeX file that cannot be read ({exc}); export it as PDF or text", path) from None
    if not said.strip():
        raise ScriptError("is a LaTeX file with no text in it", path)
    doc = read_text(re.sub(r"\n{3,}", "\n\n", said), encoding)
    return dataclasses.replace(doc, kind="latex", described="LaTeX" + ("" if encoding == "UTF-8" else f" in {encoding}"))


register(Source("latex", _claims, _read))
