"""The parser: against the real seed, and against small transcripts for each quirk and bad input."""

from __future__ import annotations

import re

import pytest

from kkaudio.config import load_config
from kkaudio.errors import ScriptError
from kkaudio.transcript import load_script, parse_text as parse_script

from .conftest import REPO, SEED

HEADINGS = [
    "5000 天后的世界", "人工智能会带来新一轮工业革命", "你们那会儿看到的AI，根本称不上是AI",
    "毕加索、创造力、小c和大C", "人类如何认识自己，没人知道答案", "AI时代，一定会到来", "不存在通用的人工智能",
    "人类，在宇宙中并不特殊", "所有生意都是数据生意", "Web3.0", "平台、眼镜、变革",
    "未来30年真正伟大的公司，现在都还没有诞生", "未来的机会，更可能产生于边缘地带", "为什么我看好镜像世界？",
    "未来，银行会被取代吗？", "一定有人会去尝试这件事", "全自动驾驶，至少要再等17年",
    "自动驾驶，我很确定自己属于第二种流派", "谁是中国的下一个“苹果”？", "未来之城，kk看好深圳",
    "未来大城市，将被高度机械化的农场环绕", "你今天的理想职业，也许到时候就不存在了",
    "未来一切都会再次刷新，你必须永远保持学习", "学会积极地失败", "如何找到自己热爱的事情？",
    "人生要体验匮乏，越早越好", "悲观者永远正确，积极者才能成功",
]


@pytest.fixture
def seed_script():
    """The seed as the project's own voices.yaml (its labels and boilerplate rules) reads it."""
    return load_script(SEED, load_config(REPO / "voices.yaml"))


def all_text(script) -> str:
    return "\n".join(t.text for c in script.chapters for t in c.turns)


def test_seed_has_intro_and_27_sections_in_order(seed_script):
    assert seed_script.title == "关于未来变化，你需要知道的27件事"
    assert seed_script.slug == "kk-5000-days"
    assert len(seed_script.chapters) == 28
    assert [c.title for c in seed_script.chapters[1:]] == HEADINGS
    intro = seed_script.chapters[0]
    assert [t.speaker for t in intro.turns] == ["narrator"]
    assert intro.turns[0].text.startswith("这个时代最可悲的事情是什么？")
    assert intro.turns[0].text.endswith("读完今天这篇专访。")


def test_seed_turns_go_to_the_right_speakers(seed_script):
    turns = [t for c in seed_script.chapters[1:] for t in c.turns]
    assert sum(t.speaker == "liurun" for t in turns) == 29  # 27 questions, a remark, the closing
    assert sum(t.speaker == "kk" for t in turns) == 27
    for chapter in seed_script.chapters[1:]:
        assert [t.speaker for t in chapter.turns[:2]] == ["liurun", "kk"], chapter.title
    # The host's remark inside an answer section, and his closing words after the last answer.
    assert [t.speaker for t in seed_script.chapters[25].turns] == ["liurun", "kk", "liurun"]
    assert seed_script.chapters[25].turns[2].text.startswith("所以在我看来年轻人不能一味等待")
    closing = seed_script.chapters[27].turns[2]
    assert closing.speaker == "liurun"
    assert closing.text.startswith("再次感谢kk。")
    assert closing.text.endswith("乐观主义者，才能创造未来。")


def test_two_speakers_on_one_line_are_split(seed_script):
    first = seed_script.chapters[1]
    assert first.turns[0].text.startswith("Kevin，我最近读了您的新书")
    assert first.turns[0].text.endswith("比如5天后或50天后的变化吗？")
    assert first.turns[1].text.startswith("好问题。我认为5000天足够长")
    # An opening quote that is never closed: the label after it still splits the turn.
    p2p = seed_script.chapters[16]
    assert p2p.turns[0].text.endswith("能否分享一下您的思考？")
    assert p2p.turns[1].text.startswith("这是一种可能性。")


def test_line_wraps_are_joined(seed_script):
    text = all_text(seed_script)
    assert "那0.1%的例外情况" in text
    assert "哪些领域在5000天后最有发展" in text
    assert "ChatGPT出来之后" in text  # Chat\nGPT
    assert "推特有一个版本叫Blue Sky" in text  # Blue\nSky
    assert "人们其实高估了机器的能力" in text
    assert "实体Zoom会议室" in text
    assert "再等17 年" in text


def test_bold_lines_inside_answers_stay_with_the_speaker(seed_script):
    answer = seed_script.chapters[5].turns[1]
    assert answer.speaker == "kk"
    assert "为什么人类会拥有如此之大的高级创造力呢？答案是：我们并不知道。人类如何认识自己，没人知道答案。" in answer.text
    assert "人类，在宇宙中并不特殊。当我们开始建设飞行器时" in seed_script.chapters[8].turns[1].text


