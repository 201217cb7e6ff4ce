"""How the seed's voices spell acronyms, heard by Whisper-base: three ways of naming the letters.

    python bench/acronyms.py

16 sentences with acronyms common in Mandarin speech, each read by the seed's three voices
(voices.yaml) three ways, and how many acronyms Whisper-base did not write as written, with the
CER over the sentences:
- english: every letter by its English name (the reading before phonemes.MANDARIN_LETTERS);
- mandarin: every letter as Mandarin speakers name it (V wei, G ji, S ai-si, ...);
- as shipped: A, I and O as the Mandarin syllables ei, ai, ou, the rest in English.
Not a test.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from intelligibility import distance, hear, normalise, whisper_model  # noqa: E402

from kkaudio.config import load_config  # noqa: E402
from kkaudio.engines.kokoro import phonemes  # noqa: E402
from kkaudio.engines.kokoro import KokoroEngine  # noqa: E402
from kkaudio.machine import cpu_identity  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SENTENCES = [
    "人们对于AI的重视程度并不够，AI还是被低估了。", "当我们准备开启镜像世界、元宇宙或是VR的时候。",
    "我认为这个平台也可能在AR、元宇宙、镜像世界中。", "我们有了GPS全球定位系统。", "这家公司的CEO昨天辞职了。",
    "今年的GDP增长了百分之五。", "手机上的每一个APP都在收集数据。", "科学家测出了它的DNA序列。",
    "他做了一份很长的PPT给老板看。", "我从小就喜欢看NBA的比赛。", "很多年轻人想进IT行业工作。",
    "公司给每个员工都定了KPI。", "这个IP的价值越来越高。", "新电脑的CPU速度快了一倍。",
    "请把USB线插在电脑上。", "他们在做一个AI助手。",
]
# Letters as Mandarin speakers name them, in pinyin (phonemes.MANDARIN_LETTERS's form).
MANDARIN = {
    "A": "ei1", "B": "bi4", "C": "xi1", "D": "di4", "E": "yi4", "F": "ai4 fu5", "G": "ji4",
    "H": "ei1 qi4", "I": "ai4", "J": "jie4", "K": "kei4", "L": "ai4 lou5", "M": "ai4 mu5",
    "N": "en1", "O": "ou1", "P": "pi1", "Q": "qiu1", "R": "a4 er5", "S": "ai4 si5", "T": "ti1",
    "U": "you1", "V": "wei1", "W": "da2 bu5 liu5", "X": "ai4 ke5 si5", "Y": "wai1", "Z": "zei4",
}


def main() -> None:
    import opencc

    ways = {"english": {}, "mandarin": MANDARIN, "as shipped": phonemes.MANDARIN_LETTERS}
    config = load_config(REPO / "voices.yaml")
    engine = KokoroEngine(graph="int8")
    t2s = opencc.OpenCC("t2s")
    print(f"{cpu_identity()}; {engine.version}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "whisper").mkdir()
        model = whisper_model(tmp / "whisper")
        for speaker in config.speakers:
            voice = config.voice(speaker.id, "kokoro")
            for name, letters in ways.items():
                engine._g2p = phonemes.Phonemes(letters)
                edits = chars = 0
                missed = []
                for sentence in SENTENCES:
                    heard = hear(model, engine.synthesize(sentence, voice), tmp / "s.wav")
                    ref, got = normalise(sentence, t2s), normalise(heard, t2s)
                    edits += distance(ref, got)
                    chars += len(ref)
                    missed += [a for a in re.findall(r"[A-Z]{2,}", sentence) if a.lower() not in got]
                print(f"{speaker.id:9s} {name:10s} CER {edits / chars:5.1%}; {len(missed):2d} acronyms not heard "
                      f"as written: {' '.join(missed)}", flush=True)


if __name__ == "__main__":
    main()
