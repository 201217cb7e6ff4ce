"""Writes that cannot be half-done: a temp file in the same folder, then os.replace."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import OutputError


def _mkstemp_beside(path: Path) -> tuple[int, Path]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return fd, Path(tmp)


def temp_beside(path: Path) -> Path:
    """A new empty temp file in `path`'s folder (made if need be), named so that
    remove_stale_temp_files finds it: for writers that want a path, not bytes (onnxruntime)."""
    fd, tmp = _mkstemp_beside(path)
    os.close(fd)
    return tmp


def _write_temp(path: Path, data: bytes, finish: Callable[[Path], None] | None) -> Path:
    """`data` in a temp file beside `path`, whole and on disk; `finish` may edit it (add tags)."""
    fd, tmp_path = _mkstemp_beside(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if finish is not None:
            finish(tmp_path)
        with open(tmp_path, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp_path, 0o644)
    except BaseException as exc:
        tmp_path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return tmp_path


def write_bytes(path: Path, data: bytes, finish: Callable[[Path], None] | None = None) -> None:
    """Atomically write `data` to `path`: readers see the old file or the new one, never half."""
    tmp = _write_temp(path, data, finish)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def read_if_present(path: Path) -> bytes | None:
    """The bytes in `path`, or None if it cannot be read: to compare what a render would write
    with what is there, and leave an unchanged file alone."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def read_json(path: Path) -> dict:
    """The JSON object in `path`, or {} if it is missing, unreadable or not an object: for files
    the program writes itself and can make again (manifests, remembered choices)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


TEMP_GLOB = ".*.tmp"  # what mkstemp above names its files; a killed process may leave some


class Staging:
    """Files written now, each whole, and moved into place together by commit().

    A render stages everything it makes, then commits in one quick pass, so a kill before
    the commit leaves every earlier output as it was, and one during it leaves each file whole.
    """

    def __init__(self) -> None:
        self._moves: list[tuple[Path, Path]] = []
        self._removals: list[Path] = []

    def remove(self, path: Path) -> None:
        """Delete `path` at commit, after the new files are in place."""
        self._removals.append(path)

    def write(self, path: Path, data: bytes, finish: Callable[[Path], None] | None = None) -> Path:
        """Stage `data` for `path`; returns the staged file, readable until commit."""
        tmp = _write_temp(path, data, finish)
        self._moves.append((tmp, path))
        return tmp

    def write_text(self, path: Path, text: str) -> Path:
        return self.write(path, text.encode("utf-8"))

    def commit(self) -> None:
        try:
            for tmp, path in self._moves:
                os.replace(tmp, path)
            for path in self._removals:
                path.unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        finally:
            self.discard()

    def discard(self) -> None:
        for tmp, _ in self._moves:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._moves = []


def remove_stale_temp_files(folder: Path) -> int:
    """Temp files a killed render left behind (call only while holding the output's lock)."""
    removed = 0
    for tmp in folder.rglob(TEMP_GLOB):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


def check_writable(folder: Path) -> None:
    """Fail now, before any work, if `folder` cannot hold our output."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output {folder} is a file, not a folder; choose another --out")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".kkaudio-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write to output folder {folder}: {exc.strerror or exc}") from None