def test_no_markdown_urls_or_boilerplate_left(seed_script):
    text = all_text(seed_script) + "".join(c.title for c in seed_script.chapters)
    for mark in ("**", "![", "](", "http", "mmbiz", "#", "\ue000", "wx_fmt"):
        assert mark not in text, mark
    for boiler in ("返回列表页", "自动备份", "责编", "本文首发于", "重发", "推荐阅读", "品牌推广", "个人观点", "公众号"):
        assert boiler not in text, boiler
    assert not re.search(r"^\s|\s$", text)


def test_nothing_said_is_lost(seed_script):
    """Every CJK run of every line of the interview is in some turn (order kept)."""
    raw = SEED.read_text(encoding="utf-8")
    body = raw[raw.index("这个时代最可悲的事情") : raw.index("*个人观点")]
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", body)
    text = re.sub(r"\s", "", all_text(seed_script))
    titles = {c.title for c in seed_script.chapters}
    for line in body.splitlines():
        clean = re.sub(r"[*#\s]|刘润：|K\.K\.：", "", line).strip("“”\"")
        if not clean or clean in {re.sub(r"\s", "", t) for t in titles}:
            continue
        for run in re.findall(r"[\u4e00-\u9fff，。？！、；]{6,}", clean):
            assert run in text, run


# --- each quirk, in a small transcript ---------------------------------------------------------

def parse(text, config):
    return parse_script(text, config, slug="t", source="t.txt")


def said_by(script) -> list[tuple[str, str]]:
    """(speaker's name, words) of every turn."""
    names = {s.id: s.name for s in script.speakers}
    return [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]


def test_image_wrapped_in_bold_and_broken_across_lines_precedes_a_heading(config):
    text = (
        "刘润：问题？\nK.K.：回答。\n"
        "**![](https://x/a.png?wx_fmt=png\n&from;=appmsg)**![](https://x/b.png)\n\n"
        " **第二节** ****\n\n刘润：“再问？”K.K.：再答。\n"
    )
    script = parse(text, config)
    assert [c.title for c in script.chapters] == ["引言", "第二节"] or [c.title for c in script.chapters][-1] == "第二节"
    assert script.chapters[-1].turns[0].text == "再问？"
    assert "from" not in all_text(script)


def test_headings_with_hash_and_stray_stars(config):
    text = "![](a)\n#  **一**\n刘润：甲\n![](b)\n **** **二？**\nK.K.：乙\n"
    assert [c.title for c in parse(text, config).chapters] == ["一", "二？"]


def test_bold_line_not_after_an_image_is_not_a_heading(config):
    text = "![](a)\n**标题**\n刘润：问。\nK.K.：答。\n**强调的一句。**\n继续说。\n"
    script = parse(text, config)
    assert [c.title for c in script.chapters] == ["标题"]
    assert script.chapters[0].turns[1].text == "答。强调的一句。继续说。"


def test_quotes_and_colons_of_both_widths(config):
    text = '刘润: "半角问题？"\nK.K.：“全角回答。”\n刘润：“他说"你好"。”\n'
    turns = parse(text, config).chapters[0].turns
    assert [t.text for t in turns] == ["半角问题？", "全角回答。", '他说"你好"。']


def test_numbers_and_words_broken_across_lines(config):
    text = "刘润：比例是0.\n1%，在\n5000\n天后，Chat\nGPT和Blue\nSky。\n"
    assert parse(text, config).chapters[0].turns[0].text == "比例是0.1%，在5000天后，ChatGPT和Blue Sky。"


def test_host_line_inside_an_answer_is_a_host_turn(config):
    text = "刘润：问？\nK.K.：答一。\n\n刘润：插话。\n\n然后还是刘润。\n"
    turns = parse(text, config).chapters[0].turns
    assert [(t.speaker, t.text) for t in turns] == [("liurun", "问？"), ("kk", "答一。"), ("liurun", "插话。然后还是刘润。")]


def test_boilerplate_before_and_after(config):
    text = (
        "# 标题\n[**返回列表页**](/gzh/x)\n本文首发于2023年\n引言内容。\n![](i)\n**节**\n"
        "刘润：问？\nK.K.：答。\n# [推荐阅读：\n](https://x)\n刘润：不该出现。\n"
    )
    script = parse(text, config)
    assert script.title == "标题"
    assert script.chapters[0].turns[0].text == "引言内容。"
    assert "不该出现" not in all_text(script)


def test_links_keep_their_text(config):
    text = "刘润：请读《[一本书](https://x/y)》。\n"
    assert parse(text, config).chapters[0].turns[0].text == "请读《一本书》。"


