"""Run a bench as if this CPU had AVX2 and nothing newer: no AVX-512, no VNNI of either kind.

    python bench/isa/avx2.py bench/kokoro_speed.py --clips 40

onnxruntime has no switch to cap the instruction set its MLAS kernels use (only build flags:
onnxruntime issues #7010, #12479; PR #20215), and Linux here refuses CPUID faulting
(arch_prctl(ARCH_SET_CPUID) gives ENODEV). So this script copies the installed onnxruntime
package (and OpenVINO's, if installed), rewrites each `cpuid` in their native libraries to `ud2`
and each `xgetbv` to `int3; nop; nop` (found with objdump, checked byte for byte), builds
cpuid_cap.c, and runs the bench with those copies first on PYTHONPATH and the cap library in
LD_PRELOAD. The cap answers the traps with the real CPUID and XCR0 less AVX-512, AVX-VNNI and
AVX512-BF16, so the runtimes' start-up dispatch (MLAS, cpuinfo, oneDNN) picks the kernels an
AVX2 CPU gets, and they run at full speed on this core. What this does not stand in for:
another micro-architecture (an AVX2-only CPU is an older core, with other cache sizes and AVX2
throughput), and other libraries' own dispatch (numpy keeps AVX-512; it does little of the work).

The copies and the compiled cap are kept under the user cache (kkaudio/bench-avx2); the bench
runs with its own XDG_CACHE_HOME there, so calibration and prepared graphs are made under the
cap and never mixed with the machine's own. Needs objdump (binutils) and a C compiler.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import platformdirs

HERE = Path(__file__).resolve().parent
PACKAGES = ("onnxruntime", "openvino")  # the runtimes whose CPU dispatch is capped
PATCHES = {"cpuid": (b"\x0f\xa2", b"\x0f\x0b"), "xgetbv": (b"\x0f\x01\xd0", b"\xcc\x90\x90")}
ISA = "AVX2 (AVX-512, AVX-VNNI and AVX512-BF16 hidden from onnxruntime and OpenVINO by bench/isa/avx2.py)"


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    home = Path(platformdirs.user_cache_dir("kkaudio")) / "bench-avx2"
    site = home / "site"
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue  # openvino is optional
        source = Path(spec.origin).parent
        marker = site / name / ".capped"
        stamp = f"{source} {source.stat().st_mtime_ns}"
        if not marker.exists() or marker.read_text() != stamp:
            shutil.rmtree(site / name, ignore_errors=True)
            shutil.copytree(source, site / name, symlinks=True)
            for library in sorted((site / name).rglob("*.so*")):
                if library.is_file() and not library.is_symlink():
                    counts = patch(library)
                    if any(counts.values()):
                        print(f"capped {name}/{library.name}: {counts}", file=sys.stderr)
            marker.write_text(stamp)
    cap = home / "cpuid_cap.so"
    if not cap.exists() or cap.stat().st_mtime < (HERE / "cpuid_cap.c").stat().st_mtime:
        subprocess.run([os.environ.get("CC", "cc"), "-O2", "-shared", "-fPIC", "-o", str(cap),
                        str(HERE / "cpuid_cap.c")], check=True)
    env = dict(os.environ)
    env["LD_PRELOAD"] = " ".join(filter(None, [str(cap), env.get("LD_PRELOAD", "")]))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH", "")]))
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env.pop("KKAUDIO_ENGINE_CACHE", None)  # the calibration must be made under the cap
    env["KKAUDIO_BENCH_ISA"] = ISA
    os.execve(sys.executable, [sys.executable, *sys.argv[1:]], env)


def patch(library: Path) -> dict[str, int]:
    """Rewrite the library's cpuid and xgetbv instructions in place; how many of each."""
    listing = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(library)], check=True,
                             capture_output=True, text=True).stdout
    found = re.findall(r"^\s*([0-9a-f]+):\s+(cpuid|xgetbv)\s*$", listing, re.M)
    data = bytearray(library.read_bytes())
    segments = _load_segments(data)
    counts = dict.fromkeys(PATCHES, 0)
    for address, name in found:
        offset = _file_offset(segments, int(address, 16))
        old, new = PATCHES[name]
        if data[offset : offset + len(old)] != old:
            raise SystemExit(f"{library.name}: {name} at {address} is not {old.hex()}; not patching")
        data[offset : offset + len(old)] = new
        counts[name] += 1
    if found:
        library.write_bytes(bytes(data))
    return counts


def _load_segments(elf: bytes) -> list[tuple[int, int, int]]:
    """(virtual address, file offset, size) of each PT_LOAD segment of a 64-bit ELF."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        raise SystemExit("not a 64-bit ELF library")
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    segments = []
    for i in range(phnum):
        kind, _, offset, vaddr, _, filesz = struct.unpack_from("<IIQQQQ", elf, phoff + i * phentsize)
        if kind == 1:
            segments.append((vaddr, offset, filesz))
    return segments


def _file_offset(segments, address: int) -> int:
    for vaddr, offset, size in segments:
        if vaddr <= address < vaddr + size:
            return address - vaddr + offset
    raise SystemExit(f"address {address:#x} is in no loaded segment")


if __name__ == "__main__":
    sys.exit(main())
