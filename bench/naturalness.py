"""How natural each kokoro voice sounds, per graph: DistillMOS on the same sentences, float as the reference.

    pip install torch --index-url https://download.pytorch.org/whl/cpu               # a CPU torch first
    pip install '.[bench]'                                                          # distillmos with it
    python bench/naturalness.py [--graphs float,int8,int8-last-float] [--voices zf_xiaoxiao,...] [--write]

DistillMOS (Microsoft's speech-quality predictor distilled from XLS-R; its weights ship in its
wheel) scores each sentence 1..5. Every voice of the Mandarin and English pools says the same
sentences (short ones, as a narrator's cues are, and long ones) through each graph; the figure
that matters is the paired difference from float, sentence by sentence, with its standard error:
a graph that costs a voice more than 0.1 is not one the render may use for it (docs/voices.md).
The last column is the graph the render speaks each voice through on an int8 machine (quality.py)
and what it costs; --write records the measured costs in engines/kokoro/graph_quality.json, which
that choice reads. Also prints each graph's synthesis time against float's in this run, and the CPU.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import types
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kkaudio.engines.kokoro import KokoroEngine  # noqa: E402
from kkaudio.engines.kokoro.quality import BAR, QUALITY, GraphChoice  # noqa: E402
from kkaudio.engines.kokoro.sessions import expected_sha  # noqa: E402
from kkaudio.engines.kokoro.voices import ENGLISH, JAPANESE, MANDARIN, native_english, pool  # noqa: E402
from kkaudio.machine import cpu_identity, int8_kernels  # noqa: E402

# From the seed and an interview's English: short (1-3 s, as the narrator's cues) and long (5-9 s).
ZH = ["欢迎收听。", "我是刘润。", "谢谢大家收听，我们下期再见。", "这本书的名字叫《五千天后的世界》。",
      "我们今天请到了凯文凯利，聊一聊五千天后的世界。", "人工智能会像电一样，成为每个人都能用的东西。",
      "你觉得未来的年轻人，最需要学会的能力是什么？", "我一直相信，乐观是一种选择，而不是一种天性。",
      "二十年前，没有人想到手机会改变我们生活的每一个角落。", "如果你想做一件真正新的事情，就不要问别人它能不能成功。",
      "很多人担心机器会取代人的工作，其实更多的是合作。", "在镜像世界里，每一个真实的地方都会有一个数字的孪生。"]
EN = ["Welcome back.", "Thank you, Kevin.", "Thank you all for listening, and see you next time.",
      "The book is called The World Five Thousand Days From Now.", "Today we talk about the next five thousand days.",
      "Artificial intelligence will be like electricity, something everyone can use.",
      "What is the most important skill for young people in the future?",
      "I have always believed that optimism is a choice, not a temperament.",
      "Twenty years ago, nobody imagined how phones would change every corner of our lives.",
      "If you want to do something truly new, do not ask others whether it will work.",
      "Many people worry that machines will take their jobs, but mostly they will work with us.",
      "In the mirror world, every real place will have a digital twin."]


class Scorer:
    """DistillMOS on 16 kHz mono; kokoro's 24 kHz resampled by scipy's polyphase filter."""

    def __init__(self) -> None:
        try:
            import torch
        except ImportError as exc:
            raise SystemExit(f"bench/naturalness.py needs torch (a CPU build) and distillmos: {exc}") from None
        try:
            import torchaudio  # noqa: F401
        except (ImportError, OSError):
            # distillmos imports torchaudio at the top of its module for its command line alone (to
            # load and resample files); the model does not use it. torchaudio's wheels are built
            # for one torch each and stopped at 2.11: beside a newer torch, a placeholder stands in.
            sys.modules["torchaudio"] = types.ModuleType("torchaudio")
        try:
            from distillmos import ConvTransformerSQAModel
        except ImportError as exc:
            raise SystemExit(f"bench/naturalness.py needs distillmos: {exc}") from None
        self.torch = torch
        self.model = ConvTransformerSQAModel().eval()

    def __call__(self, pcm: bytes, rate: int) -> float:
        from math import gcd

        from scipy.signal import resample_poly

        g = gcd(rate, 16000)
        wav = resample_poly(np.frombuffer(pcm, np.int16).astype(np.float32) / 32768, 16000 // g, rate // g)
        with self.torch.no_grad():
            return float(self.model(self.torch.from_numpy(wav.astype(np.float32))[None]).item())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graphs", default="float,int8,int8-last-float", help="the first is the reference")
    parser.add_argument("--voices", help="kokoro styles, comma-separated, or all; default: both pools")
    parser.add_argument("--only", help="the pool's voices by name (kumo-deep,…), comma-separated")
    parser.add_argument("--sentences", type=int, default=len(ZH))
    parser.add_argument("--spares", action="store_true", help="the pool's spare (Japanese) voices too")
    parser.add_argument("--write", action="store_true", help=f"record the costs in {QUALITY.name}")
    args = parser.parse_args()
    graphs = args.graphs.split(",")
    # (label, voice settings as the pool gives them, Mandarin?)
    named = (MANDARIN + ENGLISH + JAPANESE) if args.voices == "all" else (args.voices or "").split(",")
    voices = ([(s, {"style": s}, not native_english(s)) for s in named] if args.voices else
              [(v.name, v.settings, "en" not in v.languages) for v in pool()
               if (args.spares or not v.spare or args.only) and (not args.only or v.name in args.only.split(","))])
    score = Scorer()
    print(f"{cpu_identity()} (int8 kernels: {int8_kernels()})", flush=True)
    scores: dict[str, dict[str, list[float]]] = {g: {} for g in graphs}
    spent: dict[str, float] = {}
    for graph in graphs:
        engine = KokoroEngine(graph=graph, threads=2, by_voice=False)
        engine.synthesize("你好。", KokoroEngine.parse_voice({"style": "zf_xiaoxiao"}, "warm-up"))
        spent[graph] = 0.0
        for label, settings, mandarin in voices:
            voice = KokoroEngine.parse_voice(settings, label)
            for text in (ZH if mandarin else EN)[: args.sentences]:
                started = time.perf_counter()
                audio = engine.synthesize(text, voice)
                spent[graph] += time.perf_counter() - started
                scores[graph].setdefault(label, []).append(score(audio.pcm, audio.rate))
        print(f"  {graph}: {spent[graph]:.1f} s of synthesis", flush=True)
    reference = graphs[0]
    costs = {g: {} for g in graphs[1:]}
    for graph in graphs[1:]:
        for label, settings, _ in voices:
            diff = np.array(scores[graph][label]) - np.array(scores[reference][label])
            blend = KokoroEngine.parse_voice(settings, label).blend
            if len(blend) == 1:  # a style's cost, the worst of the voices made of it alone; a blend is judged by its styles'
                style = blend[0][0]
                costs[graph][style] = max(costs[graph].get(style, -5.0), round(float(-diff.mean()), 3))
    if args.write:  # under this CPU's family of int8 kernels: the voices measured now replace theirs
        known = json.loads(QUALITY.read_text(encoding="utf-8")) if QUALITY.exists() else {}
        families = known.get("measured", {}) if known.get("model_sha256") == expected_sha() else {}
        kept = families.get(int8_kernels(), {}).get("cost", {})
        families[int8_kernels()] = {"cpu": cpu_identity(),
                                    "cost": {g: {**kept.get(g, {}), **costs[g]} for g in costs}}
        QUALITY.write_text(json.dumps({
            "model_sha256": expected_sha(), "reference": reference, "sentences": args.sentences,
            "measured": dict(sorted(families.items()))}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    choice = GraphChoice(expected_sha())
    print(f"\nDistillMOS, mean of {args.sentences} sentences a voice; each graph's difference from "
          f"{reference} sentence by sentence (± its standard error); bar: no more than {BAR} lost")
    print(f"{'voice':14s} {reference:>7s} " + " ".join(f"{g:>22s}" for g in graphs[1:]) + "   the render's graph (int8 CPU)")
    for label, settings, _ in voices:
        base = np.array(scores[reference][label])
        cells = []
        for graph in graphs[1:]:
            diff = np.array(scores[graph][label]) - base
            error = diff.std(ddof=1) / np.sqrt(len(diff)) if len(diff) > 1 else 0.0
            mark = "" if diff.mean() >= -BAR else " !"
            cells.append(f"{np.mean(scores[graph][label]):.2f} {diff.mean():+.2f}±{error:.2f}{mark:2s}")
        used = choice.graph(KokoroEngine.parse_voice(settings, label).blend, "int8")
        lost = f"{np.mean(scores[used][label]) - base.mean():+.2f}" if used in scores else "not measured"
        print(f"{label:14s} {base.mean():7.2f} " + " ".join(f"{c:>22s}" for c in cells) + f"   {used} {lost}")
    print(f"\nsynthesis time against {reference}: "
          + ", ".join(f"{g} {spent[reference] / spent[g]:.2f}x faster" for g in graphs[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
