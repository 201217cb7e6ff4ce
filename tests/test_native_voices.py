"""Kokoro's native voices: the shipped style data, the pools by language, bad names and files."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from kkaudio.engines.kokoro import KokoroEngine
from kkaudio.engines.kokoro import voices as styles
from kkaudio.errors import ConfigError, EngineError

from .conftest import kkaudio


@pytest.fixture
def fresh_styles(monkeypatch):
    """Styles loaded again from wherever the test points NATIVE."""
    monkeypatch.setattr(styles, "_loaded", {})
    return styles


def test_the_shipped_styles_are_the_published_tensors_bit_for_bit():
    provenance = json.loads((styles.NATIVE.parent / "PROVENANCE.json").read_text(encoding="utf-8"))
    assert provenance["package"] == "kokoro-js@1.2.1" and provenance["licence"] == "Apache-2.0"
    assert "Apache License" in (styles.NATIVE.parent / "LICENSE").read_text(encoding="utf-8")
    with np.load(styles.NATIVE) as npz:
        assert set(npz.files) == set(styles.MANDARIN + styles.ENGLISH)
        for name in npz.files:
            tensor = npz[name]
            assert tensor.dtype == np.float32 and tensor.shape == (510, 1, 256)
            assert hashlib.sha256(tensor.astype("<f4").tobytes()).hexdigest() == provenance["styles"][name]["sha256"]


def test_pools_are_native_speakers_of_the_transcripts_language():
    pool = KokoroEngine.voice_pool()
    mandarin = [v for v in pool if "zh-hans" in v.languages]
    english = [v for v in pool if "en" in v.languages]
    own = [v for v in mandarin if not v.spare]
    assert own == mandarin[: len(own)], "the native voices come before the spares"
    for v in own:
        assert all(styles.native_mandarin(s) for s, _ in KokoroEngine.parse_voice(v.settings, v.name).blend)
    for v in english:
        assert all(styles.native_english(s) for s, _ in KokoroEngine.parse_voice(v.settings, v.name).blend)
    for voices in (own, english):
        assert {v.gender for v in voices} == {"male", "female"}
    assert sum(v.gender == "male" for v in english) >= 4 and sum(v.gender == "female" for v in english) >= 4
    assert "zf_xiaoni" not in json.dumps([v.settings for v in pool])  # 35% CER as it is
    for v in pool:
        assert v.note, f"{v.name}: every pool voice says its measured pitch and error rate"


def test_native_voices_are_not_tone_shaped_unless_asked():
    assert KokoroEngine.parse_voice({"style": "zm_yunjian"}, "w").tones == 0
    assert KokoroEngine.parse_voice({"style": "jm_kumo"}, "w").tones == 0.6
    assert KokoroEngine.parse_voice({"style": "zm_yunjian", "tones": 0.5}, "w").tones == 0.5


def test_an_unknown_style_names_the_nearest_and_every_language():
    with pytest.raises(ConfigError) as error:
        KokoroEngine.parse_voice({"style": "zm_yunxii"}, "speakers.kk.voices.kokoro")
    message = str(error.value)
    assert message.startswith("speakers.kk.voices.kokoro: unknown kokoro style 'zm_yunxii'; did you mean zm_yunxi")
    for word in ("Mandarin:", "English:", "Japanese:", "af_heart", "jm_kumo"):
        assert word in message


@pytest.mark.parametrize("content", [None, b"", b"not a zip file", b"PK\x03\x04broken"])
def test_a_missing_or_damaged_style_file_is_a_clear_error(tmp_path, monkeypatch, fresh_styles, content):
    path = tmp_path / "native.npz"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(fresh_styles, "NATIVE", path)
    with pytest.raises(EngineError) as error:
        fresh_styles.load_styles()
    assert str(path) in str(error.value) and "reinstall kkaudio" in str(error.value)


def test_a_style_file_that_lacks_a_style_says_which(tmp_path, monkeypatch, fresh_styles):
    path = tmp_path / "native.npz"
    with np.load(styles.NATIVE) as npz:
        kept = {k: npz[k] for k in npz.files if k != "zm_yunxi"}
    np.savez(path, **kept)
    monkeypatch.setattr(fresh_styles, "NATIVE", path)
    with pytest.raises(EngineError, match="lacks zm_yunxi"):
        fresh_styles.load_styles()


def test_english_for_native_english_voices_is_espeak_english_without_marks():
    from kkaudio.engines.kokoro.phonemes import Phonemes

    g2p = Phonemes()
    native = g2p("Two people came to the party. Then they left.", english_voice=True)
    marked = g2p("Two people came to the party. Then they left.")
    assert "ʰ" not in native and "ʰ" in marked
    assert "." in native  # the sentence's own punctuation shapes the phrasing


def test_a_damaged_style_file_stops_say_with_one_line(tmp_path, monkeypatch):
    """Through the CLI: a clear message, no traceback, no file written."""
    broken = tmp_path / "native.npz"
    broken.write_bytes(b"garbage")
    script = (f"import sys; from kkaudio.engines.kokoro import voices; voices.NATIVE = __import__('pathlib').Path({str(broken)!r}); "
              "from kkaudio.cli import main; sys.argv = ['kkaudio', 'say', '你好。', '--voice', 'yunjian', '--engine', 'kokoro', "
              f"'-o', {str(tmp_path / 'say.mp3')!r}]; main()")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert str(broken) in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "say.mp3").exists()


@pytest.mark.slow  # the neural model
@pytest.mark.parametrize("voice, text", [("heart", "Thanks for having me."), ("yunxi", "你好，五千天后的世界。"),
                                         ("{style: zm_yunxia}", "你好。"), ("{style: bm_george, speed: 1.1}", "Hello.")])
def test_say_speaks_with_every_new_voice(tmp_path, voice, text):
    import miniaudio

    out = tmp_path / "say.mp3"
    done = kkaudio("say", text, "--voice", voice, "--engine", "kokoro", "-o", str(out))
    assert done.returncode == 0, done.stderr
    decoded = miniaudio.decode(out.read_bytes(), nchannels=1)
    assert decoded.num_frames / decoded.sample_rate > 0.5
