"""Lanes: several clips spoken at once, so a render uses every core it may.

One onnxruntime session on T intra-op threads speaks one clip at a time, and a clip's small
matrices keep more than two threads poorly busy. A render instead runs N lanes side by side,
each speaking one clip on T threads, N × T the cores the process may use (machine.usable_cpus:
its affinity and a container's quota). Lanes of one thread share one pair of sessions:
onnxruntime allows concurrent runs of a session, and with one intra-op thread each run computes
on its caller's thread, so a lane costs its activations (LANE_BYTES), not another copy of the
weights; lanes of more threads get sessions of their own (one thread pool would be contended).

Which shape is fastest depends on the CPU, so the first render on a machine times the
candidates (shapes()) on a batch of sentences and remembers the fastest, as it does the graph
(calibrate.py). Clips go to the lanes longest first, so no long clip starts last; each clip is
computed exactly as on one lane (the same kernels on the same data: the audio is bit for bit the
same whatever the shape, which tests/test_lanes.py checks).
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")
P = TypeVar("P")
R = TypeVar("R")

# What one more lane of one thread costs (its activations and buffers): the process's peak memory
# on the seed's longest clips was 659, 907 and 1242 MB with 1, 2 and 4 lanes (int8 graph).
LANE_BYTES = 256 * 2**20


def parse(shape: str) -> tuple[int, int]:
    """'2x1' -> (2 lanes, 1 thread each)."""
    lanes, _, threads = shape.partition("x")
    return int(lanes), int(threads)


def name(lanes: int, threads: int) -> str:
    return f"{lanes}x{threads}"


def shapes(cores: int, cap: int | None = None, memory: int | None = None) -> list[str]:
    """The shapes worth timing for `cores`: one lane on every core first (the reference), then
    lanes of two threads, then lanes of one; at most `cap` lanes (--jobs) and as many as
    `memory` bytes allow."""
    out = []
    for threads in (cores, 2, 1):
        lanes = max(1, cores // threads) if threads <= cores else 1
        if cap is not None:
            lanes = min(lanes, cap)
        if memory is not None:
            lanes = max(1, min(lanes, 1 + memory // LANE_BYTES))
        shape = name(lanes, min(threads, cores))
        if shape not in out:
            out.append(shape)
    return out


def run(items: Sequence[T], lanes: int, speak: Callable[[T, int], R], size: Callable[[T], int]) -> Iterator[tuple[int, R]]:
    """(index, speak(item, lane)) for every item, as each is done, on `lanes` threads: the
    longest items (by `size`) first, every lane number in use by one item at a time. An error
    carries the failing item's index (exc.index) for the caller's message. Stopping the
    iteration (Ctrl-C) cancels what has not started; what is running finishes."""
    free: queue.SimpleQueue[int] = queue.SimpleQueue()
    for lane in range(lanes):
        free.put(lane)

    def task(index: int) -> R:
        lane = free.get()
        try:
            return speak(items[index], lane)
        except Exception as exc:
            if not hasattr(exc, "index"):
                try:
                    exc.index = index  # type: ignore[attr-defined]
                except AttributeError:
                    pass
            raise
        finally:
            free.put(lane)

    order = sorted(range(len(items)), key=lambda i: -size(items[i]))
    pool = ThreadPoolExecutor(max_workers=lanes, thread_name_prefix="kokoro-lane")
    pending: dict[Future, int] = {}
    try:
        upcoming = iter(order)
        for index in upcoming:  # a few queued per lane: enough to keep each busy, little held in memory
            pending[pool.submit(task, index)] = index
            if len(pending) >= 2 * lanes:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                result = future.result()
                nxt = next(upcoming, None)
                if nxt is not None:
                    pending[pool.submit(task, nxt)] = nxt
                yield index, result
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def one_lane(items: Sequence[T], prepare: Callable[[T], P], speak: Callable[[P, T], R],
             warm: Callable[[ThreadPoolExecutor], object] | None = None) -> Iterator[tuple[int, R]]:
    """(index, speak(prepare(item), item)) in order on one lane, the next item prepared (its
    phonemes) on a helper thread while this one is spoken; `warm(pool)` may queue work there."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kokoro-g2p") as pool:
        upcoming = iter(enumerate(items))
        nxt = next(upcoming, None)
        future = pool.submit(prepare, nxt[1]) if nxt is not None else None
        if warm is not None:
            warm(pool)
        while nxt is not None:
            index, item = nxt
            prepared = future.result()
            nxt = next(upcoming, None)
            if nxt is not None:
                future = pool.submit(prepare, nxt[1])
            yield index, speak(prepared, item)
