"""Which variant of an engine is fastest on this machine: timed once, then remembered.

Which kernels are fastest depends on the CPU: on one with AVX-512 VNNI, kokoro's int8 graph runs
1.5x faster than its float one; on a CPU without VNNI, int8 convolutions lose to float ones. So
the first time an engine with `graph: auto` loads on a machine, each candidate speaks the same
sentence a few times, in turn, and the fastest is kept in a small JSON file in the user's cache
folder (folder()). The key names the CPU (model and SIMD flags), the onnxruntime version and the
model, so a new CPU, an upgraded onnxruntime or another model times again.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from ..errors import OutputError
from ..fsutil import read_json, write_bytes

log = logging.getLogger("kkaudio.calibrate")

T = TypeVar("T")
ENV = "KKAUDIO_ENGINE_CACHE"  # the folder of what engines keep between runs, if not the default
ROUNDS = 3
# Another candidate must beat the first (the exact one) by this much to be chosen: a few percent
# is within the spread of three rounds, and not worth 8-bit arithmetic.
MARGIN = 0.05



def folder() -> Path:
    """Where engines keep what they work out once per machine (this file's choices, prepared graphs)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    import platformdirs

    return Path(platformdirs.user_cache_dir("kkaudio")) / "engines"


def path() -> Path:
    return folder() / "calibration.json"


def choose(key: str, candidates: Sequence[str], make: Callable[[str], T], trial: Callable[[T], object],
           file: Path | None = None, timer: Callable[[], float] = time.perf_counter,
           rounds: int = ROUNDS) -> tuple[str, T]:
    """The fastest of `candidates` for `key`, and it made: remembered in `file`, or found by
    making each (`make(name)`) and timing `trial(it)` `rounds` times in turn, the best of each.
    The first candidate (put the exact one first) wins unless another is MARGIN faster."""
    file = file or path()
    known = read_json(file)
    chosen = known.get(key, {}).get("choice")
    if chosen in candidates or len(candidates) == 1:
        chosen = chosen if chosen in candidates else candidates[0]
        return chosen, make(chosen)
    log.warning("timing %s on this CPU; once per CPU and onnxruntime version", " and ".join(candidates))
    made = {name: make(name) for name in candidates}
    spent: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, thing in made.items():
            started = timer()
            trial(thing)
            spent[name].append(timer() - started)
    best = {name: min(times) for name, times in spent.items()}
    fastest = min(candidates, key=lambda name: best[name])
    chosen = fastest if best[fastest] * (1 + MARGIN) < best[candidates[0]] else candidates[0]
    for name, thing in made.items():
        if name != chosen and hasattr(thing, "close"):
            thing.close()
    known[key] = {"choice": chosen, "seconds": {n: round(s, 4) for n, s in best.items()},
                  "when": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(file, (json.dumps(known, indent=1, ensure_ascii=False) + "\n").encode())
    except (OSError, OutputError) as exc:  # a read-only home: time again next run rather than fail
        log.warning("could not remember the choice in %s: %s", file, exc)
    return chosen, made[chosen]
