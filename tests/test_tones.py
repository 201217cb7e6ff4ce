"""Tone shaping (tones.py): which symbols make a syllable, and what happens to the pitch."""

from __future__ import annotations

import numpy as np
import pytest

from kkaudio.engines.kokoro import tones


def test_syllables_span_the_rhyme_from_glide_to_nasal_coda():
    symbols = list("ʨjau↘ʦwo↘ tjɛ↘nʂa→ŋ")
    spans = tones.syllables(symbols)
    assert [("".join(symbols[a:b]), tone) for a, b, tone in spans] == [
        ("jau↘", 4), ("wo↘", 4), ("jɛ↘n", 4), ("a→ŋ", 1),
    ]


def test_a_nasal_before_a_vowel_starts_the_next_syllable():
    symbols = list("xə↓ntwo→ pi↘na↗")
    assert ["".join(symbols[a:b]) for a, b, _ in tones.syllables(symbols)] == ["ə↓n", "wo→", "i↘", "a↗"]


@pytest.mark.parametrize("phonemes, expected", [
    ("ni↓xau↓", [2, 3]),  # 你好: the first of two third tones in a word is said as a second
    ("ni↓ xau↓", [3, 3]),  # not across a word gap
    ("wo↓ xə↓nxau↓", [3, 2, 3]),
])
def test_third_tone_sandhi_inside_a_word(phonemes, expected):
    assert [tone for _, _, tone in tones.syllables(list(phonemes))] == expected


def _flat(symbols: str, hz: float = 120.0, frames_per_symbol: int = 4):
    durations = np.full(len(symbols) + 2, frames_per_symbol, dtype=np.float32)
    f0 = np.full(2 * int(durations.sum()), hz, dtype=np.float32)
    return list(symbols), durations, f0


def _span(symbols, index, count=1, frames_per_symbol=4):
    """F0 positions of `count` symbols from `index` (2 values per frame, a pad token first)."""
    start = (index + 1) * frames_per_symbol * 2
    return slice(start, start + count * frames_per_symbol * 2)


def test_each_tone_gets_its_shape_around_the_speakers_pitch():
    symbols, durations, f0 = _flat("ta→ ta↗ ta↓ ta↘")
    out = tones.shape(symbols, durations, f0, strength=1.0, semitones=3.0)
    rhyme = {tone: _span(symbols, i, 2) for i, tone in [(1, 1), (5, 2), (9, 3), (13, 4)]}  # a + arrow
    semis = {tone: 12 * np.log2(out[s] / 120.0) for tone, s in rhyme.items()}
    assert semis[1].mean() > 3 and np.ptp(semis[1]) < 2  # high and level
    assert semis[2][-1] - semis[2][0] > 2  # rising
    assert semis[3].mean() < -2  # low
    assert semis[4][0] - semis[4][-1] > 6  # falling
    # the consonants (and the gaps) keep the model's pitch
    assert np.allclose(out[_span(symbols, 0)][:4], 120.0, rtol=0.02)


def test_strength_blends_towards_the_shape_and_zero_changes_nothing():
    symbols, durations, f0 = _flat("ta↘")
    assert np.array_equal(tones.shape(symbols, durations, f0, 0.0, 3.0), f0)
    rhyme = _span(symbols, 1, 2)
    full = np.ptp(np.log(tones.shape(symbols, durations, f0, 1.0, 3.0)[rhyme]))
    half = np.ptp(np.log(tones.shape(symbols, durations, f0, 0.5, 3.0)[rhyme]))
    assert 0.4 * full < half < 0.6 * full


def test_unvoiced_frames_and_untoned_words_are_left_alone():
    symbols, durations, f0 = _flat("ta↘ tɤ sˈiː")
    f0[_span(symbols, 0)] = 5.0  # the model's unvoiced value, a few Hz
    out = tones.shape(symbols, durations, f0, 1.0, 3.0)
    assert np.array_equal(out[_span(symbols, 0)], f0[_span(symbols, 0)])
    after = _span(symbols, 5).start
    assert np.allclose(out[after + 4 :], 120.0, rtol=0.02)  # 的 (neutral) and "see"


def test_a_pitch_that_does_not_match_the_durations_is_returned_unchanged():
    symbols, durations, f0 = _flat("ta↘")
    assert np.array_equal(tones.shape(symbols, durations[:-1], f0, 1.0, 3.0), f0)
    assert np.array_equal(tones.shape(symbols, durations, f0[:-1], 1.0, 3.0), f0[:-1])
