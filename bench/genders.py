"""How well speakers' genders are guessed: on a list of real names, and on the transcript corpus.

    python bench/genders.py

tests/data/names/names.tsv holds 335 real names with genders from public records (Nobel
laureates, Olympic events, biographies), in Chinese characters, Latin script with diacritics
and pinyin. For each the guesser (kkaudio/transcript/gender.py) answers male, female or
unknown: a wrong answer is worse than an unknown one, which only leaves casting to its default.
Then every speaker of the transcript corpus (tests/data/transcripts) is guessed, and checked
against the speakers whose gender is public.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kkaudio.config import default_config  # noqa: E402
from kkaudio.transcript import load_script  # noqa: E402
from kkaudio.transcript.gender import guess  # noqa: E402

NAMES = REPO / "tests" / "data" / "names" / "names.tsv"
CORPUS = REPO / "tests" / "data" / "transcripts"
# Speakers of the corpus whose gender is a matter of public record (or of the fixture's story).
KNOWN = {
    "Jerod Santo": "male", "José Valim": "male", "Adam Stacoviak": "male", "Karine Jean-Pierre": "female",
    "Ms. Jean-Pierre": "female", "Bob Fenton": "male", "Mr. Earnest": "male", "Mr. Kirby": "male",
    "毛宁": "female", "Maya Chen": "female", "Daniel Brooks": "male", "李娜": "female", "王强": "male",
    "Raquel Vélez": "female", "Nicolás Pérez": "male", "Dana Whitfield": "female", "Tomás Ibarra": "male",
    "Luis Ortega": "male", "Mr. Stewart": "male", "Senator Black": "male", "Mr. WALDEN": "male",
    "Ms. ESHOO": "female", "Mr. LINDER": "male", "Mr. McGOVERN": "male", "罗永浩": "male", "张建国": "male",
    "Chief Justice Roberts": "male", "Mr. Cooper": "male", "吳部長釗燮": "male", "林委員憶君": "female",
}


def kind(name: str) -> str:
    if re.search(r"[\u3400-\u9fff]", name):
        return "Chinese characters"
    return "pinyin" if "pinyin" in guess(name).evidence else "Latin script"


def names() -> None:
    rows = list(csv.DictReader(NAMES.open(encoding="utf-8"), delimiter="\t"))
    tally: dict[str, Counter] = {}
    wrong = []
    for row in rows:
        found = guess(row["name"]).gender
        group = "Chinese characters" if re.search(r"[\u3400-\u9fff]", row["name"]) else (
            "pinyin" if "pinyin" in row["source"] else "Latin script")
        outcome = "unknown" if found is None else "right" if found == row["gender"] else "wrong"
        tally.setdefault(group, Counter())[outcome] += 1
        tally.setdefault("all", Counter())[outcome] += 1
        if outcome == "wrong":
            wrong.append(f"{row['name']} ({row['gender']}) guessed {found}")
    print(f"names ({len(rows)}, {NAMES.relative_to(REPO)}):")
    for group, c in tally.items():
        n = sum(c.values())
        print(f"  {group:<20} {n:>4} names: {c['right'] / n:6.1%} right, {c['unknown'] / n:6.1%} unknown, "
              f"{c['wrong'] / n:5.1%} wrong; of those guessed {c['right'] / max(1, c['right'] + c['wrong']):6.1%} right")
    for line in wrong:
        print(f"  wrong: {line}")


def corpus() -> None:
    print("\ntranscript corpus, every speaker:")
    count = Counter()
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".txt", ".html", ".vtt") and p.name != "README.md")
    for path in files:
        try:
            script = load_script(path, default_config())
        except Exception:  # noqa: BLE001 - a refused file has no speakers to guess
            continue
        for s in script.speakers:
            if s.role == "narrator":
                continue
            truth = KNOWN.get(s.name)
            verdict = "" if truth is None else " ✓" if s.gender == truth else " (unknown)" if s.gender is None else " ✗ WRONG"
            if truth:
                count["right" if s.gender == truth else "unknown" if s.gender is None else "wrong"] += 1
            if s.gender or truth:
                print(f"  {path.name:<34} {s.name:<24} {s.gender or 'unknown':<8} {s.gender_evidence}{verdict}")
    print(f"  of the {sum(count.values())} speakers whose gender is known: {count['right']} right, "
          f"{count['unknown']} unknown, {count['wrong']} wrong")


if __name__ == "__main__":
    names()
    corpus()