# --- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"  \n\n ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not a transcript"),
        (b"\x00\x01\x02\x03\xff\xfe\xfd" * 50, "binary"),
        ("刘润：你好".encode() + b"\xed\xa0\x80" + "。".encode(), "is not UTF-8 text (byte 0xed)"),
        ("这只是一段文字，没有任何标签。\n第二行。".encode(), "no dialogue found"),
        ("张三：你好。\n李四：你好。".encode(), "seen once each: 张三, 李四"),
        ("编辑：张三\n摄影：李四\n\n编辑：王五".encode(), "no dialogue found"),
    ],
)
def test_bad_transcripts_are_clear_errors(tmp_path, config, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ScriptError, match=re.escape(message)) as info:
        load_script(path, config)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_a_label_seen_once_is_text_and_reported_with_its_line(tmp_path, config):
    path = tmp_path / "once.txt"
    path.write_text("刘润：你好。\n\nK.K.：好。\n王五：我是谁？\n", encoding="utf-8")
    script = load_script(path, config)
    assert [(i.label, i.line) for i in script.ignored_labels] == [("王五", 4)]
    assert [(t.speaker, t.text) for t in script.chapters[0].turns] == [("liurun", "你好。"), ("kk", "好。王五：我是谁？")]


def test_missing_file(tmp_path, config):
    with pytest.raises(ScriptError, match="no such file"):
        load_script(tmp_path / "nope.txt", config)


def test_oversized_transcript_is_refused_before_reading(tmp_path, config):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(10 * 1024 * 1024)
    with pytest.raises(ScriptError, match="limited to 2 MB"):
        load_script(path, config)


def test_control_characters_are_removed(config):
    text = "刘润：你\x07好\x1b。\n"
    assert parse(text, config).chapters[0].turns[0].text == "你好。"


def test_script_json_schema(seed_script):
    doc = seed_script.to_json()
    assert set(doc) == {"title", "slug", "speakers", "chapters"}
    assert doc["speakers"] == {
        "liurun": {"name": "刘润", "role": "host"},
        "kk": {"name": "Kevin Kelly", "role": "guest"},
        "narrator": {"name": "旁白", "role": "narrator"},
    }
    for chapter in doc["chapters"]:
        assert set(chapter) == {"title", "turns"}
        for turn in chapter["turns"]:
            assert set(turn) == {"speaker", "text"} and turn["speaker"] in doc["speakers"] and turn["text"]


def test_one_role_with_different_people_in_brackets_is_those_people(config):
    text = ("主持人（刘润）：欢迎两位嘉宾。先请张老师谈谈。\n\n嘉宾（张伟）：谢谢。我觉得人工智能会改变课堂。\n\n"
            "嘉宾（李娜）：我补充一点，老师的角色也在变。\n\n主持人：那家长呢？\n\n"
            "嘉宾（张伟）：家长要学会放手。\n\n嘉宾（李娜）：同意，但也要陪伴。\n")
    script = parse(text, config)
    cast = {s.name: s for s in script.speakers}
    assert set(cast) == {"刘润", "张伟", "李娜"}
    assert cast["刘润"].role == "host" and cast["张伟"].role == cast["李娜"].role == "guest"
    assert (cast["张伟"].gender, cast["李娜"].gender) == ("male", "female")
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert [who for who, _ in turns] == ["刘润", "张伟", "李娜", "刘润", "张伟", "李娜"]


def test_a_role_and_a_name_after_a_space_is_that_person_in_that_role(config):
    text = ("主持人 刘润：欢迎凯文·凯利先生。\n\n嘉宾 凯文·凯利：谢谢，很高兴来到这里。\n\n"
            "主持人 刘润：您怎么看未来五千天？\n\n嘉宾 凯文·凯利：我认为是镜像世界。\n")
    script = parse(text, config)
    assert {s.name: s.role for s in script.speakers} == {"刘润": "host", "凯文·凯利": "guest"}


def test_initials_and_an_initial_with_the_surname_stand_for_the_one_full_name_they_fit(config):
    # A script's TG: after Terry Gross:, a broadcast's S. PARK: after SAM PARK, CNN ANCHOR: and
    # LEE PARK: (two people share the surname, the initial tells them apart). TW fits no one here,
    # and BT fits both Bea Tan and Ben Tao: each stays a speaker of its own.
    text = ("SAM PARK, CNN ANCHOR: Good morning. I'm Sam Park.\n\nLEE PARK, CNN METEOROLOGIST: And I'm Lee Park.\n\n"
            "S. PARK: How cold is it?\n\nL. PARK: Very cold. Stay home.\n\nS. PARK: Thank you, Lee.\n\n")
    script = parse(text, config)
    assert sorted(s.name for s in script.speakers) == ["Lee Park", "Sam Park"]
    text = ("Terry Gross: Hi. How are you doing?\n\nBea Tan: Fine, thanks.\n\nBen Tao: Me too.\n\n"
            "TG: Good to hear.\n\nBT: Anything else?\n\nTW: Not from me.\n\nTG: Then goodbye.\n")
    assert [who for who, _ in said_by(parse(text, config))] == [
        "Terry Gross", "Bea Tan", "Ben Tao", "Terry Gross", "BT", "TW", "Terry Gross"]


