"""Any interview in: a corpus of formats, each with its expected turns; label styles as a property;
nothing said is lost; renders with no config at all."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kkaudio.cli import cli
from kkaudio.config import default_config, load_config
from kkaudio.pipeline.inputs import read_script
from kkaudio.transcript import load_script, parse_text as parse_script, read_document, read_text
from kkaudio.transcript.titles import bare_title
from kkaudio.transcript.labels import CHAT_STAMP, CLOCK_AFTER, LEADING_CLOCK, TIME_MARK, TIMED_ID

from .conftest import DATA, REPO, SEED

CORPUS = DATA / "transcripts"
FIXTURES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt", ".html", ".vtt", ".srt", ".json", ".jsonl", ".ass", ".ttml", ".dfxp", ".csv", ".tsv",
                                                                  ".srv3", ".json3", ".rtf", ".odt", ".fountain", ".tex")
                  and not p.name.endswith(".expected.json") and p.name != "README.md")


def test_the_corpus_has_every_kind():
    assert len(FIXTURES) >= 8


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_each_format_gives_its_expected_turns_with_no_config(path):
    expected = json.loads(Path(str(path) + ".expected.json").read_text(encoding="utf-8"))
    script = load_script(path, default_config())
    names = {s.id: s.name for s in script.speakers}
    assert script.title == expected["title"]
    assert script.language == expected["language"]
    assert {s.name: s.role + ("" if s.certain else "?") for s in script.speakers} == expected["cast"]
    got = [{"title": c.title, "turns": [[names[t.speaker], t.text] for t in c.turns]} for c in script.chapters]
    assert got == expected["chapters"]
    assert [d.line for d in script.dropped] == expected["dropped"]


def _spoken_lines(path: Path, script) -> list[str]:
    """Every line the source says, outside what the reader dropped, headings, titles and labels."""
    doc = read_document(path)
    dropped: dict[int, list[str]] = {}
    for d in script.dropped:
        dropped.setdefault(d.line, []).append(d.text)
    titles = {script.title} | {c.title for c in script.chapters}
    # A Chinese heading in two lines is one chapter's title, its lines joined by a space.
    titles |= {part for c in script.chapters for part in c.title.split(" ") if re.search(r"[\u3400-\u9fff]{2}", part)}
    if any(t.text.startswith(script.title) for c in script.chapters for t in c.turns):
        titles.discard(script.title)  # a long first line: the episode's title, and the narrator reads it
    labels = sorted((label for s in script.speakers for label in s.labels), key=len, reverse=True)
    label_re = "|".join(re.escape(label) for label in labels) or "(?!)"
    out = []
    for line in doc.lines:
        if line.kind == "heading" or line.plain in titles or bare_title(line.plain) in titles:
            continue
        text = line.plain
        for gone in dropped.get(line.number, ()):  # a whole line, or a caption or number glued to one
            if not gone or gone == text.strip():
                text = ""
            elif text.rstrip().endswith(gone):  # the number after an export's quotation
                text = text.rstrip()[: -len(gone)]
            else:
                text = text.replace(gone, "", 1)
        untimed_text = CHAT_STAMP.sub("", TIME_MARK.sub(" ", TIMED_ID.sub("", text)))
        if not re.fullmatch(r"\s*\d{1,2}:\d{2}\s*[ap]\.m\.\s*", untimed_text):  # `9:02 a.m.`, a wrapped sentence's end
            untimed_text = LEADING_CLOCK.sub("", untimed_text)
        text = re.sub(r"^\s*[-–—|·•]\s*", "", untimed_text) if untimed_text.strip() != text.strip() else untimed_text
        text = re.sub(r"^\s*[—–―]\s*(?=\S)", "", text)  # a dialogue dash that opens a turn, as a label does
        text = re.sub(rf"^\s*(?:speaker|发言人|说话人)\s*[:：]\s*(?:{label_re})\s*$", "", text, flags=re.I)  # `SPEAKER: S1`
        # A label at the start, with its markup, descriptor and colon (or the period of a printed
        # record, or the spaces after a bare Q); inside the line (`…？刘一鸣：…`) with its colon;
        # alone on its line; or its colon starting the next line.
        label = rf"(?:\*\*)?[\[【(（［]?(?:{label_re})(?:\s*[（(][^）)]*[）)]|,\s[^:：]+(?=\s*[:：]))?[\]】)）］]?(?:\*\*)?"
        text = re.sub(rf"^\s*(?:[—–]\s*|[^\w\s(（\[【［*]+\s*)?(?P<direction>[(（][^()（）]{{1,12}}[)）]\s*(?=[(（]))?{label}"
                      rf"(?:\s*[:：∶]|\s+(?:--?|[–—])\s+|\.\s|\s{{2,}}|(?<!\b[A-Za-z])\s+|$|(?<=[\]】)）］]))", r"\g<direction>",
                      text)  # `— Jane:`, `Jane – `; a bare `Q` before two spaces (`A book` is said)
        text = re.sub(r"^\s*[QA](?:\.\s+|\s*:\s*|\s{2,})(?=\S)", "", text)  # a record's Q. and A., its examiner's and witness's turns
        text, chat = re.subn(rf"^\s*<\s?[@+%&~]?(?:{label_re})>\s*", "", text)  # a chat log's `<@alice>`
        text = CLOCK_AFTER.sub("", text)  # a tool's time after the label
        text = re.sub(r"^\s*\d{1,2}:\d{2}(?::\d{2})?(?=[^\W\d_])", "", text)  # glued to the words: `00:00:09谢谢`
        if not chat:  # a chat line's `bob: …` is addressed to bob, and said
            text = re.sub(rf"{label}\s*[:：]", "\n", text)
        text = re.sub(r"^\s*[:：]|^\s*[-–—|·•]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*$", "", text)  # the label's colon or time
        text = re.sub(r"(?:(?<=\s)|^)//|//(?=\s|$)", "", text)  # an overlap's marks (`//B: … //`), not a URL's
        out.append(text)
    return out


@pytest.mark.parametrize("path", [*FIXTURES, SEED], ids=lambda p: p.name)
def test_nothing_said_is_lost_or_said_twice(path):
    """Every sentence of the source's kept lines is in the turns exactly as often as it is said."""
    config = load_config(REPO / "voices.yaml") if path == SEED else default_config()
    script = load_script(path, config)

    def bare(text: str) -> str:  # lines wrap inside words and numbers: compare without spaces or quotes
        return re.sub(r"[\s“”\"*]", "", text)

    said = bare("".join(t.text for c in script.chapters for t in c.turns))
    source = bare("".join(_spoken_lines(path, script)))
    sentences = [s for s in re.split(r"(?<=[。！？.?!])", source) if len(re.sub(r"\W", "", s)) >= 6]
    assert len(sentences) >= 4
    for sentence in set(sentences):
        assert said.count(sentence) == source.count(sentence), sentence
    assert len(said) == len(source)  # and nothing more


