"""Every error a user can cause is a KkaudioError; only cli/ turns them into messages."""

from __future__ import annotations

from pathlib import Path


class KkaudioError(Exception):
    """Base class of every error kkaudio reports to its user."""


class ScriptError(KkaudioError):
    """The transcript cannot be read or has no usable structure."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)


class NoDialogueError(ScriptError):
    """The transcript names nobody who speaks (no labels, no speaker fields, no voice tags)."""


class ConfigError(KkaudioError):
    """voices.yaml is missing, malformed or names something that does not exist."""


class EngineError(KkaudioError):
    """A speech engine is unknown, cannot load, or failed to synthesise."""


class OutputError(KkaudioError):
    """The output folder cannot be written."""


class ClusterError(KkaudioError):
    """The Ray cluster cannot be reached or used (--cluster)."""