def test_people_named_once_each_in_full_before_their_words_are_a_panel_but_a_list_of_roles_is_not(config):
    text = ("Anna Berg: I remember my first meeting. The room was cold. Tom Reyes: Mine was as a member of "
            "the public. I asked about opening hours.\n")
    assert [who for who, _ in said_by(parse(text, config))] == ["Anna Berg", "Tom Reyes"]
    listing = "Our team\n\nAnna Berg: Host and producer\n\nTom Reyes: Sound\n\nWe hope you enjoy the show.\n"
    with pytest.raises(ScriptError, match="no dialogue"):
        parse(listing, config)


def test_what_a_page_says_of_its_transcript_is_not_said_but_talk_about_transcripts_is(config):
    text = ("Return to Transcripts main page\n\nTHIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM.\n\n"
            "CHAIR: Did you read them?\n\nWITNESS: Yes.\n\nWe read the transcripts and found errors in them.\n\n"
            "CHAIR: Thank you.\n\nThis transcript has been edited for length and clarity.\n")
    script = parse(text, config)
    assert said_by(script) == [("Chair", "Did you read them?"),
                               ("Witness", "Yes. We read the transcripts and found errors in them."), ("Chair", "Thank you.")]
    assert len(script.dropped) == 3


@pytest.mark.parametrize("note", ["以上内容由AI生成，仅供参考", "AI-generated content may be incorrect."])
def test_a_tools_note_that_a_machine_wrote_the_transcript_is_not_said(config, note):
    text = f"说话人1 00:00\n今天聊聊菜园。\n\n说话人2 00:05\n我种了五年。\n\n说话人1 00:09\n难吗？\n\n说话人2 00:11\n夏天难。\n\n{note}\n"
    script = parse(text, config)
    assert said_by(script)[-1] == ("说话人2", "夏天难。")
    assert [d.text for d in script.dropped][-1] == note


def test_a_chat_logs_handles_are_its_speakers_and_a_handle_before_a_colon_is_who_is_addressed(config):
    text = ("18:00 <@alice> hi all, welcome.\n18:00 < bob> alice: hello. carol: you too.\n"
            "18:01 <carol`> bob: hi! Sorry, my nick again.\n-!- dave has joined #board\n18:01 <@alice> Let us start.\n")
    script = parse(text, config)
    assert said_by(script) == [("alice", "hi all, welcome."), ("bob", "alice: hello. carol: you too."),
                               ("carol`", "bob: hi! Sorry, my nick again."), ("alice", "Let us start.")]
    assert [d.text for d in script.dropped] == ["-!- dave has joined #board"]


def test_a_record_name_after_a_title_is_in_capitals_and_its_long_description_may_hold_a_colon(config):
    text = ('This is the program. I am Neal Conan.\n\n'
            'Ms. RUTH ELLERY (Author, "The Keepers: Lights of the Inland Seas"): Thank you, Neal.\n\n'
            "CONAN: Why keep a light that no ship needs?\n\nMs. ELLERY: Because a town remembers it.\n\n"
            "CONAN: Thank you.\n")
    assert said_by(parse(text, config))[1:] == [("Ms. Ruth Ellery", "Thank you, Neal."), ("Conan", "Why keep a light that no ship needs?"),
                         ("Ms. Ruth Ellery", "Because a town remembers it."), ("Conan", "Thank you.")]


def test_one_name_from_two_organisations_is_two_speakers_and_a_stage_direction_is_nobody(config):
    text = ("Felix (Geth): Quick update from Geth, the release is out.\n\n"
            "Felix (Nethermind): And from our side, we shipped the fix.\n\n"
            "Tim Beiko: Great, thanks both. Anything else?\n\n"
            "Felix (Geth): One more thing on testing.\n\nFelix (Nethermind): Sounds good.\n\n"
            "Tim Beiko (laughs): Then we are done.\n\nTim Beiko: Thanks everyone.\n")
    script = parse(text, config)
    assert sorted(s.name for s in script.speakers) == ["Felix (Geth)", "Felix (Nethermind)", "Tim Beiko"]
    names = {s.id: s.name for s in script.speakers}
    turns = [names[t.speaker] for c in script.chapters for t in c.turns]
    assert turns == ["Felix (Geth)", "Felix (Nethermind)", "Tim Beiko", "Felix (Geth)", "Felix (Nethermind)",
                     "Tim Beiko"]


