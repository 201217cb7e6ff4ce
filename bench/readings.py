"""Say it right: the front end's spoken text and readings against references, through `kkaudio readings`.

    python bench/readings.py             # all of it
    python bench/readings.py --quick     # without the 2 MB timing

Prints, each from the JSON lines `kkaudio readings` writes (the command a user runs):
- WeTextProcessing's 54 Chinese test cases (tests/data/readings/wetext-zh/): spoken form equal to
  the reference, punctuation and spaces removed;
- sentences like an interview's, Chinese and English (tests/data/readings/*-interview.tsv);
- CPP's polyphone test set (bench/data/cpp/, 10,254 sentences, one polyphone each): the pinyin
  `readings` gives that character, against CPP's label (ü written v, u: or ü alike); and, on the
  same sentences in the same run, the word dictionary's reading alone (jieba words, pypinyin's
  phrases: what kkaudio read before, and what misaki reads);
- the seed: every reading the front end pins where the word dictionary would read otherwise,
  with its context (what changed in the seed's spoken text);
- 2 MB of text through `kkaudio readings` (stdin), timed, with the CPU named: the seed's lines and
  CPP's sentences in turn (0.67 MB of them distinct: a line met again is not read again), and
  2 MB of lines never seen before (CPP's test and dev sentences and the seed's lines, 1.81 MB that
  stay the same from one commit to the next, then the transcript corpus's raw lines to 2 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = REPO / "tests" / "data" / "readings"
CPP = REPO / "bench" / "data" / "cpp"


def readings(lines: list[str], *args: str) -> list[dict]:
    """`kkaudio readings` on these lines (stdin), as a user runs it."""
    done = subprocess.run([sys.executable, "-m", "kkaudio", "readings", *args], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, cwd=REPO, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def bare(text: str) -> str:
    return re.sub(r"\{[^}]*\}|[\s\W_]", "", text).lower()


def cases(path: Path, sep: str) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if sep in line and not line.startswith("#"):
            written, said = line.split(sep, 1)
            out.append((written.strip(), said.strip()))
    return out


def spoken_score(title: str, pairs: list[tuple[str, str]], *args: str) -> None:
    got = readings([w for w, _ in pairs], *args)
    ok = [bare(g["spoken"]) == bare(said) for g, (_, said) in zip(got, pairs)]
    print(f"{title}: {sum(ok)}/{len(ok)} = {100 * sum(ok) / len(ok):.1f}%")
    for good, g, (written, said) in zip(ok, got, pairs):
        if not good:
            print(f"    {written}  ->  {g['spoken']}   (expected {said})")


def same(a: str | None, b: str) -> bool:
    def norm(p: str) -> str:
        return p.replace("u:", "v").replace("ü", "v")

    return a is not None and norm(a) == norm(b)


def cpp() -> None:
    from kkaudio.text.readings import default_pinyin

    sentences = CPP.joinpath("test.sent").read_text(encoding="utf-8").splitlines()
    labels = CPP.joinpath("test.lb").read_text(encoding="utf-8").split()
    texts = [s.replace("▁", "") for s in sentences]
    at = [s.index("▁") for s in sentences]
    started = time.perf_counter()
    got = readings(texts, "--lang", "zh")
    took = time.perf_counter() - started
    ours = sum(same(g["pinyin"][i], lb) for g, i, lb in zip(got, at, labels))
    words = sum(same(default_pinyin(t)[i], lb) for t, i, lb in zip(texts, at, labels))
    n = len(labels)
    print(f"CPP test polyphones: {ours}/{n} = {100 * ours / n:.2f}% (word dictionary alone, as before: "
          f"{100 * words / n:.2f}%; published: pypinyin 86.1%, g2pM 97.3%, g2pW 99.1%); {took:.1f} s")


def seed() -> None:
    from kkaudio.config import load_config
    from kkaudio.text import readings as r
    from kkaudio.text.normalise import normalise_many
    from kkaudio.text.words import has_speech, split_sentences
    from kkaudio.transcript import load_script

    config = load_config(REPO / "voices.yaml")
    script = load_script(REPO / "seeds" / "kk-5000-days.txt", config)
    pieces = [p for c in script.chapters for t in c.turns for p, _ in split_sentences(t.text) if has_speech(p)]
    marks: dict[tuple[str, str | None, str], list[str]] = {}
    for reading in normalise_many(pieces, config.lexicon_for("kokoro")):
        plain, pinned = r.parse_marks(reading.spoken)
        default = r.default_pinyin(plain)
        for i, py in pinned.items():
            marks.setdefault((plain[i], default[i], py), []).append(plain[max(0, i - 4) : i + 3])
    print(f"the seed: {sum(len(v) for v in marks.values())} readings pinned in {len(pieces)} pieces "
          f"(character: the word dictionary's reading -> the reading in context, where)")
    for (ch, was, now), where in sorted(marks.items(), key=lambda kv: -len(kv[1])):
        print(f"    {ch} {was} -> {now}  x{len(where)}: {' | '.join(where[:4])}")


def two_megabytes() -> None:
    from kkaudio.machine import cpu_name_and_flags, int8_kernels

    cpu = f"{cpu_name_and_flags()[0]}, {int8_kernels()}"
    timed("2 MB of text, the seed and CPP in turn", cycled(), cpu)
    timed("2 MB of text never seen before", distinct(), cpu)


def cycled() -> list[str]:
    text = (REPO / "seeds" / "kk-5000-days.txt").read_text(encoding="utf-8")
    sentences = CPP.joinpath("test.sent").read_text(encoding="utf-8").replace("▁", "").splitlines()
    lines, size = [], 0
    for i in range(10**6):  # the seed and CPP's sentences, alternately, to 2 MB
        line = sentences[i % len(sentences)] if i % 3 else text.splitlines()[i % len(text.splitlines())]
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
        if size >= 2 * 1024 * 1024:
            break
    return lines


def distinct() -> list[str]:
    """2 MB of lines, none the same: CPP's test and dev sentences and the seed's lines (1.81 MB, the
    same whatever the corpus holds), then lines of the transcript corpus (raw: timings, JSON, HTML,
    as the files have them, the grammars' dearest text) to 2 MB. (Before 2026-12-03 the corpus's
    lines came before CPP's dev sentences, so the input grew dearer with every fixture added.)"""
    lines = CPP.joinpath("test.sent").read_text(encoding="utf-8").replace("▁", "").splitlines()
    lines += (REPO / "seeds" / "kk-5000-days.txt").read_text(encoding="utf-8").splitlines()
    lines += CPP.joinpath("dev.sent").read_text(encoding="utf-8").replace("▁", "").splitlines()
    for path in sorted((REPO / "tests" / "data" / "transcripts").rglob("*")):
        try:
            lines += path.read_text(encoding="utf-8").splitlines()
        except (UnicodeDecodeError, IsADirectoryError):  # PDFs, Word files, other encodings
            continue
    out, size = [], 0
    for line in dict.fromkeys(line for line in lines if line.strip()):
        if size >= 2 * 1024 * 1024:
            break
        out.append(line)
        size += len(line.encode("utf-8")) + 1
    return out


def timed(what: str, lines: list[str], cpu: str) -> None:
    size = sum(len(line.encode("utf-8")) + 1 for line in lines) / 2**20
    unique = sum(len(line.encode("utf-8")) + 1 for line in set(lines)) / 2**20
    started = time.perf_counter()
    got = readings(lines)
    took = time.perf_counter() - started
    print(f"{what}: {size:.2f} MB ({len(lines)} lines, {unique:.2f} MB distinct) through kkaudio readings: "
          f"{took:.1f} s, {took / unique:.1f} s per distinct MB, {len(got)} lines out (CPU: {cpu}, {os.cpu_count()} cores)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 2 MB timing")
    args = parser.parse_args()
    wtp = [pair for path in sorted((DATA / "wetext-zh").glob("*.txt")) for pair in cases(path, "=>")]
    spoken_score("WeTextProcessing's Chinese test cases", wtp, "--lang", "zh")
    spoken_score("Chinese sentences like an interview's", cases(DATA / "zh-interview.tsv", "\t"), "--lang", "zh")
    spoken_score("English sentences like an interview's", cases(DATA / "en-interview.tsv", "\t"), "--lang", "en")
    cpp()
    seed()
    if not args.quick:
        two_megabytes()
    return 0


if __name__ == "__main__":
    sys.exit(main())
