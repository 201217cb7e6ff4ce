"""Text -> the phoneme string Kokoro reads: Mandarin through g2p.py, Latin words through espeak-ng.

On top of the G2P, the fixes this model needs: Chinese numbers phonemised as one word, 一 inside a
number kept a syllable, English acronyms spelled letter by letter (A, I and O as Mandarin
syllables), and English voiceless stops
aspirated so the model does not hear them as Mandarin's unaspirated ones.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping

from ...text import readings
from .. import g2p

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'’.\-]*(?:\s+[A-Za-z][A-Za-z0-9'’.\-]*)*")
_ACRONYM = re.compile(r"\b[A-Z]{2,5}s?\b")
# A number written out in Chinese (九十九点九, 二零一九). jieba cuts 九十九点九 into 九 + 十九点九,
# and the model, which takes the gap for a word boundary, is then heard saying 十九点九; numbers
# are phonemised as one word instead. Single numerals (一个, 统一) are left to jieba.
_NUMBER = re.compile(r"[零一二三四五六七八九十百千万亿两]{2,}(?:点[零一二三四五六七八九]+)?|[零一二三四五六七八九十]点[零一二三四五六七八九]+")
# Inside a number, 一 (and 亿) straight after another syllable's vowel, as in 五十一 (ʂɨ↗i→): the
# model slurs the two into one syllable and 51% is heard as 50%. A y glide (pinyin's own
# spelling, yi) keeps it a syllable: Whisper-base then heard 百分之五十一 in 3 voices of 3, not 1.
_NUMBER_YI = re.compile(r"(?<=[→↗↓↘])i(?=[→↗↓↘])")
# Bumped whenever the phonemes for a text change, so cached clips of the old reading are redone.
G2P_REVISION = 5  # 5: readings pinned by the front end (text/readings.py), numbers only there
# In an acronym a Mandarin voice says A, I and O, whose English names are diphthongs Mandarin has,
# as those Mandarin syllables (AI: ei ai, as Mandarin speakers say it), and the other letters by
# their English names. Measured with Whisper-base on the seed's three voices: the seed's 39 cues
# with AI (the guest) CER 8.5% -> 4.3%; 16 sentences with common acronyms (bench/acronyms.py)
# 22 acronyms missed -> 9. Every letter in Mandarin (V wei, G ji, U you, ...) missed 17: V, G, D,
# U and S are heard better as English names. Values are pinyin, a syllable or more.
MANDARIN_LETTERS = {"A": "ei1", "I": "ai4", "O": "ou1"}
# English voiceless stops (and ch) before a vowel, not after s. Mandarin's p t k are
# unaspirated, so the model, trained on Mandarin, says espeak's plain p t k as b d g ("P2P"
# heard as "b的b") and ch as zh ("Chat" heard as 这); the aspiration mark ʰ is its p t k q.
_STOP = re.compile(r"(?<!s)([ptkʧ])(?=[ˈˌ]?[AIOWYaeiouæɑɐɒɔəɚɛɜɝɪʊʌᵻ])")


def _from(pinned: Mapping[int, str], start: int, stop: int) -> dict[int, str]:
    """The pinned readings between `start` and `stop`, counted from `start`."""
    return {i - start: py for i, py in pinned.items() if start <= i < stop}


class Phonemes:
    """Mixed Mandarin/English text -> Kokoro phonemes (g2p.py), with the fixes this model needs."""

    def __init__(self, letters: Mapping[str, str] = MANDARIN_LETTERS) -> None:
        self._en: g2p.English | None = None  # espeak-ng, started on the first Latin word
        self._letters = letters  # acronym letters a Mandarin voice says in Mandarin (bench/acronyms.py tries others)
        # The reading these phonemes reproduce, symbol for symbol on the seed: misaki 0.9.4's
        # (bench/g2p_compare.py). It stays the cache key's G2P part, so clips made before the G2P
        # moved off misaki stay valid; G2P_REVISION is bumped when our phonemes change.
        self.version = "misaki 0.9.4"
        self._lock = threading.Lock()

    def __call__(self, text: str, english_voice: bool = False) -> str:
        """Phonemes for `text`, spoken text from text.normalise, whose marks pin a reading
        (还{huan2}) or an English word's phonemes (Kevin{/ˈkɛvɪn/}). `english_voice`: a native
        English speaker reads it, so English needs no marks for a Mandarin ear, and a sentence
        with no Chinese in it goes to espeak whole (its punctuation shapes the phrasing)."""
        text, pinned = readings.parse_marks(text)
        out = []
        pos = 0
        with self._lock:  # libespeak-ng is process-global
            if english_voice and not _HAN.search(text) and not pinned:
                return self._english(text, aspirate=False)
            for m in _LATIN.finditer(text):
                if m.start() > pos:
                    out.append(self._mandarin(text[pos : m.start()], pos, pinned))
                out.append(self._latin(m.group(0), m.start(), pinned, aspirate=not english_voice))
                pos = m.end()
            if pos < len(text):
                out.append(self._mandarin(text[pos:], pos, pinned))
        return re.sub(r"\s+", " ", " ".join(p.strip() for p in out if p.strip()))

    def _mandarin(self, text: str, offset: int = 0, pinned: Mapping[int, str] | None = None) -> str:
        own = {i - offset: py for i, py in (pinned or {}).items() if offset <= i < offset + len(text)}
        out, pos = [], 0
        for m in _NUMBER.finditer(text):
            out += [g2p.mandarin(text[pos : m.start()], _from(own, pos, m.start())),
                    _NUMBER_YI.sub("ji", g2p.word_ipa(m.group(0), _from(own, m.start(), m.end())))]
            pos = m.end()
        out.append(g2p.mandarin(text[pos:], _from(own, pos, len(text))))
        return " ".join(out)

    def _latin(self, words: str, offset: int, pinned: Mapping[int, str], aspirate: bool) -> str:
        """A run of Latin words; a word whose phonemes the lexicon gave (`/ˈkɛvɪn/`) takes those."""
        ipa = {offset + m.end() - 1: m for m in re.finditer(r"\S+", words)}
        if not any(i in pinned and pinned[i].startswith("/") for i in ipa):
            return self._english(words, aspirate=aspirate)
        out = []
        for end, m in ipa.items():
            given = pinned.get(end, "")
            out.append(given.strip("/") if given.startswith("/") else self._english(m.group(0), aspirate=aspirate))
        return " ".join(out)

    def _english(self, words: str, aspirate: bool = True) -> str:
        # Acronyms letter by letter (AR, DJI; MANDARIN_LETTERS); espeak would read some as
        # words. The dots that make espeak spell a letter must not reach the model as full stops.
        if self._en is None:
            self._en = g2p.English("en-us")
        if not aspirate:  # an English speaker: espeak's own English (it spells AI, GPS; says NASA)
            return re.sub(r"\s+", " ", self._en(words)).strip()
        out, pos = [], 0
        for m in _ACRONYM.finditer(words):
            out += [self._en_marked(words[pos : m.start()]), *map(self._letter, m.group(0).upper())]
            pos = m.end()
        out.append(self._en_marked(words[pos:]))
        return re.sub(r"\s+", " ", " ".join(p for p in out if p)).strip()

    def _letter(self, letter: str) -> str:
        if letter in self._letters:
            return " ".join(map(g2p.syllable_ipa, self._letters[letter].split()))
        return self._en_marked(letter + ".").replace(".", "")

    def _en_marked(self, words: str) -> str:
        return _STOP.sub(r"\1ʰ", self._en(words)).strip() if words.strip() else ""
