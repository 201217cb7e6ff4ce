"""Mixed Mandarin/English text -> the phonemes Kokoro v1.0 was trained on.

Mandarin: jieba cuts words, pypinyin gives each word's pinyin (its phrase dictionary picks the
reading of polyphones in context), `pinyin-to-ipa` turns each syllable into IPA, and the tones
become Kokoro's arrows (→ ↗ ↓ ↘). This is the reading misaki's `ZHG2P` (v1.0, "legacy") makes,
rebuilt on maintained packages that install on Python 3.10-3.14 (misaki declares < 3.13).
misaki's own transcription table is an adaptation of pinyin-to-ipa; the two differ only in
writing the affricates as single ligature symbols, which is what the model's vocabulary holds
(`AFFRICATES`). bench/g2p_compare.py checks every sentence of the seed against misaki; they
differ only where SPOKEN_READINGS says so.

English words inside Chinese: espeak-ng (en-us, from the `espeakng-loader` wheel) through
phonemizer, with espeak's diphthongs and affricates folded into the model's single symbols.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.words import quiet_jieba

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
# Where pypinyin's dictionary gives the reading of the written standard and Putonghua as spoken
# says another: 谁 is shéi in speech (现代汉语词典: shéi, also read shuí), and said shuí the
# narrator's "他是谁？" was heard as 它是水 by Whisper-base, shéi as written. Per character.
SPOKEN_READINGS = {"谁": {"shui2": "shei2"}}
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


def word_ipa(word: str) -> str:
    """A Chinese word (characters, simplified or traditional) -> its phonemes, one syllable after another."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True)
    if len(syllables) == len(word):  # one syllable per character (always, for Chinese words)
        syllables = [SPOKEN_READINGS.get(ch, {}).get(py, py) for ch, py in zip(word, syllables)]
    out = []
    for py in syllables:
        try:
            out.append(syllable_ipa(py))
        except Exception:  # not pinyin: a character pypinyin does not know, left as it is
            out.append(py)
    return "".join(out)


def mandarin(text: str) -> str:
    """A run of Chinese text (numbers already in words) -> phonemes, words separated by spaces;
    punctuation kept as the model's own (half-width) marks."""
    import cn2an

    text = cn2an.transform(text, "an2cn")
    for mark, said in _PUNCTUATION:
        text = text.replace(mark, said)
    text = text.strip()
    jieba = quiet_jieba()
    out = []
    for run in _HAN.findall(text):
        if "\u4e00" <= run[0] <= "\u9fff":
            out.append(" ".join(word_ipa(w) for w in jieba.lcut(run, cut_all=False)))
        else:
            out.append(run)
    return "".join(out).replace(_NON_SYLLABIC, "")


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
