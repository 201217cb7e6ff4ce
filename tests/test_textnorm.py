"""Spoken-text normalisation: numbers, Latin words, lexicon, pauses, sentence pieces."""

from __future__ import annotations

import pytest

from kkaudio.config import load_config
from kkaudio.text.normalise import spoken
from kkaudio.text.words import MAX_PIECE_CHARS, split_sentences

from .conftest import REPO


@pytest.mark.parametrize(
    "written, said",
    [
        ("2019年", "二零一九年"),
        ("1995年", "一九九五年"),
        ("在2000年时", "在二零零零年时"),
        ("到2040年自动驾驶", "到二零四零年自动驾驶"),
        ("5000天", "五千天"),
        ("13年", "十三年"),
        ("至少是要再等17 年", "至少是要再等十七年"),
        ("29年过去了", "二十九年过去了"),
        ("上世纪90年代", "上世纪九十年代"),
        ("99.9%", "百分之九十九点九"),
        ("0.1%", "百分之零点一"),
        ("51%和49%", "百分之五十一和百分之四十九"),
        ("99.999999%", "百分之九十九点九九九九九九"),
        ("100%", "百分之一百"),
        ("0.01%的死亡率", "百分之零点零一的死亡率"),
        ("Web3.0", "Web三点零"),
        ("Web1.0、Web2.0", "Web一点零、Web二点零"),
        ("6个“9”", "六个九"),
        ("最少是10000人", "最少是一万人"),
        ("ChatGPT和AI", "ChatGPT和AI"),  # Latin stays Latin: engines read it as English
        ("Blue Sky", "Blue Sky"),
        ("P2P", "P2P"),  # not "P二P": the lexicon or the engine's English reading handles it
        ("我们约10:30见面", "我们约十点三十分见面"),  # a time, not the grammar's ratio 十比三十
        ("约3:2的比例", "约三比二的比例"),
        ("网络效应......我其实", "网络效应，我其实"),
        ("围绕机动车周边——这有别于马匹", "围绕机动车周边，这有别于马匹"),
        ("《失控》", "失控"),
        ("凯文·凯利和埃隆·马斯克", "凯文凯利和埃隆马斯克"),
        ("陷入一种'失控'的状态", "陷入一种失控的状态"),
        ("‘失控’和don't", "失控和don't"),
        ("“积极地失败”。", "积极地{de5}失败。"),  # the adverb's 地 is de, pinned (the words say dì)
    ],
)
def test_numbers_words_and_marks(written, said):
    assert spoken(written) == said


@pytest.fixture(scope="module")
def lexicon():
    return load_config(REPO / "voices.yaml").lexicon


@pytest.mark.parametrize(
    "written, said",
    [
        ("K.K.：好问题", "KK：好问题"),
        ("我认为5000天足够长，足以", "我认为五千天足够长{chang2}，足以"),  # 长 is cháng here: the lexicon pins it
        ("P2P贷款", "P two P贷款"),
        ("kk看好深圳", "KK看好深圳"),
        ("重新解读", "重新解读"),  # polyphones the G2P gets right stay untouched
        ("和银行进行协商", "和银行进行协商"),
        ("从小耳濡目染长大", "从小耳濡目染长大"),
    ],
)
def test_project_lexicon(lexicon, written, said):
    assert spoken(written, lexicon) == said


def test_lexicon_longest_match_wins():
    assert spoken("K.K.和K", (("K.K.", "KK"), ("K", "开"))) == "KK和开"


def test_sentences_keep_their_punctuation_and_quotes():
    pieces = split_sentences("你好吗？我很好。“他说：走吧！”然后……")
    assert [p for p, _ in pieces] == ["你好吗？", "我很好。", "“他说：走吧！”", "然后……"]
    assert all(end for _, end in pieces)


def test_long_sentences_are_cut_at_clauses_never_dropped():
    text = "，".join(["这是一个很长的从句"] * 12) + "。"
    pieces = split_sentences(text)
    assert "".join(p for p, _ in pieces) == text
    assert all(len(p) <= MAX_PIECE_CHARS for p, _ in pieces)
    assert [end for _, end in pieces] == [False] * (len(pieces) - 1) + [True]


def test_a_turn_longer_than_any_request_limit_is_split_not_truncated():
    text = "字" * 5000  # no punctuation at all
    pieces = split_sentences(text)
    assert "".join(p for p, _ in pieces) == text
    assert max(len(p) for p, _ in pieces) <= MAX_PIECE_CHARS


