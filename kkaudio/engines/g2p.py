"""Mixed Mandarin/English text -> the phonemes Kokoro v1.0 was trained on.

Mandarin: jieba cuts words, pypinyin gives each word's pinyin (its phrase dictionary picks the
reading of polyphones in context), `pinyin-to-ipa` turns each syllable into IPA, and the tones
become Kokoro's arrows (→ ↗ ↓ ↘). This is the reading misaki's `ZHG2P` (v1.0, "legacy") makes,
rebuilt on maintained packages that install on Python 3.10-3.14 (misaki declares < 3.13).
misaki's own transcription table is an adaptation of pinyin-to-ipa; the two differ only in
writing the affricates as single ligature symbols, which is what the model's vocabulary holds
(`AFFRICATES`). bench/g2p_compare.py checks every sentence of the seed against misaki; they
differ only where the front end reads a character otherwise (text/readings.py: 谁 shei2,
and the polyphones it reads in context, which reach the G2P as marks).

English words inside Chinese: espeak-ng (en-us, from the `espeakng-loader` wheel) through
phonemizer, with espeak's diphthongs and affricates folded into the model's single symbols.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from ..text import readings

# Written as one symbol in Kokoro's vocabulary, as two in pinyin-to-ipa's IPA.
AFFRICATES = (("ʈʂ", "ꭧ"), ("ts", "ʦ"), ("tɕ", "ʨ"))
# Chao tone letters -> Kokoro's tone arrows (the third tone first: it contains the others).
TONE_ARROWS = (("˧˩˧", "↓"), ("˧˥", "↗"), ("˥˩", "↘"), ("˥", "→"))
_SYLLABIC = ("ɻ\u0329", "ɹ\u0329")  # the apical vowel of zhi/chi/shi/ri and zi/ci/si -> ɨ
_NON_SYLLABIC = "\u032f"  # ai̯: not in the model's vocabulary
_PUNCTUATION = (
    ("、", ", "), ("，", ", "), ("。", ". "), ("．", ". "), ("！", "! "), ("：", ": "), ("；", "; "),
    ("？", "? "), ("«", " “"), ("»", "” "), ("《", " “"), ("》", "” "), ("「", " “"), ("」", "” "),
    ("【", " “"), ("】", "” "), ("（", " ("), ("）", ") "),
)
_HAN = re.compile(r"[\u4e00-\u9fff]+|[^\u4e00-\u9fff]+")
# espeak's two-letter symbols (joined by the tie ^) -> the model's one-letter ones.
_ESPEAK_TO_MODEL = (
    ("a^ɪ", "I"), ("a^ʊ", "W"), ("d^z", "ʣ"), ("d^ʒ", "ʤ"), ("e^ɪ", "A"), ("o^ʊ", "O"), ("ə^ʊ", "Q"),
    ("s^s", "S"), ("t^s", "ʦ"), ("t^ʃ", "ʧ"), ("ɔ^ɪ", "Y"),
)


@lru_cache(maxsize=4096)
def syllable_ipa(pinyin: str) -> str:
    """One syllable in TONE3 pinyin (`zhong1`, `de5`) -> Kokoro phonemes (`ꭧʊ→ŋ`, `tɤ`)."""
    from pinyin_to_ipa import pinyin_to_ipa

    out = "".join(pinyin_to_ipa(pinyin)[0])
    for written, symbol in AFFRICATES + TONE_ARROWS:
        out = out.replace(written, symbol)
    for syllabic in _SYLLABIC:
        out = out.replace(syllabic, "ɨ")
    return out.replace(_NON_SYLLABIC, "")


def word_ipa(word: str, pinned: Mapping[int, str] | None = None) -> str:
    """A Chinese word (characters, simplified or traditional) -> its phonemes, one syllable after
    another: each character read as its word is (text/readings.py), or as `pinned` says (index
    in the word -> TONE3: the reading in context the front end marked)."""
    out = []
    for i, (ch, py) in enumerate(zip(word, readings.word_pinyin(word))):
        py = (pinned or {}).get(i, py)
        if py is None:
            out.append(ch)  # not a character pypinyin knows: left as it is
            continue
        try:
            out.append(syllable_ipa(py.replace("u:", "v")))
        except Exception:  # noqa: BLE001  (pinyin_to_ipa raises several kinds for what is not pinyin)
            out.append(py)
    return "".join(out)


def mandarin(text: str, pinned: Mapping[int, str] | None = None) -> str:
    """A run of Chinese text (numbers already words: text.normalise) -> phonemes, words separated
    by spaces; punctuation kept as the model's own (half-width) marks. `pinned`: readings by
    index in `text` (the front end's marks)."""
    pinned = pinned or {}
    out = []
    for run in _HAN.finditer(text):
        if "\u4e00" <= run.group(0)[0] <= "\u9fff":
            words, at = [], run.start()
            for w in readings.words(run.group(0)):
                words.append(word_ipa(w, {i - at: py for i, py in pinned.items() if at <= i < at + len(w)}))
                at += len(w)
            out.append(" ".join(words))
        else:
            piece = run.group(0)
            for mark, said in _PUNCTUATION:
                piece = piece.replace(mark, said)
            out.append(piece)
    return "".join(out).replace(_NON_SYLLABIC, "").strip()


class English:
    """English words -> phonemes with espeak-ng (en-us) from the espeakng-loader wheel.

    libespeak-ng is process-global: calls are serialised by the caller's lock.
    """

    def __init__(self, language: str = "en-us") -> None:
        import espeakng_loader
        from phonemizer.backend import EspeakBackend
        from phonemizer.backend.espeak.wrapper import EspeakWrapper

        # Never the system espeak (Debian's 1.51 is another version with other data).
        EspeakWrapper.set_library(espeakng_loader.get_library_path())
        EspeakWrapper.set_data_path(espeakng_loader.get_data_path())
        self._backend = EspeakBackend(language=language, preserve_punctuation=True, with_stress=True,
                                      tie="^", language_switch="remove-flags")

    def __call__(self, text: str) -> str:
        text = text.replace("«", "“").replace("»", "”").replace("(", "«").replace(")", "»")
        phonemes = self._backend.phonemize([text])
        if not phonemes:
            return ""
        out = phonemes[0].strip()
        for pair, symbol in _ESPEAK_TO_MODEL:
            out = out.replace(pair, symbol)
        return out.replace("^", "").replace("-", "").replace("«", "(").replace("»", ")")