def test_what_a_record_says_of_the_moment_is_not_another_person(config):
    text = ("CHIEF JUSTICE ROBERTS: We will hear argument first this morning.\n\n"
            "MR. CLEMENT: Mr. Chief Justice, and may it please the Court.\n\n"
            "CHIEF JUSTICE ROBERTS: Thank you, counsel. Please go on.\n\n"
            "MR. CLEMENT (continuing): The statute speaks plainly.\n\n"
            "CHIEF JUSTICE ROBERTS (presiding): Time is short.\n\n"
            "MR. CLEMENT (Resumed): Then I will be brief.\n")
    script = parse(text, config)
    assert sorted(s.name for s in script.speakers) == ["Chief Justice Roberts", "Mr. Clement"]


def test_a_depositions_q_and_a_are_labels_and_a_lettered_list_is_not(config):
    qa = ("Q.  Please state your name for the record.\nA.  Maria Lopez.\nQ.  Where do you work?\n"
          "A.  At the county hospital, in the emergency\ndepartment.\nQ.  Thank you.\n")
    names = [t.speaker for c in parse(qa, config).chapters for t in c.turns]
    assert names == ["q", "a", "q", "a", "q"]
    listed = ("Jane: Here are the options we had.\nA. Build it ourselves.\nB. Buy it from a vendor.\n"
              "Bob: I would pick the first.\nJane: Why?\nA. It is cheaper.\nB. It is ours.\nBob: Exactly that.\n")
    script = parse(listed, config)
    assert sorted(s.name for s in script.speakers) == ["Bob", "Jane"]
    turns = [t.text for c in script.chapters for t in c.turns]
    assert turns[0] == "Here are the options we had. A. Build it ourselves. B. Buy it from a vendor."


def test_a_headline_written_like_a_label_over_the_first_turn_is_nobody(config):
    text = ("专访｜李明：技术的未来\n记者：李老师您好。先请您介绍一下自己。\n李明：大家好，我是李明，做了二十年研究。\n"
            "记者：您怎么看人工智能？\n李明：它会像电一样普及。\n")
    script = parse(text, config)
    assert "专访｜李明" not in {s.name for s in script.speakers}
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert turns[:2] == [("旁白", "专访｜李明：技术的未来"), ("记者", "李老师您好。先请您介绍一下自己。")]


def test_a_parliaments_record_names_the_office_then_the_person_holding_it(config):
    text = ("Mr John Smith (Bristol West) (Lab): I beg to move that the Bill be now read a second time.\n\n"
            "The Secretary of State for Health (Ms Jane Doe): I thank the hon. Gentleman for giving way.\n\n"
            "Mr John Smith: The Minister is right about the figures.\n\nMs Jane Doe: I am grateful for that.\n\n"
            "Mr Speaker: Order. Order.\n")
    script = parse(text, config)
    names = {s.id: s.name for s in script.speakers}
    assert [names[t.speaker] for c in script.chapters for t in c.turns] == [
        "Mr John Smith", "Ms Jane Doe", "Mr John Smith", "Ms Jane Doe", "Mr Speaker"]


def test_a_record_s_broken_off_line_is_said_and_a_dash_for_a_colon_is_a_label(config):
    """In an argument's record, `Second of all --` alone in its paragraph is someone breaking
    off, not a section's title; `MS. ALVAREZ -- providing for the --` is her label with a dash
    typed for its colon."""
    script = parse("""JUSTICE BAKER: Counsel, was it an adjudication or a rule?

MS. ALVAREZ: It was a rule, Your Honor. The board said so itself.

Second of all --

JUSTICE BAKER: Go on, then.

MS. ALVAREZ -- providing for the --

JUSTICE BAKER: Yes, providing for the hearing.

MS. ALVAREZ: Which it never held.
""", config)
    assert [c.title for c in script.chapters][1:] == []
    assert said_by(script) == [
        ("Justice Baker", "Counsel, was it an adjudication or a rule?"),
        ("Ms. Alvarez", "It was a rule, Your Honor. The board said so itself. Second of all --"),
        ("Justice Baker", "Go on, then."),
        ("Ms. Alvarez", "providing for the --"),
        ("Justice Baker", "Yes, providing for the hearing."),
        ("Ms. Alvarez", "Which it never held."),
    ]


