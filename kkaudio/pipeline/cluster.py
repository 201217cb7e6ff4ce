"""Synthesis fanned out over a Ray cluster (render --cluster ADDRESS).

The driver (the machine running `kkaudio render`) plans as always and keeps everything but the
synthesis: it takes what the clip cache has, sends only the missing clips to the cluster in
batches, and stores each batch's clips in the cache as they arrive, so the progress bar, Ctrl-C
and resume behave exactly as in a local render. Assembly, encoding and publishing stay local.

On the cluster, each `ClipWorker` is a Ray actor: it loads the engine once (the kokoro sessions,
the espeak library) and then takes batch after batch. As many workers start as the cluster has
CPUs for (an engine says how many one instance keeps busy: Engine.cpus), each with two batches
queued so it never waits for the driver. An engine that waits on a network service (edge, cpus
0) gets `jobs` workers making one request at a time: at most `jobs` requests in flight across
the whole cluster, however many machines it has.

Faults: a worker process that dies is restarted by Ray and its batch runs again (bounded
retries, Ray's `max_restarts`/`max_task_retries`); a driver that dies leaves every clip that
reached the cache, and the next render resumes from there.

Ray is an optional dependency (the `cluster` extra), imported only here and only when used.
"""

from __future__ import annotations

import os
import socket
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..audio.cache import ClipCache
from ..audio.synth import Item
from ..engines.base import Audio, Engine, engine_class
from ..errors import ClusterError, EngineError, KkaudioError

ENV = "KKAUDIO_CLUSTER"
CONNECT_TRIES = 3
PROBE_S = 5.0  # how long an address may take to answer a TCP connect before we give up on it
START_S = 180.0  # how long workers may take to start and load their engine
RETRIES = 3  # times a dead worker is restarted and its batch run again
BATCH_CHARS = 240  # text per batch: seconds of work for a neural engine, enough to hide Ray's overhead
BATCH_CLIPS = 16
QUEUED = 2  # batches queued on each CPU-bound worker, so it never waits for the driver
# Settings that shape what an engine does (an edge endpoint behind a proxy, the engine's own
# knobs) travel from the driver's environment to the workers'; where clips are kept does not.
_NOT_FORWARDED = {"KKAUDIO_CACHE_DIR", ENV}


@dataclass(frozen=True)
class Done:
    """A worker's answer for one batch: the clips made (PCM, or None when the worker stored them
    in a shared cache itself) and, if it stopped early, why and at which item."""

    clips: list[tuple[int, bytes | None, int, float]]  # (index, pcm, rate, duration_ms)
    error: str | None = None
    failed: int | None = None  # the driver's index of the item it failed on


class ClipWorker:
    """A Ray actor (made remote in `Cluster.start`): one engine, loaded once, many batches."""

    def __init__(self, engine_name: str, settings: Mapping[str, Any], jobs: int | None,
                 shared_cache: str | None) -> None:
        self.engine = engine_class(engine_name).create(settings, jobs)
        self.cache = None
        if shared_cache is not None:
            root = Path(shared_cache)
            if not root.is_dir():
                raise ClusterError(f"the shared clip cache {root} is not there on {socket.gethostname()}; "
                                   "mount it at the same path on every machine")
            self.cache = ClipCache(root)

    def identity(self) -> tuple[str, str, int]:
        return self.engine.version, socket.gethostname(), os.getpid()

    def synthesise(self, batch: Sequence[Item]) -> Done:
        clips: list[tuple[int, bytes | None, int, float]] = []
        current = None
        try:
            for i, audio in self.engine.synthesize_many([(item.text, item.voice) for item in batch]):
                current = batch[i]
                if self.cache is not None:
                    self.cache.put(current.key, audio)
                    clips.append((current.index, None, audio.rate, audio.duration_ms))
                else:
                    clips.append((current.index, audio.pcm, audio.rate, audio.duration_ms))
        except Exception as exc:  # returned, not raised: the clips made before it still count
            index = getattr(exc, "index", None)
            failed = batch[index].index if isinstance(index, int) and 0 <= index < len(batch) else None
            message = str(exc) if isinstance(exc, KkaudioError) else f"{self.engine.name} failed: {exc!r}"
            return Done(clips, f"{message} (on {socket.gethostname()})", failed)
        return Done(clips)

    def close(self) -> None:
        self.engine.close()


