"""The pipeline's runs: render.py (transcripts to the whole show, incremental and staged),
episode.py (one episode's files), inputs.py (a transcript with its sidecar), cluster.py (synthesis
on Ray), say.py (one line in one voice)."""
