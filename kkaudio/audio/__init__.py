"""Clips to finished audio files: plan.py (the clips a Script needs), synth.py (made or taken from
cache.py), assemble.py (chapters stitched, loudness.py), mp3.py (encoded), tags.py (ID3),
cover.py (the artwork), analysis.py (pitch and timbre, for tests and benchmarks)."""
