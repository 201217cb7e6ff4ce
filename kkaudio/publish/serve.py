"""Serve the output folder so a podcast app or a browser can subscribe, play and seek.

aiohttp's FileResponse does the HTTP parts (Range -> 206 with Content-Range, If-Modified-Since,
HEAD); this module chooses files safely, answers a folder with its index.html as static hosts
do, and gives podcast MIME types. It listens on 127.0.0.1 unless told another address.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

from ..errors import OutputError

MIME = {
    ".mp3": "audio/mpeg",
    ".xml": "application/rss+xml",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".md": "text/markdown",
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
}


def mime_type(path: Path) -> str:
    if path.name == "chapters.json":
        return "application/json+chapters"
    return MIME.get(path.suffix.lower(), "application/octet-stream")


def make_app(root: Path) -> web.Application:
    root = root.resolve()

    async def handle(request: web.Request) -> web.StreamResponse:
        rel = request.match_info["path"]
        path = (root / rel).resolve()
        # No way out of the folder (.., symlinks), and nothing hidden (the manifest, temp files, lock).
        if not path.is_relative_to(root) or any(p.startswith(".") for p in path.relative_to(root).parts):
            raise web.HTTPNotFound()
        if path.is_dir():
            if rel and not rel.endswith("/"):  # /slug -> /slug/, so the page's relative URLs work
                raise web.HTTPMovedPermanently(f"/{rel}/")
            path = path / "index.html" if (path / "index.html").is_file() else path / "feed.xml"
        if not path.is_file():
            raise web.HTTPNotFound()
        mime = mime_type(path)
        charset = "; charset=utf-8" if mime.startswith(("text/", "application/rss", "application/json")) else ""
        return web.FileResponse(path, headers={"Content-Type": mime + charset, "Access-Control-Allow-Origin": "*"})

    app = web.Application()
    app.router.add_get("/{path:.*}", handle)  # and HEAD
    return app


def serve(root: Path, port: int, on_ready: Callable[[], None], host: str = "127.0.0.1") -> None:
    """Serve until interrupted; `on_ready` runs once the port is bound."""
    if not (root / "feed.xml").is_file():
        raise OutputError(f"{root} has no feed.xml; run kkaudio render first (or pass --out)")
    asyncio.run(_run(root, port, on_ready, host))


async def _run(root: Path, port: int, on_ready: Callable[[], None], host: str = "127.0.0.1") -> None:
    runner = web.AppRunner(make_app(root))
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as exc:
            raise OutputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; try --port or --host") from None
        on_ready()
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def feed_urls(port: int, host: str = "127.0.0.1") -> list[str]:
    host = f"[{host}]" if ":" in host else host
    return [f"http://{host}:{port}/feed.xml", f"http://{host}:{port}/feed-chapters.xml"]


def lan_address() -> str:
    """This machine's address as its own name resolves, for the printout."""
    import socket

    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"