SOUL = [(0, "人有灵魂吗？"), (1, "这是一个很老的问题。"), (1, "我觉得要看怎么定义灵魂。"), (0, "那你怎么定义？"),
        (1, "我会说，是一种自我意识。"), (0, "机器会有吗？"), (1, "也许会有，但不是现在。"), (0, "好，谢谢。")]


@pytest.mark.parametrize("line", ["[Speaker {s}]: {t}", "[Speaker {s}] {t}", "[SPEAKER_0{s}]: {t}", "SPEAKER_0{s}: {t}",
                                  "[00:00:{i:02d}] [Speaker {s}]: {t}", "Speaker {s} {t}", "(Speaker {s}) {t}",
                                  "Speaker {s}\t{t}", "说话人{s} {t}", "[{i:02d}:00.000 --> {i:02d}:03.000] [SPEAKER_0{s}] {t}"])
def test_raw_speech_to_text_lines_with_speaker_ids_are_read_however_the_id_is_set_off(line, config):
    """One short segment a line, led by the diarizer's id in brackets, before a colon, or
    before the words with nothing between them."""
    script = parse("\n".join(line.format(s=s, t=t, i=i) for i, (s, t) in enumerate(SOUL)) + "\n", config)
    turns = [(who, t.text) for c in script.chapters for t in c.turns for who in [script.speaker(t.speaker).name]]
    assert [text for _, text in turns] == ["人有灵魂吗？", "这是一个很老的问题。我觉得要看怎么定义灵魂。", "那你怎么定义？",
                                           "我会说，是一种自我意识。", "机器会有吗？", "也许会有，但不是现在。", "好，谢谢。"]
    assert len({who for who, _ in turns}) == 2


def test_a_legend_with_what_each_person_is_names_them_and_a_bracketed_caption_is_not_said(config):
    """`朱大明（香港大學中文系教授，下稱「朱」）` makes `朱：` 朱大明; `（圖：…資料圖片）`, a photo's
    caption in brackets, is neither a speaker nor said, between the turns or after the last."""
    head = ("受訪者：朱大明（香港大學中文系教授，下稱「朱」）、羅小華（作家，下稱「羅」）\n\n"
            "記：兩位好，先談談你們最近在讀甚麼？\n\n朱：我最近在重讀《紅樓夢》，每次讀都有新的體會。\n\n")
    tail = "羅：我在讀一些舊報紙，看當年的人怎麼寫日常生活。\n\n記：為甚麼？\n\n羅：因為新的東西太多。\n\n朱：我同意。\n"
    caption = "（圖：朱大明與羅小華。資料圖片）\n\n"
    for text in (head + caption + tail, head + tail + "\n" + caption):
        script = parse(text, config)
        assert {s.name for s in script.speakers} >= {"朱大明", "羅小華"}
        assert "圖" not in " ".join(t for _, t in said_by(script))
        assert len(said_by(script)) == 6


def test_a_chinese_caption_file_whose_last_cue_is_a_familiar_name_gives_that_person_the_words(tmp_path, config):
    """`小王：我也问一个问题。` in the last cue: 小王, 老李, 阿明 are what people call each other,
    not a credit after the talk."""
    cues = ["主持人：欢迎回来。", "谢谢邀请。", "嘉宾：很高兴来到这里。", "主持人：聊聊你的花园吧。", "嘉宾：现在有半亩了。",
            "小王：我也问一个问题。"]
    path = tmp_path / "garden.srt"
    path.write_text("".join(f"{i + 1}\n00:00:{2 * i:02d},000 --> 00:00:{2 * i + 2:02d},000\n{c}\n\n"
                            for i, c in enumerate(cues)), encoding="utf-8")
    assert said_by(load_script(path, config))[-1] == ("小王", "我也问一个问题。")


@pytest.mark.parametrize("ask", ["記", "Interviewer"])
def test_bold_questions_that_name_the_asker_over_plain_answers_give_the_answers_to_the_guest(ask, config):
    """`**記：…？**` over answers with no label (a newspaper's layout): the answers are the
    guest's, not more of the reporter's turn; a photo's credit glued to an answer, or in brackets
    after one, is not said."""
    qa = [("你最近在做甚麼？", "我在寫一本關於舊書店的書，寫了三年。資料圖片"),
          ("為甚麼是舊書店？", "因為舊書店裏面的書，都被人讀過。\n\n有時候我會為了一句旁批買下整本書。"),
          ("寫作的時候最難的是甚麼？", "最難的是停下來。（攝影：李明）"),
          ("你會一直寫下去嗎？", "會的，只要還有人願意讀。")]
    text = "# 專訪｜陳大文：慢慢寫\n\n" + "".join(f"**{ask}：{q}**\n\n{a}\n\n" for q, a in qa)
    turns = said_by(parse(text, config))
    assert [who for who, _ in turns] == [ask, turns[1][0]] * 4 and turns[1][0] != ask
    assert [t for _, t in turns][1::2] == ["我在寫一本關於舊書店的書，寫了三年。",
                                           "因為舊書店裏面的書，都被人讀過。有時候我會為了一句旁批買下整本書。",
                                           "最難的是停下來。", "會的，只要還有人願意讀。"]


