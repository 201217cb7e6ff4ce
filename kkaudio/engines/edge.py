"""Microsoft's online read-aloud voices through the `edge-tts` client.

One request per sentence-sized piece (edge-tts's own splitter can leave a chunk over the
service's 4096-byte limit in Chinese text without spaces), a bounded number in flight (the
service treats many parallel connections as abuse), and retries with exponential backoff and
jitter on the failures the service is known for: 403 (clock skew or throttling), 429, 5xx,
timeouts, dropped connections, "No audio was received".

The endpoint is a setting (`KKAUDIO_EDGE_ENDPOINT`, or `engines.edge.endpoint` in voices.yaml),
so tests and users behind proxies can point it elsewhere.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError, EngineError
from ..text.readings import unmark
from .base import Audio, Engine, PoolVoice, VoiceSettings, check_keys, check_range

SAMPLE_RATE = 24000  # the service sends audio-24khz-48kbitrate-mono-mp3
DEFAULT_JOBS = 4
MAX_JOBS = 16  # well under the ~40 parallel connections the service treats as abuse
ZH_VOICES = ("zh-CN-YunyangNeural", "zh-CN-YunjianNeural", "zh-CN-YunxiNeural", "zh-CN-XiaoxiaoNeural",
             "zh-CN-XiaoyiNeural")
_VOICE = re.compile(r"^[a-z]{2,3}-[A-Z]{2,4}(?:-[A-Za-z]+)?-[A-Za-z]+Neural$")
_PERCENT = re.compile(r"^[+-]\d+%$")
_HERTZ = re.compile(r"^[+-]\d+Hz$")


# The service's own voices, by the transcripts they suit (zh-TW's for traditional Chinese).
_POOL = (
    ("zh-hans", "zh-CN-YunyangNeural", "male"), ("zh-hans", "zh-CN-YunxiNeural", "male"),
    ("zh-hans", "zh-CN-YunjianNeural", "male"), ("zh-hans", "zh-CN-XiaoxiaoNeural", "female"),
    ("zh-hans", "zh-CN-XiaoyiNeural", "female"), ("zh-hans", "zh-CN-liaoning-XiaobeiNeural", "female"),
    ("zh-hant", "zh-TW-YunJheNeural", "male"), ("zh-hant", "zh-TW-HsiaoChenNeural", "female"),
    ("zh-hant", "zh-TW-HsiaoYuNeural", "female"), ("zh-hant", "zh-HK-WanLungNeural", "male"),
    ("en", "en-US-GuyNeural", "male"), ("en", "en-US-ChristopherNeural", "male"),
    ("en", "en-US-EricNeural", "male"), ("en", "en-US-JennyNeural", "female"),
    ("en", "en-US-AriaNeural", "female"), ("en", "en-US-MichelleNeural", "female"),
)


class EdgeRequestFailed(EngineError):
    """A piece still failed after every retry."""

    def __init__(self, message: str, index: int):
        super().__init__(message)
        self.index = index  # which piece: synth.py names its chapter and turn


@dataclass(frozen=True)
class EdgeVoice(VoiceSettings):
    voice: str
    rate: str = "+0%"
    volume: str = "+0%"
    pitch: str = "+0Hz"


@dataclass(frozen=True)
class Retry:
    attempts: int = 6
    base_delay: float = 1.0  # seconds; doubles each attempt, with jitter
    max_delay: float = 30.0
    timeout: float = 60.0  # per request


class EdgeEngine(Engine):
    name = "edge"
    summary = "Microsoft Edge online neural voices (needs internet; best quality)"
    cpus = 0  # it waits on the service; --jobs bounds its requests in flight

    def __init__(self, endpoint: str | None = None, jobs: int = DEFAULT_JOBS, retry: Retry = Retry()) -> None:
        try:
            import edge_tts  # noqa: F401
            import miniaudio  # noqa: F401
        except ImportError as exc:  # pragma: no cover - dependencies of the package
            raise EngineError(f"engine 'edge' needs edge-tts and miniaudio: {exc}") from exc
        self.endpoint = _endpoint(endpoint or os.environ.get("KKAUDIO_EDGE_ENDPOINT"))
        if not 1 <= jobs <= MAX_JOBS:
            raise EngineError(f"edge: --jobs must be from 1 to {MAX_JOBS}")
        self.jobs = jobs
        self.retry = retry

    @classmethod
    def parse_settings(cls, raw: Mapping[str, Any], where: str) -> Mapping[str, Any]:
        check_keys(raw, {"endpoint", "jobs", "retries", "retry_delay", "timeout"}, where)
        out: dict[str, Any] = {}
        if "endpoint" in raw:
            if not isinstance(raw["endpoint"], str) or not re.match(r"wss?://[^/\s]+", raw["endpoint"]):
                raise ConfigError(f"{where}.endpoint must be a ws:// or wss:// URL, got {raw['endpoint']!r}")
            out["endpoint"] = raw["endpoint"]
        if "jobs" in raw:
            if isinstance(raw["jobs"], bool) or not isinstance(raw["jobs"], int) or not 1 <= raw["jobs"] <= MAX_JOBS:
                raise ConfigError(f"{where}.jobs must be a whole number from 1 to {MAX_JOBS}")
            out["jobs"] = raw["jobs"]
        if "retries" in raw:
            if isinstance(raw["retries"], bool) or not isinstance(raw["retries"], int) or not 0 <= raw["retries"] <= 20:
                raise ConfigError(f"{where}.retries must be a whole number from 0 to 20")
            out["retries"] = raw["retries"]
        for key, hi in (("retry_delay", 60), ("timeout", 600)):
            if key in raw:
                value = check_range(raw, key, 0.001, hi, 1, where)
                out[key] = float(value)
        return out

    @classmethod
    def create(cls, settings: Mapping[str, Any], jobs: int | None) -> EdgeEngine:
        # The environment wins over the file: it is how a user behind a proxy redirects one run.
        endpoint = os.environ.get("KKAUDIO_EDGE_ENDPOINT") or settings.get("endpoint")
        retry = Retry(attempts=settings.get("retries", 5) + 1, base_delay=settings.get("retry_delay", 1.0),
                      timeout=settings.get("timeout", 60.0))
        return cls(endpoint=endpoint, jobs=jobs or settings.get("jobs", DEFAULT_JOBS), retry=retry)

    @classmethod
    def parse_voice(cls, raw: Mapping[str, Any], where: str) -> EdgeVoice:
        check_keys(raw, {"voice", "rate", "volume", "pitch"}, where)
        voice = raw.get("voice")
        if not isinstance(voice, str) or not _VOICE.match(voice):
            raise ConfigError(f"{where}.voice must be a service voice name such as zh-CN-YunyangNeural, got {voice!r}")
        for key, pattern, example in (("rate", _PERCENT, "+10%"), ("volume", _PERCENT, "-5%"),
                                      ("pitch", _HERTZ, "+5Hz")):
            value = raw.get(key)
            if value is not None and (not isinstance(value, str) or not pattern.match(value)):
                raise ConfigError(f"{where}.{key} must look like {example!r}, got {value!r}")
        return EdgeVoice(voice=voice, **{k: raw[k] for k in ("rate", "volume", "pitch") if k in raw})

    @property
    def version(self) -> str:
        # The service's voices change without notice; the client version is what we can name.
        import edge_tts

        return f"edge-tts {edge_tts.__version__}"

    @classmethod
    def voice_pool(cls) -> tuple[PoolVoice, ...]:
        return tuple(PoolVoice(name, gender, {"voice": name}, (lang,)) for lang, name, gender in _POOL)

    @classmethod
    def list_voices(cls) -> list[str]:
        import edge_tts

        try:
            voices = asyncio.run(asyncio.wait_for(edge_tts.list_voices(), timeout=15))
        except Exception as exc:  # aiohttp, DNS and timeout errors alike: the service is unreachable
            raise EngineError(f"edge: cannot reach the voice list ({exc.__class__.__name__}); "
                              f"known Chinese voices include {', '.join(ZH_VOICES)}") from None
        return [f"{v['ShortName']} ({v['Gender'].lower()})" for v in voices if v["Locale"].startswith("zh-")]

    def synthesize(self, text: str, voice: VoiceSettings) -> Audio:
        return next(self.synthesize_many([(text, voice)]))[1]

    def synthesize_many(self, items: Sequence[tuple[str, VoiceSettings]]) -> Iterator[tuple[int, Audio]]:
        """Up to `jobs` requests at once; yields each piece as it arrives. When one fails for good,
        no new request starts, the ones in flight finish and are yielded, then the error is raised."""
        import queue

        results: queue.Queue = queue.Queue()
        stop = threading.Event()
        thread = threading.Thread(target=lambda: asyncio.run(self._run(items, results, stop)), daemon=True)
        thread.start()
        error = None
        try:
            while True:
                kind, index, payload = results.get()
                if kind == "done":
                    break
                if kind == "ok":
                    yield index, payload
                elif error is None:
                    error = payload
            if error is not None:
                raise error
        finally:
            stop.set()  # e.g. the caller stopped early (Ctrl-C): start nothing more
            thread.join(timeout=self.retry.timeout + 5)

    async def _run(self, items, results, stop: threading.Event) -> None:
        limit = asyncio.Semaphore(self.jobs)
        failed = asyncio.Event()

        async def one(index: int, text: str, voice: EdgeVoice) -> None:
            async with limit:
                if failed.is_set() or stop.is_set():
                    return
                try:
                    results.put(("ok", index, await self._with_retries(index, text, voice)))
                except EngineError as exc:
                    failed.set()
                    results.put(("error", index, exc))

        try:
            # The service reads characters its own way; reading marks are for engines with a G2P of ours.
            await asyncio.gather(*(one(i, unmark(t), v) for i, (t, v) in enumerate(items)))
        finally:
            results.put(("done", -1, None))

    async def _with_retries(self, index: int, text: str, voice: EdgeVoice) -> Audio:
        last = ""
        for attempt in range(self.retry.attempts):
            try:
                return await asyncio.wait_for(self._request(text, voice), timeout=self.retry.timeout)
            except Exception as exc:  # noqa: BLE001 - classified just below
                if not _retryable(exc):
                    raise EdgeRequestFailed(f"edge: {_describe(exc)}", index) from exc
                last = _describe(exc)
            delay = min(self.retry.max_delay, self.retry.base_delay * 2**attempt)
            await asyncio.sleep(delay * random.uniform(0.5, 1.0))  # jitter: do not retry in step
        raise EdgeRequestFailed(f"edge: still failing after {self.retry.attempts} attempts: {last}", index)

    async def _request(self, text: str, voice: EdgeVoice) -> Audio:
        import edge_tts
        import edge_tts.communicate
        import miniaudio

        # edge-tts reads WSS_URL, imported by name into its communicate module, when it
        # connects; every request of this process goes to one endpoint, so setting it is safe.
        edge_tts.communicate.WSS_URL = self.endpoint
        communicate = edge_tts.Communicate(text, voice.voice, rate=voice.rate, volume=voice.volume,
                                           pitch=voice.pitch, boundary="SentenceBoundary",
                                           receive_timeout=int(self.retry.timeout))
        mp3 = bytearray()
        spoken_until = 0.0  # seconds: the end of the last sentence the service says it spoke
        async for chunk in communicate.stream():
            if chunk["type"] == "audio":
                mp3 += chunk["data"]
            elif chunk["type"] == "SentenceBoundary":
                spoken_until = max(spoken_until, (chunk["offset"] + chunk["duration"]) / 10_000_000)
        try:
            decoded = miniaudio.decode(bytes(mp3), output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1,
                                       sample_rate=SAMPLE_RATE)
        except miniaudio.DecodeError as exc:
            raise _BadAudio(f"the service sent audio that does not decode ({exc})") from exc
        audio = Audio(decoded.samples.tobytes(), SAMPLE_RATE)
        # edge-tts ends the stream quietly when the connection drops mid-audio; the sentence
        # boundaries tell how long the audio should have been.
        if audio.duration_ms / 1000 < spoken_until - 0.05:
            raise _BadAudio(f"the connection dropped mid-sentence ({audio.duration_ms / 1000:.2f} s of "
                            f"{spoken_until:.2f} s arrived)")
        return audio


class _BadAudio(Exception):
    pass


def _endpoint(url: str | None) -> str:
    import edge_tts.constants

    if not url:
        return edge_tts.constants.WSS_URL
    if not re.match(r"wss?://[^/\s]+", url):
        raise EngineError(f"edge endpoint must be a ws:// or wss:// URL, got {url!r}")
    # edge-tts appends "&ConnectionId=…" to it, so the URL must already have its "?".
    return url if "?" in url else url + "?"


def _retryable(exc: BaseException) -> bool:
    import aiohttp
    from edge_tts.exceptions import NoAudioReceived, UnexpectedResponse, WebSocketError

    if isinstance(exc, aiohttp.ClientResponseError):  # includes a refused WebSocket handshake
        return exc.status in (403, 408, 429) or exc.status >= 500
    return isinstance(exc, (asyncio.TimeoutError, aiohttp.ClientError, NoAudioReceived, WebSocketError,
                            UnexpectedResponse, ConnectionError, _BadAudio))


def _describe(exc: BaseException) -> str:
    status = getattr(exc, "status", None)
    if status:  # aiohttp's text repeats the URL with its tokens: keep the status and reason
        return f"HTTP {status} {getattr(exc, 'message', '')}".strip()
    return str(exc).strip() or exc.__class__.__name__