# --- label styles, as a property of the seed's own dialogue ------------------------------------

def _seed_dialogue() -> list[list[tuple[str, str]]]:
    script = load_script(SEED, load_config(REPO / "voices.yaml"))
    label = {"liurun": "刘润", "kk": "K.K."}
    return [[(label[t.speaker], t.text) for t in c.turns] for c in script.chapters[1:7]]


DIALOGUE = _seed_dialogue()
LABEL_STYLES = {  # how other transcripts write `label：text`
    "plain": "{label}：{text}",
    "half-width": "{label}: {text}",
    "bold-inside": "**{label}：**{text}",
    "bold-outside": "**{label}**: {text}",
    "bold-split": "**{label}** **：**{text}",
    "brackets": "**[{label}]**: {text}",
    "own-line": "{label}：\n{text}",
}
STYLES = [*LABEL_STYLES, "per-sentence"]


def _write_turn(label: str, text: str, style: str) -> str:
    if style in LABEL_STYLES:
        return LABEL_STYLES[style].format(label=label, text=text)
    sentences = [s for s in re.split(r"(?<=[。！？])", text) if s]  # one paragraph per sentence
    return f"{label}：" + "\n\n".join(sentences)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(styles=st.lists(st.sampled_from(STYLES), min_size=1, max_size=4),
       together=st.booleans(), images=st.booleans(), seed=st.integers(0, 1000))
