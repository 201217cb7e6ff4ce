"""kkaudio proof: an episode heard back by Whisper-base, and the cues not said as written found.

The episode is rendered by espeak in English, in plain sentences Whisper hears right (espeak's
"bees" or "every" it does not; its Mandarin, not at all). One lexicon line makes one sentence
say other words: that sentence, and no other, is flagged.
"""

from __future__ import annotations

import json
import os
import re
import sys
from html.parser import HTMLParser

import numpy as np
import pytest

from kkaudio import manifest
from kkaudio.engines import hearing
from kkaudio.errors import EngineError, ScriptError
from kkaudio.pipeline.proof import FLAG_LIKENESS, proof
from kkaudio.pipeline.render import RenderOptions, render
from kkaudio.text.compare import compare, heard_units, units, written, written_units

from .conftest import kkaudio

BEES = """\
Host: Today we talk about gardens in the city. When did you start your garden?

Guest: Ten years ago. First on the balcony, then up on the roof.

Host: Do the neighbours like it?

Guest: At first they were not so sure. Now they come in the summer for the tomatoes.
"""


VOICES = """\
engine: espeak
lexicon:
  balcony: railway station
"""


@pytest.fixture(scope="module")
def bees(tmp_path_factory):
    """The transcript rendered by espeak, in its own folder, cache and environment."""
    root = tmp_path_factory.mktemp("proof")
    (root / "bees.md").write_text(BEES, encoding="utf-8")
    (root / "voices.yaml").write_text(VOICES, encoding="utf-8")
    env = {**os.environ, "KKAUDIO_CACHE_DIR": str(root / "cache"), "KKAUDIO_ENGINE_CACHE": str(root / "engines")}
    done = kkaudio("render", "bees.md", "--voices", "voices.yaml", "--out", "out", env=env, cwd=root)
    assert done.returncode == 0, done.stderr
    return root, env


def _proof(bees, *args: str):
    root, env = bees
    return kkaudio("proof", "bees.md", "--voices", "voices.yaml", "--out", "out", *args, env=env, cwd=root)


