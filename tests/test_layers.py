"""The package's layout holds: every import runs down the stack (docs/architecture.md), no cycles,
and no module grows past what one reading takes."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kkaudio"
# Bottom to top: a module may import its own layer's modules and those below, never above.
LAYERS = [
    {"__init__", "errors", "model", "manifest", "fsutil", "checks", "machine", "lazy"},  # records and helpers
    {"text"},  # language, sentence and word pieces, spoken forms
    {"engines"},  # text + voice -> audio
    {"config"},  # voices.yaml and sidecars -> typed config
    {"transcript"},  # text -> Script
    {"casting"},  # who speaks with which voice
    {"audio"},  # Script -> clips -> chapter audio -> MP3s
    {"publish"},  # records -> feeds, transcripts, pages, the server
    {"pipeline"},  # render, one episode, say, the cluster
    {"cli", "__main__"},  # the only place that talks to the user (and `python -m kkaudio`)
]
LONG_ALLOWED = {"engines/kokoro/graph.py"}  # the graph rewrite: one job, long
MAX_LINES = 350


def _modules() -> dict[str, Path]:
    return {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path) -> set[str]:
    """kkaudio modules `name` imports, at the top or inside functions."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.startswith("kkaudio"):
                out.add(target)
                out |= {f"{target}.{a.name}" for a in node.names}  # `from . import x` names a module
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("kkaudio")}
    modules = _modules()
    return {m for m in out if m in modules and m != name}


def _layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else "__init__"
    return next(i for i, names in enumerate(LAYERS) if part in names)


def test_every_module_is_in_a_layer():
    for name in _modules():
        _layer(name)  # StopIteration names a module no layer holds


def test_imports_run_down_the_layers():
    upward = [f"{name} -> {target}" for name, path in _modules().items() for target in _imports(name, path)
              if _layer(target) > _layer(name)]
    assert not upward


def test_no_import_cycles():
    graph = {name: _imports(name, path) for name, path in _modules().items()}
    # A package's __init__ importing its own modules is how it exports them, not a cycle.
    graph = {n: {t for t in ts if not (n.endswith(("__init__",)) or t.startswith(n + "."))} for n, ts in graph.items()}
    graph = {n: {t for t in ts if not (f"{t}." in n and _modules()[t].name == "__init__.py")} for n, ts in graph.items()}
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(nxt):] + [node, nxt]))
            if nxt not in state:
                visit(nxt, stack + [node])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [])


def test_no_module_is_too_long_to_read():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert set(long) <= LONG_ALLOWED, long