def test_front_matter_that_names_the_guest_settles_who_is_host(config):
    """A podcast's page names its guest in its front matter (`guest: Kevin Weil`); the guest
    speaks first (the cold open) and the host's turns are the longest."""
    text = ("---\nguest: Kevin Weil\ntitle: OpenAI's CPO | Kevin Weil\n---\n\n"
            "Kevin Weil (00:00:00):\nThe model you use today is the worst you will ever use.\n\n"
            "Lenny Rachitsky (00:00:21):\nToday my guest is Kevin Weil, who was head of product at Instagram and at "
            "Twitter, and who is on the boards of Planet and Strava.\n\n(00:01:10):\nThis episode is brought to you by "
            "a sponsor whose product we all use every day.\n\n"
            "Kevin Weil (00:05:23):\nThank you so much for having me.\n\n"
            "Lenny Rachitsky (00:05:27):\nWe did it. How insane is your life right now?\n\n"
            "Kevin Weil (00:05:45):\nVery, but in a good way.\n")
    roles = {s.name: s.role for s in parse(text, config).speakers}
    assert roles == {"Kevin Weil": "guest", "Lenny Rachitsky": "host"}


def test_a_chinese_name_and_a_double_dash_before_the_words_is_a_label(config):
    """`刘润——欢迎……`: the Chinese dash, no spaces around it, as `Jane Doe – Welcome…` is in English;
    a dash inside a sentence (`镜像世界——也就是数字孪生`) is not."""
    text = ("刘润——欢迎来到今天的节目。\n\n凯文·凯利——谢谢邀请，很高兴来到这里。\n\n刘润——你怎么看五千天后的世界？\n\n"
            "凯文·凯利——我认为镜像世界——也就是数字孪生——会到来。\n\n刘润——那普通人应该怎么准备？\n\n凯文·凯利——保持好奇。\n")
    turns = said_by(parse(text, config))
    assert [who for who, _ in turns] == ["刘润", "凯文·凯利"] * 3
    assert turns[3][1] == "我认为镜像世界——也就是数字孪生——会到来。"


def test_a_web_page_whose_speeches_are_headed_by_the_speakers_picture_is_read_by_those_headers(config):
    """A parliament's record copied from a web page: each speech under its speaker's picture's
    alt text, the name again and what they are (`Photo of Tim Farron Tim Farron Liberal
    Democrat Spokesperson (Housing)`), each speaker seen once."""
    text = ("Examination of Witnesses\n\nThe Bill – in a Public Bill Committee on 21st June 2022.\n\n"
            "Photo of Ian Paisley Jnr Ian Paisley Jnr Shadow DUP Spokesperson (Communities) 2:00 pm, 21st June 2022\n\n"
            "Welcome back. We are in public session. I call our first questioner, Tim Farron.\n\n"
            "Photo of Tim Farron Tim Farron Liberal Democrat Spokesperson (Housing)\n\n"
            "First, it is great to see you all here. My question is for the panel.\n")
    turns = said_by(parse(text, config))
    assert [who for who, _ in turns][-2:] == ["Ian Paisley Jnr", "Tim Farron"]
    assert turns[-1][1] == "First, it is great to see you all here. My question is for the panel."
    assert not any("Photo of" in t for _, t in turns)


@pytest.mark.parametrize("line", ["【{n} 00:0{i}:02】{t}", "[{n} 00:0{i}] {t}"])
def test_a_name_and_a_time_in_one_pair_of_brackets_before_the_words_is_a_label(line, config):
    said = [("张三", "欢迎来到今天的节目。"), ("李四", "谢谢邀请。"), ("张三", "你最近在忙什么？"), ("李四", "在写一本书。")]
    turns = said_by(parse("\n".join(line.format(n=n, t=t, i=i) for i, (n, t) in enumerate(said)) + "\n", config))
    assert turns == said


@pytest.mark.parametrize("title, name", [("Interview with Ana Ruiz", "Ana Ruiz"), ("专访｜陈大文：慢慢写", "陈大文"),
                                         ("An interview with Ana Ruiz about boats", "Ana Ruiz"),
                                         ("专访｜读书周刊：旧书店", None), ("An interview with the mayor", None)])
