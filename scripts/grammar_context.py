"""Regenerate kkaudio/text/grammar_context.json: the characters (Chinese) and words (English) that
can change how the grammars read a number beside them, from WeTextProcessing's sources.

    git clone https://github.com/wenet-e2e/WeTextProcessing /tmp/WeTextProcessing
    python scripts/grammar_context.py /tmp/WeTextProcessing

The grammars' cost grows with the text they are given (about 0.05 ms a character), so
numbers_zh.py gives them a number and only the characters around it they can read with it, and
english.py likewise the words: every Han character of what tn/chinese's data maps from (measure words,
units, 年 月 日, currencies) and rules (比, 分之, 约…); apart, those of the sport grammar's team
names, which it reads only before a score (中国队3:2); not the character set files, which list what
its `char` rule passes through unchanged; and the words of tn/english's data (months, units,
currencies, a.m., time zones) and the rules' No. wetext ships FSTs compiled from these grammars,
perhaps at another commit: tests/test_readings.py checks that a narrow stretch reads as a wide one.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kkaudio" / "text" / "grammar_context.json"
HAN = re.compile(r"[\u3400-\u9fff]")
ENGLISH_RULE_WORDS = ("no", "no.", "nos", "nos.")  # in the rules, not the data: No. 12-144 "number twelve to…"


def main(checkout: Path) -> int:
    root = checkout / "tn" / "chinese"
    files = [p for p in sorted((root / "data").rglob("*.tsv")) if p.parent.name != "char"]
    files += sorted((root / "rules").glob("*.py"))
    chars = {ch for path in files if path.parent.name != "sport" for ch in HAN.findall(_input_side(path))}
    teams = {ch for path in files if path.parent.name == "sport" for ch in HAN.findall(_input_side(path))}
    english = checkout / "tn" / "english" / "data"
    words = set(ENGLISH_RULE_WORDS)
    for path in sorted(english.rglob("*.tsv")):
        if path.parent.name in ("whitelist", "roman") and path.name != "key_word.tsv":
            continue  # abbreviations and names read alone, not with a number (Mr., Henry VIII)
        for line in path.read_text(encoding="utf-8").splitlines():
            words.update(word.lower() for word in line.split("\t")[0].split())
    commit = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    OUT.write_text(json.dumps({"source": f"wenet-e2e/WeTextProcessing@{commit} tn/chinese/data (not char/), "
                               "tn/chinese/rules", "zh": "".join(sorted(chars)),
                               "zh_teams": "".join(sorted(teams - chars)),
                               "en_source": "tn/english/data (not whitelist/, roman/ but key_word.tsv) and the "
                               "rules' No.", "en": " ".join(sorted(words))}, ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")
    print(f"{len(chars)} characters and {len(teams - chars)} more in team names, {len(words)} English words -> {OUT}")
    return 0


def _input_side(path: Path) -> str:
    """What the grammars can be given from a file: a data file's first column (the second is what
    they write: digit.tsv's 1 -> 一, hour.tsv's 1 -> 一点; no rule inverts a file), a rule's whole text."""
    text = path.read_text(encoding="utf-8")
    return "\n".join(line.split("\t")[0] for line in text.splitlines()) if path.suffix == ".tsv" else text


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
