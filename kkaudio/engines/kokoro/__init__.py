"""Kokoro-82M, the default engine: engine.py (the engine and its voices), sessions.py (the model
and its onnxruntime sessions), phonemes.py (text to phonemes), graph.py (the graph rewrites),
tones.py (Mandarin tones made clearer)."""

from .engine import KokoroEngine, KokoroVoice

__all__ = ["KokoroEngine", "KokoroVoice"]
