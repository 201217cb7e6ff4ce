"""Speech engines behind one interface; see base.py."""

from .base import Audio, Engine, VoiceSettings, engine_class, engine_names, register, unregister

__all__ = ["Audio", "Engine", "VoiceSettings", "engine_class", "engine_names", "register", "unregister"]
