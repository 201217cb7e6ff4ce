"""voices.yaml: the project's own file loads; each kind of mistake is one clear line naming the key."""

from __future__ import annotations

import re

import pytest
import yaml

from kkaudio.config import load_config
from kkaudio.errors import ConfigError

from .conftest import REPO, VOICES_YAML


def test_project_voices_yaml_loads():
    config = load_config(REPO / "voices.yaml")
    assert [s.id for s in config.speakers] == ["liurun", "kk", "narrator"]
    assert {s.role for s in config.speakers} == {"host", "guest", "narrator"}
    host, guest = config.voice("liurun", "espeak"), config.voice("kk", "espeak")
    assert host != guest and host.variant.startswith("m") and guest.variant.startswith("m")
    assert config.voice("narrator", "espeak").variant.startswith("f")
    assert ("K.K.", "KK") in config.lexicon


def edit(mutate) -> str:
    doc = yaml.safe_load(VOICES_YAML)
    mutate(doc)
    return yaml.safe_dump(doc, allow_unicode=True)


@pytest.mark.parametrize(
    "text, message",
    [
        ("speakers: [unclosed", "voices.yaml:1: invalid YAML"),
        ("- just\n- a list\n", "the top level must be a mapping"),
        (edit(lambda d: d["speakers"]["kk"].update(gender="tenor")), "speakers.kk.gender must be one of male, female"),
        (edit(lambda d: d["speakers"]["kk"].update(role="narrator")), "only one speaker may have role 'narrator'"),
        (edit(lambda d: d["speakers"]["kk"].pop("name")), "speakers.kk.name is missing"),
        (edit(lambda d: d["speakers"]["kk"].update(role="boss")), "speakers.kk.role must be one of host, guest, narrator"),
        (edit(lambda d: d["speakers"]["kk"]["voices"].update(nope={})), "speakers.kk.voices.nope: unknown engine 'nope'; known engines: edge, espeak, kokoro"),
        (edit(lambda d: d["speakers"]["kk"]["voices"]["espeak"].update(pitch=500)), "speakers.kk.voices.espeak.pitch must be a number from 0 to 100"),
        (edit(lambda d: d["speakers"]["kk"]["voices"]["espeak"].update(variant="zz")), "speakers.kk.voices.espeak.variant must be one of"),
        (edit(lambda d: d["speakers"]["kk"]["voices"]["espeak"].update(speed=2)), "speakers.kk.voices.espeak: unknown key 'speed'"),
        (edit(lambda d: d["speakers"]["kk"].update(aliases=["刘润"])), "aliases: '刘润' is also an alias of"),
        (edit(lambda d: d["pauses"].update(turn="long")), "pauses.turn must be seconds"),
        (edit(lambda d: d.update(audio={"bitrate": 100})), "audio.bitrate must be an MP3 bitrate"),
        (edit(lambda d: d.update(engine="nope")), "engine: unknown engine 'nope'"),
        (edit(lambda d: d["show"].update(base_url="ftp://x")), "show.base_url must be an absolute http(s) URL"),
        (edit(lambda d: d.update(colour="red")), "unknown key 'colour'"),
        (edit(lambda d: d["script"].update(boilerplate=["(unclosed"])), "script.boilerplate[0]: invalid regular expression"),
        (edit(lambda d: d.update(engines={"espeak": {"lexicon": {"KK": 3}}})), "engines.espeak.lexicon: 'KK' must map text"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path, text, message):
    path = tmp_path / "voices.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        load_config(path)
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


def test_an_engines_own_lexicon_goes_over_the_shared_one_for_that_engine_only(tmp_path):
    path = tmp_path / "voices.yaml"
    path.write_text(edit(lambda d: d.update(lexicon={"K.K.": "KK", "AI": "A I"},
                                            engines={"kokoro": {"graph": "fast", "lexicon": {"AI": "A.I.", "Web": "Webb"}}})),
                    encoding="utf-8")
    config = load_config(path)
    assert config.lexicon_for("espeak") == config.lexicon == (("K.K.", "KK"), ("AI", "A I"))
    assert dict(config.lexicon_for("kokoro")) == {"K.K.": "KK", "AI": "A.I.", "Web": "Webb"}
    assert config.lexicon_for("kokoro")[0] == ("K.K.", "KK")  # longest first, as always
    assert config.engine_settings["kokoro"] == {"graph": "float", "lanes": "auto"}  # "fast", its old name


def test_missing_config_says_how_to_point_at_one(tmp_path):
    with pytest.raises(ConfigError, match="no such file; run kkaudio in the project folder or pass --voices"):
        load_config(tmp_path / "voices.yaml")


def test_speakers_and_show_are_optional(tmp_path):
    """Without them kkaudio runs on defaults: the cast from the transcript, the show titled by it."""
    path = tmp_path / "voices.yaml"
    path.write_text(edit(lambda d: (d.pop("speakers"), d["show"].pop("title"))), encoding="utf-8")
    config = load_config(path)
    assert config.speakers == () and config.show.title is None
    assert load_config_text(tmp_path, "").engine == "kokoro"  # an empty file is all defaults


def load_config_text(tmp_path, text):
    path = tmp_path / "other.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_any_number_of_hosts_and_guests(tmp_path):
    config = load_config_text(tmp_path, "speakers:\n" + "".join(
        f"  s{i}: {{name: 人{i}, role: {'host' if i < 2 else 'guest'}}}\n" for i in range(5)))
    assert [s.role for s in config.speakers] == ["host", "host", "guest", "guest", "guest"]
