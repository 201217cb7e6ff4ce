"""How many turns land right on real transcripts of every kind, with no config edit; and how fast
a 2 MB one parses (text, PDF, STT JSON).

    python bench/transcripts.py            # the corpus, then the held-back files, then the speed
    python bench/transcripts.py --dev      # only the files the reader was developed on

The corpus is tests/data/transcripts/real/ (and the seed), each file with `FILE.turns.json`: the
turns a careful reader would make of it, as (speaker, first words, last words), annotated by
hand. tests/data/transcripts/heldout/ holds files kept out of development, scored separately,
beside their first blind score: what the reader of their round (the commit named in the file's
`first_sight`) made of them before any change made after seeing them, scored against the same
annotations (`git worktree add` that commit to read them again with it). A
turn is right when the reader gives it to the same speaker (by name or label) and its text
starts and ends with the annotated words; turns are matched in order (longest common
subsequence), so one missed label costs the turns it merges, not the rest of the file.
Sources and licences: tests/data/transcripts/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kkaudio.config import default_config, load_config  # noqa: E402
from kkaudio.errors import KkaudioError  # noqa: E402
from kkaudio.transcript import load_script, parse_text  # noqa: E402

DATA = REPO / "tests" / "data" / "transcripts"
SEED = REPO / "seeds" / "kk-5000-days.txt"
NARRATOR = "(narrator)"


def norm_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\[[^\]]{0,40}\]", "", text)  # stage directions: [laughter]
    return re.sub(r"[\s\"“”‘’'`*]", "", text).casefold()


def norm_speaker(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).casefold()
    name = re.sub(r"^(?:mr|ms|mrs|dr)\.?\s+", "", name)
    return re.sub(r"[\W_]+", "", name)


def predicted(path: Path) -> list[tuple[set[str], bool, str]]:
    """(the speaker's names and labels, is the narrator, text) of every turn the reader makes."""
    config = load_config(REPO / "voices.yaml") if path == SEED else default_config()
    script = load_script(path, config)
    who = {s.id: ({norm_speaker(s.name), *(norm_speaker(label) for label in s.labels)}, s.role == "narrator")
           for s in script.speakers}
    return [(*who[t.speaker], norm_text(t.text)) for c in script.chapters for t in c.turns]


def right(pred: tuple[set[str], bool, str], expected: list[str]) -> bool:
    names, narrator, text = pred
    speaker, start, end = expected
    same = narrator if speaker == NARRATOR else norm_speaker(speaker) in names
    return same and text.startswith(norm_text(start)) and text.endswith(norm_text(end))


def score(path: Path, expected: list[list[str]]) -> tuple[int, str]:
    """Turns right (longest common subsequence of the two lists), and a note if the file failed."""
    try:
        got = predicted(path)
    except KkaudioError as exc:
        return 0, f"refused: {exc}"
    n, m = len(got), len(expected)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = best[i + 1][j + 1] + 1 if right(got[i], expected[j]) else max(best[i + 1][j], best[i][j + 1])
    return best[0][0], f"{n} turns made"


def corpus(folder: Path) -> list[tuple[Path, list[list[str]]]]:
    out = []
    for notes in sorted(folder.glob("*.turns.json")):
        source = notes.with_name(notes.name[: -len(".turns.json")])
        out.append((source, json.loads(notes.read_text(encoding="utf-8"))["turns"]))
    return out


def seed_turns() -> list[list[str]]:
    """The seed's turns as the previous reader made them (reviewed then, and kept since)."""
    notes = DATA / "real" / "kk-5000-days.turns.json"
    return json.loads(notes.read_text(encoding="utf-8"))["turns"]


def report(title: str, files: list[tuple[Path, list[list[str]]]]) -> tuple[int, int]:
    print(f"\n{title}")
    total = ok = 0
    for path, expected in files:
        got, note = score(path, expected)
        total, ok = total + len(expected), ok + got
        print(f"  {path.name:<36} {got:>3}/{len(expected):<3} {100 * got / len(expected):5.1f}%   {note}")
    print(f"  {'all':<36} {ok:>3}/{total:<3} {100 * ok / max(total, 1):5.1f}%")
    return ok, total


def first_sight(folder: Path) -> None:
    """The held-back files' first blind scores, a round (the code that first read them) a line."""
    rounds: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for notes in sorted(folder.glob("*.turns.json")):
        record = json.loads(notes.read_text(encoding="utf-8"))
        first = record["first_sight"]
        rounds.setdefault((first["round"], first["code"]), []).append((first["right"], len(record["turns"])))
    print("\nheld back, at first sight (before any change made after reading them)")
    ok = total = 0
    for (number, code), scores in sorted(rounds.items()):
        right, turns = sum(r for r, _ in scores), sum(n for _, n in scores)
        ok, total = ok + right, total + turns
        print(f"  round {number}, read by {code}: {len(scores):>2} files {right:>4}/{turns:<4} {100 * right / turns:5.1f}%")
    print(f"  {'all':<33} {ok:>4}/{total:<4} {100 * ok / max(total, 1):5.1f}%")


def speed() -> None:
    """Parse 2 MB transcripts of three kinds and time them, each beside its library's bare read of
    the same bytes in the same run (the machine's speed divides out of the ratio)."""
    import io
    import platform
    import tempfile

    import pypdf

    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    print(f"\nspeed (CPU: {cpu}):")
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index("刘润："): text.index("推荐阅读")]  # the dialogue, without the end marker
    head = text[: text.index("推荐阅读")]
    big = head + "\n\n" + "\n\n".join(body for _ in range(2 * 1024 * 1024 // len(body.encode("utf-8"))))
    big = big.encode("utf-8")[: 2 * 1024 * 1024 - 16].decode("utf-8", "ignore")
    started = time.perf_counter()
    script = parse_text(big, load_config(REPO / "voices.yaml"), slug="big")
    took = time.perf_counter() - started
    turns = sum(len(c.turns) for c in script.chapters)
    print(f"  text  {len(big.encode()) / 2**20:.2f} MB: {turns} turns in {took:.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        # A 2 MB court transcript: the Supreme Court's run 5.2 KB a page (HHS v. Florida, 679 KB for
        # 131 pages), so some 390 pages; made of the real excerpt's argument pages, copied afresh.
        writer = pypdf.PdfWriter()
        while len(writer.pages) < 2 * 1024 * 1024 // 5300:
            writer.append(pypdf.PdfReader(DATA / "real" / "en-scotus-argument-2012.pdf"), pages=(2, 8))
        buf = io.BytesIO()
        writer.write(buf)
        pdf = Path(tmp) / "big.pdf"
        pdf.write_bytes(buf.getvalue())
        bare = _timed(lambda: [p.extract_text(extraction_mode="layout") for p in pypdf.PdfReader(pdf).pages])
        took, turns = _timed_parse(pdf)
        print(f"  PDF   {len(writer.pages)} pages (a 2 MB court record; this copy {pdf.stat().st_size / 2**20:.2f} MB): "
              f"{turns} turns in {took:.2f} s "
              f"({took / bare:.2f}x pypdf's own text extraction, {bare:.2f} s)")

        records = json.loads((DATA / "real" / "en-deepgram-spacewalk.json").read_text(encoding="utf-8"))
        utterances = records["results"]["utterances"]
        many = []
        while len(json.dumps(many)) < 2 * 1024 * 1024:
            many += [{**u, "start": u["start"] + len(many)} for u in utterances]
        records["results"]["utterances"] = many
        stt = Path(tmp) / "big.json"
        stt.write_text(json.dumps(records), encoding="utf-8")
        bare = _timed(lambda: json.loads(stt.read_text(encoding="utf-8")))
        took, turns = _timed_parse(stt)
        print(f"  JSON  {stt.stat().st_size / 2**20:.2f} MB, {len(many)} utterances: {turns} turns in {took:.2f} s "
              f"({took / bare:.1f}x json.loads alone, {bare:.3f} s)")


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _timed_parse(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    script = load_script(path, default_config())
    return time.perf_counter() - started, sum(len(c.turns) for c in script.chapters)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="only the files the reader was developed on")
    args = parser.parse_args()
    dev = [*corpus(DATA / "real"), (SEED, seed_turns())]
    ok, total = report("corpus (developed on)", [f for f in dev if f[0].exists()])
    if not args.dev:
        held = report("held back (scored only at the end)", corpus(DATA / "heldout"))
        first_sight(DATA / "heldout")
        ok, total = ok + held[0], total + held[1]
        print(f"\nall real transcripts: {ok}/{total} turns right, {100 * ok / total:.1f}%")
        speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