def test_proof_flags_the_sentence_the_lexicon_makes_say_other_words_and_no_other(bees):
    done = _proof(bees, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    (episode,) = report["episodes"]
    assert [c["text"] for c in episode["flagged"]] == ["First on the balcony, then up on the roof."]
    (cue,) = episode["flagged"]
    assert cue["speaker"] == "Guest" and cue["spoken"].startswith("First on the railway station")
    assert cue["lexicon_in_use"] == ["balcony: railway station"]
    assert "railway" in cue["heard"].lower()
    assert any(d["expected"] and "balcony" in d["expected"] for d in cue["differences"])
    assert all(d["lexicon"] is None for d in cue["differences"])  # the fix is the line in use, not a new one
    assert 0 < cue["start_ms"] < 60_000 and cue["start"] == f"0:{cue['start_ms'] // 1000:02d}"
    figures = {s["speaker"]: s for s in episode["speakers"]}
    assert set(figures) == {"Host", "Guest"}
    assert figures["Host"]["flagged"] == 0 and figures["Guest"]["flagged"] == 1
    assert sum(s["cues"] for s in figures.values()) == 7  # every sentence was heard


def test_proof_html_lists_the_cue_with_a_player_that_goes_to_it_and_is_linked_from_nowhere(bees):
    root, _ = bees
    assert _proof(bees, "-q").returncode == 0
    folder = root / "out" / "bees"
    page = (folder / "proof.html").read_text(encoding="utf-8")
    cues = _PageCues()
    cues.feed(page)
    (flagged,) = cues.items
    assert "<mark>balcony</mark>" in flagged["html"]
    start = json.loads(_proof(bees, "--json").stdout)["episodes"][0]["flagged"][0]["start_ms"] / 1000
    assert float(flagged["data-t"]) == pytest.approx(start, abs=0.01)
    assert f'href="index.html#t={flagged["clock"]}"' in flagged["html"]
    assert re.search(r'<audio id="player"[^>]* src="bees.mp3"', page)
    published = [p for p in (root / "out").rglob("*") if p.is_file() and p.suffix in (".xml", ".html", ".json")
                 and p.name != "proof.html"]
    assert published and not [p for p in published if "proof.html" in p.read_text(encoding="utf-8")]


class _PageCues(HTMLParser):
    """Each flagged cue of proof.html: its play button's time, the clock its link shows, its HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and attrs.get("class") == "cue":
            self.items.append({"html": ""})
        elif tag == "button" and self.items:
            self.items[-1]["data-t"] = attrs["data-t"]
        elif tag == "a" and self.items and "#t=" in attrs.get("href", ""):
            self.items[-1]["clock"] = attrs["href"].split("#t=")[1]
        if self.items:
            self.items[-1]["html"] += self.get_starttag_text()

    def handle_data(self, data):
        if self.items:
            self.items[-1]["html"] += data

    def handle_endtag(self, tag):
        if self.items:
            self.items[-1]["html"] += f"</{tag}>"


def test_the_summary_names_each_speaker_and_the_worst_cue_and_fail_over_sets_the_exit_code(bees):
    done = _proof(bees)
    assert done.returncode == 0, done.stderr
    assert re.search(r"bees: 7 cues heard( \(\d as heard before\))?; 1 flagged; .*proof\.html", done.stdout)
    assert re.search(r"^  Host +3 cues +0 flagged +error rate \d+\.\d%$", done.stdout, re.M)
    assert "! 0:0" in done.stdout and "balcony" in done.stdout
    assert "the lexicon makes it say other words: balcony: railway station" in done.stdout
    failed = _proof(bees, "--fail-over", "0.01", "-q")
    assert failed.returncode == 2
    assert re.fullmatch(r"a speaker's error rate, \d+\.\d%, is over 1\.0%\n", failed.stderr)
    assert _proof(bees, "--fail-over", "1", "-q").returncode == 0


def test_proofing_again_hears_only_what_changed(bees, tmp_path):
    root, env = bees
    again = _proof(bees, "-q")
    assert "7 cues heard (7 as heard before)" in again.stdout
    edited = tmp_path / "bees.md"
    edited.write_text(BEES.replace("in the summer", "in the autumn"), encoding="utf-8")
    (tmp_path / "voices.yaml").write_text(VOICES, encoding="utf-8")
    out = root / "out"
    assert kkaudio("render", str(edited), "--voices", "voices.yaml", "--out", str(out), env=env,
                   cwd=tmp_path).returncode == 0
    done = kkaudio("proof", str(edited), "--voices", "voices.yaml", "--out", str(out), "-q", env=env, cwd=tmp_path)
    assert "7 cues heard (6 as heard before)" in done.stdout, done.stdout + done.stderr


def test_proofing_what_was_never_rendered_is_a_one_line_error(espeak_voices_file, two_chapters):
    done = kkaudio("proof", str(two_chapters), "--voices", str(espeak_voices_file), "--out", "nowhere")
    assert done.returncode == 1 and done.stdout == ""
    assert re.fullmatch(r"Error: nothing to proof: .*two-chapters\.txt \(no episode in .*: render it first\)\n",
                        done.stderr), done.stderr


@pytest.fixture
def tone_episode(config, two_chapters, tmp_path):
    out = tmp_path / "out"
    render([two_chapters], config, RenderOptions(out=out, cache_dir=tmp_path / "cache"))
    return out / "two-chapters"


def test_an_episode_rendered_before_proof_existed_is_to_be_rendered_again(config, two_chapters, tone_episode,
                                                                         tmp_path):
    record = tone_episode / manifest.FILE
    raw = json.loads(record.read_text(encoding="utf-8"))
    for chapter in raw["chapters"]:
        for cue in chapter["cues"]:
            cue.pop("clip")
    record.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ScriptError, match="rendered by an earlier kkaudio, which kept no clips for proof: render it"):
        proof([two_chapters], config, tmp_path / "out", tmp_path / "cache")


def test_an_episode_whose_clips_left_the_cache_is_to_be_rendered_again(config, two_chapters, tone_episode,
                                                                       tmp_path):
    with pytest.raises(ScriptError, match="is gone from the clip cache: render the episode again"):
        proof([two_chapters], config, tmp_path / "out", tmp_path / "elsewhere")


def test_a_language_the_recogniser_cannot_compare_is_skipped_and_said(config, two_chapters, tone_episode, tmp_path):
    record = tone_episode / manifest.FILE
    raw = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({**raw, "language": "tlh"}), encoding="utf-8")
    (episode,), missing = proof([two_chapters], config, tmp_path / "out", tmp_path / "cache")
    assert not missing and not episode.cues and episode.skipped
    assert all(s.endswith("tlh cannot be compared") for s in episode.skipped)


def test_without_the_proof_extra_one_line_says_how_to_install_it(config, two_chapters, tone_episode, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # import faster_whisper raises ImportError
    with pytest.raises(EngineError, match=re.escape("pip install 'kkaudio[proof]'")):
        proof([two_chapters], config, tmp_path / "out", tmp_path / "cache")


# What is compared: syllables for Mandarin, words for English.


def test_a_homophone_the_recogniser_picks_is_no_difference_but_a_wrong_syllable_is():
    expected = written_units("他说银行行长来了", "zh")
    same = compare(expected, heard_units("她說銀行行長來了", "zh"))  # another character, traditional too
    assert same.errors == 0 and not same.differences
    wrong = compare(expected, heard_units("他说银行星长来了", "zh"), "他说银行行长来了")
    assert wrong.errors == 1 and wrong.differences[0].written == "行"
    assert wrong.lexicon_line(wrong.differences[0]) == "银行行长: yin2 hang2 hang2 zhang3"  # the whole word


def test_numbers_case_punctuation_and_british_spelling_are_not_differences():
    expected = written_units("Twelve years. The neighbours' colour, in 2020!", "en")
    heard = heard_units("12 years the neighbors' color in twenty twenty", "en")
    assert compare(expected, heard).errors == 0
    wrong = compare(expected, heard_units("Twelve beers. The neighbours' colour, in 2020!", "en"))
    assert [(d.written, d.said_instead) for d in wrong.differences] == [("years", "beers")]


def test_a_lexicon_reading_is_what_should_be_said_but_a_lexicon_text_is_not():
    lexicon = (("还钱", "huan2 qian2"), ("阳台", "火车站"))
    assert [u.reading for u in written_units("还钱", "zh", lexicon)] == ["huan2", "qian2"]
    assert "阳台" in written("他在阳台上", "zh", lexicon)  # proof asks whether the written word was said
    assert [u.said for u in units("He said OK.", "en")] == ["he", "said", "ok"]


def test_a_clip_longer_than_whisper_hears_at_once_is_cut_where_it_is_quiet():
    rate = hearing.RATE
    t = np.arange(70 * rate) / rate
    samples = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    samples[25 * rate : 25 * rate + rate // 5] = 0  # a pause between 20 and 30 s
    pieces = hearing._windows(samples)
    assert all(len(p) <= hearing.WINDOW_S * rate for p in pieces)
    assert sum(len(p) for p in pieces) == len(samples)
    assert 25 * rate <= len(pieces[0]) <= 25 * rate + rate // 5


class _Tokens:
    """A tokenizer as Whisper's, for its timestamps: 100+ are timestamps (0.02 s a step), 99 the end."""

    timestamp_begin, eot = 100, 99

    def decode(self, tokens):
        return "".join(chr(ord("a") + t) for t in tokens)


def test_whispers_segments_end_with_what_it_left_unheard():
    tok = _Tokens()
    finished = hearing._segments([100, 0, 1, 150, 150, 2, 200], tok)
    assert finished == [(0.0, 1.0, "ab"), (1.0, 2.0, "c")]
    cut = hearing._segments([100, 0, 1, 150, 150], tok)  # opened a segment it did not finish
    assert cut == [(0.0, 1.0, "ab"), (1.0, float(hearing.WINDOW_S), "")]


def test_packed_clips_get_the_segments_in_their_span_and_doubtful_ones_are_heard_again():
    rate = hearing.RATE
    pieces = [(k, np.full(int(seconds * rate), 0.1, dtype=np.float32)) for k, seconds in enumerate([4, 3, 5, 2])]
    (window,) = hearing._packed(pieces)
    spans = [(k, round(a, 2), round(b, 2)) for k, a, b in window.spans]
    assert spans == [(0, 0.0, 4.0), (1, 4.5, 7.5), (2, 8.0, 13.0), (3, 13.5, 15.5)]
    shared, again = window.share([(0.0, 4.1, "one"), (4.4, 7.6, "two"), (8.0, 13.1, "three"), (13.4, 15.6, "four")])
    assert shared == [(0, "one"), (1, "two"), (2, "three"), (3, "four")] and not again
    shared, again = window.share([(0.0, 4.1, "one"), (4.4, 12.0, "two three"), (13.4, 30.0, "")])
    assert again == {1, 2, 3} and shared == [(0, "one")]  # a segment over two clips; the end unheard
    long = [(0, piece) for piece in hearing._windows(np.full(45 * rate, 0.1, dtype=np.float32))]
    assert all(len(w.samples) <= hearing.WINDOW_S * rate for w in hearing._packed(long))  # a long clip in pieces


def test_an_english_name_the_recogniser_writes_in_characters_is_no_flag_but_another_word_is():
    def worst(text: str, heard: str) -> float:
        return compare(written_units(text, "zh"), heard_units(heard, "zh"), text).worst().likeness

    # Told the speech is Mandarin, Whisper writes names as they sound in characters: 开文 kai wen.
    assert worst("Kevin，我读了您的新书。", "开文我读了您的新书。") >= FLAG_LIKENESS
    assert worst("有很多Waymo自动驾驶车辆", "有很多微目自动驾驶车辆") >= FLAG_LIKENESS
    assert worst("Kevin，我读了您的新书。", "大熊猫我读了您的新书。") < FLAG_LIKENESS
    assert worst("而且是非常Twitter式的", "而且是非常多的事的") < FLAG_LIKENESS


def test_a_cue_the_packed_hearing_gets_wrong_is_heard_again_alone_and_kept_heard(config, two_chapters, tone_episode,
                                                                                 tmp_path, monkeypatch):
    import kkaudio.pipeline.proof as proofing

    record = manifest.load(tone_episode)
    texts = [cue.text for chapter in record.chapters for cue in chapter.cues]
    calls = {"packed": 0, "alone": 0}

    class Heard:  # packed, every clip is heard as nothing; alone, as written but the first
        def __init__(self, folder):
            pass

        def hear(self, clips, language, packed=True):
            if packed:
                calls["packed"] += len(clips)
                return [""] * len(clips)
            calls["alone"] += len(clips)
            return ["完全不同的一句话"] + texts[1 : len(clips)]

    monkeypatch.setattr(proofing, "Hearing", Heard)
    (episode,), _ = proof([two_chapters], config, tmp_path / "out", tmp_path / "cache")
    assert calls == {"packed": len(texts), "alone": len(texts)}
    assert [c.text for c in episode.flagged()] == texts[:1]  # wrong both times: flagged, with the closer hearing
    assert [c.heard for c in episode.cues[1:]] == texts[1:]
    (again,), _ = proof([two_chapters], config, tmp_path / "out", tmp_path / "cache")
    assert calls == {"packed": len(texts), "alone": len(texts)}  # both hearings kept: nothing heard again
    assert [c.heard for c in again.cues] == [c.heard for c in episode.cues]
