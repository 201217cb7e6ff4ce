"""Modules imported when first used, not when named: a command that never needs one (`readings`,
`script`) does not pay for it."""

from __future__ import annotations

import importlib
from typing import Any


class _Deferred:
    """Stands for a module; its first attribute read imports it. Through `import_module` on every
    read, not importlib's LazyLoader: two threads that touch it first at once (the engine's lanes
    preparing their graphs) both get the module whole, on Python 3.10 and 3.11 too, where
    LazyLoader lets the second see it half made."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, imported on first use>"


def lazy_module(name: str) -> Any:
    """`name`, imported on the first attribute read: `onnx = lazy_module("onnx")`, then `onnx.helper`."""
    return _Deferred(name)
