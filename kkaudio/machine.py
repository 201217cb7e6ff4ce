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
