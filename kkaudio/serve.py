"""Serve the output folder on 127.0.0.1 so a podcast app on this machine can subscribe and seek.

aiohttp's FileResponse does the HTTP parts (Range -> 206 with Content-Range, If-Modified-Since,
HEAD); this module chooses files safely and gives podcast MIME types.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

from .errors import OutputError

DEFAULT_PORT = 8008
MIME = {
    ".mp3": "audio/mpeg",
    ".xml": "application/rss+xml",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".md": "text/markdown",
}


def mime_type(path: Path) -> str:
    if path.name == "chapters.json":
        return "application/json+chapters"
    return MIME.get(path.suffix.lower(), "application/octet-stream")


def make_app(root: Path) -> web.Application:
    root = root.resolve()

    async def handle(request: web.Request) -> web.StreamResponse:
        rel = request.match_info["path"] or "feed.xml"
        path = (root / rel).resolve()
        # No way out of the folder (.., symlinks), and nothing hidden (the manifest, temp files, lock).
        if not path.is_relative_to(root) or any(p.startswith(".") for p in path.relative_to(root).parts):
            raise web.HTTPNotFound()
        if not path.is_file():
            raise web.HTTPNotFound()
        mime = mime_type(path)
        charset = "; charset=utf-8" if mime.startswith(("text/", "application/rss", "application/json")) else ""
        return web.FileResponse(path, headers={"Content-Type": mime + charset, "Access-Control-Allow-Origin": "*"})

    app = web.Application()
    app.router.add_get("/{path:.*}", handle)  # and HEAD
    return app


def serve(root: Path, port: int, on_ready: Callable[[], None]) -> None:
    """Serve until interrupted; `on_ready` runs once the port is bound."""
    if not (root / "feed.xml").is_file():
        raise OutputError(f"{root} has no feed.xml; run kkaudio render first (or pass --out)")
    asyncio.run(_run(root, port, on_ready))


async def _run(root: Path, port: int, on_ready: Callable[[], None]) -> None:
    runner = web.AppRunner(make_app(root))
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, "127.0.0.1", port).start()
        except OSError as exc:
            raise OutputError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}; try --port") from None
        on_ready()
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def feed_urls(port: int) -> list[str]:
    return [f"http://127.0.0.1:{port}/feed.xml", f"http://127.0.0.1:{port}/feed-chapters.xml"]
