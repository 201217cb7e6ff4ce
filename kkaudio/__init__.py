"""kkaudio: turn an interview transcript into a podcast."""

__version__ = "0.1.0"
