"""A local stand-in of Microsoft's read-aloud WebSocket service, for testing the edge engine offline.

It speaks enough of the protocol for the real edge-tts client: it takes `speech.config` and `ssml`
messages and answers `turn.start`, `audio.metadata` (a SentenceBoundary), binary `Path:audio`
frames of real MP3 (a tone as long as the text, made with LAME at test time: no media is
committed) and `turn.end`. It can be told to fail, connection by connection or by text.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import struct
import threading
import uuid
from collections import deque
from email.utils import formatdate
from html import unescape

import lameenc
from aiohttp import web

MODES = ("ok", "403", "429", "500", "drop", "no_audio", "hang")


def tone_mp3(seconds: float, rate: int = 24000, freq: float = 220.0) -> bytes:
    n = int(seconds * rate)
    pcm = struct.pack(f"<{n}h", *(int(6000 * math.sin(2 * math.pi * freq * i / rate)) for i in range(n)))
    enc = lameenc.Encoder()
    enc.set_bit_rate(48)
    enc.set_in_sample_rate(rate)
    enc.set_channels(1)
    enc.set_quality(7)
    return bytes(enc.encode(pcm) + enc.flush())


def seconds_for(text: str) -> float:
    return max(0.3, 0.1 * len(text))


class StandIn:
    def __init__(self) -> None:
        self.plan: deque[str] = deque()  # modes for the next connections, then `default`
        self.default = "ok"
        self.fail_text: str | None = None  # every request whose text holds this fails (429)
        self.delay = 0.0  # seconds before answering each request
        self.connections = 0
        self.active = 0
        self.max_active = 0
        self.texts: list[str] = []
        self.voices: list[str] = []
        self.url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None

    def fail_next(self, *modes: str) -> None:
        self.plan.extend(modes)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.connections += 1
        mode = self.plan.popleft() if self.plan else self.default
        if mode in ("403", "429", "500"):
            # edge-tts reads the Date header of a 403 to correct its clock.
            return web.Response(status=int(mode), headers={"Date": formatdate(usegmt=True)})
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        try:
            config = await ws.receive_str()
            assert "Path:speech.config" in config
            ssml = await ws.receive_str()
            request_id = re.search(r"X-RequestId:(\w+)", ssml).group(1)
            voice = re.search(r"<voice name='([^']+)'>", ssml).group(1)
            # edge-tts sends the long form: "Microsoft Server Speech Text to Speech Voice (zh-CN, YunyangNeural)"
            long_form = re.fullmatch(r".*\((\w+-\w+), (\w+)\)", voice)
            voice = f"{long_form.group(1)}-{long_form.group(2)}" if long_form else voice
            text = unescape(re.search(r"<prosody [^>]*>(.*)</prosody>", ssml, re.S).group(1))
            self.texts.append(text)
            self.voices.append(voice)
            if self.fail_text and self.fail_text in text:
                await ws.close(code=1011, message=b"throttled")
                return ws
            if self.delay:
                await asyncio.sleep(self.delay)
            if mode == "hang":  # never answers; the client's timeout must end it
                await asyncio.sleep(60)
            await ws.send_str(self._text(request_id, "turn.start", {"context": {"serviceTag": "standin"}}))
            if mode != "no_audio":
                seconds = seconds_for(text)
                ticks = int(seconds * 10_000_000)
                await ws.send_str(self._text(request_id, "audio.metadata", {"Metadata": [{
                    "Type": "SentenceBoundary",
                    "Data": {"Offset": 1_000_000, "Duration": ticks - 1_000_000,
                             "text": {"Text": text, "Length": len(text), "BoundaryType": "SentenceBoundary"}},
                }]}))
                audio = tone_mp3(seconds)
                chunks = [audio[i : i + 4096] for i in range(0, len(audio), 4096)]
                if mode == "drop":
                    chunks = chunks[: max(1, len(chunks) // 2)]
                for chunk in chunks:
                    await ws.send_bytes(self._audio(request_id, chunk))
                if mode == "drop":  # the connection dies mid-stream, no goodbye
                    request.transport.close()
                    return ws
                await ws.send_bytes(self._audio(request_id, b"", content_type=None))
            await ws.send_str(self._text(request_id, "turn.end", {}))
            await ws.close()
            return ws
        finally:
            self.active -= 1

    @staticmethod
    def _text(request_id: str, path: str, body: dict) -> str:
        return (f"X-RequestId:{request_id}\r\nContent-Type:application/json; charset=utf-8\r\n"
                f"Path:{path}\r\n\r\n{json.dumps(body, ensure_ascii=False)}")

    @staticmethod
    def _audio(request_id: str, data: bytes, content_type: str | None = "audio/mpeg") -> bytes:
        lines = [f"X-RequestId:{request_id}", f"X-StreamId:{uuid.uuid4().hex}", "Path:audio"]
        if content_type:
            lines.append(f"Content-Type:{content_type}")
        header = ("\r\n".join(lines) + "\r\n").encode()
        return len(header).to_bytes(2, "big") + header + data

    def start(self) -> None:
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            app = web.Application()
            app.router.add_get("/edge/v1", self._handle)
            self._runner = web.AppRunner(app, shutdown_timeout=0.5)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            self._loop.run_until_complete(site.start())
            port = site._server.sockets[0].getsockname()[1]
            self.url = f"ws://127.0.0.1:{port}/edge/v1?TrustedClientToken=standin"
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        ready.wait(10)

    def stop(self) -> None:
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
