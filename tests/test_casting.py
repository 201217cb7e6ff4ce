"""Voice pools and casting: every engine's pool parses, a cast gets distinct voices, the same label
keeps its voice, configured voices win."""

from __future__ import annotations

import pytest

from kkaudio.casting import cast_voices
from kkaudio.config import default_config
from kkaudio.engines.base import engine_class
from kkaudio.model import Chapter, Script, Speaker, Turn


@pytest.mark.parametrize("name", ["kokoro", "espeak", "edge"])
def test_every_pool_voice_is_valid_and_named_once(name):
    cls = engine_class(name)
    pool = cls.voice_pool()
    assert len({v.name for v in pool}) == len(pool)
    keys = set()
    for v in pool:
        voice = cls.parse_voice(v.settings, v.name)  # what voices.yaml would accept
        assert cls.parse_voice(voice.block(), v.name) == voice  # and what init writes reads back
        keys.add((voice.key(), v.languages))
        assert v.gender in ("male", "female")
    assert len(keys) == len(pool)


@pytest.mark.parametrize("name", ["kokoro", "espeak"])
def test_the_offline_pools_have_four_voices_of_each_gender(name):
    pool = [v for v in engine_class(name).voice_pool() if "zh-hans" in v.languages]
    assert sum(v.gender == "male" for v in pool) >= 4
    assert sum(v.gender == "female" for v in pool) >= 4


def _script(labels: list[str], language: str = "zh-hans", roles: dict | None = None) -> Script:
    roles = roles or {}
    speakers = tuple(Speaker(f"s{i}", label, roles.get(label, "guest" if i else "host"), (label,))
                     for i, label in enumerate(labels))
    turns = tuple(Turn(s.id, "你好。") for s in speakers)
    return Script("t", "t", speakers, (Chapter("c", turns),), language=language)


@pytest.mark.parametrize("name", ["kokoro", "espeak", "edge"])
def test_a_cast_gets_distinct_voices_the_same_on_every_run(name):
    cls = engine_class(name)
    script = _script(["吴琪", "罗永浩", "林红", "张建国"])
    first = cast_voices(script, cls)
    assert len({c.voice.key() for c in first.values()}) == 4
    assert {c.gender for c in first.values()} == {"male", "female"}  # alternating when nobody said
    assert cast_voices(script, cls) == first


def test_a_label_keeps_its_voice_across_episodes():
    cls = engine_class("espeak")
    one = cast_voices(_script(["吴琪", "罗永浩"]), cls)
    two = cast_voices(_script(["吴琪", "张三"]), cls)
    assert one["s0"].name == two["s0"].name


def test_gender_language_and_configured_voices_are_respected():
    cls = engine_class("espeak")
    script = _script(["Jerod", "Maya"], language="en")
    speakers = (script.speakers[0],
                Speaker("s1", "Maya", "guest", ("Maya",), gender="female"))
    script = Script("t", "t", speakers, script.chapters, language="en")
    cast = cast_voices(script, cls)
    assert cast["s1"].gender == "female"
    assert all(c.voice.language == "en-us" for c in cast.values())
    mine = cls.parse_voice({"variant": "m7", "pitch": 11}, "x")
    configured = Script("t", "t", (Speaker("s0", "A", "host", ("A",), voices={"espeak": mine}),), script.chapters)
    assert cast_voices(configured, cls)["s0"].voice == mine


def test_no_config_gives_a_narrator_a_female_voice():
    cls = engine_class("kokoro")
    speakers = (Speaker("host", "甲", "host", ("甲",)), Speaker("narrator", "旁白", "narrator"))
    cast = cast_voices(Script("t", "t", speakers, ()), cls)
    assert cast["narrator"].gender == "female"
    assert default_config().speakers == ()