def test_traditional_chinese_is_said_in_simplified_characters():
    # Engines' Mandarin G2P know simplified best; the transcript keeps what was written.
    assert spoken("這是一個關於氣候變化的問題，1994年。", language="zh-hant") == "这是一个关于气候变化的问题，一九九四年。"


def test_english_numbers_dates_and_abbreviations_in_words():
    said = spoken("Dr. Patel shipped 1.0 in 2021 with 3.5 billion rows, 60% tests, $5 each, e.g. the 1st one.",
                  language="en")
    assert said == ("Doctor Patel shipped one point oh in twenty twenty one with three point five billion rows, "
                    "sixty percent tests, five dollars each, for example the first one.")
    assert spoken("It was the 1990s...", language="en") == "It was the nineteen nineties,"


def test_english_sentences_end_at_full_stops_but_not_after_titles():
    pieces = split_sentences("Hello there. Mr. Smith said 3.5 is fine! Is it? \"Yes.\" Then we left.", language="en")
    assert [p for p, _ in pieces] == ["Hello there.", "Mr. Smith said 3.5 is fine!", "Is it?", '"Yes."', "Then we left."]


@pytest.mark.parametrize("written, language, said", [
    ("我觉得这很好（笑），真的。", "zh-hans", "我觉得这很好，真的。"),
    ("他说（众人大笑）好吧。", "zh-hans", "他说好吧。"),
    ("That is right. (laughs) And then [crosstalk] we left.", "en", "That is right. And then we left."),
    ("Yes [inaudible 00:12:03] of course.", "en", "Yes of course."),
    ("Well (Kevin laughs). Fine.", "en", "Well. Fine."),
    ("[Music] Welcome back.", "en", "Welcome back."),
    # Brackets that hold words someone says stay: a name's other spelling, an aside.
    ("凯文·凯利（Kevin Kelly）说。", "zh-hans", "凯文凯利（Kevin Kelly）说。"),
    ("The (new) model works.", "en", "The (new) model works."),
    # A script's and a broadcast transcript's cues in capitals, and a transcriber's marks; an acronym stays.
    ("Where did you get it? (STREET NOISE, SHOUTS) Tell me.", "en", "Where did you get it? Tell me."),
    ("Look out! (TRUCK PASSING) Oh dear. (HORN, BRAKES)", "en", "Look out! Oh dear."),
    ("It was late (TRAFFIC) and cold.", "en", "It was late and cold."),
    ("This is Tony (ph). I work at the Central Intelligence Agency (CIA).", "en",
     "This is Tony. I work at the Central Intelligence Agency (CIA)."),
    ("(as Stu Price) I looked everywhere.", "en", "I looked everywhere."),
    # An action between asterisks, as chats and some transcribers write it; other asterisks are kept.
    ("感谢*claps*", "zh-hans", "感谢"),
    ("Thanks so much *laughs* for coming.", "en", "Thanks so much for coming."),
    # A pause as transcribers and their tools mark it (noScribe, GAT); a list's number in brackets is said.
    ("Na ja, okay. (.) Mein erstes war das.", "en", "Na ja, okay. Mein erstes war das."),
    ("I heard. (..) Is that right? (2.5) Yes (3 Sek.) right.", "en", "I heard. Is that right? Yes right."),
    ("Steps (1) and (2) come first.", "en", "Steps (one) and (two) come first."),
    # A link is said as its site, never letter by letter with its path and query.
    ("Watch it at https://www.youtube.com/watch?v=Ht00G0BqYTo. It is long.", "en", "Watch it at youtube.com. It is long."),
    ("详见 https://mp.weixin.qq.com/s/abc 。", "zh-hans", "详见 mp.weixin.qq.com 。"),
])
def test_stage_directions_inside_a_turn_are_not_said(written, language, said):
    assert spoken(written, language=language) == said


def test_a_piece_that_is_only_a_stage_direction_makes_no_clip():
    from kkaudio.audio.plan import Pauses, plan_text
    from kkaudio.engines.base import VoiceSettings

    clips = plan_text("Right. (Laughter.) So we went on.", VoiceSettings(), "test", "1", Pauses(), (), "en")
    assert [c.segment.spoken for c in clips] == ["Right.", "So we went on."]
    assert all("aughter" not in c.segment.text for c in clips)