def test_the_seed_dialogue_in_any_label_style_parses_back(styles, together, images, seed):
    """Re-written with other label styles, runs of turns in one paragraph, images between turns,
    the seed's dialogue parses back to the same turns, with nothing configured."""
    chapters = []
    for ci, turns in enumerate(DIALOGUE):
        parts = []
        for ti, (label, text) in enumerate(turns):
            style = styles[(seed + ci + ti) % len(styles)]
            parts.append(_write_turn(label, text, style))
        if together and all(styles[(seed + ci + ti) % len(styles)] in ("plain", "half-width")
                            for ti in range(len(turns))):
            body = "".join(parts)  # turns run together inside one paragraph
        else:
            body = ("\n\n![](turn.png)\n\n" if images else "\n\n").join(parts)
        chapters.append(f"![](divider.png)\n\n**第{ci + 1}节**\n\n{body}")
    text = "# 标题\n\n" + "\n\n".join(chapters) + "\n"
    script = parse_script(text, default_config(), slug="styles")
    names = {s.id: s.name for s in script.speakers}
    got = [[(names[t.speaker], _squeeze(t.text)) for t in c.turns] for c in script.chapters]
    assert got == [[(who, _squeeze(text)) for who, text in turns] for turns in DIALOGUE]


def _squeeze(text: str) -> str:
    """A space after a Chinese full stop is not something said (a paragraph break loses it)."""
    return re.sub(r"(?<=[。！？])\s+", "", text)


# --- no config at all: render, cast, sidecar ---------------------------------------------------

def _render(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["render", *args, "--engine", "espeak", "--out", str(folder / "out")],
                              catch_exceptions=False)


@pytest.mark.parametrize("name", ["panel-three.md", "english.md"])
def test_renders_with_no_config_and_distinct_voices(isolated, name):
    import miniaudio
    import mutagen
    from lxml import etree

    from kkaudio.audio.analysis import median_pitch, spectral_centroid
    from kkaudio.engines.base import Audio

    seed = isolated / name
    shutil.copy(CORPUS / name, seed)
    assert not (isolated / "voices.yaml").exists()
    result = _render(isolated, str(seed))
    assert result.exit_code == 0, result.output
    script = load_script(seed, default_config())
    slug = seed.stem
    episode = isolated / "out" / slug / f"{slug}.mp3"
    people = [(s.name, s.role) for s in script.speakers if s.role in ("host", "guest")]
    for s in script.speakers:  # the cast is printed when the render starts
        assert f"  {s.name} [{s.role}" in result.output

    tags = mutagen.File(episode).tags
    assert str(tags["TPE1"]) == ", ".join(n for n, _ in people)
    assert str(tags["TLAN"]) == ("eng" if script.language == "en" else "zho")
    feed = etree.parse(str(isolated / "out" / "feed.xml"))
    ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
    item_people = [(p.text, p.get("role")) for p in feed.xpath("//item/podcast:person", namespaces=ns)]
    assert item_people == people
    assert feed.findtext("channel/language") == ("en" if script.language == "en" else "zh-cn")

    # Each speaker's own stretches of the episode, by the transcript's timings: pitch and timbre.
    decoded = miniaudio.decode(episode.read_bytes(), nchannels=1, sample_rate=22050)
    pcm = decoded.samples.tobytes()
    cues = json.loads((isolated / "out" / slug / "transcript.json").read_text(encoding="utf-8"))["segments"]
    voices = {}
    for name_ in {c["speaker"] for c in cues}:
        parts = [pcm[int(c["startTime"] * 22050) * 2 : int(c["endTime"] * 22050) * 2] for c in cues
                 if c["speaker"] == name_]
        voice = Audio(b"".join(parts), 22050)
        voices[name_] = (median_pitch(voice, 50, 400), spectral_centroid(voice))
    assert len(voices) == len(script.speakers)
    names = sorted(voices)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            (pa, ca), (pb, cb) = voices[a], voices[b]
            apart = abs(pa - pb) / min(pa, pb) >= 0.08 or abs(ca - cb) / min(ca, cb) >= 0.08
            assert apart, (a, b, voices)


