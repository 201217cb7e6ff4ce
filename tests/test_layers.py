"""The package's layout holds: every import runs down the stack (docs/architecture.md), no cycles,
and no module grows past what one reading takes."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import REPO

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



def test_a_deferred_module_is_imported_on_first_use_and_whole_from_any_thread(tmp_path, monkeypatch):
    import sys
    import threading

    from kkaudio.lazy import lazy_module

    (tmp_path / "slow_to_import.py").write_text("import time\ntime.sleep(0.3)\nDONE = 'whole'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    slow = lazy_module("slow_to_import")
    assert "slow_to_import" not in sys.modules
    got: list = []
    threads = [threading.Thread(target=lambda: got.append(slow.DONE)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == ["whole"] * 4
    monkeypatch.delitem(sys.modules, "slow_to_import")


def test_loading_the_config_does_not_import_onnx():
    """onnx takes half a second to import: only a graph rewrite needs it, not `readings` or `script`."""
    import subprocess
    import sys

    code = (f"import sys; from kkaudio.config import load_config; load_config({str(REPO / 'voices.yaml')!r}); "
            "print('kkaudio.engines.kokoro.graph' in sys.modules, 'onnx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]  # the engine (its voices checked), not onnx
