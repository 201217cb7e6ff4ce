"""Chinese characters -> the pinyin each is read with in context, and the marks that pin a reading.

A character's reading comes in two steps:
1. The word's reading: jieba cuts words, pypinyin's phrase dictionary reads each word (东西
   dong1 xi5, 银行 yin2 hang2). This is the reading misaki gives, which Kokoro was trained on,
   and what an engine's own G2P says for the text (engines/g2p.py uses `default_pinyin`).
2. Polyphones in context: for the 791 characters with more than one reading (还, 了, 长, 行…)
   g2pM's bidirectional LSTM (Apache-2.0, its weights inside the PyPI wheel, trained on the CPP
   corpus) picks the reading from the whole clause. On CPP's test set (10,254 sentences, one
   polyphone each): the phrase dictionary alone 87.3%, g2pM 97.3% (bench/readings.py). g2pM's own
   loop runs one sentence at a time (2 ms each); `context_pinyin` runs the same weights over many
   clauses at once, numpy batched, so 2 MB of text takes seconds.

Where context reads a character otherwise than step 1 would, the spoken text pins the reading
with a mark after the character: 他还{hai2}没还{huan2}钱. Engines with their own G2P follow the
marks (kokoro); the others read `unmark(text)`. A lexicon entry can pin readings the same way
(`还钱: huan2 qian2`) and English words' phonemes (`Kevin: /ˈkɛvɪn/`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .in_speech import IN_SPEECH

HAN = re.compile(r"[\u3400-\u9fff]")
MARK = re.compile(r"\{(/[^{}/]+/|[a-zü:v]+[1-5])\}")  # 还{huan2}; Kevin{/ˈkɛvɪn/}
SYLLABLE = re.compile(r"^[a-zü:v]+[1-5]$")
# Where pypinyin's dictionary gives the reading of the written standard and Putonghua as spoken
# says another: 谁 is shéi in speech (现代汉语词典: shéi, also read shuí), and said shuí the
# narrator's "他是谁？" was heard as 它是水 by Whisper-base, shéi as written. Per character.
SPOKEN_READINGS = {"谁": {"shui2": "shei2"}}
_CLAUSE = re.compile(r"[^，。！？；：、,.!?;:…—\n]+[，。！？；：、,.!?;:…—\n]*")
_MAX_CLAUSE = 64  # longer runs are cut: g2pM was trained on sentences of about 40 characters
# Bumped when the readings change in a way the spoken text does not show (part of every engine's
# cache key). A reading pinned otherwise changes the spoken text, hence only that clip's key.
REVISION = 1


def unmark(text: str) -> str:
    """The spoken text without its reading marks: what an engine without a G2P of its own reads."""
    return MARK.sub("", text)


def parse_marks(text: str) -> tuple[str, dict[int, str]]:
    """`他还{huan2}钱` -> ("他还钱", {1: "huan2"}): the text and the readings pinned on its characters
    (an IPA mark `/…/` pins the phonemes of the Latin word before it, at that word's last letter)."""
    plain, pinned = [], {}
    pos = 0
    for m in MARK.finditer(text):
        plain.append(text[pos : m.start()])
        length = sum(len(p) for p in plain)
        if length:
            pinned[length - 1] = m.group(1)
        pos = m.end()
    plain.append(text[pos:])
    return "".join(plain), pinned


@functools.lru_cache(maxsize=200_000)
def word_pinyin(word: str) -> tuple[str | None, ...]:
    """One word's reading by pypinyin's phrase dictionary: TONE3 per character, None for what is
    not a Chinese character."""
    from pypinyin import Style, lazy_pinyin

    def read(text: str) -> list[str]:  # "-" for what is not a Chinese character
        # The dictionary's own form (tone marks), turned into TONE3 syllable by syllable: the same
        # readings as asking pypinyin for TONE3, in half the time (its converter runs per call).
        if all(HAN.match(ch) for ch in text):
            return _dictionary_tones(text)
        return lazy_pinyin(text, style=Style.TONE, errors=lambda s: ["-"] * len(s))

    out = read(word)
    if len(out) != len(word):  # not one syllable per character: read the characters one by one
        out = [p for ch in word for p in read(ch)]
    return tuple(SPOKEN_READINGS.get(ch, {}).get(tone3(py), tone3(py)) if py != "-" else None
                 for ch, py in zip(word, out))


def _dictionary_tones(word: str) -> list[str]:
    """pypinyin's reading of a word of Chinese characters, read straight from its tables as its
    lazy_pinyin reads them (the word's phrase, else its mmseg pieces' phrases, else each
    character's first reading), four times faster: the same on all 517,095 words of jieba's and
    pypinyin's dictionaries and every character (tests/test_readings.py checks a sample)."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
    from pypinyin.seg.mmseg import seg

    if word in PHRASES_DICT:
        return [readings[0] for readings in PHRASES_DICT[word]]
    out = []
    for piece in seg.cut(word):
        if len(piece) > 1 and piece in PHRASES_DICT:
            out += [readings[0] for readings in PHRASES_DICT[piece]]
        else:
            out += [PINYIN_DICT[ord(ch)].split(",")[0] if ord(ch) in PINYIN_DICT else "-" for ch in piece]
    return out


@functools.lru_cache(maxsize=4096)
def tone3(syllable: str) -> str:
    """`hàng` -> `hang2`, `de` -> `de5`, `lǜ` -> `lv4`."""
    from pypinyin.contrib.tone_convert import to_tone3

    return to_tone3(syllable, neutral_tone_with_five=True)


def words(text: str) -> list[str]:
    from .words import segment

    return segment(text)


def default_pinyin(text: str) -> list[str | None]:
    """Each character's reading by its word (step 1): what a G2P without context says."""
    return _default(text)[0]


def _default(text: str) -> tuple[list[str | None], list[bool]]:
    """Step 1's readings, and for each character whether a phrase of the dictionary gave it."""
    out: list[str | None] = []
    phrase: list[bool] = []
    for word in words(text):
        out += word_pinyin(word) if HAN.search(word) else [None] * len(word)
        phrase += _in_phrases(word)
    return out, phrase


@functools.lru_cache(maxsize=200_000)
def _in_phrases(word: str) -> tuple[bool, ...]:
    """For each character of a word, whether a phrase of the dictionary reads it: the word's own
    entry, or the phrases pypinyin reads a longer word by (银行行长: 银行 and 行长)."""
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg.mmseg import seg

    if len(word) > 1 and word in PHRASES_DICT:
        return (True,) * len(word)
    return tuple(flag for piece in seg.cut(word) for flag in [len(piece) > 1 and piece in PHRASES_DICT] * len(piece))


def context_pinyin(texts: Sequence[str]) -> list[list[str | None]]:
    """Each character's reading in context (steps 1 and 2), for many texts at once."""
    return [context for _, context in readings_of(texts)]


def readings_of(texts: Sequence[str]) -> list[tuple[list[str | None], list[str | None]]]:
    """(the words' reading, the reading in context) of each character, for many texts at once."""
    firsts = [_default(t) for t in texts]
    defaults = [list(d) for d, _ in firsts]
    model = _polyphones()
    jobs = []  # (text index, offset, clause)
    for k, text in enumerate(texts):
        for m in _CLAUSE.finditer(text):
            for start in range(m.start(), m.end(), _MAX_CLAUSE):
                clause = text[start : min(m.end(), start + _MAX_CLAUSE)]
                # Only a polyphone outside the dictionary's phrases takes the model's reading (below):
                # a clause whose polyphones all sit in phrases (银行, 长大) is not given to it.
                if any(ch in model.chars and not firsts[k][1][start + j] for j, ch in enumerate(clause)):
                    jobs.append((k, start, clause))
    for (k, start, clause), predicted in zip(jobs, model.predict([c for _, _, c in jobs])):
        for i, py in predicted.items():
            ch = texts[k][start + i]
            py = SPOKEN_READINGS.get(ch, {}).get(py, py).replace("u:", "v")
            # A word of the dictionary keeps its reading (了解 liao3, 行业 hang2, 好奇 hao4): the
            # model learnt the polyphones CPP labels, and is sure and wrong on many common words.
            if not firsts[k][1][start + i] and py != defaults[k][start + i] and not _final_le(texts[k], start + i, py):
                defaults[k][start + i] = py
    for k, text in enumerate(texts):  # what speech says often and the model reads wrong (below)
        for pattern, reading, *over_phrases in IN_SPEECH:
            for m in pattern.finditer(text):
                if over_phrases or not firsts[k][1][m.start("c")]:
                    defaults[k][m.start("c")] = reading
    for k, text in enumerate(texts):  # 走得了？ 办得了。: can (de5 liao3), not obtained (获得了, a phrase: de2 le5)
        for m in _CAN_DO.finditer(text):
            if m.group(1) == "不":  # 不得了: terrible (bu4 de2 liao3)
                defaults[k][m.start(2)], defaults[k][m.start(2) + 1] = "de2", "liao3"
            elif not firsts[k][1][m.start(2)]:
                defaults[k][m.start(2)], defaults[k][m.start(2) + 1] = "de5", "liao3"
    return [(first, context) for (first, _), context in zip(firsts, defaults)]


# A verb, 得了 and the clause's end: whether one can (走得了吗？), not a pronoun's 得了 (他得了冠军, 我得了。).
_CAN_DO = re.compile(r"([\u4e00-\u9fff])(?<![我你他她它们咱您谁])(得了)(?=[了吗呢吧么嘛？?！!。，,、；;…\s]|$)")


def _final_le(text: str, i: int, py: str) -> bool:
    """了 that ends a sentence is the particle le (成功了！, where the model said liao3), but after
    不 or 得 (受不了, 走得了), where it is liao."""
    return text[i] == "了" and py == "liao3" and (i + 1 == len(text) or not "\u4e00" <= text[i + 1] <= "\u9fff") \
        and (i == 0 or text[i - 1] not in "不得")


def valid_syllable(syllable: str) -> bool:
    """Whether `syllable` (TONE3, `huan2`, `lv4`, `nü3`) is a syllable of Mandarin."""
    from pinyin_to_ipa import pinyin_to_ipa

    if not SYLLABLE.match(syllable):
        return False
    try:
        pinyin_to_ipa(syllable.replace("u:", "ü").replace("v", "ü"))
    except Exception:  # noqa: BLE001  (pinyin_to_ipa raises ValueError and others for what is not pinyin)
        return False
    return True


def sandhi(text: str, pinyin: Sequence[str | None]) -> list[str | None]:
    """The tones as said: third tone before a third tone is said as a second; 不 before a fourth
    tone as bu2; 一 before a fourth tone as yi2 and before the others as yi4 (not in numbers,
    dates or at the end, where it keeps yi1)."""
    out = list(pinyin)
    for i, (py, nxt) in enumerate(zip(pinyin, pinyin[1:])):  # the next character's, read as itself
        if py is None or nxt is None:
            continue
        tone, next_tone = py[-1], nxt[-1]
        if text[i] == "不" and py == "bu4" and next_tone == "4":
            out[i] = "bu2"
        elif text[i] == "一" and py == "yi1" and not _numeric_yi(text, i):
            out[i] = "yi2" if next_tone == "4" else "yi4" if next_tone in "123" else py
        elif tone == "3" and next_tone == "3":
            out[i] = py[:-1] + "2"
    return out


def _numeric_yi(text: str, i: int) -> bool:
    """一 as a number: in a run of numerals (十一, 一九), after 第, before 月/号/日 of a date."""
    before, after = text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else ""
    return bool(re.match(r"[零〇一二三四五六七八九十百千万亿第]", before) or re.match(r"[零〇一二三四五六七八九十月号日]", after))


class _Polyphones:
    """g2pM's model, run over many clauses at once."""

    def __init__(self) -> None:
        import numpy as np
        from g2pM import G2pM

        model = G2pM()  # loads its pickled dictionary and weights from the wheel
        self._np = np
        self._cedict = model.cedict
        self._char2idx = model.char2idx
        self._idx2class = model.idx2class
        self._class_idx = {pron: idx for idx, pron in model.idx2class.items()}
        self._m = model
        self._unk = model.char2idx["<UNK>"]
        self._masks: dict = {}
        f32 = lambda a: np.asarray(a, dtype=np.float32)  # noqa: E731  (float32: half the work, the same readings)
        self._weights = {"emb": f32(model.embeddings), "ih": f32(model.weight_ih), "hh": f32(model.weight_hh),
                         "b": f32(model.bias_ih + model.bias_hh), "ih_r": f32(model.weight_ih_reverse),
                         "hh_r": f32(model.weight_hh_reverse),
                         "b_r": f32(model.bias_ih_reverse + model.bias_hh_reverse),
                         "l0": f32(model.hidden_weight_l0), "b0": f32(model.hidden_bias_l0),
                         "l1": f32(model.hidden_weight_l1), "b1": f32(model.hidden_bias_l1)}
        self._bos, self._eos = model.char2idx["시"], model.char2idx["끝"]  # g2pM's own begin/end tokens
        self.chars = frozenset(ch for ch, prons in self._cedict.items() if len(prons) > 1)  # the polyphones

    def polyphonic(self, ch: str) -> bool:
        return ch in self.chars

    def predict(self, clauses: Sequence[str], batch: int = 512) -> list[dict[int, str]]:
        """For each clause, {character index: reading} of its polyphonic characters."""
        out: list[dict[int, str]] = [{} for _ in clauses]
        order = sorted(range(len(clauses)), key=lambda k: len(clauses[k]))
        for b in range(0, len(order), batch):
            group = order[b : b + batch]
            for k, preds in zip(group, self._run([clauses[k] for k in group])):
                out[k] = preds
        return out

    def _run(self, clauses: list[str]) -> list[dict[int, str]]:
        np = self._np
        n, width = len(clauses), max(len(c) for c in clauses) + 2
        ids = np.zeros((n, width), dtype=np.int64)
        lengths = np.zeros(n, dtype=np.int64)
        rows, cols, chars = [], [], []
        for r, clause in enumerate(clauses):
            row = [self._bos] + [self._char2idx.get(ch, self._unk) for ch in clause] + [self._eos]
            ids[r, : len(row)] = row
            lengths[r] = len(row)
            for i, ch in enumerate(clause):
                if ch in self.chars:
                    rows.append(r), cols.append(i), chars.append(ch)
        w = self._weights
        forward = self._lstm(w["emb"][ids], w["ih"], w["hh"], w["b"], lengths)
        reverse = self._lstm(w["emb"][self._reverse(ids, lengths)], w["ih_r"], w["hh_r"], w["b_r"], lengths)
        at = (np.array(rows), np.array(cols) + 1)
        hidden = np.concatenate([forward[at], self._reverse(reverse, lengths)[at]], axis=1)
        logits = np.maximum(hidden @ w["l0"].T + w["b0"], 0) @ w["l1"].T + w["b1"]
        # Only the character's own readings are candidates (the model scores all 876 syllables).
        logits = np.where(np.stack([self._allowed(ch) for ch in chars]), logits, -np.inf)
        out: list[dict[int, str]] = [{} for _ in clauses]
        for r, i, best in zip(rows, cols, logits.argmax(axis=1)):
            out[r][i] = self._idx2class[int(best)]
        return out

    def _allowed(self, ch: str):
        mask = self._masks.get(ch)
        if mask is None:
            mask = self._np.zeros(len(self._idx2class), dtype=bool)
            mask[[self._class_idx[p] for p in self._cedict[ch] if p in self._class_idx]] = True
            if not mask.any():
                mask[:] = True
            self._masks[ch] = mask
        return mask

    def _lstm(self, x, w_ih, w_hh, bias, lengths):
        """One direction of a PyTorch-layout LSTM over a padded batch (gates i, f, g, o)."""
        np = self._np
        n, steps, _ = x.shape
        size = w_hh.shape[1]
        projected = x @ w_ih.T + bias  # every step's input part at once
        h = np.zeros((n, size), dtype=np.float32)
        c = np.zeros((n, size), dtype=np.float32)
        out = np.zeros((n, steps, size), dtype=np.float32)
        for t in range(steps):
            gates = projected[:, t] + h @ w_hh.T
            i, f = _sigmoid(gates[:, :size], np), _sigmoid(gates[:, size : 2 * size], np)
            g, o = np.tanh(gates[:, 2 * size : 3 * size]), _sigmoid(gates[:, 3 * size :], np)
            c = f * c + i * g
            h = o * np.tanh(c)
            out[:, t] = h
        return out

    def _reverse(self, seq, lengths):
        """Each row's first `length` items in reverse order, the padding left where it is."""
        np = self._np
        idx = np.arange(seq.shape[1])[None, :]
        src = np.where(idx < lengths[:, None], lengths[:, None] - 1 - idx, idx)
        return np.take_along_axis(seq, src if seq.ndim == 2 else src[:, :, None], axis=1)


def _sigmoid(x, np):
    return 1 / (1 + np.exp(-x))


@functools.lru_cache(maxsize=1)
def _polyphones() -> _Polyphones:
    return _Polyphones()