def test_init_round_trips_an_edited_role_and_voice(isolated):
    seed = isolated / "two-hosts.txt"
    shutil.copy(CORPUS / "two-hosts.txt", seed)
    result = CliRunner().invoke(cli, ["init", str(seed)])
    assert result.exit_code == 0, result.output
    sidecar = isolated / "two-hosts.txt.yaml"
    doc = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    assert {s["name"] for s in doc["speakers"].values()} == {"大伟", "小雨", "张建国"}
    # A second init does not overwrite the user's edits.
    again = CliRunner().invoke(cli, ["init", str(seed)])
    assert again.exit_code != 0 and "exists" in again.output

    xiaoyu = next(sid for sid, s in doc["speakers"].items() if s["name"] == "小雨")
    doc["speakers"][xiaoyu]["role"] = "guest"
    doc["speakers"][xiaoyu]["name"] = "Rain"
    doc["speakers"][xiaoyu]["voices"]["espeak"] = {"language": "cmn", "variant": "f4", "pitch": 90}
    sidecar.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")

    script = read_script(seed, default_config())  # with the sidecar beside it
    rain = script.speaker(xiaoyu)
    assert (rain.name, rain.role, rain.certain) == ("Rain", "guest", True)
    result = _render(isolated, str(seed))
    assert result.exit_code == 0, result.output
    assert "Rain [guest] 小雨 -> as configured (language=cmn variant=f4 pitch=90" in result.output
    vtt = (isolated / "out" / "two-hosts" / "transcript.vtt").read_text(encoding="utf-8")
    assert "<v Rain>" in vtt


def test_explain_lists_what_was_left_out_and_why(isolated):
    result = CliRunner().invoke(cli, ["script", "--explain", str(CORPUS / "qa-captions.md")])
    assert result.exit_code == 0
    assert "qa-captions.md:10: dropped (caption glued after an image): 图为1995年的编辑部" in result.stdout
    assert "qa-captions.md:18: dropped (caption of the image above)" in result.stdout
    assert "（本文由记者根据录音整理）" in result.stdout


def test_a_config_label_the_transcript_lacks_is_not_an_error(isolated):
    """voices.yaml's default cast names people this transcript does not have: they are not in it."""
    config = load_config(REPO / "voices.yaml")
    script = load_script(CORPUS / "panel-three.md", config)
    assert {s.name for s in script.speakers} == {"主持人", "王老师", "李总"}


