"""Render N episodes here and through a local Ray runtime with the same CPUs; print throughput,
the overhead Ray adds per clip, and a projection for k machines.

    python bench/cluster.py                          # espeak, the seed cut into 4 episodes
    python bench/cluster.py --engine kokoro --episodes 2 --chapters 2

The episodes are the seed's chapters dealt out in turn (every clip distinct, so the clip cache
cannot shorten either run); each run starts from an empty cache. The cluster run connects with
`--cluster local`: a Ray runtime on this machine with its CPUs, the driver in this process.
Needs the cluster extra. Not a test: it prints figures to copy into docs/cluster.md, with the
CPU they ran on.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kkaudio.config import load_config
from kkaudio.machine import cpu_identity
from kkaudio.engines.base import engine_class
from kkaudio.pipeline.render import RenderOptions, render
from kkaudio.transcript import load_script

REPO = Path(__file__).resolve().parent.parent


def episodes(seed: Path, config, count: int, chapters: int | None, folder: Path) -> list[Path]:
    """The seed's chapters (not its introduction) dealt out into `count` transcripts."""
    script = load_script(seed, config)
    labels = {s.id: s.labels[0] for s in script.speakers if s.labels}
    body = [c for c in script.chapters[1:] if all(t.speaker in labels for t in c.turns)]
    paths = []
    for k in range(count):
        mine = body[k::count][:chapters]
        lines = [f"# {script.title}（{k + 1}）", ""]
        for chapter in mine:
            lines += [f"## {chapter.title}", ""]
            lines += [f"{labels[t.speaker]}：{t.text}\n" for t in chapter.turns]
        path = folder / f"episode-{k + 1}.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def timed(paths, config, options) -> dict:
    """Render; time the synthesis (first to last clip) and the driver's CPU during it."""
    marks: dict = {}

    def progress(done: int, total: int) -> None:
        if "start" not in marks:
            marks.update(start=time.perf_counter(), cpu=time.process_time())
        if done == total:
            marks.update(end=time.perf_counter(), cpu_end=time.process_time(), clips=total)

    started = time.perf_counter()
    summary = render(paths, config, options, progress=progress)
    ended = time.perf_counter()
    return {"wall": ended - started, "synth": marks["end"] - marks["start"],
            "setup": marks["start"] - started,  # engine load, Ray connect and workers up, planning
            "publish": ended - marks["end"],  # assembly, loudness, encoding, tags, feeds, pages
            "driver_cpu": marks["cpu_end"] - marks["cpu"], "clips": marks["clips"],
            "audio_s": summary.audio_ms / 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="espeak")
    parser.add_argument("--episodes", type=int, default=4)
    parser.add_argument("--chapters", type=int, help="chapters per episode (default: all dealt out)")
    args = parser.parse_args()
    import ray

    config = load_config(REPO / "voices.yaml")
    print(f"CPU: {cpu_identity()}; engine {args.engine}; Ray {ray.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = episodes(REPO / "seeds" / "kk-5000-days.txt", config, args.episodes, args.chapters, tmp)
        runs = {}
        for name, cluster in (("here", None), ("ray", "local")):
            options = RenderOptions(out=tmp / f"out-{name}", cache_dir=tmp / f"cache-{name}", engine=args.engine,
                                    cluster=cluster)
            runs[name] = timed(paths, config, options)
    cls = engine_class(args.engine)
    cpus = cls.cpus or 1
    here, on_ray = runs["here"], runs["ray"]
    workers = max(1, 2 // cpus)  # --cluster local: this machine's 2 CPUs
    print(f"{args.episodes} episodes, {here['clips']} clips, {here['audio_s'] / 60:.1f} min of audio")
    print(f"{'':6} {'setup':>7} {'synthesis':>10} {'publish':>8} {'whole':>7} {'clips/s':>8} {'audio x':>8} "
          f"{'driver CPU/clip':>16}")
    for name, r in runs.items():
        print(f"{name:6} {r['setup']:6.1f}s {r['synth']:9.1f}s {r['publish']:7.1f}s {r['wall']:6.1f}s "
              f"{r['clips'] / r['synth']:8.2f} {r['audio_s'] / r['synth']:7.1f}x {1000 * r['driver_cpu'] / r['clips']:13.2f} ms")
    # Here, an engine instance uses `cpus` CPUs (espeak 1, kokoro 2); on Ray, `workers` of them
    # share this machine's CPUs. Per CPU-second, what Ray costs each clip:
    here_cpu_s = here["synth"] * cpus / here["clips"]
    ray_cpu_s = on_ray["synth"] * workers * cpus / on_ray["clips"]
    overhead = ray_cpu_s - here_cpu_s
    print(f"CPU time per clip: here {1000 * here_cpu_s:.1f} ms, on Ray {1000 * ray_cpu_s:.1f} ms "
          f"-> Ray adds {1000 * overhead:.1f} ms a clip ({100 * overhead / here_cpu_s:+.0f}%)")
    per_machine = on_ray["clips"] / on_ray["synth"]  # clips/s from one 2-CPU machine's workers
    # The driver's cost per clip: its CPU while clips arrive, plus everything after synthesis
    # (assembly, loudness, encoding, tags, feeds, pages), which stays on the driver.
    arrive = on_ray["driver_cpu"] / on_ray["clips"]
    publish = on_ray["publish"] / on_ray["clips"]
    ceiling = 1 / (arrive + publish)
    print(f"driver per clip: {1000 * arrive:.2f} ms taking clips + {1000 * publish:.1f} ms assembling, encoding "
          f"and publishing = a ceiling of {ceiling:.1f} clips/s for one driver")
    print(f"projection for k machines like this one: clips/s = min({per_machine:.2f} x k, {ceiling:.1f})")
    seconds_per_clip = here["audio_s"] / here["clips"]
    for k in (1, 2, 4, 8, 16, 32, 64):
        rate = min(per_machine * k, ceiling)
        print(f"  k={k:<3} {rate:8.2f} clips/s  {rate * seconds_per_clip / 60:7.2f} min of audio a second"
              f"{'  (driver-bound)' if rate == ceiling else ''}")

if __name__ == "__main__":
    main()
