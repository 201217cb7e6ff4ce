"""The edge engine against a local stand-in of the service (edge_standin.py): no network.

A live test against the real service runs only with KKAUDIO_LIVE=1.
"""

from __future__ import annotations

import json
import os
import time

import feedparser
import pytest
from click.testing import CliRunner

from kkaudio.cli import cli
from kkaudio.engines.edge import EdgeEngine, EdgeRequestFailed, EdgeVoice, Retry
from kkaudio.errors import ConfigError

from .edge_standin import StandIn, seconds_for

VOICE = EdgeVoice(voice="zh-CN-YunyangNeural")
QUICK = Retry(attempts=4, base_delay=0.01, timeout=3)
LONG = "这是一个比较长的句子，用来测试连接在中途断开的情况。" * 3


@pytest.fixture
def standin():
    server = StandIn()
    server.start()
    yield server
    server.stop()


def engine(server: StandIn, jobs: int = 4, retry: Retry = QUICK) -> EdgeEngine:
    return EdgeEngine(endpoint=server.url, jobs=jobs, retry=retry)


def test_a_sentence_comes_back_as_24khz_pcm_of_the_right_length(standin):
    audio = engine(standin).synthesize("你好，世界。", VOICE)
    assert audio.rate == 24000
    assert audio.duration_ms / 1000 == pytest.approx(seconds_for("你好，世界。"), abs=0.08)
    assert standin.texts == ["你好，世界。"] and standin.voices == ["zh-CN-YunyangNeural"]


@pytest.mark.parametrize("mode", ["403", "429", "500", "drop", "no_audio",
                                  pytest.param("hang", marks=pytest.mark.slow)])  # hang: a 5 s timeout
def test_each_failure_is_recovered_by_retrying(standin, mode):
    standin.fail_next(mode, mode)
    audio = engine(standin).synthesize(LONG, VOICE)
    assert audio.duration_ms / 1000 == pytest.approx(seconds_for(LONG), abs=0.08)
    # Two failures, then success (edge-tts itself retries a 403 once, with the server's clock).
    assert standin.connections >= 3


def test_a_permanent_failure_is_a_clear_error(standin):
    standin.default = "429"
    with pytest.raises(EdgeRequestFailed, match=r"edge: still failing after 4 attempts: HTTP 429"):
        engine(standin).synthesize("你好。", VOICE)
    assert standin.connections == 4


def test_parallel_requests_never_exceed_jobs_and_arrive_whole(standin):
    standin.delay = 0.05
    items = [(f"第{i}句话。", VOICE) for i in range(40)]
    got = dict(engine(standin, jobs=4).synthesize_many(items))
    assert sorted(got) == list(range(40))
    assert standin.max_active <= 4
    assert standin.max_active >= 2  # it did run in parallel


@pytest.mark.slow  # timed
def test_four_jobs_are_at_least_three_times_faster_than_one(standin):
    # The service's wait (0.3 s a request) dominates: with 0.1 s, the stand-in's and the client's
    # own work on a slow 2-core machine left 4 jobs 2.9x faster than one.
    standin.delay = 0.3
    items = [(f"句子{i}。", VOICE) for i in range(16)]
    timings = {}
    for jobs in (1, 4):
        started = time.perf_counter()
        assert len(list(engine(standin, jobs=jobs).synthesize_many(items))) == 16
        timings[jobs] = time.perf_counter() - started
    assert timings[1] / timings[4] >= 3.0, timings


EDGE_YAML = """\
engine: edge
show: {{title: 测试节目, base_url: http://podcast.example/shows}}
engines:
  edge: {{endpoint: "{endpoint}", jobs: 3, retries: 1, retry_delay: 0.01, timeout: 5}}
speakers:
  liurun: {{name: 刘润, role: host, aliases: [刘润], voices: {{edge: {{voice: zh-CN-YunyangNeural, rate: "+5%"}}}}}}
  kk: {{name: Kevin Kelly, role: guest, aliases: [K.K.], voices: {{edge: {{voice: zh-CN-YunxiNeural, pitch: "-5Hz"}}}}}}
  narrator: {{name: 旁白, role: narrator, aliases: [旁白], voices: {{edge: {{voice: zh-CN-XiaoxiaoNeural}}}}}}
pauses: {{chapter: 1.0}}
script: {{boilerplate: [返回列表页], end_markers: [推荐阅读]}}
"""


def edge_voices(tmp_path, endpoint: str):
    path = tmp_path / "voices.yaml"
    path.write_text(EDGE_YAML.format(endpoint=endpoint), encoding="utf-8")
    return path