def test_a_sidecar_label_the_transcript_lacks_is_a_warning(isolated):
    seed = isolated / "panel.md"
    shutil.copy(CORPUS / "panel-three.md", seed)
    (isolated / "panel.md.yaml").write_text(
        "speakers:\n  zhu: {name: 主持, role: host, aliases: [主持人, 司仪]}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["script", str(seed)])
    assert result.exit_code == 0
    assert "warning: panel.md.yaml: speakers.zhu names the label '司仪', which panel.md does not have" in result.stderr
    assert json.loads(result.stdout)["speakers"]["zhu"] == {"name": "主持", "role": "host"}


def test_nothing_is_lost_however_deep_the_markup_nests():
    """markdown-it stops at its nesting limit and drops what lies beyond it: quotes in quotes,
    lists in lists and a court record's `- - - x` rules still give every word."""
    text = ("刘润：你好。\n\n" + "> " * 80 + "K.K.：嗨。\n\n刘润：再见。\n\n- - - - x 北京\n\nK.K.：再见。\n\n"
            + "".join("  " * i + f"- 第{i}条\n" for i in range(80)))
    lines = [ln.plain for ln in read_text(text).lines]
    assert "K.K.：嗨。" in lines and "- - - - x 北京" in lines
    assert all(f"第{i}条" in lines for i in range(80))


@pytest.mark.parametrize("top", [
    "",  # the talk from its first line: nothing above it says who has a role
    "**受访者**：镇农业站站长李春梅\n\n**采访者**：新闻学院本科生周航\n\n",  # who has each role, not said
])
def test_role_labels_over_words_without_punctuation_are_all_turns(top):
    """A speech-to-text tool's roles over unpunctuated words (`受访者：我觉得挺好的`) are turns, the first ones
    too; only lines above the talk that give a role to an office and a name are its legend."""
    text = top + "采访者：你觉得怎么样\n\n受访者：我觉得挺好的\n\n采访者：那以后呢\n\n受访者：以后再说吧\n"
    script = parse_script(text, default_config(), slug="roles")
    names = {s.id: s.name for s in script.speakers}
    assert [(names[t.speaker], t.text) for c in script.chapters for t in c.turns] == [
        ("采访者", "你觉得怎么样"), ("受访者", "我觉得挺好的"), ("采访者", "那以后呢"), ("受访者", "以后再说吧")]


def test_a_span_of_two_bracketed_times_is_one_time_mark_and_no_ones_words():
    text = ("**Adam:** Welcome to the show. Today we talk bees.\n\n**Jingle**: [58:03] to [58:19]\n\n"
            "**Jerod:** Thanks Adam. Bees are great.\n\n**Adam:** They are. What else?\n\n**Jerod:** Honey.\n")
    script = parse_script(text, default_config(), slug="jingle")
    assert [t.text for c in script.chapters for t in c.turns] == [
        "Welcome to the show. Today we talk bees.", "Thanks Adam. Bees are great.", "They are. What else?", "Honey."]
    assert TIME_MARK.sub(" ", "[58:03] to [58:19]").strip() == ""


def test_a_chat_assistants_words_above_the_transcript_it_tidied_are_not_said():
    text = ("Based on the provided transcript and speaker segments, here is the transcribed dialogue with clear speaker "
            "distinctions:\n\n**Speaker 2:** So, the conversation started.\n\n**Speaker 1:** Yes. Here is the thing about "
            "this interview: it is short.\n\n**Speaker 2:** Good.\n\n**Speaker 1:** Indeed.\n")
    script = parse_script(text, default_config(), slug="tidied")
    assert [t.text for c in script.chapters for t in c.turns] == [
        "So, the conversation started.", "Yes. Here is the thing about this interview: it is short.", "Good.", "Indeed."]


def test_lower_case_q_and_a_are_the_interviewer_and_guest_and_a_bracketed_event_in_italics_keeps_its_brackets():
    text = "q: Welcome back. *[laughter]* How did it start?\n\na: My neighbour had a hive.\n\nq: And then?\n\na: I kept one too.\n"
    script = parse_script(text, default_config(), slug="hives")
    names = {s.id: s.name for s in script.speakers}
    turns = [(names[t.speaker], t.text) for c in script.chapters for t in c.turns]
    assert turns[0] == ("Interviewer", "Welcome back. [laughter] How did it start?")  # not `([laughter])`
    assert [who for who, _ in turns] == ["Interviewer", "Guest"] * 2


@pytest.mark.slow  # every fixture spoken by espeak: about a minute
def test_every_format_renders_end_to_end_with_espeak_and_no_config(isolated):
    """Each kind of transcript in the corpus, as a new user would: copied into a folder with no
    voices.yaml and no sidecar, one render, every episode's MP3 decoded back to the length its
    transcript says, and every speaker of the script heard in the transcript."""
    import miniaudio

    for path in FIXTURES:
        shutil.copy(path, isolated / path.name)
    result = _render(isolated, *(str(isolated / p.name) for p in FIXTURES))
    assert result.exit_code == 0, result.output
    for path in FIXTURES:
        script = load_script(path, default_config())
        slug = path.stem
        episode = isolated / "out" / slug
        decoded = miniaudio.decode((episode / f"{slug}.mp3").read_bytes(), nchannels=1, sample_rate=22050)
        segments = json.loads((episode / "transcript.json").read_text(encoding="utf-8"))["segments"]
        assert abs(decoded.duration - segments[-1]["endTime"]) < 2.0, slug
        assert {s["speaker"] for s in segments} == {s.name for s in script.speakers if s.turns}, slug


@pytest.mark.parametrize("heading, title", [("转录：旧书店访谈.mp4", "旧书店访谈"), ("Transcript: garden call.m4a", "garden call"),
                                            ("interview-03.wav", "interview-03"), ("Episode 12.5: Radios", "Episode 12.5: Radios"),
                                            ("notes.txt", "notes.txt"), ("Radio repair-20240501_150312-Meeting Recording", "Radio repair"),
                                            ("Piano repair - Transcript", "Piano repair")])
def test_a_recordings_file_name_as_its_title_is_said_without_its_extension(heading, title):
    assert bare_title(heading) == title


@pytest.mark.parametrize("lines, called", [
    (["PROFESSOR DAME JENNY HARRIES (affirmed)"], ("PROFESSOR DAME JENNY HARRIES", 1)),
    (["Jane Doe (Sworn)"], ("Jane Doe", 1)),
    (["ROBERT ALLEN,", "having been first duly sworn, was examined and testified as", "follows:", "Q. Hello."],
     ("ROBERT ALLEN", 3)),
    (["MR KEITH (continued):", "My Lady, the next witness."], None),  # a label alone on its line, not a call
    (["THE WITNESS: I was sworn in as mayor in 2010."], None),
])
def test_a_records_call_of_its_witness_is_found_over_the_lines_it_takes(lines, called):
    from kkaudio.transcript.examination import called_witness

    assert called_witness(lines, 0) == called
