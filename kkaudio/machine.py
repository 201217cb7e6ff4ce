"""What this machine is: the CPU's name and SIMD features, and the cores this process may use.

Which onnxruntime kernels are fastest depends on the CPU (int8 on AVX-512 VNNI, float without),
so calibration results, prepared graphs and every benchmark figure are keyed by cpu_identity().
"""

from __future__ import annotations

import functools
import os
import platform
from pathlib import Path

# The SIMD features that decide which kernels onnxruntime picks (MLAS dispatches on them).
FLAGS = ("avx", "avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx_vnni", "avx512_bf16",
         "amx_int8", "amx_bf16", "asimd", "asimddp", "i8mm", "sve")


@functools.cache  # the CPU does not change under a running process
def cpu_identity() -> str:
    """The CPU's model name, core count and the SIMD flags in FLAGS it has."""
    name, flags = cpu_name_and_flags()
    return f"{name}; {os.cpu_count()} CPUs; " + " ".join(f for f in FLAGS if f in flags)


def int8_kernels() -> str:
    """Which family of int8 kernels onnxruntime's MLAS dispatches to on this CPU: they round
    differently, so what int8 costs a voice is measured per family (engines/kokoro/quality.py)."""
    _, flags = cpu_name_and_flags()
    for family in ("avx512_vnni", "avx_vnni", "avx512bw", "avx2", "i8mm", "asimddp"):
        if family in flags:
            return family
    return platform.machine() or "unknown"


def cpu_name_and_flags() -> tuple[str, set[str]]:
    name, flags = platform.processor() or platform.machine(), set()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                name = value.strip()
            elif key.strip() in ("flags", "Features"):
                flags |= set(value.split())
    except OSError:
        pass
    return name, flags


def usable_cpus() -> int:
    """The cores this process may use: its CPU affinity, and a container's CPU quota (cgroup v2
    cpu.max or v1 cfs_quota_us) rounded up, whichever is fewer."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    return max(1, min(cores, quota) if quota else cores)


def _cgroup_cpu_quota() -> int | None:
    import math

    for path, split in ((Path("/sys/fs/cgroup/cpu.max"), lambda t: t.split()),
                        (Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), None)):
        try:
            if split is not None:
                quota, period = split(path.read_text())
            else:
                quota = path.read_text().strip()
                period = (path.parent / "cpu.cfs_period_us").read_text().strip()
        except (OSError, ValueError):
            continue
        if quota in ("max", "-1"):
            return None
        return max(1, math.ceil(int(quota) / int(period)))
    return None


def available_memory() -> int | None:
    """Bytes of memory this process could still take: MemAvailable, and a container's limit
    (cgroup v2 memory.max less memory.current), whichever is less; None if unknown."""
    found = []
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                found.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError, IndexError):
        pass
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit != "max":
            used = int(Path("/sys/fs/cgroup/memory.current").read_text().strip())
            found.append(int(limit) - used)
    except (OSError, ValueError):
        pass
    return min(found) if found else None


def can_fork() -> bool:
    """Whether work may be spread over processes by fork: on Linux, and only while this process
    runs one thread (as the CLI does when it reads transcripts, before any pool starts), since fork
    copies one thread. fork, not spawn: spawn imports the caller's main module again in every
    worker, and a script without a __main__ guard would run twice."""
    import multiprocessing
    import sys
    import threading

    return sys.platform == "linux" and threading.active_count() == 1 and \
        "fork" in multiprocessing.get_all_start_methods()