def test_a_full_render_through_the_stand_in(standin, tmp_path, two_chapters):
    voices = edge_voices(tmp_path, standin.url)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", str(two_chapters), "--out", str(out), "--voices", str(voices)])
    assert result.exit_code == 0, result.output
    assert set(standin.voices) == {"zh-CN-YunyangNeural", "zh-CN-YunxiNeural", "zh-CN-XiaoxiaoNeural"}
    assert standin.max_active <= 3  # engines.edge.jobs
    assert not feedparser.parse(str(out / "feed.xml")).bozo
    cues = json.loads((out / "two-chapters" / "transcript.json").read_text(encoding="utf-8"))["segments"]
    for cue in cues:  # each clip's timing is the length of the audio the service sent for it
        assert cue["endTime"] - cue["startTime"] > 0.25


def test_a_clip_that_keeps_failing_stops_the_render_and_loses_nothing(standin, tmp_path, two_chapters):
    voices = edge_voices(tmp_path, standin.url)
    out = tmp_path / "out"
    standin.fail_text = "谢谢"  # the last turn of the fixture
    result = CliRunner().invoke(cli, ["render", str(two_chapters), "--out", str(out), "--voices", str(voices)])
    assert result.exit_code != 0
    message = str(result.exception)
    assert "chapter 2, turn 3 (谢谢。" in message and "still failing after 2 attempts" in message
    assert not (out / "feed.xml").exists()
    asked = len(set(standin.texts))
    standin.fail_text = None
    standin.texts.clear()
    result = CliRunner().invoke(cli, ["render", str(two_chapters), "--out", str(out), "--voices", str(voices)])
    assert result.exit_code == 0, result.output
    assert standin.texts == ["谢谢。"]  # only what was missing
    assert f"1 clips synthesised, {asked - 1} from cache" in result.output


def test_the_endpoint_can_come_from_the_environment(standin, monkeypatch):
    monkeypatch.setenv("KKAUDIO_EDGE_ENDPOINT", standin.url.split("?")[0])  # a "?" is added
    e = EdgeEngine.create({"endpoint": "ws://127.0.0.1:9/never"}, jobs=None)
    assert e.endpoint == standin.url.split("?")[0] + "?" and e.jobs == 4
    assert e.synthesize("好。", VOICE).duration_ms > 200


def test_voice_settings_are_validated():
    assert EdgeEngine.parse_voice({"voice": "zh-CN-YunxiNeural", "rate": "-10%", "pitch": "+2Hz"}, "w").rate == "-10%"
    for raw, message in [
        ({"voice": "Yunxi"}, "must be a service voice name"),
        ({"voice": "zh-CN-YunxiNeural", "rate": "fast"}, r"rate must look like '\+10%'"),
        ({"voice": "zh-CN-YunxiNeural", "pitch": "+2"}, r"pitch must look like '\+5Hz'"),
        ({"voice": "zh-CN-YunxiNeural", "volume": "50"}, "volume must look like"),
    ]:
        with pytest.raises(ConfigError, match=message):
            EdgeEngine.parse_voice(raw, "w")
    with pytest.raises(ConfigError, match="jobs must be a whole number from 1 to 16"):
        EdgeEngine.parse_settings({"jobs": 40}, "engines.edge")
    with pytest.raises(ConfigError, match="endpoint must be a ws:// or wss:// URL"):
        EdgeEngine.parse_settings({"endpoint": "http://x"}, "engines.edge")


def test_voices_says_plainly_when_the_service_is_unreachable(monkeypatch):
    async def unreachable(*_a, **_k):
        raise OSError("Network is unreachable")

    monkeypatch.setattr("edge_tts.list_voices", unreachable)
    result = CliRunner().invoke(cli, ["voices", "--engine", "edge"])
    assert result.exit_code == 0  # the built-in pool is still listed
    assert "cannot reach the voice list" in result.output
    assert "zh-CN-YunyangNeural" in result.output and "en-US-JennyNeural" in result.output


@pytest.mark.skipif(os.environ.get("KKAUDIO_LIVE") != "1", reason="talks to Microsoft's service; set KKAUDIO_LIVE=1")
def test_live_service():
    e = EdgeEngine(jobs=1)
    audio = e.synthesize("你好，这是一个测试。", VOICE)
    assert audio.rate == 24000 and audio.duration_ms > 1000
    assert any("YunyangNeural" in v for v in EdgeEngine.list_voices())