def test_the_guest_a_title_names_is_the_answerer_the_transcript_leaves_unnamed(title, name, config):
    """Bold questions over plain answers: the answers' speaker is the person the title says the
    interview is with, where it names a person; otherwise Guest."""
    qa = [("What got you into it?", "My father did it."), ("What is the hardest part?", "Waiting."),
          ("And the best part?", "Seeing it finished.")]
    text = f"# {title}\n\n" + "".join(f"**{q}**\n\n{a}\n\n" for q, a in qa)
    guest = next(s for s in parse(text, config).speakers if s.role == "guest")
    assert guest.name == (name or "Guest")


def test_a_hosts_question_in_a_paragraph_of_its_own_stays_the_hosts(config):
    """An unlabelled paragraph that asks, right over the guest's label, goes on the turn before it
    when that speaker asks too (a host who sets up a question, then asks it): not a group
    interview's unnamed questions (tests/data/transcripts/group-answers-zh.md is one)."""
    text = ("Ann Lee: Welcome. You grew up by the sea, I read.\n\nSo what did the sea teach you?\n\n"
            "Tom Reyes: Patience, mostly.\n\nAnn Lee: And your first boat?\n\nHow old were you then?\n\n"
            "Tom Reyes: Nine, and it leaked.\n\nAnn Lee: Did you fix it?\n\nOr did your father?\n\n"
            "Tom Reyes: We both did, badly.\n")
    turns = said_by(parse(text, config))
    assert [who for who, _ in turns] == ["Ann Lee", "Tom Reyes"] * 3
    assert turns[0][1] == "Welcome. You grew up by the sea, I read. So what did the sea teach you?"


def test_a_colon_inside_italics_that_run_on_past_it_is_a_titles_not_a_label(config):
    """`…playing... _The Legend of Zelda: Ocarina of Time_ was…`, twice: a game's title, not a
    speaker called The Legend of Zelda; a label in italics (`_Ann:_`) still is one."""
    text = ("Ann Lee: What got you started?\n\nTom Reyes: I remember playing... _The Legend of Zelda: Ocarina of Time_ "
            "was the big one.\n\nAnn Lee: And later?\n\nTom Reyes: Even later. _The Legend of Zelda: The Wind Waker_ "
            "shaped my style.\n\n_Ann Lee:_ Thank you.\n")
    turns = said_by(parse(text, config))
    assert [who for who, _ in turns] == ["Ann Lee", "Tom Reyes", "Ann Lee", "Tom Reyes", "Ann Lee"]
    assert "The Legend of Zelda: The Wind Waker shaped my style." in turns[3][1]


def test_a_books_title_after_the_is_no_record_name_inside_a_line(config):
    """`…and The Pragmatic Programmer: From Journeyman to Master.` inside a bold-labelled turn: a
    book, not a speaker (The SPEAKER, The President are a record's names)."""
    text = ("**Ann Lee:** Which books do you give new engineers?\n\n**Tom Reyes:** Two, always; and The Pragmatic "
            "Programmer: From Journeyman to Master. Both say the same thing.\n\n**Ann Lee:** Which is?\n\n"
            "**Tom Reyes:** Keep things apart that change apart.\n")
    turns = said_by(parse(text, config))
    assert [who for who, _ in turns] == ["Ann Lee", "Tom Reyes", "Ann Lee", "Tom Reyes"]


def test_a_name_whose_surname_is_in_capitals_is_shown_as_a_name(config):
    """`Michael KENNEDY:` (an old podcast transcript's style), `John O’BRIEN:`: shown as Michael
    Kennedy and John O’Brien; `MR. SMITH:` was already."""
    text = ("Michael KENNEDY: Welcome to the show.\n\nJohn O’BRIEN: Thanks for having me.\n\n"
            "Michael KENNEDY: What are you working on?\n\nJohn O’BRIEN: A new parser.\n")
    assert [who for who, _ in said_by(parse(text, config))] == ["Michael Kennedy", "John O’Brien"] * 2


def test_a_talks_topic_headings_are_not_speakers(config):
    """A talk's Markdown, its sections under topics (`## Bitcoin performance`, twice, `## Prism
    consensus protocol`, twice): topics, not speakers in headings, so one person talks."""
    text = ("# Prism\n\nHello everyone, today I talk about a faster protocol.\n\n## Bitcoin performance\n\n"
            "Bitcoin is secure but slow.\n\n## Prism consensus protocol\n\nWe split the blocks by role.\n\n"
            "## Bitcoin performance\n\nSeven transactions a second.\n\n## Prism consensus protocol\n\n"
            "Seventy thousand a second, in our tests.\n")
    with pytest.raises(ScriptError, match="no dialogue found"):
        parse(text, config)
