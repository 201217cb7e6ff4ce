"""`kkaudio say`: one line in one voice, read back with a decoder; its clips feed the cache."""

from __future__ import annotations

import wave

import miniaudio
import numpy as np
import pytest
from click.testing import CliRunner

from kkaudio.cli import cli

from .conftest import ToneEngine
from .test_cli import invoke


def _dominant_hz(path) -> float:
    with wave.open(str(path)) as w:
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
        rate = w.getframerate()
    spectrum = np.abs(np.fft.rfft(x))
    return float(np.argmax(spectrum) * rate / len(x))


def test_speaker_by_label_in_its_voice_and_the_cache_reused(voices_file):
    runner = CliRunner()
    for speaker, hz in (("K.K.", 120), ("liurun", 180)):  # a label, then an id
        result = runner.invoke(cli, ["say", "你好，世界。再见。", "--speaker", speaker, "-o", f"{speaker}.wav"])
        assert result.exit_code == 0, result.output
        assert _dominant_hz(voices_file.parent / f"{speaker}.wav") == pytest.approx(hz, abs=3)
    calls = ToneEngine.calls
    again = runner.invoke(cli, ["say", "你好，世界。再见。", "--speaker", "liurun", "-o", "again.wav"])
    assert again.exit_code == 0 and "all clips from the cache" in again.output
    assert ToneEngine.calls == calls
    # Two sentences (the tone engine: 80 ms a character) and the configured 0.2 s between them.
    with wave.open(str(voices_file.parent / "again.wav")) as w:
        seconds = w.getnframes() / w.getframerate()
    assert seconds == pytest.approx(0.08 * len("你好，世界。") + 0.2 + 0.08 * len("再见。"), abs=0.02)


def test_espeak_pool_voice_to_mp3(espeak_voices_file):
    result = invoke("say", "5000天后的世界，会是什么样子？", "--engine", "espeak", "--voice", "cmn-f-bright",
                    "-o", "line.mp3")
    assert result.returncode == 0, result.stderr
    assert "voice cmn-f-bright" in result.stdout
    decoded = miniaudio.mp3_read_file_f32(str(espeak_voices_file.parent / "line.mp3"))
    samples = np.asarray(decoded.samples)
    assert decoded.num_frames / decoded.sample_rate > 1.5  # "five thousand days later …", not a blip
    assert np.sqrt(np.mean(samples**2)) > 0.02


@pytest.mark.parametrize("args, message", [
    (["--voice", "nobody"], "no pool voice 'nobody'"),
    (["--speaker", "nobody"], "no speaker 'nobody'"),
    (["--voice", "cmn-f-bright", "--speaker", "kk"], "not both"),
    (["--voice", "{variant: [1"], "not a YAML mapping"),
    (["-o", "line.ogg"], "writes .mp3 or .wav"),
])
def test_bad_say_is_one_line_and_writes_nothing(espeak_voices_file, args, message):
    result = invoke("say", "你好。", "--engine", "espeak", *args)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert sorted(p.name for p in espeak_voices_file.parent.iterdir()) == ["voices.yaml"]


def test_say_and_casting_fall_back_to_the_same_pool_voices(voices_file):
    """A language no pool voice lists: `say` speaks in the first voice casting would choose from
    (voices for some language before a voice that lists none), not the pool's first."""
    from kkaudio.casting.voices import language_pool
    from kkaudio.config import load_config
    from kkaudio.engines.base import PoolVoice
    from kkaudio.pipeline.say import choose_voice

    class Pooled(ToneEngine):
        @classmethod
        def voice_pool(cls):
            return (PoolVoice("bare", "male", {"freq": 100}, ()), PoolVoice("zh", "male", {"freq": 200}, ("zh-hans",)))

    assert [v.name for v in language_pool(Pooled, "fr")] == ["zh"]
    assert [v.name for v in language_pool(Pooled, "zh-hans")] == ["zh"]
    assert choose_voice(Pooled, load_config(voices_file), None, None, "fr")[1] == "zh"