def preflight(address: str) -> None:
    """Before any work: Ray is installed and something answers at the address."""
    _ray()
    probe(address)


def probe(address: str) -> None:
    """Fail within seconds, naming the address, when nothing answers there (Ray itself would
    retry for a long time). `local` and `auto` are left to Ray."""
    if address in ("local", "auto"):
        return
    parts = urlsplit(address if "://" in address else f"//{address}")
    if parts.scheme not in ("", "ray"):
        raise ClusterError(f"--cluster {address}: give ray://HOST:PORT, HOST:PORT, auto or local")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or not port:
        raise ClusterError(f"--cluster {address}: no port (Ray's client listens on ray://HOST:10001)")
    try:
        with socket.create_connection((host, port), timeout=PROBE_S):
            pass
    except OSError as exc:
        reason = "no answer" if isinstance(exc, TimeoutError) else exc.strerror or exc.__class__.__name__
        raise ClusterError(f"cannot reach the Ray cluster at {address}: {reason}") from None


def _ray():
    try:
        import ray
    except ImportError:
        raise ClusterError("--cluster needs Ray: pip install 'kkaudio[cluster]' (on this machine and "
                           "every machine of the cluster)") from None
    return ray


class Cluster:
    """A connection to a Ray cluster and the engine's workers on it."""

    def __init__(self, address: str, engine: Engine, settings: Mapping[str, Any], jobs: int | None,
                 shared_cache: Path | None = None, log: Callable[[str], None] = lambda _m: None) -> None:
        self.address = address
        self.engine = engine
        self.shared_cache = shared_cache
        self.log = log
        ray = _ray()
        probe(address)
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no prompt, no report from a library
        import logging

        for attempt in range(CONNECT_TRIES):
            try:
                # Ray's warnings are about Ray (its client's threads, its auth advice), not this render.
                ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False,
                         **({"include_dashboard": False} if address == "local" else {}))
                break
            except Exception as exc:  # Ray raises ConnectionError, RuntimeError, gRPC errors…
                if ray.is_initialized():
                    ray.shutdown()
                reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
                # The head's client server sometimes fails to start the server for one client
                # (seen under load); a second try gets a fresh one. Other failures are final.
                if "Initialization failure from server" not in reason or attempt == CONNECT_TRIES - 1:
                    raise ClusterError(f"cannot connect to the Ray cluster at {address}: {reason}") from None
                time.sleep(1 + attempt)
        try:
            self._start_workers(ray, settings, jobs)
        except BaseException:
            self.close()
            raise

    def _start_workers(self, ray, settings: Mapping[str, Any], jobs: int | None) -> None:
        cls = type(self.engine)
        cpus = float(ray.cluster_resources().get("CPU", 0))
        if cls.cpus == 0:  # network-bound: `jobs` workers, one request each, across the cluster
            # The driver's own engine knows the effective limit (--jobs, else voices.yaml's).
            count, self.queued, per_worker_jobs = int(getattr(self.engine, "jobs", jobs or 1)), 1, 1
        else:
            if cpus < cls.cpus:
                raise ClusterError(f"the Ray cluster at {self.address} has {cpus:g} CPUs; one {cls.name} "
                                   f"worker needs {cls.cpus}")
            count, self.queued, per_worker_jobs = int(cpus // cls.cpus), QUEUED, None
        env = {k: v for k, v in os.environ.items() if k.startswith("KKAUDIO_") and k not in _NOT_FORWARDED}
        remote = ray.remote(ClipWorker).options(
            num_cpus=cls.cpus, max_restarts=RETRIES, max_task_retries=RETRIES,
            runtime_env={"env_vars": env} if env else None,
        )
        shared = None
        if self.shared_cache is not None:
            try:
                self.shared_cache.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ClusterError(f"cannot make the shared clip cache {self.shared_cache}: {exc.strerror}") from None
            shared = str(self.shared_cache)
        actors = [remote.remote(cls.name, settings, per_worker_jobs, shared) for _ in range(count)]
        # Work starts with the first worker up; the others join as they come (a busy or
        # autoscaling cluster may take a while to find room for them).
        self.workers: list[Any] = []
        self.starting = {a.identity.remote(): a for a in actors}
        ready, _ = ray.wait(list(self.starting), num_returns=1, timeout=START_S)
        if not ready:
            raise ClusterError(f"no {cls.name} worker started on the Ray cluster at {self.address} "
                               f"within {START_S:.0f} s (is it busy, or short of CPUs?)")
        self._admit(ray, ready[0])
        self.count = count
        where = f"; workers write clips into {shared}" if shared else ""
        self.log(f"cluster {self.address}: {count} {cls.name} workers ({cpus:g} CPUs in the cluster){where}")

    def _admit(self, ray, ref) -> None:
        actor = self.starting.pop(ref)
        try:
            version, host, _pid = ray.get(ref)
        except Exception as exc:
            raise ClusterError(f"a worker on the Ray cluster at {self.address} failed to start: "
                               f"{_cause(exc)}") from None
        if version != self.engine.version:
            raise ClusterError(f"the worker on {host} runs {self.engine.name} {version}, this machine "
                               f"{self.engine.version}: install the same kkaudio on every machine")
        self.workers.append(actor)

    def synthesise(self, items: Sequence[Item], done: Callable[[Item, Audio | None, float], None]) -> None:
        """Make every item, longest first; `done(item, audio, duration_ms)` as each arrives (audio
        None: a worker stored it in the shared cache). Raises EngineError for the first failure,
        after every clip that arrived before it was handed over."""
        ray = _ray()
        by_index = {item.index: item for item in items}
        longest_first = sorted(items, key=lambda it: len(it.text), reverse=True)
        if self.queued == 1:  # a network engine: one request per batch, so batches in flight = requests
            batches = deque([item] for item in longest_first)
        else:  # enough batches that every worker gets several, none longer than BATCH_CHARS
            share = sum(len(it.text) for it in items) // (2 * QUEUED * self.count) + 1
            batches = deque(_batches(longest_first, min(BATCH_CHARS, share)))
        load: dict[int, int] = {}  # worker number -> batches queued on it
        in_flight: dict[Any, int] = {}  # ObjectRef -> worker number
        error: str | None = None
        while in_flight or (batches and error is None):
            load.update({i: 0 for i in range(len(load), len(self.workers))})
            while batches and error is None:
                worker = min(load, key=load.__getitem__)
                if load[worker] >= self.queued:
                    break
                in_flight[self.workers[worker].synthesise.remote(batches.popleft())] = worker
                load[worker] += 1
            waiting = list(in_flight) + (list(self.starting) if batches else [])
            ready, _ = ray.wait(waiting, num_returns=1)
            for ref in ready:
                if ref in self.starting:
                    self._admit(ray, ref)
                    continue
                load[in_flight.pop(ref)] -= 1
                try:
                    answer: Done = ray.get(ref)
                except Exception as exc:  # the worker died more often than it may be restarted
                    error = error or f"a cluster worker was lost {RETRIES + 1} times: {_cause(exc)}"
                    continue
                for index, pcm, rate, ms in answer.clips:
                    item = by_index[index]
                    done(item, Audio(pcm, rate) if pcm is not None else None, ms)
                if answer.error and error is None:
                    where = by_index.get(answer.failed)
                    error = answer.error if where is None else f"{where.text[:24]}…: {answer.error}"
        if error is not None:
            raise EngineError(error)

    def close(self) -> None:
        ray = _ray()
        if not ray.is_initialized():
            return
        for worker in getattr(self, "workers", []) + list(getattr(self, "starting", {}).values()):
            try:
                ray.kill(worker)
            except Exception:  # already gone
                pass
        ray.shutdown()


def _batches(items: Sequence[Item], max_chars: int) -> list[list[Item]]:
    out: list[list[Item]] = []
    batch: list[Item] = []
    chars = 0
    for item in items:
        if batch and (chars + len(item.text) > max_chars or len(batch) >= BATCH_CLIPS):
            out.append(batch)
            batch, chars = [], 0
        batch.append(item)
        chars += len(item.text)
    if batch:
        out.append(batch)
    return out


def _cause(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else exc.__class__.__name__
